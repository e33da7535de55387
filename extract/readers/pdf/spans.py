"""Merged cells of the table's spanning column: fragments between rules (RuledSpans), or
text blocks starting at rows (BlockSpans), each given to the rows it stands beside."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from extract.errors import SourceError
from extract.readers.grid import Cell
from extract.readers.pdf.cells import texts_to_cell_lines
from extract.readers.pdf.geometry import (
    PdfSettings,
    Rule,
    Word,
    words_box,
    words_joined,
    words_to_lines,
)
from extract.readers.pdf.row_cuts import TableBody, crosses
from extract.readers.pdf.state import ReadState


class SpanCutting(Protocol):
    """Where a table's spanning column is cut into merged cells: ruled or rule-less, as the
    table's rows are (row_cuts.RowCutting), chosen by the spanning column's own rules."""

    def cuts(
        self, body: TableBody, edges: Sequence[float], inner: Sequence[Rule], path: str
    ) -> list[float]: ...


class RuledSpans:
    """A merged cell ends at each rule between rows that crosses the spanning column."""

    def cuts(
        self, body: TableBody, edges: Sequence[float], inner: Sequence[Rule], path: str
    ) -> list[float]:
        assert body.merged_x is not None
        return sorted({r.at for r in inner if crosses(r, body.merged_x, body.settings)})


class BlockSpans:
    """No rules: a merged cell is a block of text, beginning at the top of the row its first
    line stands beside."""

    def cuts(
        self, body: TableBody, edges: Sequence[float], inner: Sequence[Rule], path: str
    ) -> list[float]:
        settings, words = body.settings, body.words
        lines = words_to_lines(_merged_words(body), settings)
        band_tops = [_band_text_top(words, edges[b], edges[b + 1]) for b in range(len(edges) - 1)]
        tops = [t for t in band_tops if t is not None]
        cuts: list[float] = []
        for block in _blocks(lines, settings, body.spec.span_opens, tops):
            top = block[0][0].top
            match = [t for t in band_tops if t is not None and abs(t - top) <= settings.align]
            if not match:
                shown = words_joined([w for line in block for w in line])
                raise SourceError(
                    f"the merged cell {shown!r} has no rules"
                    " and its text does not start at a row, so the rows it spans cannot be told",
                    file=path,
                    page=body.geo.no,
                )
            band = band_tops.index(match[0])
            if band > 0:
                cuts.append(edges[band])
        return cuts


RULED_SPANS, BLOCK_SPANS = RuledSpans(), BlockSpans()


def _inner_rules(body: TableBody, edges: Sequence[float]) -> list[Rule]:
    """Rules between rows only: booktabs' rule under the table's last row (the prose below it
    is cut off later) parts no merged cell."""
    body_top, bottom = edges[0], edges[-1]
    last_text = max((w.bottom for w in body.words), default=bottom)
    return [r for r in body.geo.hrules if body_top + 1 < r.at < min(bottom, last_text) - 1]


def body_to_span_cutting(body: TableBody, inner: Sequence[Rule]) -> SpanCutting:
    """Ruled when a rule between rows crosses the spanning column or the key column."""
    assert body.merged_x is not None
    s = body.settings
    ruled = any(crosses(r, body.merged_x, s) or crosses(r, body.key_x, s) for r in inner)
    return RULED_SPANS if ruled else BLOCK_SPANS


def _merged_words(body: TableBody) -> list[Word]:
    assert body.merged_x is not None
    x0, x1 = body.merged_x
    return [w for w in body.words if x0 <= w.xc < x1]


def merged_cells(
    body: TableBody, edges: Sequence[float], state: ReadState, path: str
) -> list[Cell]:
    """The merged cell of the spec's spanning column that each band lies in: fragments cut
    as the table's SpanCutting says, each given to the rows it stands beside."""
    geo, key_lines, settings = body.geo, body.key_lines, body.settings
    assert body.merged_x is not None  # read only for a table with a merged column
    x0, x1 = body.merged_x
    merged_words = _merged_words(body)
    body_top, bottom = edges[0], edges[-1]
    inner = _inner_rules(body, edges)
    cuts = body_to_span_cutting(body, inner).cuts(body, edges, inner, path)
    frags = [body_top, *cuts, bottom]
    cells: list[Cell] = []
    frag_cells: list[Cell] = []
    for f in range(len(frags) - 1):
        state.span += 1
        in_frag = [w for w in merged_words if frags[f] <= w.yc < frags[f + 1]]
        lines_in = words_to_lines(in_frag, settings)
        texts, text = state.lines_text(lines_in, geo.no)
        frag_cells.append(
            Cell(
                text,
                texts_to_cell_lines(texts, lines_in),
                words_box(in_frag) if in_frag else (x0, frags[f], x1, frags[f + 1]),
                span=state.span,
            )
        )
    used: set[int] = set()
    for b in range(len(edges) - 1):
        top, bot = edges[b], edges[b + 1]
        # Probe where the row's key text begins, so an empty spacer above it does not count.
        opening = [w.top for line in key_lines for w in line[:1] if top <= w.yc < bot]
        mid = min(opening) + 1 if opening else (top + min(bot, top + settings.probe_depth)) / 2
        f = (
            max(i for i in range(len(frags) - 1) if frags[i] <= mid + settings.probe_slack)
            if frags[0] <= mid
            else 0
        )
        frag = frag_cells[f]
        used.add(f)
        printed = any(top <= w.yc < bot for w in merged_words if frags[f] <= w.yc < frags[f + 1])
        cells.append(replace(frag, printed=printed and bool(frag.text)))
    for f, frag in enumerate(frag_cells):
        if frag.text and f not in used:
            raise SourceError(
                f"the merged cell {frag.text!r} stands beside no row of the table",
                file=path,
                page=geo.no,
            )
    return cells


def _blocks(
    lines: Sequence[Sequence[Word]],
    settings: PdfSettings,
    opens: Callable[[str], bool] | None = None,
    row_tops: Sequence[float] = (),
) -> list[list[Sequence[Word]]]:
    """A spanning column's lines in blocks parted by a gap, or by a line that opens a cell
    (`opens`) at a row's top: two merged cells set close, one after the other."""
    blocks: list[list[Sequence[Word]]] = []
    for line in lines:
        opening = (
            opens is not None
            and opens(words_joined(line))
            and any(abs(line[0].top - t) <= settings.align for t in row_tops)
        )
        if (
            blocks
            and not opening
            and line[0].top - blocks[-1][-1][0].bottom < settings.block_gap * line[0].size
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _band_text_top(words: Sequence[Word], top: float, bottom: float) -> float | None:
    inside = [w.top for w in words if top <= w.yc < bottom]
    return min(inside) if inside else None
