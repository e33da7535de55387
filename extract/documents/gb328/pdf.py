"""GB.328/INS/5/1(Add.1) from its PDF: the body's printed lines into blocks (front-matter
lines, headings, a paragraph's part on a page, footnotes) for the paper parser, and the
Appendix activity matrix through the table reader.

A block is what the text export prints as one line: printed lines joined while they stand one
under the other at the line spacing, in the same size and style, and no new paragraph number
or footnote mark opens the next. Running heads and page numbers are furniture. Every word of a
body page lands in exactly one block or furniture line; the matrix pages are the table
reader's, which keeps the same account.

A footnote is the smaller print under a separator rule (or at the foot of the page or column)
whose first line opens with a note's number: raised and glued to the first word ('¹As'), raised
or on the baseline before a gap ('1  As'). A page set in two columns (a gutter of no words down
the body) is read column by column, left then right, full-width lines where they stand."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import regex

from extract.documents.gb328.matrix import MATRIX_SPEC
from extract.errors import SourceError
from extract.limits import LIMITS, Limits
from extract.readers.boxes import union
from extract.readers.grid import (
    Grid,
    GridNote,
)
from extract.readers.hyphens import Vocabulary
from extract.readers.pdf import (
    PAGE_NUMBER,
    SETTINGS,
    Geometry,
    Header,
    PdfSettings,
    Word,
    furniture_notes,
    furniture_words,
    geometries_to_grid,
    geometry_to_header,
    is_running_line,
    note_mark,
    pdf_to_geometries,
    repeated_margin_lines,
    words_box,
    words_to_lines,
    words_to_text,
)
from extract.readers.pdf.geometry import geometries_to_vocabulary
from extract.readers.pdf.joining import lines_to_joined
from extract.readers.records import Box, Line
from extract.readers.text import pop_footnote_marks, split_footnote
from extract.records import NoteKind

_PARA_NUMBER = regex.compile(r"\d{1,2}\.")
_NOTE_START = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
_SUPERSCRIPTS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_GLUED_MARK = regex.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?=\p{L})")
_BOLD = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
_ITALIC = regex.compile(r"italic|oblique", regex.IGNORECASE)
_NOTES_HEADING_WORDS = 3  # 'Notes', 'Endnotes': a heading above endnotes after the matrix


@dataclass(frozen=True)
class PaperSettings:
    """The body reader's knobs, as multiples of the font size unless said otherwise."""

    column_gap: float = 3.0  # a wider gap within a printed line parts two columns
    line_gap: float = 0.6  # a wider gap between two printed lines ends a block
    size_change: float = 0.6  # points: a larger difference in size ends a block
    note_rule: float = 0.45  # × text width: a rule shorter than this over notes is a separator
    full_line: float = 0.6  # × text width: a line this long may wrap into the next
    gutter: float = 0.6  # a band of no words this wide down the body may part two columns
    # (narrower than LaTeX's default 10 pt \columnsep, wider than a stretched word space)
    gutter_span: float = 1 / 3  # × text width: the gutter stands this far in from either edge
    column_lines: int = 4  # lines either side of the gutter needed to call it columns
    column_balance: float = 0.85  # the narrower column is at least this × the wider one
    column_edge: float = 1.5  # points: lines starting this close to a column's commonest start
    column_break: float = 1.0  # a line with the right column empty this far around is across
    default_size: float = 10.0  # points: the body's size when its pages hold no words
    hang_gap: float = 3.0  # points: a paragraph number's text farther right hangs indented
    hang_edge: float = 1.5  # points: a line starting this close to that indent is the paragraph's
    note_rule_start: float = 0.1  # × text width: a notes separator starts this close to the left
    number_edge: float = 2.0  # points: a paragraph number starting this close to the margin


PAPER_SETTINGS = PaperSettings()


@dataclass(frozen=True)
class Printed:
    """A run of words on one printed line (a line, or one column of it)."""

    words: tuple[Word, ...]
    text: str
    box: Box
    size: float
    style: str  # "bold", "italic", "bold italic" or "" by most characters

    @property
    def top(self) -> float:
        return self.box[1]

    @property
    def bottom(self) -> float:
        return self.box[3]


@dataclass(frozen=True)
class PaperPdf:
    """The paper's body as blocks (`Line`s with page and box), its matrix as a grid, and the
    body reader's notes (furniture dropped, pages)."""

    body: tuple[Line, ...]
    grid: Grid
    notes: tuple[GridNote, ...]
    furniture: tuple[tuple[int, Box], ...]


def pdf_to_paper_parts(
    data: bytes,
    path: str,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
    log: Callable[[str], None] | None = None,
    limits: Limits = LIMITS,
) -> PaperPdf:
    """Read a GB paper's PDF into body blocks and the activity matrix."""
    return geometries_to_paper_parts(
        pdf_to_geometries(data, path, settings, log, limits), path, settings, paper
    )


def geometries_to_paper_parts(
    geometries: Sequence[Geometry],
    path: str,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
) -> PaperPdf:
    """Body pages up to the matrix header; from the header on, the matrix. The body may end on
    the page where the matrix begins: the words above its header are body text."""
    start, header = _matrix_start(geometries, path, settings)
    repeated = repeated_margin_lines(geometries, settings)
    head = geometries[start]
    # A word whose foot is this close under the header's top is above it (rounding).
    header_top = header.top + settings.slack
    above = replace(head, words=tuple(w for w in head.words if w.bottom <= header_top))
    below = replace(head, words=tuple(w for w in head.words if w.bottom > header_top))
    body_pages = [*geometries[:start], above]
    body_size = _body_size(body_pages, paper)
    vocabulary = geometries_to_vocabulary(geometries, settings)
    marks = "".join(
        c for geo in body_pages for w in geo.words for c in w.text if c in _SUPERSCRIPTS
    )
    blocks: list[Line] = []
    notes: list[GridNote] = []
    furniture: list[tuple[int, Box]] = []
    previous: float | None = None  # the gutter of the page before, if set in columns
    for index, geo in enumerate(body_pages):
        if not geo.words:
            if geo.images and geo is not above:
                raise SourceError("no text layer (scanned?); OCR it first", file=path, page=geo.no)
            if geo is not above:
                notes.append(GridNote(NoteKind.PAGE_SKIPPED, geo.no, None, "blank page skipped"))
            continue
        dropped = [
            line
            for line in furniture_words(geo, repeated, settings)
            # The symbol in page 1's front matter is no running head unless it stands where
            # the running head stands on the other pages.
            if index > 0
            or PAGE_NUMBER.fullmatch(words_to_text(line))
            or is_running_line(line, repeated)
        ]
        notes.extend(furniture_notes(geo, dropped))
        furniture.extend((geo.no, words_box(line)) for line in dropped)
        gone = {id(w) for line in dropped for w in line}
        kept = [w for w in geo.words if id(w) not in gone]
        regions, gutter = words_to_regions(kept, body_size, settings, paper, previous)
        previous = gutter
        if gutter is not None:
            notes.append(
                GridNote(
                    NoteKind.COLUMNS_READ,
                    geo.no,
                    None,
                    f"page read as two columns, left then right, parted at x={gutter:.1f}",
                )
            )
            straddling = straddling_line(regions, gutter, settings, paper)
            if straddling:
                raise SourceError(
                    f"a line stands on both sides of the columns' gutter (x={gutter:.1f}) too"
                    f" close to read apart and in neither column: {straddling[:60]!r}",
                    file=path,
                    page=geo.no,
                )
        page_blocks = [
            block
            for region in regions
            for block in page_to_blocks(geo, region, body_size, marks, settings, paper)
        ]
        _check_words_placed(geo, kept, page_blocks, path)
        for _, printed in page_blocks:
            joined = lines_to_joined([p.text for p in printed], vocabulary, geo.no)
            notes.extend(joined.notes)
            box = union([p.box for p in printed])
            blocks.append(Line(len(blocks) + 1, joined.text, geo.no, box))
    last_no = len(blocks)
    blocks, broken = join_block_page_breaks(blocks, vocabulary)
    notes.extend(broken)
    grid = geometries_to_grid(
        [below, *geometries[start + 1 :]],
        path,
        MATRIX_SPEC,
        settings,
        repeated,
        first_line=last_no,
        vocabulary=vocabulary,
    )
    extra = _notes_after_the_body(grid, marks, path)
    pages = tuple(replace(page, prose=()) for page in grid.pages)
    grid = replace(grid, pages=pages, before=(), after=(), page_count=len(geometries))
    return PaperPdf((*blocks, *extra), grid, tuple(notes), tuple(furniture))


def join_block_page_breaks(
    blocks: Sequence[Line], vocabulary: Vocabulary
) -> tuple[list[Line], list[GridNote]]:
    """A word broken at the foot of a page or column ('strength-' | 'ening') and going on in the
    next text block (the next page's first, or the next column's) is decided as at any line
    end; footnotes between are passed over."""
    out = list(blocks)
    notes: list[GridNote] = []
    text_at = [i for i, block in enumerate(out) if not split_footnote(block.text)]
    for a, b in zip(text_at, text_at[1:], strict=False):
        upper, lower = out[a], out[b]
        # Consecutive text blocks on one page (a column's last, the next column's first) or
        # on consecutive pages; within a column the page reader joined wrapped lines already.
        if upper.page is None or lower.page not in (upper.page, upper.page + 1):
            continue
        pair = [upper.text, lower.text]
        joined = lines_to_joined(pair, vocabulary, upper.page)
        notes.extend(joined.notes)
        texts = list(joined.texts)
        if texts != pair:
            out[a], out[b] = replace(upper, text=texts[0]), replace(lower, text=texts[1])
    return [block for block in out if block.text], notes


def _notes_after_the_body(grid: Grid, marks: str, path: str) -> list[Line]:
    """Text the matrix pages hold outside the table: footnotes (and a short heading above
    endnotes) go to the body; anything else cannot be placed and stops the run."""
    lines = [*grid.before, *(p for page in grid.pages for p in page.prose), *grid.after]
    out = []
    for prose in sorted(lines, key=lambda p: p.line):
        text = note_mark(prose.text, marks)
        if not split_footnote(text) and len(text.split()) > _NOTES_HEADING_WORDS:
            raise SourceError(
                f"text outside the activity matrix is neither a footnote nor a heading:"
                f" {text[:60]!r}",
                file=path,
                page=prose.page,
            )
        out.append(Line(prose.line, text, prose.page, prose.box))
    return out


def check_marks_answered(body: Sequence[Line], path: str) -> None:
    """Every footnote mark printed in the body has its footnote: a mark left over means the
    notes were not read."""
    notes = {note[0] for line in body if (note := split_footnote(line.text))}
    for line in body:
        if split_footnote(line.text):
            continue
        for mark in pop_footnote_marks(line.text)[1]:
            if mark not in notes:
                raise SourceError(
                    f"footnote mark {mark} in {line.text[:40]!r} has no footnote in the PDF",
                    file=path,
                    page=line.page,
                )


def _matrix_start(
    geometries: Sequence[Geometry], path: str, settings: PdfSettings
) -> tuple[int, Header]:
    """The first page with the activity matrix's header, and that header."""
    for i, geo in enumerate(geometries):
        header = geometry_to_header(geo, MATRIX_SPEC, path, settings) if geo.words else None
        if header is not None:
            return i, header
    raise SourceError(
        "no activity matrix found: no page has the header "
        + " | ".join(repr(label) for label in MATRIX_SPEC.labels.values()),
        file=path,
    )


def _body_size(geometries: Sequence[Geometry], paper: PaperSettings = PAPER_SETTINGS) -> float:
    """The commonest font size of the body pages' characters: the paragraphs' size."""
    sizes: Counter[float] = Counter()
    for geo in geometries:
        for word in geo.words:
            sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else paper.default_size


def _style(words: Sequence[Word]) -> str:
    counts: Counter[str] = Counter()
    for word in words:
        bold = "bold" if _BOLD.search(word.font) else ""
        italic = "italic" if _ITALIC.search(word.font) else ""
        counts[" ".join(filter(None, (bold, italic)))] += len(word.text)
    return counts.most_common(1)[0][0]


def line_to_printed(
    line: Sequence[Word], settings: PdfSettings = SETTINGS, paper: PaperSettings = PAPER_SETTINGS
) -> list[Printed]:
    """A printed line cut where a gap is wide enough to part two columns (front matter laid
    out left and right); the gap after a paragraph number is the hanging indent, not one."""
    runs: list[list[Word]] = []
    for word in line:
        if runs:
            previous = runs[-1]
            gap = word.x0 - previous[-1].x1
            after_number = len(previous) == 1 and _PARA_NUMBER.fullmatch(previous[0].text)
            if gap <= paper.column_gap * word.size or after_number:
                previous.append(word)
                continue
        runs.append([word])
    return [_printed(run) for run in runs]


def _printed(words: Sequence[Word]) -> Printed:
    plain = [w for w in words if not set(w.text) <= _SUPERSCRIPTS] or list(words)
    return Printed(
        tuple(words),
        words_to_text(words),
        words_box(words),
        statistics.median(w.size for w in plain),
        _style(plain),
    )


@dataclass(frozen=True)
class Gutter:
    """The band of no words between two columns, and the run of printed lines it was found in."""

    x0: float
    x1: float
    first: int  # index of the run's first line
    last: int  # index of the run's last line

    @property
    def at(self) -> float:
        return (self.x0 + self.x1) / 2


def words_to_regions(
    words: Sequence[Word],
    body_size: float,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
    before: float | None = None,
) -> tuple[list[list[Word]], float | None]:
    """A body page's words in reading order, with the gutter's x (None: one column, the whole
    page one region). On a two-column page, from the top, stripes of lines: full-width lines
    (a masthead, a heading across the page) are read whole, as are lines beside the gutter
    that are no columns (a front matter's left and right blocks); columns left, then right."""
    lines = words_to_lines(words, settings)
    gutter = lines_to_gutter(lines, body_size, paper, before)
    if gutter is None:
        return [list(words)], None
    at = gutter.at
    starts = _column_starts(lines[gutter.first : gutter.last + 1], gutter)
    rights = [w for w in words if w.x0 >= at]
    stripes: list[tuple[bool, list[Sequence[Word]]]] = []  # (full width, lines)
    for line in lines:
        # A line right after full-width ones with nothing right of the gutter, above the
        # columns' top, is their last (a wrapped title's end): still full width.
        leads = bool(stripes) and stripes[-1][0] and not any(w.x0 >= at for w in line)
        across = (
            leads
            or any(w.x0 < at < w.x1 for w in line)
            or _parts_columns(line, rights, at, body_size * paper.column_break)
        )
        if stripes and stripes[-1][0] == across:
            stripes[-1][1].append(line)
        else:
            stripes.append((across, [line]))
    regions: list[list[Word]] = []
    read_whole = False  # the last region was read whole: the next whole stripe joins it
    for across, stripe in stripes:
        whole = [w for line in stripe for w in line]
        if across or not _stripe_is_columns(stripe, at, starts, paper):
            if read_whole:
                regions[-1] += whole
            else:
                regions.append(whole)
            read_whole = True
            continue
        sides = [[w for w in whole if w.x1 <= at], [w for w in whole if w.x0 >= at]]
        regions += [side for side in sides if side]
        read_whole = False
    return regions, at


def straddling_line(
    regions: Sequence[Sequence[Word]],
    at: float,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
) -> str | None:
    """A line of a region read whole on a two-column page with words both sides of the gutter
    closer than a printed line is ever cut (so a left and a right column's lines would be read
    as one): its text, else None."""
    for region in regions:
        for line in words_to_lines(region, settings):
            left = [w for w in line if w.x1 <= at]
            right = [w for w in line if w.x0 >= at]
            if left and right and len(left) + len(right) == len(line):
                gap = min(w.x0 for w in right) - max(w.x1 for w in left)
                if gap <= paper.column_gap * max(w.size for w in line):
                    return words_to_text(line)
    return None


def _parts_columns(line: Sequence[Word], rights: Sequence[Word], at: float, room: float) -> bool:
    """A short line left of the gutter that stands across the page (a heading between two runs
    of columns): the right column is empty beside it and `room` above and below it, with
    text above and below that."""
    if any(w.x0 >= at for w in line):
        return False
    top, bottom = min(w.top for w in line), max(w.bottom for w in line)
    return (
        any(w.bottom < top for w in rights)
        and any(w.top > bottom for w in rights)
        and not any(w.bottom > top - room and w.top < bottom + room for w in rights)
    )


def _column_starts(run: Sequence[Sequence[Word]], gutter: Gutter) -> tuple[set[int], set[int]]:
    """Where the columns' lines start (rounded x, each shared by two lines or more), left and
    right: a column's edge and its paragraphs' hanging indent."""
    found = []
    for keep in (lambda w: w.x1 <= gutter.x0, lambda w: w.x0 >= gutter.x1):
        counts = Counter(
            round(min(w.x0 for w in side)) for line in run if (side := [w for w in line if keep(w)])
        )
        # A column of one line (the body's last page) has that line's start as its edge.
        found.append({x for x, n in counts.items() if n >= min(2, counts.total())})
    return found[0], found[1]


def _stripe_is_columns(
    stripe: Sequence[Sequence[Word]],
    at: float,
    starts: tuple[set[int], set[int]],
    paper: PaperSettings,
) -> bool:
    """Lines beside the gutter set as the page's two columns: text both sides, most lines of
    each side starting where that column's lines start (not a right-aligned block)."""
    for keep, edges in (
        (lambda w: w.x1 <= at, starts[0]),
        (lambda w: w.x0 >= at, starts[1]),
    ):
        firsts = [
            min(w.x0 for w in side) for line in stripe if (side := [w for w in line if keep(w)])
        ]
        aligned = sum(any(abs(x - e) <= paper.column_edge for e in edges) for x in firsts)
        if not firsts or aligned * 2 < len(firsts):
            return False
    return True


def lines_to_gutter(
    lines: Sequence[Sequence[Word]],
    body_size: float,
    paper: PaperSettings = PAPER_SETTINGS,
    before: float | None = None,
) -> Gutter | None:
    """The gutter of a two-column page: a band of no words in the middle of the text down the
    longest run of printed lines, with enough lines of text on either side of it, the two blocks
    of like width and each starting its lines at one x. None for a one-column page: its lines
    cross the middle, and a hanging indent's band or a front matter's left and right blocks
    fail the place, width or start test."""
    if not lines:
        return None
    left = min(w.x0 for line in lines for w in line)
    right = max(w.x1 for line in lines for w in line)
    half = paper.gutter * body_size / 2
    best: Gutter | None = None
    best_key: tuple[int, int, float] = (0, 0, 0.0)
    x = left + paper.gutter_span * (right - left)
    while x <= right - paper.gutter_span * (right - left):
        first, last, both = _free_run(lines, x, half)
        gutter = _gutter_at(lines, x, first, last)
        balance = _balance(lines, gutter, paper)
        # The most lines either side; of equal ones, the longest run (a band clear of
        # the ragged ends of the left column's lines), then the most even blocks (the gutter,
        # not the band inside a column between paragraph numbers and a hanging indent).
        key = (both, last - first, balance)
        if both >= paper.column_lines and balance >= paper.column_balance and key > best_key:
            best, best_key = gutter, key
        x += half
    if best is None and before is not None:
        # The page before was set in columns parted at `before`: a page where they run short
        # (the body's last, a right column of a few lines) keeps them if that band is still
        # free of words beside lines on both sides, each block's lines starting at one x.
        first, last, both = _free_run(lines, before, half)
        gutter = _gutter_at(lines, before, first, last)
        if both >= 1 and _balance(lines, gutter, paper) > 0:
            return gutter
    return best


def _free_run(lines: Sequence[Sequence[Word]], x: float, half: float) -> tuple[int, int, int]:
    """Of the runs of lines no word of which touches the band x ± half, the one with the most
    lines on its thinner side (the two columns' lines need not share baselines): its first and
    last line and that count."""
    best = (0, -1, 0)
    first, lefts, rights = 0, 0, 0
    for i, line in enumerate([*lines, None]):
        if line is None or any(w.x0 < x + half and w.x1 > x - half for w in line):
            both = min(lefts, rights)
            if (both, i - 1 - first) > (best[2], best[1] - best[0]):
                best = (first, i - 1, both)
            first, lefts, rights = i + 1, 0, 0
            continue
        lefts += any(w.x1 <= x for w in line)
        rights += any(w.x0 >= x for w in line)
    return best


def _gutter_at(lines: Sequence[Sequence[Word]], x: float, first: int, last: int) -> Gutter:
    """The run found at x as a gutter, the band widened to the nearest words either side."""
    run = [w for line in lines[first : last + 1] for w in line]
    x0 = max((w.x1 for w in run if w.x1 <= x), default=x)
    x1 = min((w.x0 for w in run if w.x0 >= x), default=x)
    return Gutter(x0, x1, first, last)


def _balance(lines: Sequence[Sequence[Word]], gutter: Gutter, paper: PaperSettings) -> float:
    """How alike the two blocks either side of the gutter are: the narrower's width over the
    wider's, or 0 where a block's lines do not mostly start at one x (a front matter's
    right-aligned block)."""
    run = lines[gutter.first : gutter.last + 1]
    sides = [
        [[w for w in line if w.x1 <= gutter.x0] for line in run],
        [[w for w in line if w.x0 >= gutter.x1] for line in run],
    ]
    widths = []
    for side in sides:
        starts = [min(w.x0 for w in line) for line in side if line]
        if not starts:
            return 0.0
        common = Counter(round(s) for s in starts).most_common(1)[0][0]
        aligned = sum(abs(s - common) <= paper.column_edge for s in starts)
        if aligned * 2 < len(starts):
            return 0.0
        widths.append(max(w.x1 for line in side for w in line) - min(starts))
    return min(widths) / max(widths)


def page_to_blocks(
    geo: Geometry,
    words: Sequence[Word],
    body_size: float,
    marks: str,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
) -> list[tuple[tuple[Word, ...], list[Printed]]]:
    """A body page's words as blocks, in reading order: footnotes below the separator rule
    (or opening with a mark in a smaller size) start their own blocks."""
    printed = [p for line in words_to_lines(words, settings) for p in line_to_printed(line)]
    if not printed:
        return []
    left = min(p.box[0] for p in printed)
    right = max(p.box[2] for p in printed)
    notes_top = _notes_top(geo, printed, body_size, left, right, marks, paper)
    blocks: list[list[Printed]] = []
    # A numbered paragraph set with a hanging indent: where its text lines begin.
    hanging: dict[int, float] = {}
    for item in printed:
        in_notes = item.top >= notes_top
        text = note_opening(item.text, marks) if in_notes else item.text
        if text != item.text:
            item = replace(item, text=text)
        starts = bool(_NOTE_START.match(item.text)) or (
            _PARA_NUMBER.fullmatch(item.words[0].text) is not None
            and item.box[0] <= left + paper.number_edge
        )
        host = None
        if not starts:
            host = next(
                (
                    b
                    for b in reversed(range(len(blocks)))
                    if _continues(
                        blocks[b][-1], item, notes_top, right - left, hanging.get(b), paper
                    )
                ),
                None,
            )
        if host is None:
            blocks.append([item])
            number = _PARA_NUMBER.fullmatch(item.words[0].text)
            if (
                starts
                and number
                and len(item.words) > 1
                and item.words[1].x0 > item.box[0] + paper.hang_gap
            ):
                hanging[len(blocks) - 1] = item.words[1].x0
        else:
            blocks[host].append(item)
    return [(tuple(w for p in block for w in p.words), block) for block in blocks]


def _continues(
    last: Printed,
    item: Printed,
    notes_top: float,
    width: float,
    hanging: float | None,
    paper: PaperSettings,
) -> bool:
    """Whether a printed line goes on with the block ending in `last`: `last` runs most of the
    text width (so the text wrapped), and the line stands just below it, side by side with it,
    in the same size and style (any style where it starts at a numbered paragraph's hanging
    indent, a line in italics is still the paragraph's; any in the notes), and on the same side
    of the notes separator."""
    size = max(last.size, item.size)
    return (
        last.box[2] - last.box[0] >= paper.full_line * width
        and 0 <= item.top - last.bottom + 1 < paper.line_gap * size + 1
        and item.box[0] < last.box[2]
        and last.box[0] < item.box[2]
        and abs(last.size - item.size) <= paper.size_change
        and (
            last.style == item.style
            or (hanging is not None and abs(item.box[0] - hanging) <= paper.hang_edge)
            # In the notes only a number opens a note: a wrapped line of a note with an
            # italic title ('Multilateral approaches ... chains, Geneva') goes on with it.
            or min(last.top, item.top) >= notes_top
        )
        and (last.top >= notes_top) == (item.top >= notes_top)
    )


def _notes_top(
    geo: Geometry,
    printed: Sequence[Printed],
    body_size: float,
    left: float,
    right: float,
    marks: str,
    paper: PaperSettings,
) -> float:
    """Where the page's (or column's) footnote area begins: a rule at the text's left edge with
    only smaller print below it (a short rule, or a longer one if a note's number opens the
    first line below), else the first line of the smaller print at the foot that opens with a
    note's number."""
    width = right - left
    for rule in sorted(geo.hrules, key=lambda r: r.at):
        below = [p for p in printed if p.top > rule.at]
        if (
            below
            and abs(rule.start - left) < paper.note_rule_start * width
            and all(p.size < body_size - paper.size_change for p in below)
            and (
                rule.end - rule.start < paper.note_rule * width
                or _NOTE_START.match(note_opening(below[0].text, marks)) is not None
            )
        ):
            return rule.at
    tail = float("inf")
    for item in reversed(printed):
        if item.size >= body_size - paper.size_change:
            break
        opening = note_opening(item.text, marks)
        if _NOTE_START.match(opening) or regex.match(r"\d{1,2}\S", item.text):
            tail = item.top
    return tail


def note_opening(text: str, marks: str) -> str:
    """A line of the footnote area with its opening number read as a mark ('¹ As ...'): a plain
    number before the text (`note_mark`), or a raised one set against the first word with no
    gap ('¹As', LaTeX's default)."""
    return _GLUED_MARK.sub(r"\1 ", note_mark(text, marks), count=1)


def _check_words_placed(
    geo: Geometry,
    words: Sequence[Word],
    blocks: Sequence[tuple[tuple[Word, ...], list[Printed]]],
    path: str,
) -> None:
    """Every word of the page is in exactly one block: the account is kept on every run."""
    placed = Counter(id(w) for block, _ in blocks for w in block)
    lost = [w for w in words if placed[id(w)] != 1]
    if lost:
        shown = words_to_text(lost[:8])
        raise SourceError(
            f"{len(lost)} word(s) of the page landed in no block or in two: {shown!r}",
            file=path,
            page=geo.no,
        )
