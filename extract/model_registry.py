"""Every table's pandera model and keys, gathered from the folders that own the tables: the
shared tables (extract/shared_models.py), each registered document, the cross-document tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandera.pandas as pa

from extract import shared_models as schema
from extract.cross import models as cross
from extract.documents import DOCUMENTS

_OWNERS = (
    (schema.MODELS, schema.PRIMARY_KEYS, schema.FOREIGN_KEYS),
    *((d.models, d.primary_keys, d.foreign_keys) for d in DOCUMENTS),
    (cross.MODELS, cross.PRIMARY_KEYS, cross.FOREIGN_KEYS),
)

MODELS: dict[str, type[pa.DataFrameModel]] = {
    name: model for models, _, _ in _OWNERS for name, model in models.items()
}
# Columns that identify a row; tables without one (notes, reconciliation) have none.
PRIMARY_KEYS: dict[str, list[str]] = {
    name: key for _, keys, _ in _OWNERS for name, key in keys.items()
}
# (child table, column, parent table, column); null children are allowed.
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [ref for _, _, refs in _OWNERS for ref in refs]


# Tables about the reading or the inputs (notes, files) or restating the others (programme):
# no rendering of the documents is expected to give them alike.
NOT_CONTENT = frozenset({"extraction_notes", "documents", "programme"})


def content_columns(also: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Each table's columns that say what the documents contain (no role in their field's
    metadata: not where, not as printed, not restated), for comparing readings of the same
    documents from different renderings; `also` adds the columns of those roles."""
    return {
        name: [
            column
            for column, spec in model.to_schema().columns.items()
            if (spec.metadata or {}).get("role") in (None, *also)
        ]
        for name, model in MODELS.items()
        if name not in NOT_CONTENT
    }


@dataclass(frozen=True)
class Column:
    """One column as the schema defines it."""

    name: str
    kind: str
    description: str
    required: bool
    unique: bool
    enum: list[Any] | None
    pattern: str | None
    minimum: float | None
    maximum: float | None
    min_length: int | None


def _kind(dtype: object) -> str:
    text = str(dtype).lower()
    if "int" in text:
        return "integer"
    if "bool" in text:
        return "boolean"
    if "float" in text:
        return "number"
    return "string"


def columns(table: str) -> list[Column]:
    """The columns of a table in order, read off its pandera model."""
    schema = MODELS[table].to_schema()
    out = []
    for name, column in schema.columns.items():
        stats = {check.name: check.statistics for check in column.checks}
        pattern = stats.get("str_matches", {}).get("pattern")
        out.append(
            Column(
                name=name,
                kind=_kind(column.dtype),
                description=column.description or "",
                required=not column.nullable,
                unique=bool(column.unique),
                enum=list(stats["isin"]["allowed_values"]) if "isin" in stats else None,
                pattern=pattern.removeprefix("^").removesuffix("$") if pattern else None,
                minimum=stats.get("greater_than_or_equal_to", {}).get("min_value"),
                maximum=stats.get("less_than_or_equal_to", {}).get("max_value"),
                min_length=stats.get("str_length", {}).get("min_value"),
            )
        )
    return out
