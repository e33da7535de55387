"""Page furniture: page numbers and running heads in the margins, found by repetition
over the file, left out of the table and the prose."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.readers.grid import GridNote
from extract.readers.pdf.geometry import (
    Geometry,
    PdfSettings,
    Word,
    words_joined,
    words_to_lines,
)
from extract.readers.text import PAGE_NUMBER
from extract.records import NoteKind


def _margin_lines(
    geo: Geometry, settings: PdfSettings, band: float | None = None
) -> list[list[Word]]:
    margin = max(geo.height, geo.width) * (settings.margin if band is None else band)
    words = [w for w in geo.words if w.top < margin or w.bottom > geo.height - margin]
    return words_to_lines(words, settings)


def _furniture_key(line: Sequence[Word]) -> str:
    return regex.sub(r"\d+", "#", words_joined(line)).casefold()


def _position_key(line: Sequence[Word], shift: int = 0) -> str:
    return f"@{round(min(w.top for w in line)) + shift}|{_furniture_key(line)}"


def repeated_margin_lines(geometries: Sequence[Geometry], settings: PdfSettings) -> frozenset[str]:
    """Margin lines printed on several pages (a running head), page numbers made alike: by
    their text near the edge, and by text and height (within settings.running_shift) a little
    further in, where
    a word processor sets a header inside a wide margin."""
    seen: dict[str, int] = {}
    placed: dict[str, set[int]] = {}
    for geo in geometries:
        for key in {_furniture_key(line) for line in _margin_lines(geo, settings)}:
            seen[key] = seen.get(key, 0) + 1
        for line in _margin_lines(geo, settings, settings.running_margin):
            for shift in range(-settings.running_shift, settings.running_shift + 1):
                placed.setdefault(_position_key(line, shift), set()).add(geo.no)
    least = min(settings.running_pages, len(geometries)) if len(geometries) > 1 else 2
    return frozenset(
        [key for key, count in seen.items() if count >= least]
        + [key for key, pages in placed.items() if len(pages) >= least]
    )


def is_running_line(line: Sequence[Word], repeated: frozenset[str]) -> bool:
    """A line printed at this height with this text on several pages."""
    return _position_key(line) in repeated


def furniture_words(
    geo: Geometry, repeated: frozenset[str], settings: PdfSettings
) -> list[list[Word]]:
    """Page numbers and running heads: margin lines that read as a page number or repeat,
    and, a little further in, lines repeated at the same height with nothing but furniture
    between them and the page's edge."""
    out = [
        line
        for line in _margin_lines(geo, settings)
        if PAGE_NUMBER.fullmatch(words_joined(line)) or _furniture_key(line) in repeated
    ]
    taken = {id(w) for line in out for w in line}
    wide = _margin_lines(geo, settings, settings.running_margin)
    upper = [line for line in wide if line[0].top < geo.height / 2]
    lower = [line for line in reversed(wide) if line[0].top >= geo.height / 2]
    for lines, outside in (
        (upper, lambda w, y0, y1: w.bottom <= y0),
        (lower, lambda w, y0, y1: w.top >= y1),
    ):
        for line in lines:
            if any(id(w) in taken for w in line) or not is_running_line(line, repeated):
                continue
            y0, y1 = min(w.top for w in line), max(w.bottom for w in line)
            if all(id(w) in taken for w in geo.words if outside(w, y0, y1)):
                out.append(line)
                taken.update(id(w) for w in line)
    return out


def furniture_notes(geo: Geometry, lines: Sequence[Sequence[Word]]) -> list[GridNote]:
    return [
        GridNote(
            NoteKind.FURNITURE_DROPPED,
            geo.no,
            None,
            f"page furniture {words_joined(line)!r} on page {geo.no} left out",
        )
        for line in lines
    ]


def inside_table_rules(geo: Geometry, word: Word) -> bool:
    """A word in the margin band that still stands inside the ruled table is a cell word."""
    above = any(r.at < word.top and r.start <= word.xc <= r.end for r in geo.hrules)
    below = any(r.at > word.bottom and r.start <= word.xc <= r.end for r in geo.hrules)
    return above and below


def is_margin_line_word(
    word: Word, geo: Geometry, repeated: frozenset[str], settings: PdfSettings
) -> bool:
    margin = max(geo.height, geo.width) * settings.margin
    return (word.top < margin or word.bottom > geo.height - margin) and any(
        word in line for line in furniture_words(geo, repeated, settings)
    )
