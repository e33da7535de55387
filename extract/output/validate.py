"""Validation of every table against its model, and the checks that tie tables to each other."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace

import pandas as pd
import pandera.pandas as pa

from extract.errors import Failure, ValidationFailed
from extract.model_registry import FOREIGN_KEYS, MODELS
from extract.output.stored import dtype_failures, uncoerced


def validate_tables(
    tables: dict[str, pd.DataFrame],
    sources: Mapping[str, str] | None = None,
    *,
    coerce: bool = True,
    file: str | None = None,
    only: Collection[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Validate every table lazily and every cross-table key; raise once with all failures.
    `sources` names the file each table was read from, so a failing row names its line.
    coerce=False (written tables) checks each dtype as stored, so "False" never becomes True.
    `only` names the tables expected when one document is read alone."""
    frames = {name: frame.reset_index(drop=True) for name, frame in tables.items()}
    failures: list[Failure] = []
    checked: dict[str, pd.DataFrame] = {}
    mistyped: set[str] = set()
    expected = set(MODELS) if only is None else set(only)
    for name in sorted(expected | set(frames)):
        if name not in MODELS:
            failures.append(
                Failure(
                    name, None, None, "table_in_models", None, f"{name}: no schema for this table"
                )
            )
            continue
        if name not in frames:
            failures.append(
                Failure(name, None, None, "table_present", None, f"{name}: table is missing")
            )
            continue
        schema = MODELS[name].to_schema() if coerce else uncoerced(MODELS[name])
        if not coerce:
            wrong = dtype_failures(name, frames[name], schema)
            if wrong:
                # Values read in the wrong type cannot be judged: one line per column instead
                # of a line per row that a value check would fail.
                failures.extend(wrong)
                mistyped.add(name)
                continue
        try:
            checked[name] = schema.validate(frames[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            described = _describe(name, exc.failure_cases)
            path = (sources or {}).get(name)
            failures.extend(_located(failure, frames[name], path) for failure in described)
    keyed = {name: frame for name, frame in frames.items() if name not in mistyped}
    failures.extend(_foreign_key_failures(keyed))
    failures.extend(_note_key_failures(keyed))
    failures.extend(_row_key_failures(keyed))
    failures.extend(_paragraph_footnote_failures(keyed))
    if failures:
        # Every failure at a line of one file: the message names that file, not '<tables>'.
        heads = {failure.file for failure in failures}
        whole = heads.pop() if len(heads) == 1 and heads <= _paths(sources) else None
        raise ValidationFailed(failures, file=file or whole)
    return checked


def _paths(sources: Mapping[str, str] | None) -> set[str | None]:
    return set((sources or {}).values())


def _located(failure: Failure, frame: pd.DataFrame, path: str | None) -> Failure:
    """The failure at 'file:line: ' where the failing row says which source line it came
    from."""
    column = "line" if "line" in frame else "line_first" if "line_first" in frame else None
    index = failure.row
    if path is None or index is None or column is None:
        return failure
    if index >= len(frame) or pd.isna(frame[column].iloc[index]):
        return failure
    line = int(frame[column].iloc[index])
    message = f"{path}:{line}: {failure.message}"
    return replace(failure, message=message, file=path, line=line)


# Each dataframe check in words: what a row that fails it gets wrong.
_ROW_CHECKS = {
    "spans_forward": "it ends before it begins (page_last/line_last before page_first/line_first)",
    "period_matches": "its period does not spell its year and quarter",
    "numbered_in_order": "the paragraphs are not numbered 1, 2, 3, ... in order",
    "ids_unique": "its deliverable number is used by another row",
    "periods_fit_kind": "its timing_start/timing_end do not fit its timing_kind",
    "status_fits_presence": "its status does not fit in_annex/in_appendix",
    "merged_names_target": "it is merged but names no deliverable it was merged into",
    "sides_fit_status": "its Annex I and Appendix columns do not fit its status",
    "schedule_adds_up": "scheduled_first/last/count do not fit its scheduled quarters",
}


def _check_in_words(check: str) -> str:
    """A pandera check name ('isin([1, 2])', 'str_matches(...)') as what the value breaks."""
    name, _, argument = check.partition("(")
    argument = argument[:-1] if argument.endswith(")") else argument
    words = {
        "isin": f"is not one of {argument}",
        "str_matches": f"does not have the form {argument}",
        "greater_than_or_equal_to": f"is below the least allowed, {argument}",
        "less_than_or_equal_to": f"is above the most allowed, {argument}",
        "str_length": "is empty or too long",
        "not_nullable": "is empty but must have a value",
        "field_uniqueness": "repeats a value that must be unique",
        "dtype": f"has the wrong type (expected {argument})",
        "column_in_dataframe": "is missing",
    }
    return words.get(name, f"breaks the check {check}")


def _describe(name: str, cases: pd.DataFrame) -> list[Failure]:
    """pandera's failure cases as records, one per distinct message."""
    failures: dict[str, Failure] = {}
    for case in cases.itertuples(index=False):
        index = None if pd.isna(case.index) else int(case.index)
        row = "" if index is None else f" row {index}"
        column_name = None if pd.isna(case.column) else str(case.column)
        value = _value(case.failure_case)
        if case.check == "column_in_schema":
            line = f"{name}: column {case.failure_case!r} is not in the schema"
        elif case.check == "column_in_dataframe":
            line = f"{name}: column {case.failure_case!r} is missing"
        elif case.schema_context == "DataFrameSchema" and row:
            reason = _ROW_CHECKS.get(case.check, f"it breaks the check {case.check}")
            line = f"{name}{row}: {reason}"
        else:
            column = "" if pd.isna(case.column) else f" column {case.column}"
            shown = "" if value is None else f"{value!r} "
            line = f"{name}{row}{column}: {shown}{_check_in_words(str(case.check))}"
        if case.check in ("column_in_schema", "column_in_dataframe"):
            column_name, value = str(case.failure_case), None
        # Several pandera cases may print the same line (e.g. a check on a column and on
        # its values); the first keeps it, as before.
        failures.setdefault(line, Failure(name, index, column_name, str(case.check), value, line))
    return list(failures.values())


def _value(case: object) -> object:
    """pandera's failure case, None where it is empty (a check about a row or column)."""
    return None if pd.api.types.is_scalar(case) and pd.isna(case) else case


def _foreign_key_failures(tables: dict[str, pd.DataFrame]) -> list[Failure]:
    failures = []
    for child, column, parent, key in FOREIGN_KEYS:
        if column not in tables.get(child, {}) or key not in tables.get(parent, {}):
            continue
        values = tables[child][column]
        known = values.isna() | values.isin(tables[parent][key].dropna())
        for index, value in values[~known].items():
            message = (
                f"{child} row {index} column {column}: {value!r} is not found in {parent}.{key}"
            )
            failures.append(Failure(child, index, column, "foreign_key", value, message))
    return failures


def _note_key_failures(tables: dict[str, pd.DataFrame]) -> list[Failure]:
    """Annex I notes must name Annex I deliverables."""
    notes = tables.get("extraction_notes")
    if notes is None or "annex_deliverables" not in tables:
        return []
    if not {"doc", "deliverable_id"} <= set(notes.columns):
        return []
    if "deliverable_id" not in tables["annex_deliverables"]:
        return []
    known = set(tables["annex_deliverables"].deliverable_id)
    bad = notes[(notes.doc == "annex_i") & notes.deliverable_id.notna()]
    return [
        Failure(
            "extraction_notes",
            i,
            "deliverable_id",
            "annex_deliverable",
            v,
            f"extraction_notes row {i} column deliverable_id: {v!r} is not an annex deliverable",
        )
        for i, v in bad.deliverable_id.items()
        if v not in known
    ]


def _row_key_failures(tables: dict[str, pd.DataFrame]) -> list[Failure]:
    """appendix_areas must repeat the deliverable_id of the appendix row it names."""
    areas, rows = tables.get("appendix_areas"), tables.get("appendix_deliverables")
    if areas is None or rows is None:
        return []
    if not {"row_no", "deliverable_id"} <= set(areas.columns) & set(rows.columns):
        return []
    ids = dict(zip(rows.row_no, rows.deliverable_id, strict=True))
    return [
        Failure(
            "appendix_areas",
            i,
            "deliverable_id",
            "row_key",
            a,
            f"appendix_areas row {i} column deliverable_id: {a!r} differs from appendix row"
            f" {r}'s {ids[r]!r}",
        )
        for i, (r, a) in enumerate(zip(areas.row_no, areas.deliverable_id, strict=True))
        if r in ids and not (pd.isna(a) and pd.isna(ids[r])) and a != ids[r]
    ]


def _paragraph_footnote_failures(tables: dict[str, pd.DataFrame]) -> list[Failure]:
    """Every footnote mark a paragraph carries is a GB.328 footnote."""
    paragraphs, footnotes = tables.get("paragraphs"), tables.get("footnotes")
    if paragraphs is None or footnotes is None or "footnotes" not in paragraphs:
        return []
    if not {"doc", "mark"} <= set(footnotes.columns):
        return []
    known = set(footnotes[footnotes.doc == "gb328"].mark.astype(str))
    return [
        Failure(
            "paragraphs",
            i,
            "footnotes",
            "footnote_mark",
            mark,
            f"paragraphs row {i} column footnotes: mark {mark!r} is not a gb328 footnote",
        )
        for i, marks in paragraphs.footnotes.items()
        if pd.notna(marks)
        for mark in str(marks).split(",")
        if mark not in known
    ]
