"""Where rows part on a table page: at rules (ruled tables) or in the widest empty stretch
(rule-less tables)."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.readers.grid import (
    GridNote,
    TableSpec,
)
from extract.readers.pdf.geometry import (
    MARK_GLYPHS,
    Columns,
    Geometry,
    PdfSettings,
    Rule,
    Word,
    words_joined,
    words_to_lines,
)
from extract.readers.pdf.header import widest_gap
from extract.readers.pdf.state import ReadState
from extract.records import NoteKind


def keyless_cuts(
    geo: Geometry,
    words: Sequence[Word],
    columns: Columns,
    edges: Sequence[float],
    key: int,
    spec: TableSpec,
    state: ReadState,
    settings: PdfSettings,
) -> list[float]:
    """Without rules, a row whose key cell is empty shows as text beginning again, after a
    gap, below the key's last line, in every other column that had text beside the key and
    on one line: a row of its own, cut there (and noted)."""
    key_x = columns.roles[spec.key_role] if spec.key_role else None
    if key_x is None or any(
        edges[0] + 1 < r.at < edges[-1] - 1 and crosses(r, key_x) for r in geo.hrules
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


def band_cuts(
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
    ruled = any(inner_top < r.at < inner_bottom and crosses(r, key_x) for r in geo.hrules)
    for i in starts:
        top = key_lines[i][0].top
        if i > 0:
            prev_bottom = max(w.bottom for w in key_lines[i - 1])
        else:  # from the first line of the page's content, not the page's top margin
            prev_bottom = min((w.bottom for w in words), default=body_top)
        # On the page's first row, rules from under its first line of content down: a row
        # continued from the page before stands between the header's rule and this opening.
        lo = prev_bottom
        rules = [r.at for r in geo.hrules if lo - 0.5 <= r.at <= top + 0.5 and crosses(r, key_x)]
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
                and crosses(rule, key_x)
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
        rules = sorted(r.at for r in geo.hrules if r.at > last_key and crosses(r, key_x))
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


def crosses(rule: Rule, span: tuple[float, float]) -> bool:
    x0, x1 = span
    return rule.start <= x0 + 0.5 * (x1 - x0) and rule.end >= x1 - 0.5 * (x1 - x0)


def _rule_across(rules: Sequence[Rule], lo: float, hi: float, span: tuple[float, float]) -> bool:
    return any(lo - 0.5 <= r.at <= hi + 0.5 and crosses(r, span) for r in rules)
