"""A PDF page as geometry: words (split at rules, quarter labels and mark runs), rules,
fills and drawn lines, and the reader's knobs."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import regex

from extract.errors import SourceError
from extract.readers.boxes import union
from extract.readers.hyphens import (
    BREAK_MARK,
    HYPHEN_SETTINGS,
    SOFT_HYPHEN,
    Vocabulary,
    is_english_word,
    text_lines_to_vocabulary,
    unicode_hyphens_to_ascii,
)
from extract.readers.pdf.settings import SETTINGS, PdfSettings
from extract.readers.records import Box, QuarterColumn
from extract.readers.text import squash

# A dingbat font prints a check mark for a letter: ZapfDingbats '4' and '3', Wingdings 'ü'.
DINGBAT_CHECKS = {"zapfdingbats": {"4": "\u2714", "3": "\u2713"}, "wingdings": {"ü": "\u2714"}}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
YEAR = regex.compile(r"(?:19|20)\d\d")
QUARTER = regex.compile(r"Q\s?([1-4])", regex.IGNORECASE)
_QUARTER_RUN = regex.compile(r"(?:Q\s?[1-4]){2,}", regex.IGNORECASE)
MARK_GLYPHS = frozenset("Xx\u2713\u2714\u00d7")
# Ligature glyphs a font maps to one code point: the letters they print.
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
LIGATURES |= {"\ufb05": "st", "\ufb06": "st"}
_LINE_END_HYPHEN = regex.compile(r"\w[-\u00ad\u2010\u2011]$")
# The letters of a word broken at a line end, before its hyphen ('effec' of '(effec-').
_BROKEN_HEAD = regex.compile(r"(?<![\p{L}\p{M}-])[\p{L}\p{M}]+(?=[-\u2010\u2011]$)")
# A hyphen form printed inside a word, between two of its characters ('evidence-based').
_INNER_HYPHEN = regex.compile(r"(?<=\w)[-\u2010\u2011](?=\w)")
_MARK_AFTER_WORD = regex.compile(r"(?<=\w)\u2010(?!\w)")
# A word's letters before a hyphen form that ends it ('dis\u2010', 'cross-'), in a printed text.
_HEAD_BEFORE_END = regex.compile(r"(?<![\p{L}\p{M}-])([\p{L}\p{M}]+)([-\u2010\u2011])(?!\w)")


# --- Geometry records -------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    font: str

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Rule:
    """A horizontal (y, x0..x1) or vertical (x, top..bottom) rule."""

    at: float
    start: float
    end: float


@dataclass(frozen=True)
class Fill:
    """A filled (shaded) area and its colour."""

    box: Box
    colour: tuple[float, ...]

    @property
    def xc(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def yc(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class Geometry:
    """What one page holds, in pdfplumber's coordinates (origin top-left)."""

    no: int
    width: float
    height: float
    words: tuple[Word, ...]
    hrules: tuple[Rule, ...]
    vrules: tuple[Rule, ...]
    fills: tuple[Fill, ...]
    diagonals: tuple[tuple[float, float, float, float], ...]  # x0, y0, x1, y1
    images: tuple[Box, ...]
    # The hyphen characters ('-', U+2010, U+2011) the page prints inside words, as printed:
    # word text reads them all as '-', and which one the producer uses is evidence.
    inner_hyphens: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Columns:
    """A table's columns on a page: x-ranges of the roles, the quarters, and any extra column."""

    roles: dict[str, tuple[float, float]]
    quarters: tuple[tuple[QuarterColumn, float, float], ...]
    extra: tuple[float, float] | None
    left: float
    right: float

    def bounds(self) -> list[tuple[int, float, float]]:
        """(cell index, x0, x1) of every column, left to right."""
        out = [(i, *span) for i, span in enumerate(self.roles.values())]
        out += [(col.index, x0, x1) for col, x0, x1 in self.quarters]
        if self.extra:
            out.append((len(self.roles) + len(self.quarters), *self.extra))
        return sorted(out, key=lambda b: b[1])

    def index_at(self, x: float) -> int | None:
        for index, x0, x1 in self.bounds():
            if x0 <= x < x1:
                return index
        return None

    @property
    def width(self) -> int:
        return len(self.roles) + len(self.quarters) + (1 if self.extra else 0)


@dataclass(frozen=True)
class Header:
    top: float
    bottom: float
    words: tuple[Word, ...]
    columns: Columns
    text: str
    wrapped: str = ""  # header words on lines below the labels, read as the header's


# --- Reading the file ---------------------------------------------------------------------


def page_to_geometry(page: Any, no: int, settings: PdfSettings = SETTINGS) -> Geometry:
    """A page's words (split at rules, quarter labels and mark runs), rules, fills, diagonals."""
    from extract.readers.pdf.objects import page_to_objects

    page_to_objects(page)
    hrules, vrules, fills, diagonals = _drawing(page, settings)
    # Font size is compared per char below, not by pdfplumber: rotated pages give sizes that
    # differ in the 15th digit and would split words mid-way. A tight x tolerance keeps two
    # cells' words apart where the padding between columns is under 3 pt.
    raw = page.extract_words(
        x_tolerance=settings.x_tolerance, extra_attrs=["fontname"], return_chars=True
    )
    words: list[Word] = []
    inner: set[str] = set()
    for item in raw:
        if not item.get("upright", True):
            continue
        inner.update(_INNER_HYPHEN.findall(item["text"]))
        words.extend(_split_word(item, vrules, settings))
    words = _superscripts(words, settings)
    return Geometry(
        no=no,
        width=float(page.width),
        height=float(page.height),
        words=tuple(sorted(words, key=lambda w: (round(w.top), w.x0))),
        hrules=tuple(hrules),
        vrules=tuple(vrules),
        fills=tuple(fills),
        diagonals=tuple(diagonals),
        images=tuple((i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images),
        inner_hyphens=frozenset(inner),
    )


def _light(colour: Any, settings: PdfSettings) -> bool:
    if colour is None:
        return True
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple) or not all(isinstance(c, int | float) for c in colour):
        return False  # a pattern: call it shading
    if len(colour) == 4:  # CMYK: light when little ink
        return all(c <= 1 - settings.light for c in colour)
    return all(c >= settings.light for c in colour)


def _colour_key(colour: Any) -> tuple[float, ...]:
    if isinstance(colour, int | float):
        return (round(float(colour), 2),)
    if isinstance(colour, tuple | list):
        return tuple(round(float(c), 2) for c in colour if isinstance(c, int | float))
    return ()


def _drawing(page: Any, settings: PdfSettings) -> tuple[list, list, list, list]:
    hrules: list[Rule] = []
    vrules: list[Rule] = []
    fills: list[Fill] = []
    diagonals: list[tuple[float, float, float, float]] = []
    thin = settings.rule_thickness

    def fill(obj: dict[str, Any]) -> None:
        colour = obj.get("non_stroking_color")
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if obj.get("fill") and not _light(colour, settings):
            if w >= settings.min_fill and h >= settings.min_fill:
                box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
                fills.append(Fill(box, _colour_key(colour)))

    def segment(x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) < 1 and abs(x1 - x0) >= 1:
            hrules.append(Rule((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < 1 and abs(y1 - y0) >= 1:
            vrules.append(Rule((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        elif abs(x1 - x0) >= 1 and abs(y1 - y0) >= 1:
            diagonals.append((x0, y0, x1, y1))

    for line in page.lines:
        pts = line.get("pts") or [(line["x0"], line["top"]), (line["x1"], line["bottom"])]
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            segment(ax, ay, bx, by)
    for rect in page.rects:
        x0, top, x1, bottom = rect["x0"], rect["top"], rect["x1"], rect["bottom"]
        w, h = x1 - x0, bottom - top
        inked = rect.get("stroke") or not _light(rect.get("non_stroking_color"), settings)
        if h <= thin and w > thin:
            if inked or rect.get("fill"):
                hrules.append(Rule((top + bottom) / 2, x0, x1))
        elif w <= thin and h > thin:
            if inked or rect.get("fill"):
                vrules.append(Rule((x0 + x1) / 2, top, bottom))
        else:
            if rect.get("stroke"):
                hrules += [Rule(top, x0, x1), Rule(bottom, x0, x1)]
                vrules += [Rule(x0, top, bottom), Rule(x1, top, bottom)]
            fill(rect)
    for curve in page.curves:
        pts = curve.get("pts") or []
        if curve.get("fill") and len(pts) > 2:  # a filled shape (a dot, a drawn square)
            fill(curve)
            continue
        for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
            segment(ax, ay, bx, by)
    return hrules, vrules, fills, diagonals


def _split_word(
    item: dict[str, Any], vrules: Sequence[Rule], settings: PdfSettings = SETTINGS
) -> list[Word]:
    """One pdfplumber word, split where a vertical rule crosses it, at each quarter label of a
    run ('Q1Q2Q3'), and into single glyphs for a run of marks ('XX')."""
    chars = item.get("chars") or []
    text = item["text"]
    if len(chars) != len(text) or len(chars) < 2:
        return [_word(item, text, chars)]
    cuts: set[int] = set()
    # Only rules standing within the word's width can cut it.
    across = [r for r in vrules if item["x0"] - 1 < r.at < item["x1"] + 1]
    for i in range(1, len(chars)) if across else ():
        before, after = chars[i - 1], chars[i]
        gap_at = (before["x1"] + after["x0"]) / 2
        reach = max(settings.rule_cut_min, (after["x0"] - before["x1"]) / 2 + settings.slack)
        if any(
            abs(r.at - gap_at) <= reach
            and r.start <= after["top"] + 1
            and r.end >= after["bottom"] - 1
            for r in across
        ):
            cuts.add(i)
    for i in range(1, len(chars)):  # a size change (a superscript mark) ends a word
        a, b = float(chars[i - 1]["size"]), float(chars[i]["size"])
        if abs(a - b) > settings.size_break * max(a, b):
            cuts.add(i)
    if _QUARTER_RUN.fullmatch(text):
        cuts |= {i for i, char in enumerate(text) if char in "Qq"} - {0}
    if set(text) <= MARK_GLYPHS:  # marks of neighbouring cells, not a word like 'XX'
        cuts |= {
            i
            for i in range(1, len(text))
            if chars[i]["x0"] - chars[i - 1]["x1"] > settings.mark_apart
        }
    if not cuts:
        return [_word(item, text, chars)]
    bounds = [0, *sorted(cuts), len(text)]
    return [_word(item, text[a:b], chars[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _word(item: dict[str, Any], text: str, chars: Sequence[dict[str, Any]]) -> Word:
    if chars:
        x0, x1 = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
        top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)
    else:
        x0, top, x1, bottom = item["x0"], item["top"], item["x1"], item["bottom"]
    font = str(item.get("fontname") or "")
    size = max((float(c["size"]) for c in chars), default=bottom - top)
    return Word(glyphs_to_text(text), x0, top, x1, bottom, size, font)


def glyphs_to_text(text: str) -> str:
    """A word's glyphs as letters: ligatures unfolded, and a soft hyphen, U+2010 or U+2011 inside
    the word a hyphen; one ending the word stays, a hyphenation point or a producer's mark."""
    if not text.isascii():
        text = "".join(LIGATURES.get(c, c) for c in text)
        inner = unicode_hyphens_to_ascii(text[:-1].replace(SOFT_HYPHEN, "-"))
        text = inner + text[-1]
    return text


def _superscripts(words: list[Word], settings: PdfSettings = SETTINGS) -> list[Word]:
    """A small raised number right after a word is a footnote mark: print it as ¹."""
    s = settings
    out = []
    for word in words:
        if word.text.isdigit() and len(word.text) <= 2:
            host = next(
                (
                    w
                    for w in words
                    if w is not word
                    and w.size >= word.size * s.superscript_ratio
                    and -s.superscript_overlap <= word.x0 - w.x1 <= s.superscript_after
                    and w.top - s.superscript_rise * w.size <= word.top
                    and word.bottom < w.bottom - s.slack
                ),
                None,
            )
            follower = next(
                (
                    w
                    for w in words
                    if w is not word
                    and w.size >= word.size * s.superscript_ratio
                    and -s.superscript_overlap
                    <= w.x0 - word.x1
                    <= max(s.superscript_before, s.superscript_before_size * w.size)
                    and word.top < w.top - s.slack
                    and word.bottom <= w.bottom
                    and word.bottom > w.top  # on the follower's line, not above it
                ),
                None,
            )
            if host is not None or follower is not None:
                word = replace(word, text=word.text.translate(SUPERSCRIPT))
        out.append(word)
    return out


# --- Lines of words ----------------------------------------------------------------------


def words_to_lines(words: Iterable[Word], settings: PdfSettings = SETTINGS) -> list[list[Word]]:
    """Words grouped into printed lines by their tops, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(lines[-1][0].top - word.top) < settings.same_line:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def line_to_segments(line: Sequence[Word], settings: PdfSettings = SETTINGS) -> list[list[Word]]:
    """A printed line cut where the gap between words is wider than word spacing."""
    segments: list[list[Word]] = []
    for word in line:
        if segments and word.x0 - segments[-1][-1].x1 <= settings.word_gap * word.size:
            segments[-1].append(word)
        else:
            segments.append([word])
    return segments


def words_joined(words: Sequence[Word]) -> str:
    """Words as they stand, one space apart (keys and messages; cell text is words_to_text)."""
    return squash(" ".join(w.text for w in words))


def words_to_text(words: Sequence[Word], settings: PdfSettings = SETTINGS) -> str:
    """Words of one printed line as text: a word set apart by no gap (a bold 'First' before
    its comma, a mark after its word, a word set as two runs) is glued to the one before; a
    hyphen set apart at the line's end ('contrib -') is the line-end hyphen of its word."""
    out = ""
    for previous, word in zip((None, *words), words, strict=False):
        glued = previous is not None and word.x0 - previous.x1 < settings.glued * word.size
        out += ("" if glued or not out else " ") + word.text
    text = squash(out)
    if text[-2:-1] == " " and text[-1:] in _HYPHENS_AT_END and text[-3:-2].isalpha():
        text = text[:-2] + text[-1]
    return text


_HYPHENS_AT_END = frozenset(("-", SOFT_HYPHEN, BREAK_MARK, "\u2011"))


def geometries_to_vocabulary(
    geometries: Sequence[Geometry], settings: PdfSettings = SETTINGS
) -> Vocabulary:
    """The words a PDF prints inside its lines: a word broken at a line end ('effec-') and
    the words of the line below it to its left (where 'tiveness' stands, the column unknown)
    are left out, being what the break may have made."""
    texts: list[str] = []
    heads: set[str] = set()
    printed: list[str] = []  # every line segment, as printed (U+2010 kept where it ends a word)
    for geo in geometries:
        lines = words_to_lines(geo.words, settings)
        for above, line in zip([[], *lines], lines, strict=False):
            printed.extend(words_to_text(run, settings) for run in line_to_segments(line, settings))
            broken = [w for w in above if _LINE_END_HYPHEN.search(w.text)]
            heads.update(m.group() for w in line if (m := _BROKEN_HEAD.search(w.text)))
            kept = [
                w
                for w in line
                if not _LINE_END_HYPHEN.search(w.text)
                and not any(_below(w, end, settings) for end in broken)
            ]
            texts.extend(words_to_text(run, settings) for run in line_to_segments(kept, settings))
    vocabulary = text_lines_to_vocabulary(texts).with_breaks(heads, HYPHEN_SETTINGS)
    # A mark may be its own word, glued to its letters (a re-render sets it in another font).
    marks = any(_MARK_AFTER_WORD.search(text) for text in printed)
    inner = frozenset().union(
        *(geo.inner_hyphens for geo in geometries), *map(_INNER_HYPHEN.findall, printed)
    )
    marked_breaks = marks_are_breaks(marks, inner)
    return replace(
        vocabulary,
        marked_breaks=marked_breaks,
        marked_heads=texts_to_marked_heads(printed) if marked_breaks else frozenset(),
    )


def texts_to_marked_heads(printed: Iterable[str]) -> frozenset[str]:
    """Words the producer broke with its U+2010 mark and that never end in another hyphen
    form, case-folded ('dis' of 'dis\u2010'): such a word ending a page or a column was
    broken by the producer, though joining the pages sees the mark read as '-'."""
    ends: dict[str, set[str]] = {}
    for text in printed:
        for match in _HEAD_BEFORE_END.finditer(text):
            ends.setdefault(match.group(1).casefold(), set()).add(match.group(2))
    return frozenset(head for head, forms in ends.items() if forms == {BREAK_MARK})


def marks_are_breaks(line_end_marks: bool, inner_hyphens: frozenset[str]) -> bool:
    """U+2010 at line ends is the producer's break mark when the document prints its own
    hyphens inside words as '-' and never as U+2010 (a font mapping every hyphen to U+2010
    would print them alike, and then the mark says nothing)."""
    return line_end_marks and "-" in inner_hyphens and BREAK_MARK not in inner_hyphens


# What a ligature glyph stands for: a font whose map sends one to another character
# (Ghostscript's 'ratiücation', 'E昀昀ective') loses these letters.
# A Latin letter of its own ('ô' of 'Côte') never stands for a single one of these: only a
# letter of another script may ('昀' for 'f').
_LIGATURE_LETTERS = ("fi", "fl", "ff", "ffi", "ffl")
_FOREIGN_LETTERS = ("f", "i", "l")
_ODD_LETTER = regex.compile(r"[^\x00-\x7f]")
_LATIN = regex.compile(r"\p{Latin}")
_LETTERS_TOKEN = regex.compile(r"[\p{L}\p{M}]+")
_MOST_ODD = 3  # letters in one word tried as ligatures (8 ** 3 readings at most)


def check_glyphs_mapped(geo: Geometry) -> None:
    """Stop where a word is no word but reads as one with a non-ASCII letter taken as a
    ligature ('ratiücation' as 'ratification'): the font maps its ligature glyphs to other
    characters, so letters would be lost without a trace."""
    for word in geo.words:
        if word.text.isascii():
            continue
        for token in _LETTERS_TOKEN.findall(word.text):
            odd = [m.start() for m in _ODD_LETTER.finditer(token)]
            if not odd or len(odd) > _MOST_ODD or is_english_word(token):
                continue
            choices = [
                _LIGATURE_LETTERS + (() if _LATIN.fullmatch(token[i]) else _FOREIGN_LETTERS)
                for i in odd
            ]
            for letters in itertools.product(*choices):
                reading = "".join(
                    letters[odd.index(i)] if i in odd else c for i, c in enumerate(token)
                )
                if is_english_word(reading):
                    raise SourceError(
                        f"the word {token!r} reads as {reading!r} with its"
                        f" {''.join(token[i] for i in odd)!r} taken for letters: the PDF's font"
                        " maps ligature glyphs to other characters (a re-distilled file?);"
                        " give the PDF as it was first made",
                        page=geo.no,
                    )


def _below(word: Word, end: Word, settings: PdfSettings) -> bool:
    """A word on the printed line just under a word broken at its end, left of its end."""
    return 0 < word.top - end.top < settings.next_line * end.size and word.x0 < end.x1


def words_box(words: Sequence[Word]) -> Box:
    box = union([w.box for w in words])
    assert box is not None
    return box
