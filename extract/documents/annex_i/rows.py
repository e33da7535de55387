"""Grid rows read as the work-plan's columns: area, deliverable, activities and quarter marks."""

from __future__ import annotations

from collections.abc import Sequence

from extract.documents.annex_i.records import Mark, MarkKind, Row, StrayMark
from extract.errors import SourceError
from extract.programme_constants import PROGRAMME
from extract.readers.grid import (
    Cell,
    GridPage,
    GridRow,
)
from extract.readers.records import Segment


def grid_to_rows(pages: Sequence[GridPage]) -> tuple[Row, ...]:
    """Each grid row read as the work-plan's columns: area, deliverable, activities, marks.
    Where the time frame is marked with glyphs, shading is decoration (zebra rows, shaded
    years), not a mark."""
    quarter_cells = [
        (row, row.cell(col.index))
        for page in pages
        for row in page.rows
        for col in page.quarter_cols
    ]
    glyphs = any(cell.text in PROGRAMME.mark_glyphs for _, cell in quarter_cells)
    shaded = [row for row, cell in quarter_cells if "fill" in cell.evidence and not cell.text]
    if glyphs and shaded:
        raise SourceError(
            f"the time frame is marked with X glyphs but {len(shaded)} quarter cell(s) are shaded"
            " without one, first in a row on this page: shading is neither clearly a mark nor"
            " clearly decoration",
            page=shaded[0].page,
        )
    return tuple(_row(page, row, not glyphs) for page in pages for row in page.rows)


def _mark_kind(cell: Cell, fills_mark: bool) -> MarkKind | None:
    if cell.text in PROGRAMME.mark_glyphs:
        return MarkKind.X if cell.text in "Xx" else MarkKind.CHECK
    if cell.text:
        return None
    if "drawn" in cell.evidence:
        return MarkKind.DRAWN
    if "fill" in cell.evidence and fills_mark:
        return MarkKind.FILL
    return None


def _row(page: GridPage, row: GridRow, fills_mark: bool) -> Row:
    marks, strays = [], []
    by_index = {col.index: col for col in page.quarter_cols}
    roles = set(page.roles.values())
    for index, cell in enumerate(row.cells):
        if index in roles or cell.empty:
            continue
        kind = _mark_kind(cell, fills_mark)
        if kind is None and not cell.text:
            continue  # shading only, where the marks are glyphs
        column = by_index.get(index)
        if kind is None:
            where = f"quarter cell {column.period}" if column else "cell outside the time frame"
            raise SourceError(
                f"{where} holds {cell.text[:40]!r}; expected 'X' or empty",
                line=None if row.box else row.line,
                page=row.page,
                column=index + 1,
            )
        if column is None:
            frame = f"{page.quarter_cols[0].period}-{page.quarter_cols[-1].period}"
            strays.append(StrayMark(row.page, row.line, index + 1, frame))
        else:
            marks.append(
                Mark(column.year, column.quarter, row.page, row.line, index + 1, kind, cell.box)
            )
    area = row.cell(page.roles["area"])
    deliverable = row.cell(page.roles["deliverable"])
    activities = row.cell(page.roles["activities"])
    return Row(
        page=row.page,
        line=row.line,
        first_on_page=row.first_on_page,
        area=area.text,
        area_printed=bool(area.text) and area.printed,
        area_span=area.span,
        deliverable=deliverable.text,
        deliverable_box=deliverable.box,
        activity_lines=tuple(
            Segment(line.text, row.page, row.line, line.box) for line in activities.lines
        ),
        marks=tuple(marks),
        stray_marks=tuple(strays),
        bbox=row.box,
    )


def row_line(row: Row) -> int | None:
    """A row's line for messages: text lines only (a PDF's rows are named by page)."""
    return None if row.bbox else row.line
