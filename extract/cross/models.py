"""Pandera models of the tables that join the two documents."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.cross.records import DiscrepancyKind, Status
from extract.documents.gb328.models import timing_field
from extract.programme_constants import PROGRAMME
from extract.shared_models import AREAS, CONCLUSION, ID, PERIOD, RESTATED, WHERE, Text, _Table

STATUSES = [status.value for status in Status]
DISCREPANCY_KINDS = [kind.value for kind in DiscrepancyKind]
_KIND = "(" + "|".join(DISCREPANCY_KINDS) + ")"


class Reconciliation(_Table):
    """Each deliverable id in either document (and each unnumbered Appendix row): where it stands in each and, if Annex I dropped it, whether it was merged and where."""

    deliverable_id: Series[Text] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number found in either document; empty for an unnumbered Appendix row.",
    )
    appendix_row_no: Series[pd.Int64Dtype] = pa.Field(
        metadata=WHERE,
        nullable=True,
        ge=1,
        description="Activity-matrix row, where the Appendix has the deliverable.",
    )
    in_annex: Series[bool] = pa.Field(
        metadata=RESTATED, description="Whether Annex I carries this number."
    )
    in_appendix: Series[bool] = pa.Field(
        metadata=RESTATED, description="Whether the Appendix carries this number (or row)."
    )
    status: Series[Text] = pa.Field(
        isin=STATUSES, description="matched, merged, appendix_only, annex_only or unlabelled."
    )
    merged_into: Series[Text] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="For status merged: the Annex I deliverable that carries it.",
    )
    similarity: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="matched: weighted word overlap of the two texts; otherwise the best Annex I candidate's share of the Appendix text's words.",
    )
    evidence: Series[Text] = pa.Field(
        metadata=RESTATED,
        nullable=True,
        description="The best candidate, its scores and the words that carry the match.",
    )

    @pa.dataframe_check
    def status_fits_presence(cls, df: pd.DataFrame) -> pd.Series:
        expected = {
            "matched": (True, True),
            "merged": (False, True),
            "appendix_only": (False, True),
            "unlabelled": (False, True),
            "annex_only": (True, False),
        }
        return pd.Series(
            [
                expected.get(s) == (a, p)
                for s, a, p in zip(df.status, df.in_annex, df.in_appendix, strict=True)
            ],
            index=df.index,
        )

    @pa.dataframe_check
    def merged_names_target(cls, df: pd.DataFrame) -> pd.Series:
        return (df.status == "merged") == df.merged_into.notna()

    @pa.dataframe_check
    def ids_unique(cls, df: pd.DataFrame) -> pd.Series:
        ids = df.deliverable_id
        return ids.isna() | ~ids.duplicated(keep=False)


class Discrepancies(_Table):
    """Where Annex I and the GB.328 Appendix disagree about a deliverable."""

    deliverable_id: Series[Text] = pa.Field(
        str_matches=ID, description="Annex I deliverable concerned."
    )
    kind: Series[Text] = pa.Field(
        isin=DISCREPANCY_KINDS,
        description="conclusion_mismatch, area_mismatch, timing_outside_range, schedule_missing or text_divergent.",
    )
    annex_value: Series[Text] = pa.Field(
        nullable=True,
        description="What Annex I says (conclusion, area, quarters outside the range).",
    )
    appendix_value: Series[Text] = pa.Field(nullable=True, description="What the Appendix says.")
    score: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="For text_divergent: the texts' weighted word overlap.",
    )
    message: Series[Text] = pa.Field(
        metadata=RESTATED, str_length={"min_value": 1}, description="The finding in words."
    )

    class Config:
        unique = ["deliverable_id", "kind"]


class ProgrammeTable(_Table):
    """One row per deliverable id in either document (and the unnumbered Appendix row): what Annex I and the GB.328 Appendix each say about it, side by side."""

    deliverable_id: Series[Text] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number, e.g. '2.1'; empty for the Appendix row that has none.",
    )
    status: Series[Text] = pa.Field(
        isin=STATUSES,
        description="As in reconciliation: matched, merged, appendix_only, annex_only or unlabelled.",
    )
    merged_into: Series[Text] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="For status merged: the Annex I deliverable that carries it.",
    )
    annex_area_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        isin=AREAS,
        description="Annex I action area 1-5 (GB.328 numbering); empty when Annex I lacks the deliverable.",
    )
    annex_area: Series[Text] = pa.Field(
        nullable=True, description="Name of the Annex I action area, as GB.328 heads it."
    )
    appendix_area_nos: Series[Text] = pa.Field(
        nullable=True,
        str_matches=r"^[1-5](,[1-5])*$",
        description="Action areas the Appendix row names, comma-separated in the order named, e.g. '4,1'; empty when it names none.",
    )
    appendix_areas: Series[Text] = pa.Field(
        nullable=True,
        description="Names of those areas as GB.328 heads them, '; '-separated in the same order.",
    )
    annex_conclusion: Series[Text] = pa.Field(
        nullable=True,
        str_matches=CONCLUSION,
        description="ILC 2016 conclusion Annex I says the deliverable answers, e.g. '23(b)'.",
    )
    appendix_item_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        le=len(PROGRAMME.conclusion_letters),
        description="Follow-up item the Appendix row stands under.",
    )
    appendix_conclusion: Series[Text] = pa.Field(
        nullable=True,
        str_matches=CONCLUSION,
        description="Conclusion of that follow-up item, e.g. '23(b)'.",
    )
    annex_text: Series[Text] = pa.Field(nullable=True, description="Annex I deliverable text.")
    appendix_text: Series[Text] = pa.Field(
        nullable=True, description="Appendix deliverable text (empty for the unnumbered row)."
    )
    scheduled: Series[Text] = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}Q[1-4]( \d{4}Q[1-4])*$",
        description="Every quarter Annex I marks, space-separated in order, e.g. '2019Q1 2019Q2': pandas .str.contains('2020Q3'), SQL LIKE '%2020Q3%'.",
    )
    scheduled_first: Series[Text] = pa.Field(
        nullable=True, str_matches=PERIOD, description="First quarter Annex I marks."
    )
    scheduled_last: Series[Text] = pa.Field(
        nullable=True, str_matches=PERIOD, description="Last quarter Annex I marks."
    )
    scheduled_count: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=20,
        description="Number of quarters Annex I marks (0: none); empty when Annex I lacks the deliverable.",
    )
    # The Appendix's timing columns with their checks; empty where the Appendix lacks the row.
    appendix_timing_raw: Series[Text] = timing_field(
        "raw", "Appendix timing cell as printed, e.g. '2017–21'."
    )
    appendix_timing_kind: Series[Text] = timing_field(
        "kind",
        "How the Appendix timing reads: range, point, recurring, milestones or unspecified.",
    )
    appendix_timing_start: Series[Text] = timing_field(
        "start", "First quarter of the Appendix timing (range and point only)."
    )
    appendix_timing_end: Series[Text] = timing_field(
        "end", "Last quarter of the Appendix timing (range and point only)."
    )
    activities: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Number of Annex I key activities."
    )
    discrepancies: Series[Text] = pa.Field(
        nullable=True,
        str_matches=rf"^{_KIND}(; {_KIND})*$",
        description="Kinds of discrepancy found for the deliverable, '; '-separated (see the discrepancies table).",
    )
    annex_page_first: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Annex I page where the deliverable begins."
    )
    annex_page_last: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Annex I page where it ends."
    )
    appendix_row_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=1, description="Activity-matrix row of the Appendix."
    )
    appendix_page: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Page of that row (PDF: the page where it begins; text: the matrix's page block).",
    )

    @pa.dataframe_check
    def ids_unique(cls, df: pd.DataFrame) -> pd.Series:
        ids = df.deliverable_id
        return ids.isna() | ~ids.duplicated(keep=False)

    @pa.dataframe_check
    def sides_fit_status(cls, df: pd.DataFrame) -> pd.Series:
        in_annex = df.status.isin([Status.MATCHED, Status.ANNEX_ONLY])
        in_appendix = df.status != Status.ANNEX_ONLY
        return (df.annex_text.notna() == in_annex) & (df.appendix_row_no.notna() == in_appendix)

    @pa.dataframe_check
    def schedule_adds_up(cls, df: pd.DataFrame) -> pd.Series:
        quarters = df.scheduled.fillna("").str.split()
        count = quarters.map(len)
        first = quarters.map(lambda q: q[0] if q else None)
        last = quarters.map(lambda q: q[-1] if q else None)
        counted = df.scheduled_count.isna() | (df.scheduled_count == count)
        return (
            counted.astype(bool)
            & (df.scheduled_first.fillna("") == first.fillna(""))
            & (df.scheduled_last.fillna("") == last.fillna(""))
        )


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "reconciliation": Reconciliation,
    "discrepancies": Discrepancies,
    "programme": ProgrammeTable,
}
PRIMARY_KEYS: dict[str, list[str]] = {"discrepancies": ["deliverable_id", "kind"]}
# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("reconciliation", "merged_into", "annex_deliverables", "deliverable_id"),
    ("reconciliation", "appendix_row_no", "appendix_deliverables", "row_no"),
    ("discrepancies", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("programme", "merged_into", "annex_deliverables", "deliverable_id"),
    ("programme", "annex_area_no", "action_areas", "area_no"),
    ("programme", "appendix_item_no", "follow_up_items", "item_no"),
    ("programme", "appendix_row_no", "appendix_deliverables", "row_no"),
]
