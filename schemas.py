"""One pandera model per output table, and the checks that tie tables to each other.

The models live beside the records they describe (extract/shared_models.py for the shared tables,
extract/documents/<doc>/models.py, extract/cross/models.py); this module gathers them."""

from __future__ import annotations

from extract.cross.models import DISCREPANCY_KINDS, STATUSES
from extract.documents.annex_i.models import MARK_KINDS
from extract.documents.gb328.models import TIMING_KINDS
from extract.model_registry import FOREIGN_KEYS, MODELS, PRIMARY_KEYS
from extract.output.validate import validate_tables
from extract.shared_models import AREAS, DOCS, NOTE_KINDS

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
