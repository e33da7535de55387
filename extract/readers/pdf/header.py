"""A table header read off a page's words: labels, quarters and the columns they define."""

from __future__ import annotations

import functools
import itertools
import statistics
from collections.abc import Sequence

import regex

from extract.errors import SourceError
from extract.programme_constants import period
from extract.readers.boxes import union
from extract.readers.layout import text_to_quarter
from extract.readers.pdf.geometry import (
    QUARTER,
    SETTINGS,
    YEAR,
    Columns,
    Geometry,
    Header,
    PdfSettings,
    Rule,
    Word,
    line_to_segments,
    words_joined,
    words_to_lines,
)
from extract.readers.records import QuarterColumn
from extract.readers.spec import TableSpec

# --- Header and columns -------------------------------------------------------------------


def _phrases(
    words: Sequence[Word], label: str, settings: PdfSettings = SETTINGS
) -> list[list[Word]]:
    """Every run of words spelling a header label, on one line or wrapped under its first
    word, in reading order."""
    s = settings
    tokens = label.split()
    out: list[list[Word]] = []
    in_order = sorted(words, key=lambda w: (w.top, w.x0))
    for start in words:
        if not _label_word(start.text, tokens[0]):
            continue
        found = [start]
        for token in tokens[1:]:
            last = found[-1]
            nxt = next(
                (
                    w
                    for w in in_order
                    if w not in found
                    and _label_word(w.text, token)
                    and (
                        (
                            abs(w.top - last.top) < s.same_line
                            and 0 <= w.x0 - last.x1 <= s.label_space * w.size
                        )
                        or (
                            0 < w.top - last.top <= s.label_wrap * w.size
                            and start.x0 - s.label_wrap_left * w.size
                            <= w.x0
                            <= last.x1 + s.label_wrap_right * w.size
                        )
                    )
                ),
                None,
            )
            if nxt is None:
                break
            found.append(nxt)
        if len(found) == len(tokens):
            out.append(found)
    return out


def names_columns(
    line: Sequence[Word], spec: TableSpec, settings: PdfSettings = SETTINGS
) -> list[str]:
    """The header labels a printed line spells (two or more make prose that names them)."""
    return [label for label in spec.labels.values() if _phrases(line, label, settings)]


def _header_labels(
    geo: Geometry, spec: TableSpec, settings: PdfSettings
) -> dict[str, list[Word]] | None:
    """Each role's label words: of the choices whose labels stand as a header's (see
    _labels_set_apart), the one whose labels begin nearest one height, first in reading order
    on a tie; None when no choice does. A header's labels share a row: prose above the table
    that names a column is not taken with them."""
    choices = [_phrases(geo.words, label, settings) for label in spec.labels.values()]
    best: tuple[float, Sequence[list[Word]]] | None = None
    for combination in itertools.product(*choices):
        if not _labels_set_apart(geo.words, combination, settings):
            continue
        tops = [label[0].top for label in combination]
        spread = max(tops) - min(tops)
        if best is None or spread < best[0]:
            best = (spread, combination)
    return None if best is None else dict(zip(spec.labels, best[1], strict=True))


def _labels_set_apart(
    words: Sequence[Word], labels: Sequence[Sequence[Word]], settings: PdfSettings
) -> bool:
    """Labels stand as a header's: near one height (settings.header_band), left to right, and
    on a line two neighbours share, the gap before the right one wider (settings.label_apart)
    than any between the words from the left one to it (the rest of the left one's cell, as
    'Follow-up item ILC 2016 conclusions'). Prose that names the columns ('the area of action,
    the deliverables and their key activities') runs on at even word spacing."""
    firsts = [label[0] for label in labels]
    if max(w.top for w in firsts) - min(w.top for w in firsts) > settings.header_band:
        return False
    if any(b.x0 <= a.x0 for a, b in zip(firsts, firsts[1:], strict=False)):
        return False
    used = {id(w) for label in labels for w in label}
    for left, right in zip(labels, labels[1:], strict=False):
        for a in left:
            for b in right:
                if abs(a.top - b.top) >= settings.same_line or b.x0 <= a.x1:
                    continue
                if any(_further_on_line(a, w, b, settings) for w in left):
                    continue  # the cell's text goes on from the label's last word on the line
                between = sorted(
                    (
                        w
                        for w in words
                        if id(w) not in used
                        and abs(w.top - a.top) < settings.same_line
                        and a.x1 <= w.xc <= b.x0
                        and not _FOOTNOTE_MARK.fullmatch(w.text)
                    ),
                    key=lambda w: w.x0,
                )
                if between and not _cell_ends_before(a, between, b, settings):
                    return False
    return True


def _further_on_line(a: Word, w: Word, b: Word, settings: PdfSettings) -> bool:
    """Label word w stands after label word a on its line, still before b."""
    return w is not a and abs(w.top - a.top) < settings.same_line and a.x1 < w.x0 < b.x0


def _cell_ends_before(a: Word, between: Sequence[Word], b: Word, settings: PdfSettings) -> bool:
    """Words after label word a end its cell well before label word b: the gap before b is
    wider than every word space from a on, by settings.label_apart."""
    run = [a, *between]
    spaces = [max(y.x0 - x.x1, 0.0) for x, y in zip(run, run[1:], strict=False)]
    return b.x0 - between[-1].x1 > settings.label_apart * max(spaces)


_FOOTNOTE_MARK = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*†‡]+")


def _label_word(text: str, token: str) -> bool:
    """A header word spells a label's word, plural or with a footnote mark allowed."""
    folded = _fold(text)
    return folded == token or (folded.startswith(token) and len(folded) - len(token) <= 2)


_LABEL_TAIL = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*:]+$")


@functools.lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    # Cached: every page's words are folded once per label word looked for.
    return _LABEL_TAIL.sub("", text).casefold()


def geometry_to_header(
    geo: Geometry, spec: TableSpec, path: str, settings: PdfSettings = SETTINGS
) -> Header | None:
    """The page's header (its words and the columns they label), or None if it has none."""
    found = _header_labels(geo, spec, settings)
    if found is None:
        return None
    firsts = [words[0] for words in found.values()]
    top = min(w.top for words in found.values() for w in words)
    size = statistics.median(w.size for words in found.values() for w in words)
    label_bottom = max(w.bottom for words in found.values() for w in words)
    quarters: list[tuple[QuarterColumn, Word]] = []
    bottom = label_bottom
    if spec.timeframe:
        quarters, bottom = _quarter_labels(geo, found, top, spec, path, settings)
        top = min(top, *(w.top for _, w in quarters))
    bottom = max(bottom, label_bottom)
    wrapped = _wrapped_lines(geo, found, spec, bottom, settings)
    bottom = max([bottom, *(w.bottom for line in wrapped for w in line)])
    top = _header_top(geo, top, bottom, size, firsts[-1].x0, settings)
    words = tuple(w for w in geo.words if w.top >= top - 1 and w.bottom <= bottom + 1)
    columns = _columns(geo, found, quarters, bottom, settings)
    text = words_joined(sorted(words, key=lambda w: (w.top, w.x0)))
    return Header(top, bottom, words, columns, text, " / ".join(map(words_joined, wrapped)))


def _wrapped_lines(
    geo: Geometry,
    found: dict[str, list[Word]],
    spec: TableSpec,
    bottom: float,
    settings: PdfSettings,
) -> list[list[Word]]:
    """Lines under the labels that are the rest of a header cell ('Follow-up item ILC 2016'
    over 'conclusions'): in the labels' font, at the text's leading, no rule between, none
    reaching the key column (a row's first line has its key there)."""
    roles = list(found)
    key = roles.index(spec.key_role) if spec.key_role in roles else None
    key_x0 = min(w.x0 for w in found[roles[key]]) if key is not None else geo.width
    key_x1 = (
        min(w.x0 for w in found[roles[key + 1]])
        if key is not None and key + 1 < len(roles)
        else geo.width
    )
    fonts = {w.font for words in found.values() for w in words}
    below = [w for w in geo.words if w.top > bottom]
    wrapped: list[list[Word]] = []
    for line in words_to_lines(below, settings):
        top = min(w.top for w in line)
        size = max(w.size for w in line)
        if (
            top - bottom > settings.header_wrap * size
            or any(bottom <= r.at <= top for r in geo.hrules)
            or any(key_x0 - 1 <= w.x0 < key_x1 or w.font not in fonts for w in line)
        ):
            break
        wrapped.append(list(line))
        bottom = max(w.bottom for w in line)
    return wrapped


def _header_top(
    geo: Geometry, top: float, bottom: float, size: float, right_of: float, settings: PdfSettings
) -> float:
    """The header's top: up through the rules above its labels while what stands between them
    lies over the quarters (a 'Time frame' row), taking in a raised footnote mark."""
    top -= settings.header_rise * size
    rules = sorted(
        (
            r.at
            for r in geo.hrules
            if top - settings.header_rules_above * size <= r.at <= top + settings.header_rise * size
        ),
        reverse=True,
    )
    for rule in rules:
        between = [w for w in geo.words if rule <= w.top < top]
        if any(w.x0 <= right_of for w in between):
            break
        top = min(top, rule)
    band = [
        w
        for w in geo.words
        if top - settings.header_over * size <= w.top < top and w.bottom <= bottom
    ]
    # A line with words left of the quarters too is prose above the table (an introduction
    # running across the page), not a 'Time frame' row over them.
    prose_tops = [w.top for w in band if w.x0 <= right_of]
    over = [
        w.top
        for w in band
        if w.x0 > right_of and not any(abs(w.top - t) < settings.same_line for t in prose_tops)
    ]
    if over and not any(r for r in rules if r <= top):
        top = min(over)
    return top


def _wrapped_quarters(words: list[Word]) -> list[Word]:
    """A narrow cell wraps 'Q1' as 'Q' over '1': join the two into one label."""
    out = list(words)
    for q in [w for w in words if w.text in ("Q", "q")]:
        digit = next(
            (
                d
                for d in words
                if d.text in ("1", "2", "3", "4")
                and abs(d.xc - q.xc) < q.size
                and 0 <= d.top - q.bottom < q.size
            ),
            None,
        )
        if digit is not None and digit in out:
            out.remove(q)
            out.remove(digit)
            box = union([q.box, digit.box])
            assert box is not None
            out.append(Word("Q" + digit.text, *box, q.size, q.font))
    return out


def _quarter_labels(
    geo: Geometry,
    found: dict[str, list[Word]],
    top: float,
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
) -> tuple[list[tuple[QuarterColumn, Word]], float]:
    """The quarter columns the header's labels name, left to right: labels that each name a
    year and a quarter ('Q1 2017', '2017-Q1', 'Q1/17', a quarter over or under its year), or
    Q1-Q4 runs under the year labels over them."""
    after_x = found[list(found)[-1]][0].x0
    labelled = {id(w) for words in found.values() for w in words}
    # A line that has other words left of the last label is prose or a row, not the header.
    other_tops = [
        w.top
        for w in geo.words
        if w.x1 <= after_x and id(w) not in labelled and not _FOOTNOTE_MARK.fullmatch(w.text)
    ]
    near = _wrapped_quarters(
        [
            w
            for w in geo.words
            if top - settings.quarter_above <= w.top <= top + settings.quarter_below
            and w.x0 > after_x
            and not any(abs(w.top - t) < settings.same_line for t in other_tops)
        ]
    )
    read = _read_labels(near, settings)
    if not read:
        raise SourceError(
            "page header has no year labels or no Q1-Q4 labels under 'Time frame': no word"
            " right of the last column label reads 'Q1', 'Q1 2017', '2017 Q1', '2017-Q1' or"
            " 'Q1/17'",
            file=path,
            page=geo.no,
        )
    row = min(w.top for _, _, w in read)
    read = sorted(
        (r for r in read if abs(r[2].top - row) < settings.quarter_row), key=lambda r: r[2].x0
    )
    first_year, last_year = spec.first_years
    named = [r for r in read if r[0] is not None]
    if named and len(named) < len(read):
        plain = next(words_joined([w]) for y, _, w in read if y is None)
        raise SourceError(
            f"some quarter labels name their year and some do not ({plain!r} does not)",
            file=path,
            page=geo.no,
        )
    if named:
        index = len(spec.labels)
        columns = [(QuarterColumn(index + i, y or 0, q), w) for i, (y, q, w) in enumerate(read)]
        for col, _ in columns:
            if not first_year <= col.year <= last_year:
                raise SourceError(
                    f"quarter label {period(col.year, col.quarter)} lies outside the"
                    f" programme's {first_year}-{last_year}",
                    file=path,
                    page=geo.no,
                )
    else:
        labels = [w for _, _, w in read]
        years = [w for w in near if YEAR.fullmatch(w.text) and w.bottom <= row + 1]
        columns = _under_years(geo, labels, years, spec, path)
    _check_periods([c for c, _ in columns], geo, path)
    return columns, max(w.bottom for _, w in columns)


def _read_labels(
    words: Sequence[Word], settings: PdfSettings
) -> list[tuple[int | None, int, Word]]:
    """(year or None, quarter, its word) for each quarter label among a header's words. A
    quarter word with a year word beside, over or under it in its cell ('Q1' over '2017',
    '2017-' over 'Q1') is one label, when every quarter word has such a year of its own."""
    single = [(text_to_quarter(w.text), w) for w in words]
    quarters = [(read, w) for read, w in single if read is not None]
    plain = [w for read, w in quarters if read[0] is None]
    years = [w for w in words if YEAR.fullmatch(w.text.rstrip("-/"))]
    pairs = [_year_beside(q, years, settings) for q in plain]
    partners = [p for p in pairs if p is not None]
    if plain and len(partners) == len(plain) and len({id(p) for p in partners}) == len(plain):
        out = [(r[0], r[1], w) for r, w in quarters if r[0] is not None]
        for q, year in zip(plain, partners, strict=True):
            first, second = sorted((q, year), key=lambda w: (round(w.top), w.x0))
            glue = "" if first.text.endswith(("-", "/")) else " "
            read = text_to_quarter(first.text + glue + second.text)
            if read is None or read[0] is None:
                break
            box = union([q.box, year.box])
            assert box is not None
            out.append((read[0], read[1], Word(f"Q{read[1]}", *box, q.size, q.font)))
        else:
            return out
    return [(r[0], r[1], w) for r, w in quarters]


def _year_beside(q: Word, years: Sequence[Word], settings: PdfSettings) -> Word | None:
    """The year word nearest a quarter word in its cell: on its line within settings.label_gap
    (× size), or over or under it, overlapping it, as close."""
    reach = settings.label_gap * q.size
    near: list[tuple[float, Word]] = []
    for y in years:
        h_gap = max(y.x0 - q.x1, q.x0 - y.x1)
        v_gap = max(y.top - q.bottom, q.top - y.bottom)
        if abs(y.top - q.top) < settings.same_line and 0 <= h_gap <= reach:
            near.append((h_gap, y))
        elif h_gap < 0 and 0 <= v_gap <= reach:
            near.append((v_gap, y))
    return min(near, key=lambda n: n[0])[1] if near else None


def _under_years(
    geo: Geometry, labels: Sequence[Word], years: Sequence[Word], spec: TableSpec, path: str
) -> list[tuple[QuarterColumn, Word]]:
    """Quarters run Q1..Q4 under each year: a run is labelled by the year label above it."""
    if not years:
        raise SourceError(
            f"page header has no year labels or no Q1-Q4 labels under 'Time frame': the"
            f" {len(labels)} quarter labels ({words_joined(list(labels[:4]))} ...) name no year"
            " and no year label stands over them",
            file=path,
            page=geo.no,
        )
    first_year, last_year = spec.first_years
    for year in years:
        if not first_year <= int(year.text) <= last_year:
            raise SourceError(
                f"year label {year.text} lies outside the programme's {first_year}-{last_year}",
                file=path,
                page=geo.no,
            )
    groups: list[list[Word]] = []
    for word in labels:
        q = int(QUARTER.fullmatch(word.text).group(1))  # type: ignore[union-attr]
        last_q = int(QUARTER.fullmatch(groups[-1][-1].text).group(1)) if groups else 5  # type: ignore[union-attr]
        if q <= last_q:
            groups.append([word])
        else:
            groups[-1].append(word)
    columns: list[tuple[QuarterColumn, Word]] = []
    index = len(spec.labels)
    for group in groups:
        x0, x1 = group[0].x0, group[-1].x1
        above = [y for y in years if y.bottom <= group[0].top + 1]
        overlap = [(min(x1, y.x1) - max(x0, y.x0), y) for y in above]
        best = max(overlap, key=lambda o: o[0], default=(0.0, None))
        if best[1] is None or best[0] <= 0:
            raise SourceError(
                f"quarter labels {words_joined(group)!r} stand under no year label",
                file=path,
                page=geo.no,
            )
        for word in group:
            q = int(QUARTER.fullmatch(word.text).group(1))  # type: ignore[union-attr]
            columns.append((QuarterColumn(index, int(best[1].text), q), word))
            index += 1
    return columns


def _check_periods(columns: Sequence[QuarterColumn], geo: Geometry, path: str) -> None:
    """Each period once, in time order, every quarter of every year shown, no year skipped."""
    periods = [(c.year, c.quarter) for c in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        shown = ", ".join(period(y, q) for y, q in periods)
        raise SourceError(
            f"quarter labels are repeated or out of order (left to right: {shown})",
            file=path,
            page=geo.no,
        )
    # A label not read leaves its column to its neighbours, and its marks with them: every
    # year shown must have its four quarters, and no year may be skipped.
    years_seen = sorted({y for y, _ in periods})
    expected = [(y, q) for y in range(years_seen[0], years_seen[-1] + 1) for q in range(1, 5)]
    if len(years_seen) > 1 and periods != expected or len(years_seen) == 1 and len(periods) > 4:
        missing = sorted(set(expected) - set(periods))
        shown = ", ".join(period(y, q) for y, q in missing[:4])
        raise SourceError(
            f"page header quarter labels are incomplete (missing: {shown or 'none'})",
            file=path,
            page=geo.no,
        )


def _rules_between(
    rules: Sequence[Rule], lo: float, hi: float, top: float, settings: PdfSettings
) -> list[float]:
    """Vertical rules strictly between lo and hi that run on below `top`."""
    below = top + settings.rule_below
    return sorted({round(r.at, 1) for r in rules if lo < r.at < hi and r.end > below})


def _segment_starts(words: Sequence[Word]) -> dict[float, int]:
    """How many runs of words begin at each x (to 0.5 pt)."""
    counts: dict[float, int] = {}
    for line in words_to_lines(words):
        for segment in line_to_segments(line):
            x = round(segment[0].x0 * 2) / 2
            counts[x] = counts.get(x, 0) + 1
    return counts


def widest_gap(
    spans: Sequence[tuple[float, float]],
    lo: float,
    hi: float,
    tie: float | None = None,
    settings: PdfSettings = SETTINGS,
) -> float | None:
    """The middle of the widest stretch of [lo, hi] that no span covers; with tie, the last
    of the stretches within tie of the widest (rows set with no space between them leave
    equal gaps between all lines: the row begins under the last one)."""
    covered = sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi)
    stretches: list[tuple[float, float]] = []
    cursor = lo
    for a, b in covered:
        if a > cursor:
            stretches.append((a - cursor, (cursor + a) / 2))
        cursor = max(cursor, b)
    if hi > cursor:
        stretches.append((hi - cursor, (cursor + hi) / 2))
    best = max((width for width, _ in stretches), default=0.0)
    if best <= settings.min_gap:
        return None
    if tie is None:
        return next(at for width, at in stretches if width == best)
    return [at for width, at in stretches if width >= best - tie][-1]


def _columns(
    geo: Geometry,
    found: dict[str, list[Word]],
    quarters: Sequence[tuple[QuarterColumn, Word]],
    header_bottom: float,
    settings: PdfSettings = SETTINGS,
) -> Columns:
    body = [w for w in geo.words if w.top > header_bottom]
    spans = [(w.x0, w.x1) for w in body]
    anchors = [min(w.x0 for w in words) for words in found.values()]
    q_centres = [w.xc for _, w in quarters]
    pitch = (
        statistics.median(b - a for a, b in zip(q_centres, q_centres[1:], strict=False))
        if len(q_centres) > 1
        else settings.quarter_pitch
    )
    first_q = q_centres[0] - pitch / 2 if q_centres else geo.width
    stops = [*anchors, q_centres[0] if q_centres else geo.width]

    starts = _segment_starts(body)

    def boundary(lo: float, hi: float, fallback: float, content: bool = True) -> float:
        rules = _rules_between(
            geo.vrules, lo + settings.slack, hi + settings.slack, header_bottom, settings
        )
        if rules:
            return rules[-1]
        if not content:  # quarter cells: marks may sit anywhere in them, so go by the labels
            return fallback
        # Unruled: cells' lines begin at their column's left edge, so a place where many runs
        # of words begin marks the next column; a hung list's wrapped lines begin further in
        # than its numbers, so the leftmost such place (settings.edge_share) is the edge.
        peaks = [
            (n, x)
            for x, n in starts.items()
            if lo + settings.edge_clear < x <= hi + settings.edge_reach and n >= settings.edge_lines
        ]
        if peaks:
            busiest = max(n for n, _ in peaks)
            return min(x for n, x in peaks if n >= settings.edge_share * busiest) - settings.slack
        gap = widest_gap(spans, lo + settings.slack, hi, None, settings)
        return gap if gap is not None else fallback

    cuts = [boundary(stops[i], stops[i + 1], stops[i + 1] - 1) for i in range(len(anchors) - 1)]
    if q_centres:
        rules = _rules_between(
            geo.vrules, anchors[-1] + settings.slack, q_centres[0], header_bottom, settings
        )
        cuts.append(rules[-1] if rules else first_q)
    left_rules = [
        r.at
        for r in geo.vrules
        if anchors[0] - settings.left_rule < r.at <= anchors[0] + settings.slack
    ]
    left_words = [w.x0 for w in body if w.x0 < cuts[0]]
    left = max(left_rules) if left_rules else min([anchors[0], *left_words]) - 1
    q_bounds: list[tuple[QuarterColumn, float, float]] = []
    for i, (col, word) in enumerate(quarters):
        x0 = cuts[-1] if i == 0 else q_bounds[-1][2]
        if i + 1 < len(quarters):
            after = quarters[i + 1][1].xc
            x1 = boundary(word.xc, after, (word.xc + after) / 2, content=False)
        else:
            x1 = boundary(
                word.xc, word.xc + pitch * settings.last_quarter, word.xc + pitch / 2, content=False
            )
        q_bounds.append((col, x0, x1))
    roles_right = q_bounds[0][1] if q_bounds else max([*(w.x1 for w in body), anchors[-1]]) + 1
    edges = [left, *cuts[: len(anchors) - 1], roles_right]
    roles = {role: (edges[i], edges[i + 1]) for i, role in enumerate(found)}
    right = q_bounds[-1][2] if q_bounds else roles_right
    extra = None
    later_rules = [
        r.at
        for r in geo.vrules
        if right + settings.extra_clear < r.at < right + settings.extra_column * pitch
        and r.end > header_bottom + settings.rule_below
    ]
    if later_rules and q_bounds:
        extra = (right, max(later_rules))
    return Columns(roles, tuple(q_bounds), extra, left, extra[1] if extra else right)
