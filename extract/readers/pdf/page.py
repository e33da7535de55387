"""Pages into the typed grid: rows from rules or content, cells, merged cells, prose and
furniture, every word placed once."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import regex

from extract.errors import SourceError
from extract.limits import LIMITS, Limits
from extract.readers.boxes import union
from extract.readers.grid import (
    EMPTY,
    Cell,
    CellLine,
    Grid,
    GridNote,
    GridPage,
    GridRow,
    ProseLine,
)
from extract.readers.hyphens import NO_VOCABULARY, Decision, Vocabulary
from extract.readers.pdf.cut import CutWord, cut_words_to_texts, lines_to_cut_words
from extract.readers.pdf.geometry import (
    DINGBAT_CHECKS,
    MARK_GLYPHS,
    PAGE_NUMBER,
    SETTINGS,
    SUPERSCRIPT,
    Columns,
    Fill,
    Geometry,
    Header,
    PdfSettings,
    Rule,
    Word,
    geometries_to_vocabulary,
    line_to_segments,
    pdf_to_geometries,
    words_box,
    words_joined,
    words_to_lines,
    words_to_text,
)
from extract.readers.pdf.header import geometry_to_header, names_columns, widest_gap
from extract.readers.spec import TableSpec
from extract.readers.text import clean_lines, join_pieces
from extract.records import Box, NoteKind

# --- Pages into the grid ------------------------------------------------------------------


@dataclass
class _State:
    columns: Columns | None = None
    text_starts: dict[int, float] = field(default_factory=dict)
    marks: str = ""  # footnote marks (superscript digits) seen in headers and cells
    line: int = 0
    span: int = 0
    vocabulary: Vocabulary = NO_VOCABULARY  # the document's words, for line-break hyphens
    hyphen_notes: list[GridNote] = field(default_factory=list)
    row_notes: list[GridNote] = field(default_factory=list)  # judgements on rows' bounds

    def next_line(self) -> int:
        self.line += 1
        return self.line

    def lines_text(
        self, lines: Sequence[Sequence[Word]], page: int, box: Box | None = None
    ) -> tuple[list[str], str]:
        """Printed lines of one text cleaned, its broken words decided (and noted), joined;
        in a cell (its box given), words cut without a hyphen at its edge put whole."""
        cuts = lines_to_cut_words(lines, box, self.vocabulary) if box else ()
        self.hyphen_notes.extend(cut_words_to_notes(cuts, page))
        printed = cut_words_to_texts(lines, cuts)
        texts, decisions = clean_lines(printed, self.vocabulary)
        self.hyphen_notes.extend(decisions_to_notes(decisions, page))
        return texts, join_pieces(texts)


def cut_words_to_notes(cuts: Sequence[CutWord], page: int) -> list[GridNote]:
    return [
        GridNote(
            NoteKind.CONTINUATION_JOINED,
            page,
            None,
            f"word cut without a hyphen at its cell's edge on page {page}: printed"
            f" {cut.head!r} | {cut.tail!r}, read {cut.head + cut.tail!r} (the next letter had"
            " no room on the line, and only the joined form is a word)",
        )
        for cut in cuts
    ]


def decisions_to_notes(decisions: Sequence[Decision], page: int) -> list[GridNote]:
    """A note for each line-break hyphen removed or left undecided."""
    return [
        GridNote(
            decision.note_kind,
            page,
            None,
            decision.message(page),
        )
        for decision in decisions
        if decision.noted
    ]


def geometries_to_grid(
    geometries: Sequence[Geometry],
    path: str,
    spec: TableSpec,
    settings: PdfSettings = SETTINGS,
    repeated: frozenset[str] | None = None,
    first_line: int = 0,
    vocabulary: Vocabulary | None = None,
) -> Grid:
    """Every page read against its header (or the last one seen); non-table pages noted.
    repeated: running heads found over the whole file when these pages are part of it;
    first_line: the reading-order line numbers go on from there; vocabulary: the whole
    file's words, which decide line-break hyphens (else read from these pages)."""
    if vocabulary is None:
        vocabulary = geometries_to_vocabulary(geometries, settings)
    state = _State(line=first_line, vocabulary=vocabulary)
    if repeated is None:
        repeated = repeated_margin_lines(geometries, settings)
    pages: list[GridPage] = []
    before: list[ProseLine] = []
    notes: list[GridNote] = []
    skipped_prose: list[ProseLine] = []
    after: list[ProseLine] = []
    worded = {geo.no for geo in geometries if geo.words}
    headers = _classify(geometries, spec, path, settings, repeated)
    last = max((no for no, (_, table) in headers.items() if table), default=0)
    for geo in geometries:
        if not geo.words:
            if geo.images:
                raise SourceError("no text layer (scanned?); OCR it first", file=path, page=geo.no)
            notes.append(GridNote(NoteKind.PAGE_SKIPPED, geo.no, None, "blank page skipped"))
            continue
        header, table = headers[geo.no]
        if not table:
            _check_no_rows(geo, spec, path, settings, bool(pages))
            words = len(geo.words)
            first = words_joined(geo.words[:8])
            notes.append(
                GridNote(
                    NoteKind.PAGE_SKIPPED,
                    geo.no,
                    None,
                    f"page {geo.no} holds no {spec.name} ({words} words of prose, beginning"
                    f" {first!r}); skipped as a table page, its text read as"
                    + (" notes after the table" if pages else " front matter"),
                )
            )
            dropped = furniture_words(geo, repeated, settings)
            notes.extend(furniture_notes(geo, dropped))
            kept = [w for w in geo.words if not any(w in line for line in dropped)]
            if pages:
                after.extend(_prose_lines(geo, kept, state, settings))
            else:  # a cover: its lines may be the label and the title, each on its own
                skipped_prose.extend(
                    ProseLine(geo.no, state.next_line(), words_joined(line), words_box(line))
                    for line in words_to_lines(kept, settings)
                )
            continue
        page, page_before, page_notes = geometry_to_page(
            geo, header, state, spec, path, settings, repeated, geo.no == last
        )
        if not pages:  # the title above the table, else a cover's lines; the other is noted
            before.extend(page_before or skipped_prose)
            after.extend(skipped_prose if page_before else ())
        elif page_before:  # text above a repeated header: noted with the page's prose
            page = replace(page, prose=(*page_before, *page.prose))
        pages.append(page)
        notes.extend(page_notes)
    if not pages:
        raise SourceError(
            f"no {spec.name} found: no page has the header"
            f" {' | '.join(repr(label) for label in spec.labels.values())}",
            file=path,
        )
    skipped = [n.page for n in notes if n.kind == NoteKind.PAGE_SKIPPED and n.page in worded]
    _check_no_table_after_gap(pages, skipped, path)
    pages, carried = carry_foot_rows(pages, spec)
    notes.extend(carried)
    pages = join_page_breaks(pages, spec, state)
    notes.extend(state.hyphen_notes)
    notes.extend(state.row_notes)
    return Grid(
        path, tuple(pages), tuple(before), tuple(notes), len(geometries), True, tuple(after)
    )


def join_page_breaks(pages: Sequence[GridPage], spec: TableSpec, state: _State) -> list[GridPage]:
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
        if key is None or spec.opens(first.cell(key).text[:40]):
            continue  # the page opens a new row: nothing goes on
        last_cells, first_cells = list(last.cells), list(first.cells)
        for role, at in before.roles.items():
            to = page.roles.get(role)
            if to is None or role in spec.spanning:
                continue
            upper, lower = last.cell(at), first.cell(to)
            if not upper.lines or not lower.lines:
                continue
            pair = [upper.lines[-1].text, lower.lines[0].text]
            texts, decisions = clean_lines(pair, state.vocabulary)
            state.hyphen_notes.extend(decisions_to_notes(decisions, before.no))
            if texts == pair:
                continue
            upper_lines = (*upper.lines[:-1], replace(upper.lines[-1], text=texts[0]))
            lower_lines = (replace(lower.lines[0], text=texts[1]), *lower.lines[1:])
            lower_lines = tuple(line for line in lower_lines if line.text)
            last_cells[at] = replace(
                upper, text=join_pieces([x.text for x in upper_lines]), lines=upper_lines
            )
            first_cells[to] = replace(
                lower, text=join_pieces([x.text for x in lower_lines]), lines=lower_lines
            )
        out[k - 1] = replace(
            before, rows=(*before.rows[:-1], replace(last, cells=tuple(last_cells)))
        )
        out[k] = replace(page, rows=(replace(first, cells=tuple(first_cells)), *page.rows[1:]))
    return out


def _join_span_break(
    before: GridPage, page: GridPage, spec: TableSpec, state: _State
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
        pair = [upper.lines[-1].text, lower.lines[0].text]
        texts, decisions = clean_lines(pair, state.vocabulary)
        state.hyphen_notes.extend(decisions_to_notes(decisions, before.no))
        if texts == pair:
            continue
        upper_lines = (*upper.lines[:-1], replace(upper.lines[-1], text=texts[0]))
        lower_lines = tuple(
            line for line in (replace(lower.lines[0], text=texts[1]), *lower.lines[1:]) if line.text
        )
        row = before.rows[index]
        cells = list(row.cells)
        cells[at] = replace(
            upper, text=join_pieces([x.text for x in upper_lines]), lines=upper_lines
        )
        rows = list(before.rows)
        rows[index] = replace(row, cells=tuple(cells))
        before = replace(before, rows=tuple(rows))
        first = page.rows[0]
        cells = list(first.cells)
        cells[to] = replace(
            lower, text=join_pieces([x.text for x in lower_lines]), lines=lower_lines
        )
        page = replace(page, rows=(replace(first, cells=tuple(cells)), *page.rows[1:]))
    return before, page


def _classify(
    geometries: Sequence[Geometry],
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
    repeated: frozenset[str],
) -> dict[int, tuple[Header | None, bool]]:
    """Each page's header, and whether it holds the table (a header, or rows that fit the last
    header's columns), read before any page is parsed so the table's last page is known."""
    out: dict[int, tuple[Header | None, bool]] = {}
    columns: Columns | None = None
    for geo in geometries:
        if not geo.words:
            continue
        header = geometry_to_header(geo, spec, path, settings)
        if header is not None:
            columns = header.columns
        table = header is not None or _holds_table(geo, columns, spec, settings, repeated)
        out[geo.no] = (header, table)
    return out


def _check_no_rows(
    geo: Geometry, spec: TableSpec, path: str, settings: PdfSettings, after_header: bool
) -> None:
    """A page skipped as prose must hold nothing that reads as a table row."""
    why = (
        "the page has no table header and its words do not fit the last header's columns"
        if after_header
        else "no table header (" + " | ".join(spec.labels.values()) + ") was recognised"
    )
    for line in words_to_lines(geo.words, settings):
        text = words_joined(line)
        if spec.row_text is not None and spec.row_text.search(text):
            raise SourceError(
                f"{why}, but {text[:50]!r} reads like part of a table row",
                file=path,
                page=geo.no,
            )


def _check_no_table_after_gap(pages: Sequence[GridPage], skipped: Sequence[int], path: str) -> None:
    """A page of words skipped between two table pages would lose the rows on it: refuse."""
    first, last = pages[0].no, pages[-1].no
    for page in skipped:
        if first < page < last:
            raise SourceError(
                f"the page lies between table pages {first} and {last} but its words"
                " cannot be placed in the table's columns",
                file=path,
                page=page,
            )


def _holds_table(
    geo: Geometry,
    columns: Columns | None,
    spec: TableSpec,
    settings: PdfSettings,
    repeated: frozenset[str],
) -> bool:
    """A page without a header continues the table when, read in the last columns, it holds a
    row opening or end, or a mark, in the right column."""
    if columns is None:
        return False
    dropped = {id(w) for line in furniture_words(geo, repeated, settings) for w in line}
    body = [w for w in geo.words if id(w) not in dropped]
    prose = _prose_words(body, columns, settings, geo.vrules)
    cells = [w for w in body if id(w) not in prose]
    if not cells:
        return False
    key = columns.roles.get(spec.key_role or "", None)
    key_lines = [
        words_joined(line)
        for line in words_to_lines([w for w in cells if key and key[0] <= w.xc < key[1]])
    ]
    key_text = " ".join(key_lines)
    # A row may open on any line of the page: its first lines may end the row before.
    opening = spec.opens is not None and any(
        spec.opens(" ".join(key_lines[i : i + 3])[:40]) for i in range(len(key_lines))
    )
    if key_text and (opening or (spec.closes and spec.closes(key_text))):
        return True
    quarter_x = [(x0, x1) for _, x0, x1 in columns.quarters]
    marked = any(w.text in MARK_GLYPHS and any(a <= w.xc < b for a, b in quarter_x) for w in cells)
    shaded = any(any(a <= f.xc < b for a, b in quarter_x) for f in geo.fills)
    drawn = any(any(a <= (d[0] + d[2]) / 2 < b for a, b in quarter_x) for d in geo.diagonals)
    return marked or shaded or drawn


def _margin_lines(
    geo: Geometry, settings: PdfSettings, band: float | None = None
) -> list[list[Word]]:
    margin = max(geo.height, geo.width) * (settings.margin if band is None else band)
    words = [w for w in geo.words if w.top < margin or w.bottom > geo.height - margin]
    return words_to_lines(words, settings)


def _furniture_key(line: Sequence[Word]) -> str:
    return regex.sub(r"\d+", "#", words_joined(line)).casefold()


def _position_key(line: Sequence[Word], shift: int = 0) -> str:
    return f"@{round(min(w.top for w in line)) + shift}|{_furniture_key(line)}"


def repeated_margin_lines(geometries: Sequence[Geometry], settings: PdfSettings) -> frozenset[str]:
    """Margin lines printed on several pages (a running head), page numbers made alike: by
    their text near the edge, and by text and height (within 2 pt) a little further in, where
    a word processor sets a header inside a wide margin."""
    seen: dict[str, int] = {}
    placed: dict[str, set[int]] = {}
    for geo in geometries:
        for key in {_furniture_key(line) for line in _margin_lines(geo, settings)}:
            seen[key] = seen.get(key, 0) + 1
        for line in _margin_lines(geo, settings, settings.running_margin):
            for shift in range(-2, 3):
                placed.setdefault(_position_key(line, shift), set()).add(geo.no)
    least = min(3, len(geometries)) if len(geometries) > 1 else 2
    return frozenset(
        [key for key, count in seen.items() if count >= least]
        + [key for key, pages in placed.items() if len(pages) >= least]
    )


def is_running_line(line: Sequence[Word], repeated: frozenset[str]) -> bool:
    """A line printed at this height with this text on several pages."""
    return _position_key(line) in repeated


def furniture_words(
    geo: Geometry, repeated: frozenset[str], settings: PdfSettings
) -> list[list[Word]]:
    """Page numbers and running heads: margin lines that read as a page number or repeat,
    and, a little further in, lines repeated at the same height with nothing but furniture
    between them and the page's edge."""
    out = [
        line
        for line in _margin_lines(geo, settings)
        if PAGE_NUMBER.fullmatch(words_joined(line)) or _furniture_key(line) in repeated
    ]
    taken = {id(w) for line in out for w in line}
    wide = _margin_lines(geo, settings, settings.running_margin)
    upper = [line for line in wide if line[0].top < geo.height / 2]
    lower = [line for line in reversed(wide) if line[0].top >= geo.height / 2]
    for lines, outside in (
        (upper, lambda w, y0, y1: w.bottom <= y0),
        (lower, lambda w, y0, y1: w.top >= y1),
    ):
        for line in lines:
            if any(id(w) in taken for w in line) or not is_running_line(line, repeated):
                continue
            y0, y1 = min(w.top for w in line), max(w.bottom for w in line)
            if all(id(w) in taken for w in geo.words if outside(w, y0, y1)):
                out.append(line)
                taken.update(id(w) for w in line)
    return out


def _prose_words(
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
    starts = {**(known or {}), **_text_starts(lines, bounds)}
    if known is not None:
        known.update(starts)
    edges = _line_edges(lines, bounds)
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


def _text_starts(
    lines: Sequence[Sequence[Word]], bounds: Sequence[tuple[int, float, float]]
) -> dict[int, float]:
    """Where each column's lines usually begin (the commonest left edge of a first word)."""
    firsts: dict[int, list[float]] = {}
    for line in lines:
        for index, x0, x1 in bounds:
            inside = [w for w in line if x0 <= w.xc < x1]
            if inside:
                firsts.setdefault(index, []).append(round(inside[0].x0, 1))
    out = {}
    for index, xs in firsts.items():
        common = statistics.mode(xs)
        if xs.count(common) >= 3:
            out[index] = common
    return out


def _line_edges(
    lines: Sequence[Sequence[Word]], bounds: Sequence[tuple[int, float, float]]
) -> dict[int, tuple[float, ...]]:
    """Every left edge at which three or more of a column's lines begin: a list's numbers and
    its items' wrapped lines (hung under the text) begin at two."""
    firsts: dict[int, list[float]] = {}
    for line in lines:
        for index, x0, x1 in bounds:
            inside = [w for w in line if x0 <= w.xc < x1]
            if inside:
                firsts.setdefault(index, []).append(round(inside[0].x0, 1))
    return {
        index: tuple(sorted({x for x in xs if xs.count(x) >= 3})) for index, xs in firsts.items()
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
            aligned = any(abs(b.x0 - start) <= 0.6 for start in text_starts)
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


def _prose_lines(
    geo: Geometry, words: Sequence[Word], state: _State, settings: PdfSettings
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
            and min(w.top for w in line) - max(w.bottom for w in last) < 0.8 * size
            and abs(statistics.median(w.size for w in last) - size) < 0.6
        ):
            prev = out[-1]
            texts, decisions = clean_lines([prev.text, text], state.vocabulary)
            state.hyphen_notes.extend(decisions_to_notes(decisions, geo.no))
            out[-1] = ProseLine(
                prev.page,
                prev.line,
                join_pieces(texts),
                union([prev.box, words_box(line)]),
            )
        else:
            out.append(ProseLine(geo.no, state.next_line(), text, words_box(line)))
        last = line
    return out


def geometry_to_page(
    geo: Geometry,
    header: Header | None,
    state: _State,
    spec: TableSpec,
    path: str,
    settings: PdfSettings = SETTINGS,
    repeated: frozenset[str] = frozenset(),
    last: bool = False,
) -> tuple[GridPage, list[ProseLine], list[GridNote]]:
    """One table page: rows as bands of the key column, cells as band × column."""
    notes: list[GridNote] = []
    if header is not None:
        state.columns = header.columns
    columns = state.columns
    assert columns is not None
    header_ids = {id(w) for w in header.words} if header else set()
    if header is not None:
        _check_header_has_no_marks(geo, header, path)
    if header is not None and header.wrapped:
        notes.append(_wrapped_header_note(header, geo.no))
    content = [w for w in geo.words if not _is_margin_line_word(w, geo, repeated, settings)]
    body_top = _body_top(geo, header, content)
    furniture_lines = [
        line
        for line in furniture_words(geo, repeated, settings)
        if not any(id(w) in header_ids for w in line)
        and not any(_inside_table_rules(geo, w) for w in line)
    ]
    furniture = [w for line in furniture_lines for w in line]
    notes.extend(furniture_notes(geo, furniture_lines))
    furniture_ids = {id(w) for w in furniture}
    above = [
        w
        for w in geo.words
        if id(w) not in header_ids and id(w) not in furniture_ids and w.bottom <= body_top + 0.5
    ]
    body = [
        w
        for w in geo.words
        if id(w) not in header_ids and id(w) not in furniture_ids and w.bottom > body_top + 0.5
    ]
    bottom = _table_bottom(geo, columns, body_top, last)
    below = {id(w) for w in body if bottom is not None and w.top >= bottom - 0.5}
    prose_ids = below | _prose_words(
        [w for w in body if id(w) not in below], columns, settings, geo.vrules, state.text_starts
    )
    if last and bottom is None:
        prose_ids |= _trailing_lines(
            [w for w in body if id(w) not in prose_ids], columns, spec, state.text_starts, settings
        )
    after = [w for w in body if id(w) in prose_ids]
    _check_prose_is_no_row(geo, after, _table_end(body, columns, bottom), spec, path, settings)
    cells = [w for w in body if id(w) not in prose_ids]
    header_line = state.next_line() if header else None
    state.marks += "".join(
        c for w in geo.words if id(w) not in prose_ids for c in w.text if c in "⁰¹²³⁴⁵⁶⁷⁸⁹"
    )
    before_lines = [
        ProseLine(geo.no, state.next_line(), words_joined(line), words_box(line))
        for line in words_to_lines(above, settings)
    ]
    notes.extend(_naming_notes(geo, before_lines, above, spec, settings))
    table_bottom = min((w.top for w in after), default=geo.height)
    placed: set[int] = set()
    rows = _rows(geo, cells, columns, body_top, table_bottom, state, spec, path, settings, placed)
    prose = _prose_lines(geo, after, state, settings)
    lost = [w for w in cells if id(w) not in placed]
    if lost:
        raise SourceError(
            f"{len(lost)} word(s) of the table fit no cell: {words_joined(lost[:8])!r}",
            file=path,
            page=geo.no,
        )
    page = GridPage(
        no=geo.no,
        header_line=header_line,
        width=columns.width,
        roles={role: i for i, role in enumerate(columns.roles)},
        quarter_cols=tuple(col for col, _, _ in columns.quarters),
        rows=tuple(rows),
        prose=tuple(prose),
        box=(columns.left, body_top, columns.right, table_bottom),
        header_text=header.text if header else "",
        header_box=(columns.left, header.top, columns.right, body_top) if header else None,
    )
    return page, before_lines, notes


def _naming_notes(
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
        named = names_columns(words, spec)
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


def _wrapped_header_note(header: Header, page: int) -> GridNote:
    """The note for header words read on lines below the labels."""
    return GridNote(
        NoteKind.HEADER_WRAPPED,
        page,
        None,
        f"header text {header.wrapped[:60]!r} on the line(s) under the header labels, in their"
        " font and leading, read as the rest of the header",
    )


def _check_header_has_no_marks(geo: Geometry, header: Header, path: str) -> None:
    """A mark glyph inside the header band is a row's mark the header would swallow."""
    quarters = header.columns.quarters
    if not quarters:
        return
    x0, x1 = quarters[0][1], quarters[-1][2]
    marks = [w for w in header.words if w.text in MARK_GLYPHS and x0 <= w.xc < x1]
    if marks:
        raise SourceError(
            f"{len(marks)} mark(s) stand inside the page header's quarter labels",
            file=path,
            page=geo.no,
        )


def furniture_notes(geo: Geometry, lines: Sequence[Sequence[Word]]) -> list[GridNote]:
    return [
        GridNote(
            NoteKind.FURNITURE_DROPPED,
            geo.no,
            None,
            f"page furniture {words_joined(line)!r} on page {geo.no} left out",
        )
        for line in lines
    ]


def _trailing_lines(
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
    key = list(columns.roles).index(spec.key_role) if spec.key_role else 1
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
            if abs(first.x0 - starts[index]) > 1.0:
                out.update(id(w) for w in line)
        if out:
            out.update(id(w) for later in lines if later[0].top >= line[0].top for w in later)
            break
    return out


def _table_bottom(geo: Geometry, columns: Columns, body_top: float, last: bool) -> float | None:
    """Where the table ends on the page, if its rules say so: the foot of its vertical rules
    (they run to the page break under a row split over pages), or, on the table's last page,
    its lowest rule across the whole width. Words below it are not cells."""
    inside = [
        r
        for r in geo.vrules
        if columns.left - 1.5 <= r.at <= columns.right + 1.5 and r.end > body_top + 2
    ]
    if len({round(r.at) for r in inside}) >= 3:
        return max(r.end for r in inside)
    if last:
        width = columns.right - columns.left
        across = [
            r.at
            for r in geo.hrules
            if r.at > body_top + 2
            and r.start <= columns.left + 0.1 * width
            and r.end >= columns.right - 0.1 * width
        ]
        joined = _joined_rules(geo.hrules, columns, body_top)
        found = across + joined
        return max(found) if found else None
    return None


def _joined_rules(rules: Sequence[Rule], columns: Columns, body_top: float) -> list[float]:
    """Rules drawn cell by cell (a browser draws each cell's border) that together run the
    table's width."""
    by_y: dict[int, list[Rule]] = {}
    for r in rules:
        if r.at > body_top + 2:
            by_y.setdefault(round(r.at), []).append(r)
    width = columns.right - columns.left
    return [
        max(p.at for p in parts)
        for parts in by_y.values()
        if sum(p.end - p.start for p in parts) >= 0.8 * width
    ]


def _table_end(body: Sequence[Word], columns: Columns, bottom: float | None) -> float:
    """How far down the table reaches: its bottom rule, else its lowest mark in a quarter."""
    if bottom is not None:
        return bottom
    quarter_x = [(x0, x1) for _, x0, x1 in columns.quarters]
    marks = [
        w.bottom for w in body if w.text in MARK_GLYPHS and any(a <= w.xc < b for a, b in quarter_x)
    ]
    return max(marks, default=0.0)


def _check_prose_is_no_row(
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


def _inside_table_rules(geo: Geometry, word: Word) -> bool:
    """A word in the margin band that still stands inside the ruled table is a cell word."""
    above = any(r.at < word.top and r.start <= word.xc <= r.end for r in geo.hrules)
    below = any(r.at > word.bottom and r.start <= word.xc <= r.end for r in geo.hrules)
    return above and below


def _is_margin_line_word(
    word: Word, geo: Geometry, repeated: frozenset[str], settings: PdfSettings
) -> bool:
    margin = max(geo.height, geo.width) * settings.margin
    return (word.top < margin or word.bottom > geo.height - margin) and any(
        word in line for line in furniture_words(geo, repeated, settings)
    )


def _body_top(geo: Geometry, header: Header | None, content: Sequence[Word] = ()) -> float:
    """Where the rows begin: under the header's last rule, or, on a page without a header,
    at the table's top rule above its first words (else just above them)."""
    if header is None:
        if not content:
            return 0.0
        first = min(content, key=lambda w: w.top)
        above = [r.at for r in geo.hrules if first.top - 3 * first.size <= r.at <= first.top + 0.5]
        return min(above) - 0.1 if above else first.top - 1
    below = [r.at for r in geo.hrules if header.bottom - 0.5 <= r.at <= header.bottom + 12]
    return min(below) if below else header.bottom + 0.5


def _rows(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    body_top: float,
    table_bottom: float,
    state: _State,
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
    key_index = list(columns.roles).index(spec.key_role) if spec.key_role else 1
    bounds = {i: (x0, x1) for i, x0, x1 in columns.bounds()}
    key_x0, key_x1 = bounds[key_index]
    key_lines = words_to_lines([w for w in words if key_x0 <= w.xc < key_x1], settings)
    cuts, unruled = _band_cuts(
        geo, words, key_lines, (key_x0, key_x1), columns, body_top, spec, settings
    )
    edges = [body_top, *cuts, table_bottom]
    if spec.keyless_rows:
        extra = _keyless_cuts(geo, words, columns, edges, key_index, spec, state, settings)
        edges = sorted([*edges, *extra])
    spans = _area_spans(geo, words, columns, edges, key_lines, state, path, settings, spec)
    header_colours = {f.colour for f in geo.fills if f.yc < body_top}
    rows: list[GridRow] = []
    for b in range(len(edges) - 1):
        top, bottom = edges[b], edges[b + 1]
        band_words = [w for w in words if top <= w.yc < bottom]
        fills = _mark_fills(geo, columns, top, bottom, header_colours)
        drawn = [d for d in geo.diagonals if top <= (d[1] + d[3]) / 2 < bottom]
        _check_no_images(geo, columns, top, bottom, path)
        cells = []
        area_index = list(columns.roles).index(next(iter(spec.spanning))) if spans else None
        for index in range(columns.width):
            x0, x1 = bounds[index]
            in_cell = [w for w in band_words if x0 <= w.xc < x1]
            box = (x0, top, x1, bottom)
            # The merged cell's text is read (and its hyphens noted) once, by _area_spans.
            own = None if index == area_index else state
            cells.append(_cell(in_cell, index, columns, box, fills, drawn, own, geo.no))
            placed.update(id(w) for w in in_cell)
        if spans and area_index is not None:
            cells[area_index] = spans[b]
        if all(c.empty for c in cells) and not (spans and spans[b].printed):
            continue
        others = [c for i, c in enumerate(cells) if i not in (key_index, 0)]
        if top in unruled and all(c.empty for c in others) and spec.lone_key_rows:
            # The key's printed number opens the row; a row may hold nothing else.
            state.row_notes.append(_lone_row_note(cells[key_index], geo.no, top, state.line + 1))
        elif top in unruled and all(c.empty for c in others):
            # No rule and nothing beside it: one cell holding two deliverables, not two rows.
            raise SourceError(
                f"a deliverable opens at y={top:.0f} with no rule above it and no activities or"
                " marks beside it: one cell seems to hold two deliverables",
                file=path,
                page=geo.no,
            )
        row_box = (columns.left, top, columns.right, bottom)
        rows.append(GridRow(geo.no, state.next_line(), tuple(cells), not rows, row_box))
    return rows


def _keyless_cuts(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    edges: Sequence[float],
    key: int,
    spec: TableSpec,
    state: _State,
    settings: PdfSettings,
) -> list[float]:
    """Without rules, a row whose key cell is empty shows as text beginning again, after a
    gap, below the key's last line, in every other column that had text beside the key and
    on one line: a row of its own, cut there (and noted)."""
    key_x = columns.roles[spec.key_role] if spec.key_role else None
    if key_x is None or any(
        edges[0] + 1 < r.at < edges[-1] - 1 and _crosses(r, key_x) for r in geo.hrules
    ):
        return []
    spanning = [list(columns.roles).index(role) for role in spec.spanning]
    others = [(x0, x1) for i, x0, x1 in columns.bounds() if i != key and i not in spanning]
    cuts = []
    for top, bottom in zip(edges, edges[1:], strict=False):
        band = [w for w in words if top <= w.yc < bottom]
        key_words = [w for w in band if key_x[0] <= w.xc < key_x[1]]
        if not key_words:
            continue
        below = max(w.bottom for w in key_words)
        again, low = [], []
        for x0, x1 in others:
            lines = words_to_lines([w for w in band if x0 <= w.xc < x1], settings)
            for prev, line in zip([None, *lines], lines, strict=False):
                size = line[0].size
                if line[0].top <= below + settings.cell_gap * size:
                    continue
                if prev is None:
                    low.append(line[0].top)
                elif line[0].top - prev[0].bottom >= settings.cell_gap * size:
                    again.append(line[0].top)
                break
        # Only some columns going on below the key: a cell's further paragraph, or a cell set
        # low in a row made tall by another; read with the row, as before.
        if low or len(again) < len(others) or max(again) - min(again) > settings.align:
            continue
        spans = [(w.top, w.bottom) for w in band if w.top < min(again)]
        gap = widest_gap(spans, below, min(again))
        cut = gap if gap is not None else min(again) - 0.5
        cuts.append(cut)
        state.row_notes.append(
            GridNote(
                NoteKind.KEYLESS_ROW_CUT,
                geo.no,
                None,
                f"every column but the key begins again at y={min(again):.0f}, below the key"
                f" cell's last line {words_joined(key_words[-3:])!r}: read as a row without a"
                " key, cut there",
            )
        )
    return cuts


def _lone_row_note(key: Cell, page: int, top: float, line: int) -> GridNote:
    """The note for a row opened at its key number with no rule above and nothing beside."""
    return GridNote(
        NoteKind.ROW_OPENED_ALONE,
        page,
        line,
        f"{key.text[:40]!r} opens a line of the key column at y={top:.0f} with no rule above"
        " it and nothing beside it: read as a row of its own, its other cells empty",
    )


def _mark_fills(
    geo: Geometry, columns: Columns, top: float, bottom: float, header_colours: set
) -> list[Fill]:
    """Shading in a band's quarter cells that can be a mark: not the colour the band's text
    cells are shaded with (zebra rows), nor a colour the header uses (shaded columns)."""
    band = [f for f in geo.fills if top <= f.yc < bottom]
    first_quarter = columns.quarters[0][1] if columns.quarters else columns.right
    # Zebra rows shade the row's text cells; a merged area cell's own colour says nothing.
    area_right = next(iter(columns.roles.values()))[1]
    text_cells = {f.colour for f in band if area_right <= f.xc < first_quarter}
    background = text_cells | header_colours
    return [f for f in band if f.xc >= first_quarter and f.colour not in background]


def _check_no_images(geo: Geometry, columns: Columns, top: float, bottom: float, path: str) -> None:
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


def _cell(
    words: Sequence[Word],
    index: int,
    columns: Columns,
    box: Box,
    fills: Sequence[Fill],
    drawn: Sequence[tuple[float, float, float, float]],
    state: _State | None = None,
    page: int = 0,
) -> Cell:
    quarter = any(col.index == index for col, _, _ in columns.quarters) or (
        columns.extra is not None and index == columns.width - 1
    )
    x0, _, x1, _ = box
    if quarter:
        evidence = []
        cell_fills = [
            f.box
            for f in fills
            if (x0 <= f.xc < x1 and f.box[2] - f.box[0] <= 1.5 * (x1 - x0))
            or min(f.box[2], x1) - max(f.box[0], x0) >= 0.6 * (x1 - x0)  # a bar over quarters
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
    printed = words_to_lines(words)
    texts, text = (state or _State()).lines_text(printed, page, box)
    return Cell(text, _cell_lines(texts, printed), words_box(words))


def _cell_lines(texts: Sequence[str], printed: Sequence[Sequence[Word]]) -> tuple[CellLine, ...]:
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


def _band_cuts(
    geo: Geometry,
    words: Sequence[Word],
    key_lines: Sequence[Sequence[Word]],
    key_x: tuple[float, float],
    columns: Columns,
    body_top: float,
    spec: TableSpec,
    settings: PdfSettings,
) -> tuple[list[float], set[float]]:
    """Where one row ends and the next begins: at each key-column line that opens a row (or
    follows a line that ends one), on the rule between them if there is one, else in the
    widest empty stretch."""
    texts = [words_joined(line) for line in key_lines]
    starts = []
    for i, line in enumerate(key_lines):
        ahead = " ".join(texts[i : i + 3])[:40]
        opens = bool(spec.opens and spec.opens(ahead) and regex.match(r"\w", texts[i]))
        after_close = i > 0 and bool(spec.closes and spec.closes(texts[i - 1]))
        ruled = i > 0 and _rule_across(geo.hrules, key_lines[i - 1][0].bottom, line[0].top, key_x)
        if i > 0 and (opens or after_close or ruled):
            starts.append(i)
        elif i == 0 and opens:
            starts.append(0)
    cuts: list[float] = []
    unruled: set[float] = set()
    non_area = [w for w in words if w.xc >= key_x[0]]
    # Rules between rows (not only under the header and below the table, as booktabs draws).
    inner_top = key_lines[0][0].bottom if key_lines else body_top
    # down to the page's last text: a row without a key (ruled off below the last key) counts
    inner_bottom = max((w.top for w in words), default=body_top)
    ruled = any(inner_top < r.at < inner_bottom and _crosses(r, key_x) for r in geo.hrules)
    for i in starts:
        top = key_lines[i][0].top
        if i > 0:
            prev_bottom = max(w.bottom for w in key_lines[i - 1])
        else:  # from the first line of the page's content, not the page's top margin
            prev_bottom = min((w.bottom for w in words), default=body_top)
        # On the page's first row, rules from under its first line of content down: a row
        # continued from the page before stands between the header's rule and this opening.
        lo = prev_bottom
        rules = [r.at for r in geo.hrules if lo - 0.5 <= r.at <= top + 0.5 and _crosses(r, key_x)]
        if rules:
            cut = max(rules)
        elif i == 0 and ruled:  # no rule above the page's first row: nothing continues
            continue
        else:
            spans = [(w.top, w.bottom) for w in non_area]
            gap = widest_gap(spans, prev_bottom, top, settings.gap_tie)
            cut = gap if gap is not None else top - 0.5
        if i == 0 and not any(w.yc < cut for w in words):
            continue
        cuts.append(cut)
        if not rules:
            unruled.add(cut)
    foot = _foot_row_cut(geo, words, key_lines, key_x, columns, cuts, ruled, spec)
    if foot is not None:
        cuts.append(foot)
        if not ruled:
            unruled.add(foot)
    if ruled and spec.keyless_rows:  # a row with an empty key cell is bounded by rules alone
        key_words = [w for line in key_lines for w in line]
        last_text = max((w.bottom for w in words), default=body_top)
        for rule in geo.hrules:
            if (
                body_top + 1 < rule.at < last_text
                and _crosses(rule, key_x)
                and not any(w.top < rule.at < w.bottom for w in key_words)
                and all(abs(rule.at - cut) > 1 for cut in cuts)
                # a row's closing rule carried over the page break, under the header, closes
                # nothing on this page
                and any(w.yc < rule.at for w in words)
            ):
                cuts.append(rule.at)
        cuts.sort()
    return cuts, unruled


def _foot_row_cut(
    geo: Geometry,
    words: Sequence[Word],
    key_lines: Sequence[Sequence[Word]],
    key_x: tuple[float, float],
    columns: Columns,
    cuts: Sequence[float],
    ruled: bool,
    spec: TableSpec,
) -> float | None:
    """Where a row begun at the page's foot, whose key text the next page prints (WeasyPrint
    moves a cell's lines on whole, leaving the marks), parts from the row above: the rule under
    the last key-column line with words below it; without rules, only marks standing below a
    key cell that closes its row (more lines of the row above would not be marks alone)."""
    if not key_lines:
        return None
    last_key = max(w.bottom for w in key_lines[-1])
    below = [w for w in words if w.top > last_key]
    if not below or any(w.xc < key_x[1] for w in below):  # area text: not a row's start
        return None
    if ruled:
        rules = sorted(r.at for r in geo.hrules if r.at > last_key and _crosses(r, key_x))
        if not rules or any(abs(rules[0] - cut) <= 1 for cut in cuts):
            return None
        return rules[0] if any(w.top > rules[0] for w in words) else None
    quarters = {col.index for col, _, _ in columns.quarters}
    closed = bool(spec.closes and spec.closes(words_joined(key_lines[-1])))
    if not closed or not all(
        w.text in MARK_GLYPHS and columns.index_at(w.xc) in quarters for w in below
    ):
        return None
    top = min(w.top for w in below)
    gap = widest_gap([(w.top, w.bottom) for w in words if w.xc >= key_x[0]], last_key, top)
    return gap if gap is not None else top - 0.5


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


def _crosses(rule: Rule, span: tuple[float, float]) -> bool:
    x0, x1 = span
    return rule.start <= x0 + 0.5 * (x1 - x0) and rule.end >= x1 - 0.5 * (x1 - x0)


def _rule_across(rules: Sequence[Rule], lo: float, hi: float, span: tuple[float, float]) -> bool:
    return any(lo - 0.5 <= r.at <= hi + 0.5 and _crosses(r, span) for r in rules)


def _area_spans(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    edges: Sequence[float],
    key_lines: Sequence[Sequence[Word]],
    state: _State,
    path: str,
    settings: PdfSettings,
    spec: TableSpec | None = None,
) -> list[Cell]:
    """The merged cell of the spanning column that each band lies in: fragments between the
    rules crossing that column, or, with no rules in the table, from each text block down."""
    x0, x1 = next(iter(columns.roles.values()))
    area_words = [w for w in words if x0 <= w.xc < x1]
    lines = words_to_lines(area_words, settings)
    body_top, bottom = edges[0], edges[-1]
    # Rules between rows only: booktabs' rule under the table's last row (the prose below it
    # is cut off later) parts no merged cell.
    last_text = max((w.bottom for w in words), default=bottom)
    inner = [r for r in geo.hrules if body_top + 1 < r.at < min(bottom, last_text) - 1]
    ruled = any(
        _crosses(r, (x0, x1)) or _crosses(r, columns.roles[list(columns.roles)[1]]) for r in inner
    )
    if ruled:
        cuts = sorted({r.at for r in inner if _crosses(r, (x0, x1))})
    else:
        cuts = []
        band_tops = [_band_text_top(words, edges[b], edges[b + 1]) for b in range(len(edges) - 1)]
        opens = spec.span_opens if spec is not None else None
        blocks = _blocks(lines, settings, opens, [t for t in band_tops if t is not None])
        for block in blocks:
            top = block[0][0].top
            match = [t for t in band_tops if t is not None and abs(t - top) <= settings.align]
            if not match:
                shown = words_joined([w for line in block for w in line])
                raise SourceError(
                    f"the merged cell {shown!r} has no rules"
                    " and its text does not start at a row, so the rows it spans cannot be told",
                    file=path,
                    page=geo.no,
                )
            band = band_tops.index(match[0])
            if band > 0:
                cuts.append(edges[band])
    frags = [body_top, *cuts, bottom]
    cells: list[Cell] = []
    frag_cells: list[Cell] = []
    for f in range(len(frags) - 1):
        state.span += 1
        in_frag = [w for w in area_words if frags[f] <= w.yc < frags[f + 1]]
        lines_in = words_to_lines(in_frag, settings)
        texts, text = state.lines_text(lines_in, geo.no)
        frag_cells.append(
            Cell(
                text,
                _cell_lines(texts, lines_in),
                words_box(in_frag) if in_frag else (x0, frags[f], x1, frags[f + 1]),
                span=state.span,
            )
        )
    used: set[int] = set()
    for b in range(len(edges) - 1):
        top, bot = edges[b], edges[b + 1]
        # Probe where the row's deliverable begins, so an empty spacer above it does not count.
        opening = [w.top for line in key_lines for w in line[:1] if top <= w.yc < bot]
        mid = min(opening) + 1 if opening else (top + min(bot, top + 12)) / 2
        f = (
            max(i for i in range(len(frags) - 1) if frags[i] <= mid + 0.01)
            if frags[0] <= mid
            else 0
        )
        frag = frag_cells[f]
        used.add(f)
        printed = any(top <= w.yc < bot for w in area_words if frags[f] <= w.yc < frags[f + 1])
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
        if blocks and not opening and line[0].top - blocks[-1][-1][0].bottom < 0.9 * line[0].size:
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return blocks


def _band_text_top(words: Sequence[Word], top: float, bottom: float) -> float | None:
    inside = [w.top for w in words if top <= w.yc < bottom]
    return min(inside) if inside else None


def pdf_to_grid(
    data: bytes,
    path: str,
    spec: TableSpec,
    settings: PdfSettings = SETTINGS,
    log: Callable[[str], None] | None = None,
    limits: Limits = LIMITS,
) -> Grid:
    """Read a PDF's table into the typed grid, page by page."""
    geometries = pdf_to_geometries(data, path, settings, log, limits)
    return geometries_to_grid(geometries, path, spec, settings)
