"""One pandera model per output table, and the checks that tie tables to each other."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.errors import ValidationFailed

ID = r"^\d+\.\d+$"
PERIOD = r"^\d{4}Q[1-4]$"
CONCLUSION = r"^\d+\([a-i]\)$"
DOCS = ["annex_i", "gb328"]
NOTE_KINDS = [
    "area_filled",
    "continuation_joined",
    "out_of_frame_mark",
    "unnumbered_list_split",
]


class AnnexDeliverables(pa.DataFrameModel):
    """Annex I deliverables in document order."""

    deliverable_id: Series[str] = pa.Field(str_matches=ID, unique=True)
    seq: Series[int] = pa.Field(ge=1, unique=True)
    conclusion: Series[str] = pa.Field(str_matches=CONCLUSION)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    area_no: Series[int] = pa.Field(isin=[1, 2, 3, 4, 5])
    area: Series[str]
    area_printed: Series[bool]
    page_first: Series[int] = pa.Field(ge=1)
    page_last: Series[int] = pa.Field(ge=1)
    line_first: Series[int] = pa.Field(ge=1)
    line_last: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def spans_forward(cls, df: pd.DataFrame) -> pd.Series:
        return (df.page_last >= df.page_first) & (df.line_last >= df.line_first)


class AnnexActivities(pa.DataFrameModel):
    deliverable_id: Series[str] = pa.Field(str_matches=ID)
    activity_no: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    numbered_in_source: Series[bool]
    page: Series[int] = pa.Field(ge=1)
    line: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True
        unique = ["deliverable_id", "activity_no"]


class AnnexSchedule(pa.DataFrameModel):
    deliverable_id: Series[str] = pa.Field(str_matches=ID)
    year: Series[int] = pa.Field(ge=2017, le=2021)
    quarter: Series[int] = pa.Field(isin=[1, 2, 3, 4])
    period: Series[str] = pa.Field(str_matches=PERIOD)
    page: Series[int] = pa.Field(ge=1)
    line: Series[int] = pa.Field(ge=1)
    column: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True
        unique = ["deliverable_id", "year", "quarter"]

    @pa.dataframe_check
    def period_matches(cls, df: pd.DataFrame) -> pd.Series:
        return df.period == df.year.astype(str) + "Q" + df.quarter.astype(str)


class ExtractionNotes(pa.DataFrameModel):
    doc: Series[str] = pa.Field(isin=DOCS)
    page: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    line: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    kind: Series[str] = pa.Field(isin=NOTE_KINDS)
    deliverable_id: Series[str] = pa.Field(nullable=True, str_matches=ID)
    message: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True


class Documents(pa.DataFrameModel):
    doc: Series[str] = pa.Field(isin=DOCS, unique=True)
    path: Series[str]
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    pages: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    title: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "annex_deliverables": AnnexDeliverables,
    "annex_activities": AnnexActivities,
    "annex_schedule": AnnexSchedule,
    "extraction_notes": ExtractionNotes,
    "documents": Documents,
}

# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("annex_activities", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_schedule", "deliverable_id", "annex_deliverables", "deliverable_id"),
]


def validate_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Validate every table lazily and every cross-table key; raise once with all failures."""
    frames = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
    failures: list[str] = []
    checked: dict[str, pd.DataFrame] = {}
    for name in sorted(set(MODELS) | set(frames)):
        if name not in MODELS:
            failures.append(f"{name}: no schema for this table")
            continue
        if name not in frames:
            failures.append(f"{name}: table is missing")
            continue
        try:
            checked[name] = MODELS[name].validate(frames[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            failures.extend(_describe(name, exc.failure_cases))
    failures.extend(_foreign_key_failures(frames))
    failures.extend(_note_key_failures(frames))
    if failures:
        raise ValidationFailed(failures)
    return checked


def _describe(name: str, cases: pd.DataFrame) -> list[str]:
    lines: list[str] = []
    for case in cases.itertuples(index=False):
        row = "" if pd.isna(case.index) else f" row {int(case.index)}"
        if case.schema_context == "DataFrameSchema" and row:
            line = f"{name}{row}: {case.check} failed"
        else:
            column = "" if pd.isna(case.column) else f" column {case.column}"
            line = f"{name}{row}{column}: {case.check} failed (value {case.failure_case!r})"
        if line not in lines:
            lines.append(line)
    return lines


def _foreign_key_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    failures = []
    for child, column, parent, key in FOREIGN_KEYS:
        if column not in tables.get(child, {}) or key not in tables.get(parent, {}):
            continue
        known = set(tables[parent][key].dropna())
        values = tables[child][column]
        for index, value in values.items():
            if pd.notna(value) and value not in known:
                failures.append(
                    f"{child} row {index} column {column}: {value!r} is not a {parent}.{key}"
                )
    return failures


def _note_key_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Annex I notes must name Annex I deliverables."""
    notes = tables.get("extraction_notes")
    if notes is None or "annex_deliverables" not in tables:
        return []
    if not {"doc", "deliverable_id"} <= set(notes.columns):
        return []
    known = set(tables["annex_deliverables"].deliverable_id)
    bad = notes[(notes.doc == "annex_i") & notes.deliverable_id.notna()]
    return [
        f"extraction_notes row {i} column deliverable_id: {v!r} is not an annex deliverable"
        for i, v in bad.deliverable_id.items()
        if v not in known
    ]
