"""A band × column cell: text cells' lines, and the quarter cells' marks (glyphs, fills,
drawn crosses)."""

from __future__ import annotations

from collections.abc import Sequence

from extract.errors import SourceError
from extract.readers.boxes import union
from extract.readers.grid import (
    EMPTY,
    Cell,
    CellLine,
)
from extract.readers.pdf.geometry import (
    DINGBAT_CHECKS,
    Columns,
    Fill,
    Geometry,
    Word,
    words_box,
    words_to_lines,
)
from extract.readers.pdf.roles import merged_role
from extract.readers.pdf.settings import SETTINGS, PdfSettings
from extract.readers.pdf.state import ReadState
from extract.readers.records import Box
from extract.readers.spec import TableSpec


def mark_fills(
    geo: Geometry,
    columns: Columns,
    top: float,
    bottom: float,
    header_colours: set,
    spec: TableSpec,
) -> list[Fill]:
    """Shading in a band's quarter cells that can be a mark: not the colour the band's text
    cells are shaded with (zebra rows), nor a colour the header uses (shaded columns)."""
    band = [f for f in geo.fills if top <= f.yc < bottom]
    first_quarter = columns.quarters[0][1] if columns.quarters else columns.right
    # Zebra rows shade the row's text cells; a merged cell's own colour says nothing.
    merged = merged_role(spec)
    text_x = [span for role, span in columns.roles.items() if role != merged]
    text_cells = {f.colour for f in band if any(x0 <= f.xc < x1 for x0, x1 in text_x)}
    background = text_cells | header_colours
    return [f for f in band if f.xc >= first_quarter and f.colour not in background]


def check_no_images(geo: Geometry, columns: Columns, top: float, bottom: float, path: str) -> None:
    """An image in the time frame may be a mark the reader cannot see: refuse, not drop."""
    if not columns.quarters:
        return
    x0, x1 = columns.quarters[0][1], columns.right
    for box in geo.images:
        xc, yc = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if x0 <= xc < x1 and top <= yc < bottom:
            raise SourceError(
                f"an image stands in the time frame at x={xc:.0f}, y={yc:.0f}; marks drawn as"
                " images are not read (give a PDF with X marks, shading or drawn lines)",
                file=path,
                page=geo.no,
            )


def words_to_cell(
    words: Sequence[Word],
    index: int,
    columns: Columns,
    box: Box,
    fills: Sequence[Fill],
    drawn: Sequence[tuple[float, float, float, float]],
    state: ReadState | None = None,
    page: int = 0,
    settings: PdfSettings = SETTINGS,
) -> Cell:
    """A band × column cell: a quarter cell's marks, or a text cell's decided lines."""
    quarter = any(col.index == index for col, _, _ in columns.quarters) or (
        columns.extra is not None and index == columns.width - 1
    )
    x0, _, x1, _ = box
    if quarter:
        evidence = []
        cell_fills = [
            f.box
            for f in fills
            if (x0 <= f.xc < x1 and f.box[2] - f.box[0] <= settings.fill_width * (x1 - x0))
            # a bar over quarters
            or min(f.box[2], x1) - max(f.box[0], x0) >= settings.bar_cover * (x1 - x0)
        ]
        cell_lines = [d for d in drawn if x0 <= (d[0] + d[2]) / 2 < x1]
        up = any((d[3] - d[1]) * (d[2] - d[0]) > 0 for d in cell_lines)
        down = any((d[3] - d[1]) * (d[2] - d[0]) < 0 for d in cell_lines)
        if up and down:
            evidence.append("drawn")
        if cell_fills:
            evidence.append("fill")
        texts = [_glyph(w, len(words)) for w in words]
        boxes = [w.box for w in words]
        if "drawn" in evidence:
            boxes += [
                (min(d[0], d[2]), min(d[1], d[3]), max(d[0], d[2]), max(d[1], d[3]))
                for d in cell_lines
            ]
        if "fill" in evidence:
            boxes += cell_fills
        text = " ".join(texts)
        if not text and not evidence:
            return EMPTY
        return Cell(
            text, (CellLine(text, union(boxes)),) if text else (), union(boxes), tuple(evidence)
        )
    if not words:
        return EMPTY
    printed = words_to_lines(words, settings)
    texts, text = (state or ReadState()).lines_text(printed, page, box)
    return Cell(text, texts_to_cell_lines(texts, printed), words_box(words))


def texts_to_cell_lines(
    texts: Sequence[str], printed: Sequence[Sequence[Word]]
) -> tuple[CellLine, ...]:
    """A cell's lines as decided: a line emptied by a broken word put whole on the line before
    gives its box to that line."""
    out: list[CellLine] = []
    for text, line in zip(texts, printed, strict=True):
        if not text and out:
            out[-1] = CellLine(out[-1].text, union([out[-1].box, words_box(line)]))
        else:
            out.append(CellLine(text, words_box(line)))
    return tuple(out)


def _glyph(word: Word, count: int) -> str:
    """A dingbat font's check mark, printed as a letter, is a check when alone in its cell."""
    font = word.font.split("+")[-1].casefold()
    for name, table in DINGBAT_CHECKS.items():
        if name in font and count == 1 and word.text in table:
            return table[word.text]
    return "X" if word.text == "\u00d7" else word.text
