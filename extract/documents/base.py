"""What a document is to the pipeline: how to read it, which tables it fills, how to show
where each record was read. The registry in documents/__init__.py lists them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extract.records import AuditBox, Doc, Footnote, FrontMatter, Note, SourceDocument

if TYPE_CHECKING:
    import pandas as pd
    import pandera.pandas as pa

Log = Callable[[str], None]


def quiet(message: str) -> None:
    """Say nothing."""


@dataclass(frozen=True)
class Reading:
    """One document as read: its source, what its stages made of it, and its own tables."""

    doc: Doc
    source: SourceDocument
    parsed: Any  # the document's own record: Workplan, Paper, ...
    tables: Mapping[str, pd.DataFrame]
    front: FrontMatter
    footnotes: Sequence[Footnote]
    notes: Sequence[Note]
    pages: int | None
    summary: str  # one log line: what was read
    pdf: bytes | None = None  # the file's bytes when it was read from a PDF
    evidence: Any = None  # what a PDF reader kept for the audit view


@dataclass(frozen=True)
class DocumentType:
    """A document the pipeline reads: its key, the file it reads by default, its CLI flag, its
    reading stages, its table models and its audit boxes."""

    doc: Doc
    name: str  # as people call it: "Annex I"
    default_file: str  # under --raw-dir
    flag: str  # the run option that names another file: "--annex"
    read: Callable[[Path, int, Log], Reading]
    models: Mapping[str, type[pa.DataFrameModel]]
    primary_keys: Mapping[str, list[str]]
    foreign_keys: Sequence[tuple[str, str, str, str]]
    audit_boxes: Callable[[Reading], list[AuditBox]]
