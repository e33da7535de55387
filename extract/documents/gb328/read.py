"""GB.328 from its text export or its PDF to the paper and its tables."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from extract.documents.base import Log, Reading, quiet
from extract.documents.gb328.appendix import check_matrix_whole
from extract.documents.gb328.frames import paper_tables
from extract.documents.gb328.paper import DOC, body_and_grid_to_paper, source_to_paper
from extract.errors import located
from extract.limits import LIMITS, Limits
from extract.readers.sniff import is_pdf, sha256
from extract.readers.text import DEFAULT_MAX_BYTES, read_bytes, text_source
from extract.records import Note, SourceDocument


def read_gb328(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, log: Log = quiet, limits: Limits = LIMITS
) -> Reading:
    """The GB.328 paper from its text export or, if the bytes say so, from its PDF."""
    data = read_bytes(path, max_bytes)
    shown = path.as_posix()
    parts = None
    if not is_pdf(data):
        source = text_source(data, shown, DOC, limits)
        paper = source_to_paper(source)
        read_as = f"text, {len(source.lines)} lines"
    else:
        # The PDF reader (and pdfplumber with it) only for a PDF.
        from extract.documents.gb328.pdf import check_marks_answered, pdf_to_paper_parts

        parts = pdf_to_paper_parts(data, shown, log=log, limits=limits)
        check_marks_answered(parts.body, shown)
        paper = body_and_grid_to_paper(parts.body, parts.grid)
        reader_notes = [
            Note(
                doc=DOC,
                page=note.page,
                line=note.line,
                kind=note.kind,
                message=note.message,
            )
            for note in (*parts.notes, *parts.grid.notes)
        ]
        paper = replace(paper, notes=(*reader_notes, *paper.notes))
        source = SourceDocument(DOC, shown, sha256(data), ())
        read_as = f"PDF, {paper.page_count} pages"
    with located(shown):
        # The stages read any part of a paper; a document read whole must be whole.
        check_matrix_whole(paper.items, paper.rows, paper.matrix_line)
    return Reading(
        doc=DOC,
        source=source,
        parsed=paper,
        tables=paper_tables(paper),
        front=paper.front,
        footnotes=paper.footnotes,
        notes=paper.notes,
        pages=paper.page_count,
        summary=(
            f"gb328: read {shown} as {read_as} -> {len(paper.paragraphs)}"
            f" paragraphs, {len(paper.footnotes)} footnotes, {len(paper.areas)} action areas,"
            f" {len(paper.items)} follow-up items, {len(paper.rows)} matrix rows on"
            f" {paper.matrix_pages} pages"
        ),
        pdf=data if parts is not None else None,
        evidence=parts,
    )
