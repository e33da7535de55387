"""Prose on a table page: lines that run across the columns or stand below the table,
joined into paragraphs; text above the table that names its columns."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import regex

from extract.errors import SourceError
from extract.readers.boxes import union
from extract.readers.grid import (
    GridNote,
    ProseLine,
)
from extract.readers.pdf.geometry import (
    MARK_GLYPHS,
    SUPERSCRIPT,
    Columns,
    Geometry,
    Rule,
    Word,
    line_to_segments,
    words_box,
    words_joined,
    words_to_lines,
    words_to_text,
)
from extract.readers.pdf.header import names_columns
from extract.readers.pdf.joining import lines_to_joined
from extract.readers.pdf.roles import key_index
from extract.readers.pdf.settings import SETTINGS, PdfSettings
from extract.readers.pdf.state import ReadState
from extract.readers.spec import TableSpec
from extract.records import NoteKind


def prose_words(
    words: Sequence[Word],
    columns: Columns,
    settings: PdfSettings,
    vrules: Sequence[Rule] = (),
    known: dict[int, float] | None = None,
) -> set[int]:
    """Words of lines that run across column boundaries (prose, not cells), and every line
    below the first such line under the table. known: column text starts seen on earlier
    pages, updated with this page's."""
    bounds = columns.bounds()
    lines = words_to_lines(words, settings)
    starts = {**(known or {}), **_text_starts(lines, bounds, settings)}
    if known is not None:
        known.update(starts)
    edges = _line_edges(lines, bounds, settings)
    for index, start in starts.items():  # the usual start, seen on this page or an earlier one
        edges[index] = (*edges.get(index, ()), start)
    prose: set[int] = set()
    started = False
    for line in lines:
        crossing = any(
            _runs_across(seg, x0, edges.get(i, ()), vrules, settings)
            for seg in line_to_segments(line, settings)
            for i, x0, _ in bounds[1:]
        )
        if crossing or started:
            started = True
            prose.update(id(w) for w in line)
    return prose


def _line_firsts(
    lines: Sequence[Sequence[Word]], bounds: Sequence[tuple[int, float, float]]
) -> dict[int, list[float]]:
    """Each column's lines' first left edges (to 0.1 pt), by column index."""
    firsts: dict[int, list[float]] = {}
    for line in lines:
        for index, x0, x1 in bounds:
            inside = [w for w in line if x0 <= w.xc < x1]
            if inside:
                firsts.setdefault(index, []).append(round(inside[0].x0, 1))
    return firsts


def _text_starts(
    lines: Sequence[Sequence[Word]],
    bounds: Sequence[tuple[int, float, float]],
    settings: PdfSettings = SETTINGS,
) -> dict[int, float]:
    """Where each column's lines usually begin (the commonest left edge of a first word)."""
    firsts = _line_firsts(lines, bounds)
    out = {}
    for index, xs in firsts.items():
        common = statistics.mode(xs)
        if xs.count(common) >= settings.edge_lines:
            out[index] = common
    return out


def _line_edges(
    lines: Sequence[Sequence[Word]],
    bounds: Sequence[tuple[int, float, float]],
    settings: PdfSettings = SETTINGS,
) -> dict[int, tuple[float, ...]]:
    """Every left edge at which three or more of a column's lines begin: a list's numbers and
    its items' wrapped lines (hung under the text) begin at two."""
    firsts = _line_firsts(lines, bounds)
    return {
        index: tuple(sorted({x for x in xs if xs.count(x) >= settings.edge_lines}))
        for index, xs in firsts.items()
    }


def _runs_across(
    segment: Sequence[Word],
    cut: float,
    text_starts: Sequence[float],
    vrules: Sequence[Rule],
    settings: PdfSettings,
) -> bool:
    """A run of words crosses a column boundary as prose does: no rule between the words on
    either side, no wider gap there than word spacing, and the word after the boundary not
    standing where that column's lines begin (any edge three of them begin at)."""
    if not (segment[0].x0 < cut - 1 and segment[-1].x1 > cut + 1):
        return False
    for a, b in zip(segment, segment[1:], strict=False):
        if a.xc < cut <= b.xc:
            ruled = any(
                a.x1 - 1 <= r.at <= b.x0 + 1 and r.start <= a.bottom and r.end >= a.top
                for r in vrules
            )
            aligned = any(abs(b.x0 - start) <= settings.start_slack for start in text_starts)
            return not ruled and not aligned and b.x0 - a.x1 < settings.wide_gap * b.size
    return True


def note_mark(text: str, marks: str) -> str:
    """A footnote printed with a plain number opens with that number as a mark: glued to its
    first word ('1Figures', as a word processor's footnote area gives it), or standing before
    it when the table's header or cells carry that mark (marks: superscripts seen)."""
    match = regex.match(r"(\d{1,2})(?=\p{Lu}\p{Ll})", text) or regex.match(
        r"(\d{1,2})\s+(?=\p{Lu})", text
    )
    if not match or (
        match.end() > len(match.group(1)) and match.group(1).translate(SUPERSCRIPT) not in marks
    ):
        return text
    return match.group(1).translate(SUPERSCRIPT) + " " + text[match.end() :].lstrip()


def prose_lines(
    geo: Geometry, words: Sequence[Word], state: ReadState, settings: PdfSettings
) -> list[ProseLine]:
    """Prose words as paragraphs: wrapped lines joined until a gap, a new footnote mark or a
    change of size."""
    out: list[ProseLine] = []
    last: list[Word] | None = None
    for line in words_to_lines(words, settings):
        text = note_mark(words_to_text(line), state.marks)
        starts_note = bool(regex.match(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]", text))
        size = statistics.median(w.size for w in line)
        if (
            out
            and last is not None
            and not starts_note
            and min(w.top for w in line) - max(w.bottom for w in last) < settings.prose_gap * size
            and abs(statistics.median(w.size for w in last) - size) < settings.prose_size
        ):
            prev = out[-1]
            joined = lines_to_joined([prev.text, text], state.vocabulary, geo.no)
            state.hyphen_notes.extend(joined.notes)
            out[-1] = ProseLine(
                prev.page,
                prev.line,
                joined.text,
                union([prev.box, words_box(line)]),
            )
        else:
            out.append(ProseLine(geo.no, state.next_line(), text, words_box(line)))
        last = line
    return out


def naming_notes(
    geo: Geometry,
    lines: Sequence[ProseLine],
    above: Sequence[Word],
    spec: TableSpec,
    settings: PdfSettings,
) -> list[GridNote]:
    """A note for each line above the table that names two or more of its columns: the reader
    judged it prose (an introduction), not the header."""
    out = []
    for prose, words in zip(lines, words_to_lines(above, settings), strict=True):
        named = names_columns(words, spec, settings)
        if len(named) >= 2:
            shown = ", ".join(repr(label) for label in named)
            out.append(
                GridNote(
                    NoteKind.PROSE_NAMES_COLUMNS,
                    geo.no,
                    prose.line,
                    f"the line {prose.text[:50]!r} above the table names its columns ({shown})"
                    " but runs on as prose: read as text above the table, not as its header",
                )
            )
    return out


def trailing_lines(
    words: Sequence[Word],
    columns: Columns,
    spec: TableSpec,
    starts: dict[int, float],
    settings: PdfSettings,
) -> set[int]:
    """On the last page of a table without rules: below the last row's opening, the first line
    that does not begin where its column's lines begin (a 'Source:' line set apart) and every
    line after it are not cells."""
    bounds = columns.bounds()
    key = key_index(columns, spec)
    quarter = {col.index for col, _, _ in columns.quarters}
    key_x = next((x0, x1) for i, x0, x1 in bounds if i == key)
    key_words = [w for w in words if key_x[0] <= w.xc < key_x[1]]
    if not key_words:
        return set()
    lines = [line for line in words_to_lines(words, settings) if line[0].top > key_words[-1].top]
    out: set[int] = set()
    for line in lines:
        seen: set[int] = set()
        for segment in line_to_segments(line, settings):
            first = segment[0]
            index = columns.index_at(first.xc)
            # a justified line's wide space parts it in segments: only its first one begins
            if index is None or index in quarter or index not in starts or index in seen:
                continue
            seen.add(index)
            if abs(first.x0 - starts[index]) > settings.trailing_start:
                out.update(id(w) for w in line)
        if out:
            out.update(id(w) for later in lines if later[0].top >= line[0].top for w in later)
            break
    return out


def table_reach(body: Sequence[Word], columns: Columns, bottom: float | None) -> float:
    """How far down the table reaches: its bottom rule, else its lowest mark in a quarter."""
    if bottom is not None:
        return bottom
    quarter_x = [(x0, x1) for _, x0, x1 in columns.quarters]
    marks = [
        w.bottom for w in body if w.text in MARK_GLYPHS and any(a <= w.xc < b for a, b in quarter_x)
    ]
    return max(marks, default=0.0)


def check_prose_is_no_row(
    geo: Geometry,
    words: Sequence[Word],
    table_end: float,
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
) -> None:
    """Text read as prose (below the table, or running across its columns) must not hold a
    row's opening or number; the stop says where the line stands."""
    lines = words_to_lines(words, settings)
    row_like = [
        max(w.bottom for w in line)
        for line in lines
        if all(w.text in MARK_GLYPHS for w in line)
        or (spec.row_text is not None and spec.row_text.search(words_joined(line)))
    ]
    # Lines that read as a row further down mean the table goes on below this one.
    table_end = max([table_end, *row_like[1:]])
    for line in lines:
        text = words_joined(line)
        top = min(w.top for w in line)
        where = (
            f"at y={top:.0f}, inside the table (its rows reach y={table_end:.0f}),"
            if top < table_end
            else f"at y={top:.0f}, below the table,"
        )
        if all(w.text in MARK_GLYPHS for w in line):
            raise SourceError(
                f"a mark {text!r} stands {where} outside every row", file=path, page=geo.no
            )
        if spec.row_text is not None and spec.row_text.search(text):
            raise SourceError(
                f"the line {text[:60]!r} {where} reads like part of a table row, but it"
                " runs across the columns; the page's table cannot be read safely",
                file=path,
                page=geo.no,
            )
