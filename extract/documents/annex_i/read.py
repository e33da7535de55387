"""Annex I from its text export or its PDF, through the typed grid, to its tables."""

from __future__ import annotations

from pathlib import Path

from extract.documents.annex_i.frames import workplan_tables
from extract.documents.annex_i.parse import grid_to_workplan
from extract.documents.annex_i.spec import ANNEX_SPEC, DOC
from extract.documents.base import Log, Reading, quiet
from extract.limits import LIMITS, Limits
from extract.readers.grid import (
    Grid,
    lines_to_grid,
)
from extract.readers.sniff import is_pdf, sha256
from extract.readers.spec import TableSpec
from extract.readers.text import DEFAULT_MAX_BYTES, read_bytes, text_source
from extract.records import Doc, SourceDocument


def read_annex(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, log: Log = quiet, limits: Limits = LIMITS
) -> Reading:
    """Annex I read whole: the grid, the work-plan, its tables."""
    source, grid, pdf = read_table_document(path, DOC, ANNEX_SPEC, max_bytes, log, limits)
    kind = "PDF" if grid.is_pdf else "text"
    log(f"annex_i: read {source.path} as {kind}, {len(grid.pages)} table pages")
    plan = grid_to_workplan(grid)
    return Reading(
        doc=DOC,
        source=source,
        parsed=plan,
        tables=workplan_tables(plan),
        front=plan.front,
        footnotes=plan.footnotes,
        notes=plan.notes,
        pages=grid.page_count or len(grid.pages),
        summary=(
            f"annex_i: {len(plan.pages)} pages -> {len(plan.deliverables)} deliverables,"
            f" {len(plan.activities)} activities, {len(plan.schedule)} scheduled quarters,"
            f" {len(plan.notes)} notes"
        ),
        pdf=pdf,
    )


def read_table_document(
    path: Path,
    doc: Doc,
    spec: TableSpec,
    max_bytes: int = DEFAULT_MAX_BYTES,
    log: Log = quiet,
    limits: Limits = LIMITS,
) -> tuple[SourceDocument, Grid, bytes | None]:
    """A document's table as the typed grid, from text or, if the bytes say so, from a PDF."""
    data = read_bytes(path, max_bytes)
    shown = path.as_posix()
    if is_pdf(data):
        from extract.readers.pdf import pdf_to_grid  # pdfplumber and the PDF reader: PDFs only

        source = SourceDocument(doc, shown, sha256(data), ())
        return source, pdf_to_grid(data, shown, spec, log=log, limits=limits), data
    source = text_source(data, shown, doc, limits)
    return source, lines_to_grid(source.lines, spec, shown), None
