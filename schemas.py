"""One pandera model per output table, and the checks that tie tables to each other."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from extract.errors import ValidationFailed
from extract.reconcile import DISCREPANCY_KINDS, STATUSES

ID = r"^\d+\.\d+$"
PERIOD = r"^\d{4}Q[1-4]$"
CONCLUSION = r"^\d+\([a-i]\)$"
BBOX = r"^-?\d+\.\d(,-?\d+\.\d){3}$"
DOCS = ["annex_i", "gb328"]
NOTE_KINDS = [
    "area_filled",
    "area_unmatched",
    "continuation_joined",
    "merge_candidates",
    "out_of_frame_mark",
    "timing_interpreted",
    "timing_unreadable",
    "unnumbered_list_split",
    "unnumbered_row",
]
TIMING_KINDS = ["range", "point", "recurring", "milestones", "unspecified"]
AREAS = [1, 2, 3, 4, 5]


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
    bbox: Series[str] = pa.Field(nullable=True, str_matches=BBOX)

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
    bbox: Series[str] = pa.Field(nullable=True, str_matches=BBOX)

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
    """One row per input file; front-matter fields are null where a document has none."""

    doc: Series[str] = pa.Field(isin=DOCS, unique=True)
    path: Series[str]
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    pages: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    organ: Series[str] = pa.Field(nullable=True)
    symbol: Series[str] = pa.Field(nullable=True)
    session: Series[str] = pa.Field(nullable=True)
    place: Series[str] = pa.Field(nullable=True)
    dates: Series[str] = pa.Field(nullable=True)
    section: Series[str] = pa.Field(nullable=True)
    section_code: Series[str] = pa.Field(nullable=True)
    date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    original_language: Series[str] = pa.Field(nullable=True)
    agenda_item: Series[str] = pa.Field(nullable=True)
    title: Series[str] = pa.Field(nullable=True)
    label: Series[str] = pa.Field(nullable=True)
    subtitle: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True


class Paragraphs(pa.DataFrameModel):
    para_no: Series[int] = pa.Field(ge=1, unique=True)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    section: Series[str] = pa.Field(str_length={"min_value": 1})
    area_no: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=AREAS)
    footnotes: Series[str] = pa.Field(nullable=True, str_matches=r"^\d+(,\d+)*$")
    line_first: Series[int] = pa.Field(ge=1)
    line_last: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def numbered_in_order(cls, df: pd.DataFrame) -> pd.Series:
        return df.para_no == pd.RangeIndex(1, len(df) + 1)

    @pa.dataframe_check
    def spans_forward(cls, df: pd.DataFrame) -> pd.Series:
        return df.line_last >= df.line_first


class Footnotes(pa.DataFrameModel):
    doc: Series[str] = pa.Field(isin=DOCS)
    mark: Series[str] = pa.Field(str_matches=r"^\d+$")
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    line: Series[int] = pa.Field(ge=1)
    ref_line: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)

    class Config:
        strict = True
        coerce = True
        unique = ["doc", "mark"]


class ActionAreas(pa.DataFrameModel):
    area_no: Series[int] = pa.Field(isin=AREAS, unique=True)
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    objective: Series[str] = pa.Field(str_length={"min_value": 1})
    aliases: Series[str] = pa.Field(nullable=True)
    line: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True


class FollowUpItems(pa.DataFrameModel):
    item_no: Series[int] = pa.Field(ge=1, le=9, unique=True)
    conclusion: Series[str] = pa.Field(str_matches=CONCLUSION, unique=True)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    line: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True


class AppendixDeliverables(pa.DataFrameModel):
    row_no: Series[int] = pa.Field(ge=1, unique=True)
    deliverable_id: Series[str] = pa.Field(nullable=True, str_matches=ID)
    item_no: Series[int] = pa.Field(ge=1, le=9)
    text: Series[str] = pa.Field(nullable=True)
    timing_raw: Series[str] = pa.Field(nullable=True)
    timing_kind: Series[str] = pa.Field(isin=TIMING_KINDS)
    timing_start: Series[str] = pa.Field(nullable=True, str_matches=PERIOD)
    timing_end: Series[str] = pa.Field(nullable=True, str_matches=PERIOD)
    areas_raw: Series[str] = pa.Field(nullable=True)
    page: Series[int] = pa.Field(ge=1)
    line: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True

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


class AppendixAreas(pa.DataFrameModel):
    row_no: Series[int] = pa.Field(ge=1)
    deliverable_id: Series[str] = pa.Field(nullable=True, str_matches=ID)
    area_no: Series[int] = pa.Field(isin=AREAS)

    class Config:
        strict = True
        coerce = True
        unique = ["row_no", "area_no"]


class Reconciliation(pa.DataFrameModel):
    """One row per deliverable id in either document, plus each unnumbered Appendix row."""

    deliverable_id: Series[str] = pa.Field(nullable=True, str_matches=ID)
    appendix_row_no: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    in_annex: Series[bool]
    in_appendix: Series[bool]
    status: Series[str] = pa.Field(isin=list(STATUSES))
    merged_into: Series[str] = pa.Field(nullable=True, str_matches=ID)
    similarity: Series[pd.Float64Dtype] = pa.Field(nullable=True, ge=0, le=1)
    evidence: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

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


class Discrepancies(pa.DataFrameModel):
    deliverable_id: Series[str] = pa.Field(str_matches=ID)
    kind: Series[str] = pa.Field(isin=list(DISCREPANCY_KINDS))
    annex_value: Series[str] = pa.Field(nullable=True)
    appendix_value: Series[str] = pa.Field(nullable=True)
    score: Series[pd.Float64Dtype] = pa.Field(nullable=True, ge=0, le=1)
    message: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True
        unique = ["deliverable_id", "kind"]


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "annex_deliverables": AnnexDeliverables,
    "annex_activities": AnnexActivities,
    "annex_schedule": AnnexSchedule,
    "extraction_notes": ExtractionNotes,
    "documents": Documents,
    "paragraphs": Paragraphs,
    "footnotes": Footnotes,
    "action_areas": ActionAreas,
    "follow_up_items": FollowUpItems,
    "appendix_deliverables": AppendixDeliverables,
    "appendix_areas": AppendixAreas,
    "reconciliation": Reconciliation,
    "discrepancies": Discrepancies,
}

# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("annex_activities", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_schedule", "deliverable_id", "annex_deliverables", "deliverable_id"),
    ("annex_deliverables", "area_no", "action_areas", "area_no"),
    ("paragraphs", "area_no", "action_areas", "area_no"),
    ("appendix_deliverables", "item_no", "follow_up_items", "item_no"),
    ("appendix_areas", "row_no", "appendix_deliverables", "row_no"),
    ("appendix_areas", "area_no", "action_areas", "area_no"),
    ("reconciliation", "merged_into", "annex_deliverables", "deliverable_id"),
    ("reconciliation", "appendix_row_no", "appendix_deliverables", "row_no"),
    ("discrepancies", "deliverable_id", "annex_deliverables", "deliverable_id"),
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
    failures.extend(_row_key_failures(frames))
    failures.extend(_paragraph_footnote_failures(frames))
    if failures:
        raise ValidationFailed(failures)
    return checked


def _describe(name: str, cases: pd.DataFrame) -> list[str]:
    lines: list[str] = []
    for case in cases.itertuples(index=False):
        row = "" if pd.isna(case.index) else f" row {int(case.index)}"
        if case.check == "column_in_schema":
            line = f"{name}: unexpected column {case.failure_case!r}"
        elif case.schema_context == "DataFrameSchema" and row:
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


def _row_key_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """appendix_areas must repeat the deliverable_id of the appendix row it names."""
    areas, rows = tables.get("appendix_areas"), tables.get("appendix_deliverables")
    if areas is None or rows is None:
        return []
    if not {"row_no", "deliverable_id"} <= set(areas.columns) & set(rows.columns):
        return []
    ids = dict(zip(rows.row_no, rows.deliverable_id, strict=True))
    return [
        f"appendix_areas row {i} column deliverable_id: {a!r} differs from appendix row"
        f" {r}'s {ids[r]!r}"
        for i, (r, a) in enumerate(zip(areas.row_no, areas.deliverable_id, strict=True))
        if r in ids and not (pd.isna(a) and pd.isna(ids[r])) and a != ids[r]
    ]


def _paragraph_footnote_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Every footnote mark a paragraph carries is a GB.328 footnote."""
    paragraphs, footnotes = tables.get("paragraphs"), tables.get("footnotes")
    if paragraphs is None or footnotes is None or "footnotes" not in paragraphs:
        return []
    known = set(footnotes[footnotes.doc == "gb328"].mark.astype(str))
    return [
        f"paragraphs row {i} column footnotes: mark {mark!r} is not a gb328 footnote"
        for i, marks in paragraphs.footnotes.items()
        if pd.notna(marks)
        for mark in str(marks).split(",")
        if mark not in known
    ]
