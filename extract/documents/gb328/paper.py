"""GB.328/INS/5/1(Add.1): front matter, paragraphs, footnotes, action areas, activity matrix."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extract.documents.gb328.appendix import aliases_seen, matrix_to_rows
from extract.documents.gb328.front import lines_to_front_matter, split_front_matter
from extract.documents.gb328.matrix import MATRIX_SPEC, grid_to_matrix
from extract.documents.gb328.paragraphs import body_to_paragraphs
from extract.documents.gb328.records import (
    DOC,
    Paper,
)
from extract.documents.gb328.text_route import drop_text_furniture, unwrap_lines
from extract.errors import SourceError, located
from extract.readers.grid import (
    Grid,
    lines_to_grid,
)
from extract.readers.records import Line
from extract.readers.text import (
    lines_to_footnotes,
    split_footnote,
)
from extract.records import Note, SourceDocument


def source_to_paper(source: SourceDocument) -> Paper:
    """Run every GB.328 stage over a text source."""
    grid = lines_to_grid(source.lines, MATRIX_SPEC, source.path)
    header_line = grid.pages[0].header_line or 0
    body = [line for line in source.lines[: header_line - 1] if line.text.strip()]
    # Endnotes gathered after the matrix are the body's footnotes, not lines to skip.
    endnotes = [
        Line(p.line, p.text) for page in grid.pages for p in page.prose if split_footnote(p.text)
    ]
    pages = tuple(
        replace(page, prose=tuple(p for p in page.prose if not split_footnote(p.text)))
        for page in grid.pages
    )
    body, furniture = drop_text_furniture(body)
    body, unwrapped = unwrap_lines(body)
    paper = body_and_grid_to_paper([*body, *endnotes], replace(grid, pages=pages))
    # The grid's judgements (line-break hyphens decided in matrix cells) are the paper's too.
    judged = [
        Note(doc=DOC, page=n.page, line=n.line, kind=n.kind, message=n.message) for n in grid.notes
    ]
    return replace(paper, notes=(*furniture, *unwrapped, *judged, *paper.notes))


def body_and_grid_to_paper(body: Sequence[Line], grid: Grid) -> Paper:
    """Every GB.328 stage over the paper's body lines (text lines, or a PDF's blocks) and the
    activity matrix as a typed grid."""
    path = grid.path
    with located(path):
        matrix = grid_to_matrix(grid)
        front_lines, rest = split_front_matter(body)
        paragraphs, areas, footnote_lines, para_notes = body_to_paragraphs(rest, front_lines)
        footnotes = lines_to_footnotes(DOC, [*front_lines, *rest], footnote_lines, path)
        for footnote in footnotes:
            if footnote.ref_line is None:  # its mark was lost (a converter dropped a superscript)
                raise SourceError(
                    f"footnote {footnote.mark} has no mark {footnote.mark} anywhere in the text",
                    line=footnote.line,
                )
        items, rows, row_notes = matrix_to_rows(matrix, areas)
    aliases = aliases_seen(areas, rows)
    front, front_notes = lines_to_front_matter(front_lines)
    return Paper(
        front=front,
        paragraphs=paragraphs,
        footnotes=footnotes,
        areas=areas,
        aliases=aliases,
        items=items,
        rows=rows,
        matrix_pages=matrix.pages,
        matrix_line=grid.pages[0].header_line,
        notes=(*front_notes, *para_notes, *row_notes),
        page_count=grid.page_count if grid.is_pdf else None,
    )
