"""What only a text export of GB.328 needs: page furniture dropped and converter wraps undone."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.documents.gb328.front import SYMBOL
from extract.documents.gb328.paragraphs import PARA_NUMBER
from extract.documents.gb328.records import (
    DOC,
)
from extract.readers.records import Line
from extract.readers.text import (
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
    note = Note(
        doc=DOC,
        page=None,
        line=lines[0].no,
        kind=NoteKind.CONTINUATION_JOINED,
        message=(
            f"the body is wrapped at {width} columns; {joined} wrapped lines were joined to the"
            " line before them"
        ),
    )
    return out, [note]


_PAGE_LINE = regex.compile(r"(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", regex.IGNORECASE)


def drop_text_furniture(lines: Sequence[Line]) -> tuple[list[Line], list[Note]]:
    """Running heads and page numbers a converter left at page breaks: a line that is only the
    document's symbol (after its first, front-matter, appearance) or only a page number, with
    or without the other beside it."""
    kept: list[Line] = []
    notes: list[Note] = []
    symbol_seen = False
    for line in lines:
        text = squash(line.text)
        symbol = SYMBOL.search(text)
        rest = (text[: symbol.start()] + text[symbol.end() :]).strip() if symbol else text
        head = symbol is not None and (not rest or _PAGE_LINE.fullmatch(rest) is not None)
        if head and not symbol_seen:  # the front matter's own symbol line
            symbol_seen = True
            kept.append(line)
        elif head or _PAGE_LINE.fullmatch(text):
            notes.append(
                Note(
                    doc=DOC,
                    page=None,
                    line=line.no,
                    kind=NoteKind.FURNITURE_DROPPED,
                    message=f"page furniture {text!r} at line {line.no} left out",
                )
            )
        else:
            kept.append(line)
    return kept, notes
