"""normalized/programme.sqlite: every table with its types, keys and join indexes declared."""

from __future__ import annotations

import math
import sqlite3
from itertools import chain

import pandas as pd

from extract.errors import OutputError
from extract.model_registry import FOREIGN_KEYS, MODELS, PRIMARY_KEYS, Column, columns

FILE = "programme.sqlite"
PARAMETERS = 999  # the fewest ? marks a statement may hold (SQLite before 3.32)
SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "string": "TEXT"}


def _name(identifier: str) -> str:
    """A quoted identifier: 'column' and other SQL words stay usable as column names."""
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(int(value)) if isinstance(value, bool) else str(value)


def _column_sql(column: Column) -> str:
    parts = [_name(column.name), SQL_TYPES[column.kind]]
    if column.required:
        parts.append("NOT NULL")
    allowed = [0, 1] if column.kind == "boolean" else column.enum
    if allowed is not None:
        # Written out as equalities, not IN (...): sqlite builds an IN list's lookup table
        # on every insert, which made loading annex_schedule at 100x twice as slow.
        either = " OR ".join(f"{_name(column.name)} = {_literal(v)}" for v in allowed)
        parts.append(f"CHECK ({either})")
    # The description travels in the schema text, which sqlite keeps and datasette shows.
    description = " ".join(column.description.split())
    return " ".join(parts) + (f" -- {description}" if description else "")


def create_table_sql(table: str) -> str:
    """CREATE TABLE with types, NOT NULL, enum checks, the primary key and foreign keys."""
    lines = [_column_sql(c) for c in columns(table)]
    extra = []
    if table in PRIMARY_KEYS:
        extra.append(f"PRIMARY KEY ({', '.join(_name(c) for c in PRIMARY_KEYS[table])})")
    for child, column, parent, key in FOREIGN_KEYS:
        if child == table:
            extra.append(f"FOREIGN KEY ({_name(column)}) REFERENCES {_name(parent)} ({_name(key)})")
    # A comment ends at the line's end, so each definition's comma goes before its comment.
    body = []
    items = lines + extra
    for i, item in enumerate(items):
        sql, _, comment = item.partition(" -- ")
        comma = "," if i < len(items) - 1 else ""
        body.append(f"  {sql}{comma}" + (f" -- {comment}" if comment else ""))
    doc = " ".join((MODELS[table].__doc__ or "").split())
    return f"-- {doc}\nCREATE TABLE {_name(table)} (\n" + "\n".join(body) + "\n)"


def join_indexes(tables: dict[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """(table, column) to index: each foreign key and each deliverable_id, unless the column
    already leads the table's primary key."""
    wanted = [(child, column) for child, column, _, _ in FOREIGN_KEYS if child in tables]
    wanted += [(t, "deliverable_id") for t in sorted(tables) if "deliverable_id" in tables[t]]
    out = []
    for table, column in wanted:
        if PRIMARY_KEYS.get(table, [None])[0] == column or (table, column) in out:
            continue
        out.append((table, column))
    return sorted(out)


def _cell(value: object) -> object:
    """A pandas value as the sqlite3 type: None for missing, Python int/float/str."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    return value


def _values(series: pd.Series) -> list[object]:
    """A column as values sqlite3 binds: Python int/float/str, bool as 0/1, None for missing.
    Typed columns convert whole; only object columns go a value at a time."""
    if series.dtype == object:
        return [_cell(v) for v in series.tolist()]
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    if series.dtype.kind == "b":
        return [None if v is None else int(v) for v in values]
    return values


def sqlite_rows(table: str, frame: pd.DataFrame) -> tuple[list[str], list[tuple]]:
    """The table's columns and its rows as sqlite3 binds them (and reads them back)."""
    names = [c.name for c in columns(table)]
    return names, list(zip(*(_values(frame[name]) for name in names), strict=True))


def _insert(connection: sqlite3.Connection, table: str, width: int, rows: list[tuple]) -> None:
    """The rows in order, many to a statement: each statement run costs more than its rows."""
    one = "(" + ", ".join("?" * width) + ")"
    insert = f"INSERT INTO {_name(table)} VALUES "
    per = max(1, PARAMETERS // width)
    whole = len(rows) - len(rows) % per
    if whole:
        chunks = (tuple(chain.from_iterable(rows[i : i + per])) for i in range(0, whole, per))
        connection.executemany(insert + ", ".join([one] * per), chunks)
    if whole < len(rows):
        connection.executemany(insert + one, rows[whole:])


def sqlite_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """The whole database as bytes; built in memory with nothing time-dependent, so the same
    tables give the same bytes (on the same SQLite version). One transaction; the join
    indexes are made after the rows are in."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute("PRAGMA page_size = 4096")
        connection.execute("BEGIN")
        for table in sorted(tables):
            frame = tables[table]
            connection.execute(create_table_sql(table))
            names, rows = sqlite_rows(table, frame)
            _insert(connection, table, len(names), rows)
        for table, column in join_indexes(tables):
            connection.execute(
                f"CREATE INDEX {_name(f'{table}_{column}')} ON {_name(table)} ({_name(column)})"
            )
        connection.execute("COMMIT")
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        data = connection.serialize()
    except sqlite3.Error as exc:
        raise OutputError(f"cannot build the database: {exc}", file=FILE) from None
    finally:
        connection.close()
    if broken:
        shown = ", ".join(f"{t} row {r} -> {p}" for t, r, p, _ in broken[:5])
        raise OutputError(f"{len(broken)} foreign key(s) point nowhere ({shown})", file=FILE)
    return data
