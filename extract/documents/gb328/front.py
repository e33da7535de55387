"""GB.328's front matter: symbol, session, dates, section and title, above paragraph 1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import regex

from extract.documents.gb328.paragraphs import PARA_NUMBER
from extract.documents.gb328.records import (
    DOC,
)
from extract.errors import SourceError
from extract.readers.records import Line
from extract.readers.text import (
    pop_footnote_marks,
    squash,
)
from extract.records import FrontMatter, Note, NoteKind

_SESSION = regex.compile(r"(\d+(?:st|nd|rd|th)\s+Session)\s*,\s*([^,]+?)\s*,\s*(\S.*)")


SYMBOL = regex.compile(r"GB\.\d+/\S+")


_DATE = regex.compile(r"Date\s*:\s*(\S.*)", flags=regex.IGNORECASE)


_ORIGINAL = regex.compile(r"Original\s*:\s*(\S.*)", flags=regex.IGNORECASE)


_AGENDA = regex.compile(r"\S.*\bITEM\s+ON\s+THE\s+AGENDA", flags=regex.IGNORECASE)


_SECTION = regex.compile(r"\S.*\bSection")


_SECTION_CODE = regex.compile(r"[A-Z]{2,6}")


def split_front_matter(body: Sequence[Line]) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """Front matter is everything before the heading that stands above paragraph 1."""
    for i, line in enumerate(body):
        match = PARA_NUMBER.fullmatch(squash(line.text))
        if match and match.group(1) == "1":
            start = i - 1 if i and not PARA_NUMBER.fullmatch(squash(body[i - 1].text)) else i
            return tuple(body[:start]), tuple(body[start:])
    raise SourceError("no paragraph '1.' found before the activity matrix")


def lines_to_front_matter(lines: Sequence[Line]) -> tuple[FrontMatter, tuple[Note, ...]]:
    """Read the heading block by its patterns; title, label and subtitle follow the agenda item."""
    unread: list[Note] = []
    texts = [pop_footnote_marks(squash(line.text))[0] for line in lines]
    found: dict[str, str | None] = dict.fromkeys(FrontMatter.__dataclass_fields__, None)
    agenda_at = None
    used: set[int] = set()
    for i, text in enumerate(texts):
        used.add(i)
        if match := _SESSION.fullmatch(text):
            found["session"], found["place"], found["dates"] = match.groups()
        elif SYMBOL.fullmatch(text):
            found["symbol"] = text
        elif match := _DATE.fullmatch(text):
            found["date"] = _iso_date(match.group(1))
            if found["date"] is None:
                unread.append(
                    Note(
                        doc=DOC,
                        page=lines[i].page,
                        line=lines[i].no,
                        kind=NoteKind.FRONT_MATTER_UNREAD,
                        message=(
                            f"document date {match.group(1)!r} is in no known form; left empty"
                        ),
                    )
                )
        elif match := _ORIGINAL.fullmatch(text):
            found["original_language"] = match.group(1)
        elif _AGENDA.fullmatch(text):
            found["agenda_item"], agenda_at = text, i
        elif _SECTION.fullmatch(text):
            found["section"] = text
        elif _SECTION_CODE.fullmatch(text) and found["section"]:
            found["section_code"] = text
        elif i == 0:
            found["organ"] = text
        else:
            used.discard(i)
    if agenda_at is not None:
        tail = texts[agenda_at + 1 :]
        for key, value in zip(("title", "label", "subtitle"), tail, strict=False):
            found[key] = value
        used.update(range(agenda_at + 1, min(len(texts), agenda_at + 4)))
    unread.extend(
        Note(
            doc=DOC,
            page=line.page,
            line=line.no,
            kind=NoteKind.LINE_SKIPPED,
            message=(
                f"front-matter line {texts[i][:60]!r} fits no field of the heading block; left out"
            ),
        )
        for i, line in enumerate(lines)
        if i not in used
    )
    return FrontMatter(**found), tuple(unread)


_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d %b. %Y", "%B %d, %Y", "%Y-%m-%d")


def _iso_date(text: str) -> str | None:
    """The document date as YYYY-MM-DD; None if no known form reads it."""
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(squash(text), form).date().isoformat()
        except ValueError:
            continue
    return None
