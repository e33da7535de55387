"""Rows and words going on over a page break: a word broken at a page's foot, a merged
cell's text, a foot row whose key text the next page prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from extract.readers.grid import (
    Cell,
    GridNote,
    GridPage,
)
from extract.readers.pdf.joining import lines_to_joined
from extract.readers.pdf.settings import SETTINGS, PdfSettings
from extract.readers.pdf.state import ReadState
from extract.readers.spec import TableSpec
from extract.readers.text import join_pieces
from extract.records import NoteKind


def join_page_breaks(
    pages: Sequence[GridPage],
    spec: TableSpec,
    state: ReadState,
    settings: PdfSettings = SETTINGS,
) -> list[GridPage]:
    """A word broken at the foot of a page, in a row the next page's first row goes on with,
    is decided as at any line end: if the hyphen goes, the word is put whole on the page where
    it begins, and the next page's cell keeps the rest."""
    out = list(pages)
    for k in range(1, len(out)):
        out[k - 1], out[k] = _join_span_break(out[k - 1], out[k], spec, state)
        before, page = out[k - 1], out[k]
        if not before.rows or not page.rows or spec.opens is None or spec.key_role is None:
            continue
        last, first = before.rows[-1], page.rows[0]
        key = page.roles.get(spec.key_role)
        if key is None or spec.opens(first.cell(key).text[: settings.opening_chars]):
            continue  # the page opens a new row: nothing goes on
        last_cells, first_cells = list(last.cells), list(first.cells)
        for role, at in before.roles.items():
            to = page.roles.get(role)
            if to is None or role in spec.spanning:
                continue
            upper, lower = last.cell(at), first.cell(to)
            if not upper.lines or not lower.lines:
                continue
            last_cells[at], first_cells[to] = _join_cells(upper, lower, state, before.no)
        out[k - 1] = replace(
            before, rows=(*before.rows[:-1], replace(last, cells=tuple(last_cells)))
        )
        out[k] = replace(page, rows=(replace(first, cells=tuple(first_cells)), *page.rows[1:]))
    return out


def _join_span_break(
    before: GridPage, page: GridPage, spec: TableSpec, state: ReadState
) -> tuple[GridPage, GridPage]:
    """A merged cell's text broken at a page's foot (GB.328's follow-up item), going on beside
    the next page's first row without opening a cell of its own: its broken word decided as at
    any line end."""
    if spec.span_opens is None or not before.rows or not page.rows:
        return before, page
    for role in spec.spanning:
        at, to = before.roles.get(role), page.roles.get(role)
        if at is None or to is None:
            continue
        lower = page.rows[0].cell(to)
        index = next(
            (i for i in range(len(before.rows) - 1, -1, -1) if before.rows[i].cell(at).lines), None
        )
        if index is None or not lower.lines or spec.span_opens(lower.text):
            continue
        upper = before.rows[index].cell(at)
        new_upper, new_lower = _join_cells(upper, lower, state, before.no)
        if new_upper is upper:
            continue
        row = before.rows[index]
        cells = list(row.cells)
        cells[at] = new_upper
        rows = list(before.rows)
        rows[index] = replace(row, cells=tuple(cells))
        before = replace(before, rows=tuple(rows))
        first = page.rows[0]
        cells = list(first.cells)
        cells[to] = new_lower
        page = replace(page, rows=(replace(first, cells=tuple(cells)), *page.rows[1:]))
    return before, page


def _join_cells(upper: Cell, lower: Cell, state: ReadState, page_no: int) -> tuple[Cell, Cell]:
    """A cell's last line and the next page's cell's first line joined as at any line end:
    the two cells with the broken word put whole above (the same cells where nothing
    changes); the hyphen's judgement noted in `state`."""
    pair = [upper.lines[-1].text, lower.lines[0].text]
    joined = lines_to_joined(pair, state.vocabulary, page_no)
    state.hyphen_notes.extend(joined.notes)
    texts = list(joined.texts)
    if texts == pair:
        return upper, lower
    upper_lines = (*upper.lines[:-1], replace(upper.lines[-1], text=texts[0]))
    lower_lines = tuple(
        line for line in (replace(lower.lines[0], text=texts[1]), *lower.lines[1:]) if line.text
    )
    return (
        replace(upper, text=join_pieces([x.text for x in upper_lines]), lines=upper_lines),
        replace(lower, text=join_pieces([x.text for x in lower_lines]), lines=lower_lines),
    )


def carry_foot_rows(
    pages: Sequence[GridPage], spec: TableSpec
) -> tuple[list[GridPage], list[GridNote]]:
    """A page's last row with an empty key cell (its marks left at the foot, its text moved
    on) is read with the next page's first row, where that text stands; noted."""
    out = list(pages)
    notes: list[GridNote] = []
    if spec.key_role is None or spec.keyless_rows:
        return out, notes
    for k in range(len(out) - 1):
        page, following = out[k], out[k + 1]
        key = page.roles.get(spec.key_role)
        if (
            key is None
            or len(page.rows) < 2  # a page's only row continues the page before
            or not following.rows
            or page.rows[-1].cell(key).text
            or (page.width, dict(page.roles)) != (following.width, dict(following.roles))
        ):
            continue
        foot, first = page.rows[-1], following.rows[0]
        spanning = {page.roles[role] for role in spec.spanning if role in page.roles}
        cells = tuple(
            b if i in spanning else _cell_after(a, b)
            for i, (a, b) in enumerate(zip(foot.cells, first.cells, strict=True))
        )
        periods = {col.index: col.period for col in page.quarter_cols}
        seen = words_preview(
            [
                f"{periods[i]} {c.text}" if i in periods else c.text
                for i, c in enumerate(foot.cells)
                if c.text and i not in spanning
            ]
        )
        notes.append(
            GridNote(
                NoteKind.CONTINUATION_JOINED,
                page.no,
                foot.line,
                f"the last row of page {page.no} has no {spec.key_role} text ({seen}): read"
                f" with the first row of page {following.no}, which prints it",
            )
        )
        out[k] = replace(page, rows=page.rows[:-1])
        out[k + 1] = replace(following, rows=(replace(first, cells=cells), *following.rows[1:]))
    return out, notes


def words_preview(texts: Sequence[str], limit: int = 60) -> str:
    """Texts of cells, joined and cut for a message."""
    joined = " | ".join(texts)
    return repr(joined if len(joined) <= limit else joined[:limit] + "…")


def _cell_after(before: Cell, after: Cell) -> Cell:
    """One cell printed in two parts, the first at a page's foot."""
    if before.empty:
        return after
    if after.empty:
        return before
    return replace(
        after,
        text=join_pieces([before.text, after.text]),
        lines=(*before.lines, *after.lines),
        evidence=(*before.evidence, *after.evidence),
    )
