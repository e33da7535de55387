"""A table header read off a page's words: labels, quarters and the columns they define."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import regex

from extract.errors import SourceError
from extract.programme import period
from extract.readers.grid import (
    TableSpec,
    union,
)
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
from extract.records import QuarterColumn

# --- Header and columns -------------------------------------------------------------------


def _phrase(words: Sequence[Word], label: str) -> list[Word] | None:
    """The words spelling a header label, on one line or wrapped under its first word."""
    tokens = label.split()
    for start in words:
        if not _label_word(start.text, tokens[0]):
            continue
        found = [start]
        for token in tokens[1:]:
            last = found[-1]
            nxt = next(
                (
                    w
                    for w in sorted(words, key=lambda w: (w.top, w.x0))
                    if w not in found
                    and _label_word(w.text, token)
                    and (
                        (abs(w.top - last.top) < 2.5 and 0 <= w.x0 - last.x1 <= 1.5 * w.size)
                        or (
                            0 < w.top - last.top <= 2.2 * w.size
                            and start.x0 - 4 * w.size <= w.x0 <= last.x1 + 2 * w.size
                        )
                    )
                ),
                None,
            )
            if nxt is None:
                break
            found.append(nxt)
        if len(found) == len(tokens):
            return found
    return None


def _label_word(text: str, token: str) -> bool:
    """A header word spells a label's word, plural or with a footnote mark allowed."""
    folded = _fold(text)
    return folded == token or (folded.startswith(token) and len(folded) - len(token) <= 2)


def _fold(text: str) -> str:
    return regex.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹*:]+$", "", text).casefold()


def geometry_to_header(
    geo: Geometry, spec: TableSpec, path: str, settings: PdfSettings = SETTINGS
) -> Header | None:
    """The page's header (its words and the columns they label), or None if it has none."""
    found: dict[str, list[Word]] = {}
    for role, label in spec.labels.items():
        words = _phrase(geo.words, label)
        if words is None:
            return None
        found[role] = words
    firsts = [words[0] for words in found.values()]
    if max(w.top for w in firsts) - min(w.top for w in firsts) > 60:
        return None
    if [w.x0 for w in firsts] != sorted(w.x0 for w in firsts):
        return None
    top = min(w.top for words in found.values() for w in words)
    size = statistics.median(w.size for words in found.values() for w in words)
    label_bottom = max(w.bottom for words in found.values() for w in words)
    quarters: list[tuple[QuarterColumn, Word]] = []
    bottom = label_bottom
    if spec.timeframe:
        quarters, bottom = _quarter_labels(geo, top, firsts[-1].x0, spec, path)
        top = min(top, *(w.top for _, w in quarters))
    bottom = max(bottom, label_bottom)
    wrapped = _wrapped_lines(geo, found, spec, bottom, settings)
    bottom = max([bottom, *(w.bottom for line in wrapped for w in line)])
    top = _header_top(geo, top, bottom, size, firsts[-1].x0)
    words = tuple(w for w in geo.words if w.top >= top - 1 and w.bottom <= bottom + 1)
    columns = _columns(geo, found, quarters, bottom)
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


def _header_top(geo: Geometry, top: float, bottom: float, size: float, right_of: float) -> float:
    """The header's top: up through the rules above its labels while what stands between them
    lies over the quarters (a 'Time frame' row), taking in a raised footnote mark."""
    top -= 0.5 * size
    rules = sorted(
        (r.at for r in geo.hrules if top - 4 * size <= r.at <= top + 0.5 * size), reverse=True
    )
    for rule in rules:
        between = [w for w in geo.words if rule <= w.top < top]
        if any(w.x0 <= right_of for w in between):
            break
        top = min(top, rule)
    over = [
        w.top
        for w in geo.words
        if top - 2.5 * size <= w.top < top and w.x0 > right_of and w.bottom <= bottom
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
    geo: Geometry, top: float, after_x: float, spec: TableSpec, path: str
) -> tuple[list[tuple[QuarterColumn, Word]], float]:
    near = _wrapped_quarters(
        [w for w in geo.words if top - 30 <= w.top <= top + 80 and w.x0 > after_x]
    )
    labels = [w for w in near if QUARTER.fullmatch(w.text)]
    row = min((w.top for w in labels), default=top)
    years = [w for w in near if YEAR.fullmatch(w.text) and w.bottom <= row + 1]
    if not years or not labels:
        raise SourceError(
            "page header has no year labels or no Q1-Q4 labels under 'Time frame'",
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
    labels = sorted((w for w in labels if abs(w.top - row) < 3), key=lambda w: w.x0)
    # Quarters run Q1..Q4 under each year: a run is labelled by the year label above it.
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
    periods = [(c.year, c.quarter) for c, _ in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        raise SourceError("quarter labels are repeated or out of order", file=path, page=geo.no)
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
    return columns, max(w.bottom for _, w in columns)


def _rules_between(rules: Sequence[Rule], lo: float, hi: float, top: float) -> list[float]:
    return sorted({round(r.at, 1) for r in rules if lo < r.at < hi and r.end > top + 2})


def _segment_starts(words: Sequence[Word]) -> dict[float, int]:
    """How many runs of words begin at each x (to 0.5 pt)."""
    counts: dict[float, int] = {}
    for line in words_to_lines(words):
        for segment in line_to_segments(line):
            x = round(segment[0].x0 * 2) / 2
            counts[x] = counts.get(x, 0) + 1
    return counts


def widest_gap(spans: Sequence[tuple[float, float]], lo: float, hi: float) -> float | None:
    """The middle of the widest stretch of [lo, hi] that no span covers."""
    covered = sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi)
    best, at, cursor = 0.0, None, lo
    for a, b in covered:
        if a - cursor > best:
            best, at = a - cursor, (cursor + a) / 2
        cursor = max(cursor, b)
    if hi - cursor > best:
        best, at = hi - cursor, (cursor + hi) / 2
    return at if best > 0.5 else None


def _columns(
    geo: Geometry,
    found: dict[str, list[Word]],
    quarters: Sequence[tuple[QuarterColumn, Word]],
    header_bottom: float,
) -> Columns:
    body = [w for w in geo.words if w.top > header_bottom]
    spans = [(w.x0, w.x1) for w in body]
    anchors = [min(w.x0 for w in words) for words in found.values()]
    q_centres = [w.xc for _, w in quarters]
    pitch = (
        statistics.median(b - a for a, b in zip(q_centres, q_centres[1:], strict=False))
        if len(q_centres) > 1
        else 20.0
    )
    first_q = q_centres[0] - pitch / 2 if q_centres else geo.width
    stops = [*anchors, q_centres[0] if q_centres else geo.width]

    starts = _segment_starts(body)

    def boundary(lo: float, hi: float, fallback: float, content: bool = True) -> float:
        rules = _rules_between(geo.vrules, lo + 0.5, hi + 0.5, header_bottom)
        if rules:
            return rules[-1]
        if not content:  # quarter cells: marks may sit anywhere in them, so go by the labels
            return fallback
        # Unruled: cells' lines begin at their column's left edge, so the commonest place
        # where a run of words begins marks the next column.
        peaks = [(n, x) for x, n in starts.items() if lo + 2 < x <= hi + 1 and n >= 3]
        if peaks:
            return max(peaks)[1] - 0.5
        gap = widest_gap(spans, lo + 0.5, hi)
        return gap if gap is not None else fallback

    cuts = [boundary(stops[i], stops[i + 1], stops[i + 1] - 1) for i in range(len(anchors) - 1)]
    if q_centres:
        rules = _rules_between(geo.vrules, anchors[-1] + 0.5, q_centres[0], header_bottom)
        cuts.append(rules[-1] if rules else first_q)
    left_rules = [r.at for r in geo.vrules if anchors[0] - 40 < r.at <= anchors[0] + 0.5]
    left_words = [w.x0 for w in body if w.x0 < cuts[0]]
    left = max(left_rules) if left_rules else min([anchors[0], *left_words]) - 1
    q_bounds: list[tuple[QuarterColumn, float, float]] = []
    for i, (col, word) in enumerate(quarters):
        x0 = cuts[-1] if i == 0 else q_bounds[-1][2]
        if i + 1 < len(quarters):
            after = quarters[i + 1][1].xc
            x1 = boundary(word.xc, after, (word.xc + after) / 2, content=False)
        else:
            x1 = boundary(word.xc, word.xc + pitch * 0.75, word.xc + pitch / 2, content=False)
        q_bounds.append((col, x0, x1))
    roles_right = q_bounds[0][1] if q_bounds else max([*(w.x1 for w in body), anchors[-1]]) + 1
    edges = [left, *cuts[: len(anchors) - 1], roles_right]
    roles = {role: (edges[i], edges[i + 1]) for i, role in enumerate(found)}
    right = q_bounds[-1][2] if q_bounds else roles_right
    extra = None
    later_rules = [
        r.at
        for r in geo.vrules
        if right + 2 < r.at < right + 3 * pitch and r.end > header_bottom + 2
    ]
    if later_rules and q_bounds:
        extra = (right, max(later_rules))
    return Columns(roles, tuple(q_bounds), extra, left, extra[1] if extra else right)
