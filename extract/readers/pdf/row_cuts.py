"""Where rows part on a table page: two strategies behind one interface, chosen once per page
(as camelot's lattice and stream). A ruled table parts rows at its rules; a rule-less one in
the widest empty stretch above each key-column line that opens a row. Both find the
openings the same way and cut at a rule where one stands above an opening."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import regex

from extract.readers.grid import GridNote
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
from extract.readers.spec import TableSpec
from extract.records import NoteKind


@dataclass(frozen=True)
class TableBody:
    """A table page's body as row cutting sees it: its cell words, the key column's lines and
    x-range, the merged column's x-range (None without one)."""

    geo: Geometry
    words: Sequence[Word]
    key_lines: Sequence[Sequence[Word]]
    key_x: tuple[float, float]
    merged_x: tuple[float, float] | None
    columns: Columns
    body_top: float
    spec: TableSpec
    settings: PdfSettings

    def unmerged_words(self) -> list[Word]:
        """Words outside the merged column, whose lines show where rows part."""
        if self.merged_x is None:
            return list(self.words)
        x0, x1 = self.merged_x
        return [w for w in self.words if not x0 <= w.xc < x1]


class RowCutting(Protocol):
    """Where rows part where no rule stands above an opening, at the foot of a page, and
    around rows whose key cell is empty."""

    ruled: bool

    def opening_cut(self, body: TableBody, first: bool, lo: float, hi: float) -> float | None:
        """The cut above an opening with no rule over it (None: no row opens there)."""
        ...

    def foot_cut(self, body: TableBody, cuts: Sequence[float]) -> float | None:
        """The cut above a row begun at the page's foot whose key text the next page prints."""
        ...

    def keyless_rule_cuts(self, body: TableBody, cuts: list[float]) -> list[float]:
        """The cuts with those bounding rows whose key cell is empty, found with the openings."""
        ...

    def keyless_gap_cuts(
        self, body: TableBody, edges: Sequence[float], key: int, state: ReadState
    ) -> list[float]:
        """Cuts bounding rows whose key cell is empty, found once the bands are known."""
        ...


@dataclass(frozen=True)
class RuledCutting:
    """Lattice: rows part at the rules across the key column."""

    ruled: bool = True

    def opening_cut(self, body: TableBody, first: bool, lo: float, hi: float) -> float | None:
        # No rule above the page's first row: nothing continues from the page before.
        return None if first else _gap_cut(body, lo, hi)

    def foot_cut(self, body: TableBody, cuts: Sequence[float]) -> float | None:
        below, last_key = _foot_words(body)
        if not below:
            return None
        s = body.settings
        rules = sorted(
            r.at for r in body.geo.hrules if r.at > last_key and crosses(r, body.key_x, s)
        )
        if not rules or any(abs(rules[0] - cut) <= s.same_rule for cut in cuts):
            return None
        return rules[0] if any(w.top > rules[0] for w in body.words) else None

    def keyless_rule_cuts(self, body: TableBody, cuts: list[float]) -> list[float]:
        if not body.spec.keyless_rows:
            return cuts
        # A row with an empty key cell is bounded by rules alone.
        s = body.settings
        key_words = [w for line in body.key_lines for w in line]
        last_text = max((w.bottom for w in body.words), default=body.body_top)
        for rule in body.geo.hrules:
            if (
                body.body_top + s.same_rule < rule.at < last_text
                and crosses(rule, body.key_x, s)
                and not any(w.top < rule.at < w.bottom for w in key_words)
                and all(abs(rule.at - cut) > s.same_rule for cut in cuts)
                # a row's closing rule carried over the page break, under the header, closes
                # nothing on this page
                and any(w.yc < rule.at for w in body.words)
            ):
                cuts.append(rule.at)
        cuts.sort()
        return cuts

    def keyless_gap_cuts(
        self, body: TableBody, edges: Sequence[float], key: int, state: ReadState
    ) -> list[float]:
        return []  # the rules bound such rows (keyless_rule_cuts)


@dataclass(frozen=True)
class RulelessCutting:
    """Stream: rows part in the widest empty stretch above each opening."""

    ruled: bool = False

    def opening_cut(self, body: TableBody, first: bool, lo: float, hi: float) -> float | None:
        return _gap_cut(body, lo, hi)

    def foot_cut(self, body: TableBody, cuts: Sequence[float]) -> float | None:
        # Only marks standing below a key cell that closes its row: more lines of the row
        # above would not be marks alone.
        below, last_key = _foot_words(body)
        if not below:
            return None
        columns, spec = body.columns, body.spec
        quarters = {col.index for col, _, _ in columns.quarters}
        closed = bool(spec.closes and spec.closes(words_joined(body.key_lines[-1])))
        if not closed or not all(
            w.text in MARK_GLYPHS and columns.index_at(w.xc) in quarters for w in below
        ):
            return None
        top = min(w.top for w in below)
        gap = widest_gap(
            [(w.top, w.bottom) for w in body.unmerged_words()], last_key, top, None, body.settings
        )
        return gap if gap is not None else top - body.settings.cut_above

    def keyless_rule_cuts(self, body: TableBody, cuts: list[float]) -> list[float]:
        return cuts

    def keyless_gap_cuts(
        self, body: TableBody, edges: Sequence[float], key: int, state: ReadState
    ) -> list[float]:
        return keyless_cuts(body, edges, key, state)


RULED = RuledCutting()
RULELESS = RulelessCutting()


def _gap_cut(body: TableBody, lo: float, hi: float) -> float:
    """The middle of the widest empty stretch between lo and hi outside the merged column, else
    just above hi."""
    spans = [(w.top, w.bottom) for w in body.unmerged_words()]
    gap = widest_gap(spans, lo, hi, body.settings.gap_tie, body.settings)
    return gap if gap is not None else hi - body.settings.cut_above


def _foot_words(body: TableBody) -> tuple[list[Word], float]:
    """The words below the last key-column line, none in the key or merged column (that text
    would be no row's start), and that line's bottom; no words where there is no such row."""
    if not body.key_lines:
        return [], 0.0
    last_key = max(w.bottom for w in body.key_lines[-1])
    below = [w for w in body.words if w.top > last_key]
    text_x = [body.key_x, *([body.merged_x] if body.merged_x else [])]
    if any(x0 <= w.xc < x1 for w in below for x0, x1 in text_x):
        return [], last_key
    return below, last_key


def keyless_cuts(
    body: TableBody, edges: Sequence[float], key: int, state: ReadState
) -> list[float]:
    """Without rules, a row whose key cell is empty shows as text beginning again, after a
    gap, below the key's last line, in every other column that had text beside the key and
    on one line: a row of its own, cut there (and noted)."""
    geo, words, columns, spec, settings = (
        body.geo,
        body.words,
        body.columns,
        body.spec,
        body.settings,
    )
    key_x = columns.roles[spec.key_role] if spec.key_role else None
    if key_x is None or any(
        edges[0] + settings.same_rule < r.at < edges[-1] - settings.same_rule
        and crosses(r, key_x, settings)
        for r in geo.hrules
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
        gap = widest_gap(spans, below, min(again), None, settings)
        cut = gap if gap is not None else min(again) - settings.cut_above
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


def body_to_cutting(body: TableBody) -> RowCutting:
    """Ruled when a rule crosses the key column between rows (not only under the header and
    below the table, as booktabs draws), down to the page's last text: a row without a key,
    ruled off below the last key, counts."""
    s = body.settings
    inner_top = body.key_lines[0][0].bottom if body.key_lines else body.body_top
    inner_bottom = max((w.top for w in body.words), default=body.body_top)
    ruled = any(
        inner_top < r.at < inner_bottom and crosses(r, body.key_x, s) for r in body.geo.hrules
    )
    return RULED if ruled else RULELESS


def _openings(body: TableBody) -> list[int]:
    """The key-column lines that open a row: text the spec says opens one, a line after one
    that closes a row, or a line under a rule."""
    spec, key_lines, s = body.spec, body.key_lines, body.settings
    texts = [words_joined(line) for line in key_lines]
    starts = []
    for i, line in enumerate(key_lines):
        ahead = " ".join(texts[i : i + s.opening_lines])[: s.opening_chars]
        opens = bool(spec.opens and spec.opens(ahead) and regex.match(r"\w", texts[i]))
        after_close = i > 0 and bool(spec.closes and spec.closes(texts[i - 1]))
        ruled = i > 0 and _rule_across(
            body.geo.hrules, key_lines[i - 1][0].bottom, line[0].top, body.key_x, s
        )
        if i > 0 and (opens or after_close or ruled):
            starts.append(i)
        elif i == 0 and opens:
            starts.append(0)
    return starts


def band_cuts(body: TableBody) -> tuple[RowCutting, list[float], set[float]]:
    """Where one row ends and the next begins: at each key-column line that opens a row (or
    follows a line that ends one), on the rule between them if there is one, else as the
    page's strategy says; the strategy, the cuts, and those made without a rule."""
    cutting = body_to_cutting(body)
    geo, words, key_lines, s = body.geo, body.words, body.key_lines, body.settings
    cuts: list[float] = []
    unruled: set[float] = set()
    for i in _openings(body):
        top = key_lines[i][0].top
        if i > 0:
            prev_bottom = max(w.bottom for w in key_lines[i - 1])
        else:  # from the first line of the page's content, not the page's top margin
            prev_bottom = min((w.bottom for w in words), default=body.body_top)
        # On the page's first row, rules from under its first line of content down: a row
        # continued from the page before stands between the header's rule and this opening.
        rules = [
            r.at
            for r in geo.hrules
            if prev_bottom - s.slack <= r.at <= top + s.slack and crosses(r, body.key_x, s)
        ]
        if rules:
            cut = max(rules)
        else:
            found = cutting.opening_cut(body, i == 0, prev_bottom, top)
            if found is None:
                continue
            cut = found
        if i == 0 and not any(w.yc < cut for w in words):
            continue
        cuts.append(cut)
        if not rules:
            unruled.add(cut)
    foot = cutting.foot_cut(body, cuts)
    if foot is not None:
        cuts.append(foot)
        if not cutting.ruled:
            unruled.add(foot)
    return cutting, cutting.keyless_rule_cuts(body, cuts), unruled


def crosses(rule: Rule, span: tuple[float, float], settings: PdfSettings) -> bool:
    """A rule runs across a column: it covers the column's middle (settings.rule_cover)."""
    x0, x1 = span
    reach = settings.rule_cover * (x1 - x0)
    return rule.start <= x0 + reach and rule.end >= x1 - reach


def _rule_across(
    rules: Sequence[Rule], lo: float, hi: float, span: tuple[float, float], settings: PdfSettings
) -> bool:
    reach = settings.slack
    return any(lo - reach <= r.at <= hi + reach and crosses(r, span, settings) for r in rules)
