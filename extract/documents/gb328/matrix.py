"""The Appendix activity matrix from the typed grid: its columns, rows joined over page
breaks, merged item cells."""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from extract.documents.gb328.records import (
    DOC,
)
from extract.programme import PROGRAMME
from extract.readers.grid import Grid, GridRow, TableSpec, rows_to_blocks
from extract.readers.text import (
    join_pieces,
)
from extract.records import Box, Line, Note, NoteKind

DELIVERABLE = regex.compile(r"(\d+\.\d+)\.?\s*(.*)")


_DELIVERABLE_START = regex.compile(r"\d+\.\d+\b")


_ITEM_START = regex.compile(r"\d{1,2}\.\s")


# As printed, '1.1. A focused …'; a number inside the text ('Alliance 8.7 (joint …') that a
# line happens to begin with has no closing dot.
_DELIVERABLE_OPENS = regex.compile(r"\d{1,2}\.\d{1,2}\.\s")


_COLUMNS = {
    "item": "follow-up item",
    "deliverable": "deliverables",
    "timing": "timing",
    "area": "area of action",
}


MATRIX_SPEC = TableSpec(
    name="activity matrix",
    labels=_COLUMNS,
    key_role="deliverable",
    opens=lambda text: bool(_DELIVERABLE_OPENS.match(text)),
    spanning=frozenset({"item"}),
    keyless_rows=True,
    row_text=regex.compile(rf"\(\s*23\s*\(\s*[{PROGRAMME.letter_class}]\s*\)\s*\)|^\d\.\d\.\s"),
)


@dataclass(frozen=True)
class MatrixRow:
    """One logical matrix row: its role texts, joined over a page break if it broke there."""

    page: int
    line: Line
    cells: dict[str, str]
    boxes: tuple[tuple[int, Box], ...] = ()


@dataclass(frozen=True)
class Matrix:
    rows: tuple[MatrixRow, ...]
    notes: tuple[Note, ...]
    pages: int


def grid_to_matrix(grid: Grid) -> Matrix:
    """The matrix rows page by page; a page's first row without a number of its own continues
    the row before the page break. A merged item cell's text counts once, on its first row."""
    notes: list[Note] = [
        Note(
            doc=DOC,
            page=line.page,
            line=line.line,
            kind=NoteKind.LINE_SKIPPED,
            message=(
                f"line without cells on activity-matrix page {line.page} is no matrix"
                f" row; left out: {line.text[:60]!r}"
            ),
        )
        for page in grid.pages
        for line in page.prose
    ]
    roles = {page.no: page.roles for page in grid.pages}
    rows = [row for page in grid.pages for row in page.rows]
    seen_spans: set[int] = set()

    def cells(row: GridRow) -> dict[str, str]:
        out = {}
        for role, index in roles[row.page].items():
            cell = row.cell(index)
            if cell.span is not None:  # a PDF's merged cell, carried to every row it spans
                out[role] = "" if cell.span in seen_spans else cell.text
                seen_spans.add(cell.span)
            else:
                out[role] = cell.text
        return out

    texts = {id(row): cells(row) for row in rows}
    joined: list[MatrixRow] = []
    for block in rows_to_blocks(rows, lambda row: not _continues_row(texts[id(row)])):
        first = block[0]
        pieces = [texts[id(row)] for row in block]
        merged = {role: join_pieces([piece[role] for piece in pieces]) for role in pieces[0]}
        boxes = tuple((row.page, row.box) for row in block if row.box is not None)
        joined.append(MatrixRow(first.page, Line(first.line, ""), merged, boxes))
        match = DELIVERABLE.match(pieces[0]["deliverable"])
        notes.extend(
            Note(
                doc=DOC,
                page=row.page,
                line=row.line,
                kind=NoteKind.CONTINUATION_JOINED,
                deliverable_id=match.group(1) if match else None,
                message=(
                    f"matrix row continues the row at line {first.line} across the"
                    " page break; its cells are joined to it"
                ),
            )
            for row in block[1:]
        )
    notes.extend(_join_item_fragments(joined))
    notes.sort(key=lambda note: note.line or 0)
    return Matrix(tuple(joined), tuple(notes), len(grid.pages))


def _join_item_fragments(rows: list[MatrixRow]) -> list[Note]:
    """A merged item cell whose text runs over a page break shows its rest beside the next
    page's first row, without an item number: it goes back to the item it continues."""
    notes = []
    last: int | None = None
    for i, row in enumerate(rows):
        text = row.cells["item"]
        if not text:
            continue
        if last is not None and not _ITEM_START.match(text):
            head = rows[last]
            rows[last] = replace(
                head, cells={**head.cells, "item": join_pieces([head.cells["item"], text])}
            )
            rows[i] = replace(row, cells={**row.cells, "item": ""})
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line.no,
                    kind=NoteKind.CONTINUATION_JOINED,
                    message=(
                        f"follow-up item text {text[:40]!r} on page {row.page} continues the item"
                        f" cell of the row at line {rows[last].line.no} across the page break;"
                        " joined"
                    ),
                )
            )
        else:
            last = i
    return notes


def _continues_row(row: dict[str, str]) -> bool:
    """A page's first row goes on with the last one when it has neither a follow-up item
    number nor a deliverable number of its own, and either deliverable text or no timing: a
    fragment holding only the rest of the area cell continues; the unnumbered row (its own
    timing and areas) does not."""
    return (
        any(row.values())
        and not _ITEM_START.match(row["item"])
        and not _DELIVERABLE_START.match(row["deliverable"])
        and (bool(row["deliverable"]) or not row["timing"])
    )
