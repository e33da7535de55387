"""`validate`: a written folder checked whole: every table's Parquet against schemas.py, its CSV
against its Parquet cell by cell, datapackage.json against the files, and programme.sqlite
(integrity, foreign keys, every table's rows) and programme.xlsx (every sheet's cells, typed)
against the Parquet files."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pandas as pd

from extract.errors import Failure, ValidationFailed
from extract.output.differences import listed
from extract.output.load import read_tables


def verify_folder(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The folder's validated tables; every failure of any check raised at once."""
    from extract.output.validate import validate_tables

    tables = read_tables(out_dir)
    failures: list[Failure | str] = []
    broken: set[str] = set()
    try:
        checked = validate_tables(tables, coerce=False)  # as written: nothing coerced
    except ValidationFailed as exc:
        failures.extend(exc.records)
        broken = {f.table for f in exc.records if f.table}
        checked = tables
    for name, frame in sorted(tables.items()):
        failures.extend(csv_failures(out_dir, name, frame))
    for orphan in sorted(p.stem for p in out_dir.glob("*.csv") if p.stem not in tables):
        failures.append(f"{orphan}.csv: there is no {orphan}.parquet beside it")
    failures.extend(package_failures(out_dir, tables))
    # A table failing its schema is wrong already; the database is held to the sound ones.
    sound = {name: frame for name, frame in tables.items() if name not in broken}
    failures.extend(sqlite_failures(out_dir, sound))
    if not broken:
        from extract.output.verify_xlsx import xlsx_failures

        # The workbook is built from every table: it can only be judged when all are sound.
        failures.extend(xlsx_failures(out_dir, tables))
    if failures:
        raise ValidationFailed(failures, file=out_dir.as_posix())
    return checked


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def csv_failures(out_dir: Path, name: str, frame: pd.DataFrame) -> list[str]:
    """Where <name>.csv says something other than <name>.parquet: the CSV a run writes from
    that frame, compared as text, so nothing is coerced to make them agree."""
    path = out_dir / f"{name}.csv"
    if not path.exists():
        return [f"{name}.csv: missing ({name}.parquet is there)"]
    try:
        written = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{name}.csv: cannot be read as UTF-8 text ({exc})"]
    expected = frame.to_csv(index=False, lineterminator="\n")
    if written == expected:
        return []
    got, want = _rows(written), _rows(expected)
    if not got or got[0] != want[0]:
        header = got[0] if got else []
        return [f"{name}.csv: the columns are {header}, the Parquet file's are {want[0]}"]
    failures = listed(
        (
            f"{name}.csv row {row} column {column}: {x!r}, where {name}.parquet has {y!r}"
            for row, (a, b) in enumerate(zip(got[1:], want[1:], strict=False))
            for column, x, y in zip(want[0], a + [""] * len(b), b, strict=False)
            if x != y
        ),
        f"{name}.csv: {{}} more cells differ from the Parquet",
    )
    if len(got) != len(want):
        failures.append(
            f"{name}.csv: {len(got) - 1} rows, where {name}.parquet has {len(want) - 1}"
        )
    return failures or [f"{name}.csv: differs from {name}.parquet in quoting or line ends"]


def package_failures(out_dir: Path, tables: dict[str, pd.DataFrame]) -> list[str]:
    """datapackage.json describes exactly the tables there, column for column."""
    path = out_dir / "datapackage.json"
    if not path.exists():
        return ["datapackage.json: missing"]
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
        resources = {r["name"]: r for r in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"datapackage.json: not a data package ({exc})"]
    failures = []
    for name in sorted(set(resources) - set(tables)):
        failures.append(f"datapackage.json: describes {name}, which has no table here")
    for name in sorted(set(tables) - set(resources)):
        failures.append(f"datapackage.json: does not describe the table {name}")
    for name in sorted(set(resources) & set(tables)):
        resource = resources[name]
        if resource.get("path") != f"{name}.csv":
            failures.append(f"datapackage.json: {name} points to {resource.get('path')!r}")
        fields = [f.get("name") for f in resource.get("schema", {}).get("fields", [])]
        if fields != list(tables[name].columns):
            failures.append(
                f"datapackage.json: {name} has the columns {fields}, the table has"
                f" {list(tables[name].columns)}"
            )
    return failures


def sqlite_failures(out_dir: Path, tables: dict[str, pd.DataFrame]) -> list[str]:
    """programme.sqlite whole (SQLite's integrity and foreign key checks) and holding each
    table's rows, value for value, as the run binds them from the Parquet files."""
    from extract.output.sqlite import FILE, sqlite_rows

    path = out_dir / FILE
    if not path.exists():
        return [f"{FILE}: missing"]
    try:
        # Read only, and immutable: checking must not write a journal beside the file.
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        return [f"{FILE}: cannot be opened ({exc})"]
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"{FILE}: integrity check: {'; '.join(integrity[:3])}"]
        failures = [
            f"{FILE}: {table} row {rowid} points to a missing {parent} row"
            for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check")
        ]
        present = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        for name in sorted(tables):
            if name not in present:
                failures.append(f"{FILE}: has no table {name}")
                continue
            columns, want = sqlite_rows(name, tables[name])
            quoted = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
            got = connection.execute(f'SELECT {quoted} FROM "{name}" ORDER BY rowid').fetchall()
            failures.extend(_row_failures(name, columns, got, want))
    except sqlite3.Error as exc:
        return [f"{FILE}: cannot be read ({exc})"]
    finally:
        connection.close()
    return failures


def _row_failures(name: str, columns: list[str], got: list[tuple], want: list[tuple]) -> list[str]:
    from extract.output.sqlite import FILE

    failures = []
    if len(got) != len(want):
        failures.append(f"{FILE}: {name} has {len(got)} rows, {name}.parquet {len(want)}")
    failures.extend(
        listed(
            (
                f"{FILE}: {name} row {row} column {column}: {x!r}, where {name}.parquet has {y!r}"
                for row, (a, b) in enumerate(zip(got, want, strict=False))
                for column, x, y in zip(columns, a, b, strict=True)
                if x != y or type(x) is not type(y)
            ),
            f"{FILE}: {name}: {{}} more values differ",
        )
    )
    return failures
