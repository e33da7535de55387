"""Describing the tables from schemas.py: a Frictionless data package and a data dictionary."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from extract.model_registry import FOREIGN_KEYS, MODELS, PRIMARY_KEYS, Column, columns
from extract.records import NoteKind

PACKAGE_NAME = "ilo-gsc-poa"
PACKAGE_TITLE = "ILO programme of action 2017-21 on decent work in global supply chains"
PACKAGE_VERSION = "0.1.0"  # the data's version; a test keeps it equal to pyproject's
# The tables carry the ILO's text, so their terms are the source's, not the code's MIT
# licence (LICENSE): "other-closed" is the Open Definition's id for terms that are not open.
LICENSES = [
    {
        "name": "other-closed",
        "title": "© International Labour Organization: the tables reproduce the text of the"
        " ILO documents listed under sources; excerpts may be reproduced with the source"
        " indicated (cite each document by its symbol and title). The code that made them"
        " is MIT-licensed; that licence does not cover this text.",
    }
]


def _field(column: Column) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum is not None:
        constraints["enum"] = column.enum
    if column.pattern:
        constraints["pattern"] = column.pattern
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if column.min_length is not None:
        constraints["minLength"] = column.min_length
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.kind,
        "description": column.description,
    }
    if column.kind == "boolean":
        field["trueValues"] = ["True"]
        field["falseValues"] = ["False"]
    if constraints:
        field["constraints"] = constraints
    return field


def datapackage(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """A Frictionless Data Package describing every table's CSV file."""
    resources = []
    for table in sorted(tables):
        schema: dict[str, Any] = {
            "fields": [_field(c) for c in columns(table)],
            "missingValues": [""],
        }
        if table in PRIMARY_KEYS:
            schema["primaryKey"] = PRIMARY_KEYS[table]
        foreign = [
            {"fields": [column], "reference": {"resource": parent, "fields": [key]}}
            for child, column, parent, key in FOREIGN_KEYS
            if child == table
        ]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": table,
                "type": "table",
                "path": f"{table}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": _doc(table),
                "schema": schema,
            }
        )
    return {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "version": PACKAGE_VERSION,
        "licenses": LICENSES,
        "sources": sources(tables["documents"]) if "documents" in tables else [],
        "resources": resources,
    }


def sources(documents: pd.DataFrame) -> list[dict[str, str]]:
    """The two ILO documents, by symbol (where the text prints one) and title, from the
    documents table so a PDF of another edition is described as read."""
    out = []
    for row in documents.sort_values("doc").itertuples(index=False):
        symbol, label = _str(row.symbol), _str(row.label)
        title = ": ".join(t for t in (symbol or label, _str(row.title)) if t)
        if symbol and label and _str(row.subtitle):
            title += f". {label}: {row.subtitle}"
        source = {"title": title or row.doc}
        if symbol:
            source["symbol"] = symbol
        if _str(row.date):
            source["date"] = row.date
        source["sha256"] = row.sha256
        out.append(source)
    return out


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def datapackage_json(tables: dict[str, pd.DataFrame]) -> bytes:
    return (json.dumps(datapackage(tables), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _doc(table: str) -> str:
    return " ".join((MODELS[table].__doc__ or table).split())


def tables_markdown(tables: dict[str, pd.DataFrame]) -> str:
    """docs/tables.md: every table and column with type, meaning and an example value."""
    lines = [
        "# Tables",
        "",
        "Generated from `schemas.py` by `python pipeline.py docs`; do not edit by hand.",
        "Each table is written as `normalized/<table>.parquet` and `.csv`;",
        "`extract.load_tables()` loads them with these types.",
        "",
    ]
    for table in sorted(tables):
        frame = tables[table]
        lines += [f"## `{table}`", "", _doc(table), ""]
        if table in PRIMARY_KEYS:
            lines += [f"Key: {', '.join(f'`{c}`' for c in PRIMARY_KEYS[table])}.", ""]
        refs = [f"`{c}` → `{p}.{k}`" for child, c, p, k in FOREIGN_KEYS if child == table]
        if refs:
            lines += [f"References: {'; '.join(refs)}.", ""]
        lines += ["| column | type | meaning | example |", "| --- | --- | --- | --- |"]
        for column in columns(table):
            values = frame[column.name].dropna() if column.name in frame else pd.Series([])
            example = _example(values.iloc[0]) if len(values) else ""
            kind = column.kind + ("" if column.required else ", nullable")
            if column.enum is not None:
                kind += "; one of " + ", ".join(f"`{v}`" for v in column.enum)
            lines.append(f"| `{column.name}` | {kind} | {_cell(column.description)} | {example} |")
        lines.append("")
        if table == "extraction_notes":
            lines += ["Note kinds:", ""]
            lines += [f"- `{kind.value}`: {kind.meaning}." for kind in NoteKind]
            lines.append("")
    return "\n".join(lines)


def _example(value: object) -> str:
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"`{_cell(text)}`" if text else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
