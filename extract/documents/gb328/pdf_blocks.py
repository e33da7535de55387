"""A body page's (or column's) printed lines into blocks: what the text export prints as one
line. A block goes on while a line stands under the last at the line spacing in the same size
and style; a paragraph number or a footnote mark opens a new one, and footnotes are the smaller
print under the separator rule or at the foot."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from extract.documents.gb328.pdf_settings import PAPER_SETTINGS, PaperSettings
from extract.errors import SourceError
from extract.readers.pdf import (
    SETTINGS,
    Geometry,
    PdfSettings,
    Word,
    note_mark,
    words_box,
    words_to_lines,
    words_to_text,
)
from extract.readers.records import Box

_PARA_NUMBER = regex.compile(r"\d{1,2}\.")
_NOTE_START = regex.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
SUPERSCRIPTS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_GLUED_MARK = regex.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?=\p{L})")
_BOLD = regex.compile(r"bold|black|heavy|semibold|demi", regex.IGNORECASE)
_ITALIC = regex.compile(r"italic|oblique", regex.IGNORECASE)


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
    plain = [w for w in words if not set(w.text) <= SUPERSCRIPTS] or list(words)
    return Printed(
        tuple(words),
        words_to_text(words),
        words_box(words),
        statistics.median(w.size for w in plain),
        _style(plain),
    )


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


def check_words_placed(
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
