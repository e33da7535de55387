"""Every table's pandera model and keys, gathered from the folders that own the tables: the
shared tables (extract/schema.py), each registered document, the cross-document tables."""

from __future__ import annotations

import pandera.pandas as pa

from extract import schema
from extract.cross import schemas as cross
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
