"""Pandera models of the tables that join the two documents."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.cross.records import DiscrepancyKind, Status
from extract.schema import ID, _Table

STATUSES = [status.value for status in Status]
DISCREPANCY_KINDS = [kind.value for kind in DiscrepancyKind]


class Reconciliation(_Table):
    """Each deliverable id in either document (and each unnumbered Appendix row): where it stands in each and, if Annex I dropped it, whether it was merged and where."""

    deliverable_id: Series[str] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number found in either document; empty for an unnumbered Appendix row.",
    )
    appendix_row_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        ge=1,
        description="Activity-matrix row, where the Appendix has the deliverable.",
    )
    in_annex: Series[bool] = pa.Field(description="Whether Annex I carries this number.")
    in_appendix: Series[bool] = pa.Field(
        description="Whether the Appendix carries this number (or row)."
    )
    status: Series[str] = pa.Field(
        isin=STATUSES, description="matched, merged, appendix_only, annex_only or unlabelled."
    )
    merged_into: Series[str] = pa.Field(
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
    evidence: Series[str] = pa.Field(
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

    deliverable_id: Series[str] = pa.Field(
        str_matches=ID, description="Annex I deliverable concerned."
    )
    kind: Series[str] = pa.Field(
        isin=DISCREPANCY_KINDS,
        description="conclusion_mismatch, area_mismatch, timing_outside_range, schedule_missing or text_divergent.",
    )
    annex_value: Series[str] = pa.Field(
        nullable=True,
        description="What Annex I says (conclusion, area, quarters outside the range).",
    )
    appendix_value: Series[str] = pa.Field(nullable=True, description="What the Appendix says.")
    score: Series[pd.Float64Dtype] = pa.Field(
        nullable=True,
        ge=0,
        le=1,
        description="For text_divergent: the texts' weighted word overlap.",
    )
    message: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="The finding in words."
    )

    class Config:
        unique = ["deliverable_id", "kind"]


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "reconciliation": Reconciliation,
    "discrepancies": Discrepancies,
}
PRIMARY_KEYS: dict[str, list[str]] = {"discrepancies": ["deliverable_id", "kind"]}
# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("reconciliation", "merged_into", "annex_deliverables", "deliverable_id"),
    ("reconciliation", "appendix_row_no", "appendix_deliverables", "row_no"),
    ("discrepancies", "deliverable_id", "annex_deliverables", "deliverable_id"),
]
