"""A table page's rows: bands between row cuts, each band cut into cells by the columns."""

from __future__ import annotations

from collections.abc import Sequence

from extract.errors import SourceError
from extract.readers.grid import (
    Cell,
    GridNote,
    GridRow,
)
from extract.readers.pdf.cells import check_no_images, mark_fills, words_to_cell
from extract.readers.pdf.geometry import (
    Columns,
    Geometry,
    PdfSettings,
    Word,
    words_to_lines,
)
from extract.readers.pdf.roles import key_index, merged_index, merged_span
from extract.readers.pdf.row_cuts import TableBody, band_cuts
from extract.readers.pdf.spans import merged_cells
from extract.readers.pdf.state import ReadState
from extract.readers.spec import TableSpec
from extract.records import NoteKind


def words_to_rows(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    body_top: float,
    table_bottom: float,
    state: ReadState,
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
    placed: set[int],
) -> list[GridRow]:
    """The page's rows; the id of every word put in a cell is added to placed."""
    for word in words:
        if columns.index_at(word.xc) is None:
            raise SourceError(
                f"word {word.text!r} at x={word.xc:.0f}, y={word.yc:.0f} stands outside the"
                " table's columns",
                file=path,
                page=geo.no,
            )
    key = key_index(columns, spec)
    merged = merged_index(columns, spec)
    bounds = {i: (x0, x1) for i, x0, x1 in columns.bounds()}
    key_x0, key_x1 = bounds[key]
    key_lines = words_to_lines([w for w in words if key_x0 <= w.xc < key_x1], settings)
    merged_x = merged_span(columns, spec)
    body = TableBody(
        geo, words, key_lines, (key_x0, key_x1), merged_x, columns, body_top, spec, settings
    )
    cutting, cuts, unruled = band_cuts(body)
    edges = [body_top, *cuts, table_bottom]
    if spec.keyless_rows:
        extra = cutting.keyless_gap_cuts(body, edges, key, state)
        edges = sorted([*edges, *extra])
    spans = merged_cells(body, edges, state, path) if merged is not None else []
    header_colours = {f.colour for f in geo.fills if f.yc < body_top}
    rows: list[GridRow] = []
    for b in range(len(edges) - 1):
        top, bottom = edges[b], edges[b + 1]
        band_words = [w for w in words if top <= w.yc < bottom]
        fills = mark_fills(geo, columns, top, bottom, header_colours, spec)
        drawn = [d for d in geo.diagonals if top <= (d[1] + d[3]) / 2 < bottom]
        check_no_images(geo, columns, top, bottom, path)
        cells = []
        for index in range(columns.width):
            x0, x1 = bounds[index]
            in_cell = [w for w in band_words if x0 <= w.xc < x1]
            box = (x0, top, x1, bottom)
            # The merged cell's text is read (and its hyphens noted) once, by merged_cells.
            own = None if index == merged else state
            cells.append(
                words_to_cell(in_cell, index, columns, box, fills, drawn, own, geo.no, settings)
            )
            placed.update(id(w) for w in in_cell)
        if spans and merged is not None:
            cells[merged] = spans[b]
        if all(c.empty for c in cells) and not (spans and spans[b].printed):
            continue
        others = [c for i, c in enumerate(cells) if i not in (key, merged)]
        if top in unruled and all(c.empty for c in others) and spec.lone_key_rows:
            # The key's printed number opens the row; a row may hold nothing else.
            state.row_notes.append(_lone_row_note(cells[key], geo.no, top, state.line + 1))
        elif top in unruled and all(c.empty for c in others):
            # No rule and nothing beside it: one key cell holding two rows' text, not two rows.
            raise SourceError(
                f"a row opens at y={top:.0f} with no rule above it and no other text or marks"
                " beside it: one cell seems to hold two rows",
                file=path,
                page=geo.no,
            )
        row_box = (columns.left, top, columns.right, bottom)
        rows.append(GridRow(geo.no, state.next_line(), tuple(cells), not rows, row_box))
    return rows


def _lone_row_note(key: Cell, page: int, top: float, line: int) -> GridNote:
    """The note for a row opened at its key number with no rule above and nothing beside."""
    return GridNote(
        NoteKind.ROW_OPENED_ALONE,
        page,
        line,
        f"{key.text[:40]!r} opens a line of the key column at y={top:.0f} with no rule above"
        " it and nothing beside it: read as a row of its own, its other cells empty",
    )
