"""The documents the pipeline reads, in the order it reads them. A new document is a folder
beside these two and one line here (docs/architecture.md)."""

from __future__ import annotations

from extract.documents import annex_i, gb328
from extract.documents.base import DocumentType

DOCUMENTS: tuple[DocumentType, ...] = (annex_i.DOCUMENT, gb328.DOCUMENT)
