"""Pandera models of the Annex I tables."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.documents.annex_i.records import MarkKind
from extract.programme_constants import PROGRAMME
from extract.shared_models import (
    AS_PRINTED,
    BBOX,
    CONCLUSION,
    ID,
    PAGE_BOXES,
    PERIOD,
    RESTATED,
    WHERE,
    Text,
    _Table,
)

MARK_KINDS = [kind.value for kind in MarkKind]


class AnnexDeliverables(_Table):
    """Annex I deliverables in document order, one row each, rows continued across page breaks joined."""

    deliverable_id: Series[Text] = pa.Field(
        str_matches=ID,
        unique=True,
        description="Deliverable number printed at the end of the Annex I cell, e.g. '2.1' (it refers to the GB.328 Appendix).",
    )
    seq: Series[int] = pa.Field(
        ge=1, unique=True, description="Order of the deliverable in Annex I, from 1."
    )
    conclusion: Series[Text] = pa.Field(
        str_matches=CONCLUSION,
        description="ILC 2016 conclusion the deliverable answers, from 'In response to ILC 2016 Conclusion 23 (b)'.",
    )
    text: Series[Text] = pa.Field(
        str_length={"min_value": 1},
        description="Deliverable text without the conclusion phrase and the number; markup removed, line-break hyphens repaired.",
    )
    area_no: Series[int] = pa.Field(
        isin=[1, 2, 3, 4, 5],
        description="Action area 1-5 (GB.328 numbering), from the merged area cell, filled down.",
    )
    area: Series[Text] = pa.Field(
        metadata=RESTATED, description="Action area name as printed in Annex I."
    )
    area_printed: Series[bool] = pa.Field(
        description="Whether the area cell was printed on the row where the deliverable begins (false: filled down)."
    )
    page_first: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Page (block) where the deliverable begins."
    )
    page_last: Series[int] = pa.Field(
        metadata=WHERE,
        ge=1,
        description="Page where it ends (later than page_first when a row continues across a page break).",
    )
    line_first: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Source line (text) or row number (PDF) where it begins."
    )
    line_last: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Source line or row number where it ends."
    )
    bbox: Series[Text] = pa.Field(
        metadata=WHERE,
        nullable=True,
        str_matches=PAGE_BOXES,
        description="For PDF input, the deliverable cell on each page it spans: 'page:x0,top,x1,bottom' joined by ';' (points, origin top-left); empty for text.",
    )

    @pa.dataframe_check
    def spans_forward(cls, df: pd.DataFrame) -> pd.Series:
        return (df.page_last >= df.page_first) & (df.line_last >= df.line_first)


class AnnexActivities(_Table):
    """Key activities of each Annex I deliverable, split by their running numbers or, where Annex I prints none, at the verbs that open them."""

    deliverable_id: Series[Text] = pa.Field(
        str_matches=ID, description="Annex I deliverable the activity belongs to."
    )
    activity_no: Series[int] = pa.Field(
        ge=1, description="Position of the activity in the deliverable's list, from 1."
    )
    text: Series[Text] = pa.Field(
        str_length={"min_value": 1}, description="Activity text without its running number."
    )
    numbered_in_source: Series[bool] = pa.Field(
        description="Whether Annex I numbers this list (false: split at the verbs that open each activity)."
    )
    page: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Page where the activity begins."
    )
    line: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Source line or PDF row number where it begins."
    )
    bbox: Series[Text] = pa.Field(
        metadata=WHERE,
        nullable=True,
        str_matches=BBOX,
        description="For PDF input, the box of the activity's printed lines 'x0,top,x1,bottom' in points (origin top-left); empty for text.",
    )

    class Config:
        unique = ["deliverable_id", "activity_no"]


class AnnexSchedule(_Table):
    """One row per quarter marked X in the Annex I time frame (2017Q1-2021Q4)."""

    deliverable_id: Series[Text] = pa.Field(
        str_matches=ID, description="Annex I deliverable scheduled in the quarter."
    )
    year: Series[int] = pa.Field(
        metadata=RESTATED,
        ge=PROGRAMME.first_year,
        le=PROGRAMME.last_year,
        description="Year of the marked quarter (2017-2021).",
    )
    quarter: Series[int] = pa.Field(
        metadata=RESTATED, isin=[1, 2, 3, 4], description="Quarter 1-4 of the marked cell."
    )
    period: Series[Text] = pa.Field(
        str_matches=PERIOD, description="Year and quarter as one string, e.g. '2017Q1'."
    )
    page: Series[int] = pa.Field(metadata=WHERE, ge=1, description="Page of the X mark.")
    line: Series[int] = pa.Field(
        metadata=WHERE, ge=1, description="Source line or PDF row number of the X mark."
    )
    cell_no: Series[int] = pa.Field(
        metadata=WHERE,
        ge=1,
        description="Cell number (from 1) of the X mark on its row: the tab-separated cell of the text line, or the column of the PDF table. Named so because `column` is a reserved word in SQL.",
    )
    bbox: Series[Text] = pa.Field(
        metadata=WHERE,
        nullable=True,
        str_matches=BBOX,
        description="For PDF input, the box of the quarter cell's mark 'x0,top,x1,bottom' in points (origin top-left); empty for text.",
    )
    mark: Series[Text] = pa.Field(
        metadata=AS_PRINTED,
        isin=MARK_KINDS,
        description="The evidence the quarter was read from: 'x' (an X glyph), 'check' (a check-mark glyph), 'fill' (a shaded cell) or 'drawn' (two crossing lines drawn in the cell).",
    )

    class Config:
        unique = ["deliverable_id", "year", "quarter"]

    @pa.dataframe_check
    def period_matches(cls, df: pd.DataFrame) -> pd.Series:
        return df.period == df.year.astype(str) + "Q" + df.quarter.astype(str)


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "annex_deliverables": AnnexDeliverables,
    "annex_activities": AnnexActivities,
    "annex_schedule": AnnexSchedule,
}
PRIMARY_KEYS: dict[str, list[str]] = {
    "annex_deliverables": ["deliverable_id"],
    "annex_activities": ["deliverable_id", "activity_no"],
    "annex_schedule": ["deliverable_id", "year", "quarter"],
}
# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("annex_activities", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_schedule", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_deliverables", "area_no", "action_areas", "area_no"),
]
