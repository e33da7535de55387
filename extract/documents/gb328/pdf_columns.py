"""A body page set in two columns: the gutter of no words down the body, and the page's words
in reading order (full-width stripes whole, then the left column, then the right)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from extract.documents.gb328.pdf_settings import PAPER_SETTINGS, PaperSettings
from extract.readers.pdf import SETTINGS, PdfSettings, Word, words_to_lines, words_to_text


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
