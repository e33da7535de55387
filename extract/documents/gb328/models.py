"""Pandera models of the GB.328 tables."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.documents.gb328.records import TimingKind
from extract.shared_models import (
    AREAS,
    AS_PRINTED,
    CONCLUSION,
    ID,
    PAGE_BOXES,
    PERIOD,
    WHERE,
    Text,
    _Table,
)

TIMING_KINDS = [kind.value for kind in TimingKind]
# The checks of each Appendix timing column; the programme table repeats the four columns
# under its own names and descriptions (timing_field), so their checks are declared once.
_TIMING_CHECKS: dict[str, dict[str, Any]] = {
    "raw": {},
    "kind": {"isin": TIMING_KINDS},
    "start": {"str_matches": PERIOD},
    "end": {"str_matches": PERIOD},
}


def timing_field(
    part: str, description: str, *, nullable: bool = True, metadata: dict | None = None
) -> Any:
    """The model field of an Appendix timing column: part is raw, kind, start or end."""
    return pa.Field(
        nullable=nullable, description=description, metadata=metadata, **_TIMING_CHECKS[part]
    )


class Paragraphs(_Table):
    """The numbered paragraphs 1-37 of GB.328/INS/5/1(Add.1), whole and in order."""

    para_no: Series[int] = pa.Field(ge=1, unique=True, description="Paragraph number 1-37.")
    text: Series[Text] = pa.Field(
        str_length={"min_value": 1},
        description="Whole paragraph, joined across page breaks and footnotes; emphasis markers and footnote marks removed.",
    )
    section: Series[Text] = pa.Field(
        str_length={"min_value": 1}, description="Heading the paragraph stands under."
    )
    area_no: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        isin=AREAS,
        description="Action area N for paragraphs under 'Action area N: ...'; empty otherwise.",
    )
    footnotes: Series[Text] = pa.Field(
        nullable=True,
        str_matches=r"^\d+(,\d+)*$",
        description="Footnote marks the paragraph carries, comma-separated.",
    )
    line_first: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="First source line (text) or body block number (PDF)."
    )
    line_last: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Last source line (text) or body block number (PDF)."
    )
    page_first: Series[pd.Int64Dtype] = pa.Field(
        metadata=WHERE,
        nullable=True,
        ge=1,
        description="PDF page where the paragraph begins; empty for text.",
    )
    page_last: Series[pd.Int64Dtype] = pa.Field(
        metadata=WHERE,
        nullable=True,
        ge=1,
        description="PDF page where it ends (later than page_first when it runs over a page break); empty for text.",
    )
    bbox: Series[Text] = pa.Field(
        metadata=WHERE,
        nullable=True,
        str_matches=PAGE_BOXES,
        description="For PDF input, each printed part of the paragraph (it breaks at a page or a footnote block): 'page:x0,top,x1,bottom' joined by ';'; empty for text.",
    )

    @pa.dataframe_check
    def numbered_in_order(cls, df: pd.DataFrame) -> pd.Series:
        return df.para_no == pd.RangeIndex(1, len(df) + 1)

    @pa.dataframe_check
    def spans_forward(cls, df: pd.DataFrame) -> pd.Series:
        pages = df.page_first.isna() | (df.page_last >= df.page_first)
        return (df.line_last >= df.line_first) & pages.fillna(False).astype(bool)


class ActionAreas(_Table):
    """The five action areas of the programme, as GB.328 heads and describes them."""

    area_no: Series[int] = pa.Field(isin=AREAS, unique=True, description="Action area number 1-5.")
    name: Series[Text] = pa.Field(
        str_length={"min_value": 1}, description="Name as in the heading 'Action area N: ...'."
    )
    objective: Series[Text] = pa.Field(
        str_length={"min_value": 1}, description="The area's 'Objective:' line."
    )
    aliases: Series[Text] = pa.Field(
        nullable=True,
        description="Other spellings of the name used in the Appendix, '; '-separated.",
    )
    line: Series[int] = pa.Field(metadata=WHERE, ge=1, description="Source line of the heading.")


class FollowUpItems(_Table):
    """The nine follow-up items of the GB.328 Appendix activity matrix."""

    item_no: Series[int] = pa.Field(
        ge=1,
        le=9,
        unique=True,
        description="Follow-up item number 1-9 of the Appendix activity matrix.",
    )
    conclusion: Series[Text] = pa.Field(
        str_matches=CONCLUSION,
        unique=True,
        description="ILC 2016 conclusion the item follows up, e.g. '23(a)'.",
    )
    text: Series[Text] = pa.Field(
        str_length={"min_value": 1},
        description="Item text without its number and the trailing '(23(a))'.",
    )
    line: Series[int] = pa.Field(metadata=WHERE, ge=1, description="Source line.")


class AppendixDeliverables(_Table):
    """Rows of the GB.328 Appendix activity matrix, with timing read as quarters."""

    row_no: Series[int] = pa.Field(
        ge=1, unique=True, description="Order of the row in the activity matrix, from 1."
    )
    deliverable_id: Series[Text] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number, e.g. '1.1'; empty for the row that has none.",
    )
    item_no: Series[int] = pa.Field(
        ge=1, le=9, description="Follow-up item the row stands under (carried down)."
    )
    text: Series[Text] = pa.Field(
        nullable=True, description="Deliverable text without the '1.1.' prefix."
    )
    timing_raw: Series[Text] = timing_field("raw", "Timing cell as printed.", metadata=AS_PRINTED)
    timing_kind: Series[Text] = timing_field(
        "kind",
        "How the timing reads: range, point, recurring, milestones or unspecified.",
        nullable=False,
    )
    timing_start: Series[Text] = timing_field(
        "start", "First quarter of the timing, e.g. '2017Q1' (range and point only)."
    )
    timing_end: Series[Text] = timing_field(
        "end", "Last quarter of the timing (range and point only)."
    )
    areas_raw: Series[Text] = pa.Field(
        metadata=AS_PRINTED,
        nullable=True,
        description="Area cell as printed (several names may run together).",
    )
    page: Series[int] = pa.Field(
        metadata=WHERE,
        ge=1,
        description="PDF input: the page where the row begins. Text input: the activity matrix's page block (1-5).",
    )
    line: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Source line (text) or PDF row number."
    )
    bbox: Series[Text] = pa.Field(
        metadata=WHERE,
        nullable=True,
        str_matches=PAGE_BOXES,
        description="For PDF input, the row on each page it spans: 'page:x0,top,x1,bottom' joined by ';' (points, origin top-left); empty for text.",
    )

    @pa.dataframe_check
    def ids_unique(cls, df: pd.DataFrame) -> pd.Series:
        ids = df.deliverable_id
        return ids.isna() | ~ids.duplicated(keep=False)

    @pa.dataframe_check
    def periods_fit_kind(cls, df: pd.DataFrame) -> pd.Series:
        dated = df.timing_kind.isin(["range", "point"])
        both = df.timing_start.notna() & df.timing_end.notna()
        neither = df.timing_start.isna() & df.timing_end.isna()
        ordered = df.timing_start.fillna("") <= df.timing_end.fillna("")
        return (dated & both & ordered) | (~dated & neither)


class AppendixAreas(_Table):
    """Action areas named in each activity-matrix row (a cell may name several)."""

    row_no: Series[int] = pa.Field(ge=1, description="Activity-matrix row.")
    deliverable_id: Series[Text] = pa.Field(
        nullable=True,
        str_matches=ID,
        description="Deliverable number of that row (empty for the unnumbered row).",
    )
    area_no: Series[int] = pa.Field(
        isin=AREAS, description="One action area named in the row's area cell."
    )

    class Config:
        unique = ["row_no", "area_no"]


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "paragraphs": Paragraphs,
    "action_areas": ActionAreas,
    "follow_up_items": FollowUpItems,
    "appendix_deliverables": AppendixDeliverables,
    "appendix_areas": AppendixAreas,
}
PRIMARY_KEYS: dict[str, list[str]] = {
    "paragraphs": ["para_no"],
    "action_areas": ["area_no"],
    "follow_up_items": ["item_no"],
    "appendix_deliverables": ["row_no"],
    "appendix_areas": ["row_no", "area_no"],
}
# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("paragraphs", "area_no", "action_areas", "area_no"),
    ("appendix_deliverables", "item_no", "follow_up_items", "item_no"),
    ("appendix_areas", "row_no", "appendix_deliverables", "row_no"),
    ("appendix_areas", "area_no", "action_areas", "area_no"),
]
