"""One pandera model per output table, and the checks that tie tables to each other.

The models live beside the records they describe (extract/schema.py for the shared tables,
extract/documents/<doc>/schemas.py, extract/cross/schemas.py); this module gathers them."""

from __future__ import annotations

from extract.cross.schemas import DISCREPANCY_KINDS, STATUSES
from extract.documents.annex_i.schemas import MARK_KINDS
from extract.documents.gb328.schemas import TIMING_KINDS
from extract.models import FOREIGN_KEYS, MODELS, PRIMARY_KEYS
from extract.output.validate import validate_tables
from extract.schema import AREAS, DOCS, NOTE_KINDS

__all__ = [
    "AREAS",
    "DISCREPANCY_KINDS",
    "DOCS",
    "FOREIGN_KEYS",
    "MARK_KINDS",
    "MODELS",
    "NOTE_KINDS",
    "PRIMARY_KEYS",
    "STATUSES",
    "TIMING_KINDS",
    "validate_tables",
]
