"""What only a text export of GB.328 needs: page furniture dropped and converter wraps undone."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.documents.gb328.front import SYMBOL
from extract.documents.gb328.paragraphs import OPEN_END, PARA_NUMBER, continues_paragraph
from extract.documents.gb328.records import (
    DOC,
)
from extract.readers.records import Line
from extract.readers.text import (
    PAGE_NUMBER,
    join_pieces,
    split_footnote,
    squash,
)
from extract.records import Note, NoteKind

_WRAP_WIDTH = 120  # a body whose longest line is this short was wrapped by a converter


_FULL_LINES = 10  # ... and has at least this many lines filled to the width


def unwrap_lines(lines: Sequence[Line]) -> tuple[list[Line], list[Note]]:
    """A body hard-wrapped at a fixed width (80 columns, as `pdftotext` or an editor leaves
    it) back into one line per paragraph, heading and footnote: a line joins the one before
    when that one was full (the next word would not have fitted) and it opens no numbered
    paragraph or footnote."""
    width = max((len(line.text) for line in lines), default=0)
    full = sum(len(line.text) >= 0.8 * width for line in lines)
    if not lines or width > _WRAP_WIDTH or full < _FULL_LINES:
        return list(lines), []
    out: list[Line] = []
    last: Line | None = None  # the physical line that ends out[-1]
    joined = 0
    for line in lines:
        text = line.text.strip()
        first = text.split(" ", 1)[0]
        if (
            last is not None
            and line.no == last.no + 1  # no blank line between them
            and len(last.text.rstrip()) + 1 + len(first) > width - 2
            and not PARA_NUMBER.fullmatch(squash(text))
            and not split_footnote(text)
        ):
            out[-1] = Line(out[-1].no, join_pieces([out[-1].text.strip(), text]))
            joined += 1
        else:
            out.append(line)
        last = line
    message = (
        f"the body is wrapped at {width} columns; {joined} wrapped lines were joined to the"
        " line before them"
    )
    return out, [_note(lines[0], NoteKind.CONTINUATION_JOINED, message)]


# A text export has no margins to tell a page number by: a line alone that reads as one,
# but not a year (on a page, its place tells; here '2017' alone is the text's).
_YEAR = regex.compile(r"(?:19|20)\d\d")


def _is_page_line(text: str) -> bool:
    return PAGE_NUMBER.fullmatch(text) is not None and _YEAR.search(text) is None


def _note(line: Line, kind: NoteKind, message: str) -> Note:
    return Note(doc=DOC, page=None, line=line.no, kind=kind, message=message)


def _page_value(text: str) -> int | None:
    """The page a page-number line gives ('7', 'Page 7 of 11'); None for other lines."""
    if not _is_page_line(text):
        return None
    return int(regex.search(r"\d+", text).group())


def _fits_count(value: int, at: int, sure: Sequence[tuple[int, int]]) -> bool:
    """Whether a page number at line index `at` counts on from the nearest sure page number
    before it or up to the nearest after it (sure: those that end no sentence)."""
    before = [v for i, v in sure if i < at]
    after = [v for i, v in sure if i > at]
    return bool(before and before[-1] == value - 1) or bool(after and after[0] == value + 1)


def _ends_sentence(lines: Sequence[Line], i: int) -> bool:
    """Whether the lone number at lines[i] is the last word of the sentence just above it:
    that line runs straight into it (no blank line) without ending, and the next line does
    not go on with the sentence (it opens a paragraph, a heading or the Appendix)."""
    if i == 0 or lines[i - 1].no != lines[i].no - 1:
        return False
    above = squash(lines[i - 1].text)
    if OPEN_END.search(above) is None or _is_page_line(above):
        return False
    if i + 1 == len(lines):
        return True
    after = squash(lines[i + 1].text)
    return bool(PARA_NUMBER.fullmatch(after)) or not continues_paragraph(above, after)


def drop_text_furniture(lines: Sequence[Line]) -> tuple[list[Line], list[Note]]:
    """Running heads and page numbers a converter left at page breaks: a line that is only the
    document's symbol (after its first, front-matter, appearance) or only a page number, with
    or without the other beside it. A lone number that ends the sentence above it and does
    not count on with the other page numbers is that sentence's (`see paragraph` / `36`)."""
    texts = [squash(line.text) for line in lines]
    numbers = [(i, v) for i, t in enumerate(texts) if (v := _page_value(t)) is not None]
    # Judged against the numbers that cannot be a sentence's (sure page numbers): a kept
    # number between two page numbers must not hide that they count on.
    enders = {i for i, _ in numbers if _ends_sentence(lines, i)}
    sure = [(i, v) for i, v in numbers if i not in enders]
    words = {i for i, v in numbers if i in enders and not _fits_count(v, i, sure)}
    kept: list[Line] = []
    notes: list[Note] = []
    symbol_seen = False
    for i, line in enumerate(lines):
        text = texts[i]
        symbol = SYMBOL.search(text)
        rest = (text[: symbol.start()] + text[symbol.end() :]).strip() if symbol else text
        head = symbol is not None and (not rest or _is_page_line(rest))
        if head and not symbol_seen:  # the front matter's own symbol line
            symbol_seen = True
            kept.append(line)
        elif i in words:
            kept.append(line)
            message = (
                f"{text!r} at line {line.no} ends the sentence above it (it does not count on"
                " with the page numbers); kept as its last word"
            )
            notes.append(_note(line, NoteKind.CONTINUATION_JOINED, message))
        elif head or _is_page_line(text):
            message = f"page furniture {text!r} at line {line.no} left out"
            notes.append(_note(line, NoteKind.FURNITURE_DROPPED, message))
        else:
            kept.append(line)
    return kept, notes
