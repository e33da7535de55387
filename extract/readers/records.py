"""What the readers make of a file: lines, boxes, labelled quarter columns, text
segments and list items, the types every stage after them reads."""

from __future__ import annotations

from dataclasses import dataclass

from extract.programme_constants import period

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(frozen=True)
class Line:
    """One physical line of a source text, 1-based; from a PDF, one block of printed lines
    (a paragraph's part on a page, a heading, a footnote) with its page and box."""

    no: int
    text: str
    page: int | None = None
    box: Box | None = None


@dataclass(frozen=True)
class QuarterColumn:
    """A cell index on a page that the header labels with a year and a quarter."""

    index: int
    year: int
    quarter: int

    @property
    def period(self) -> str:
        return period(self.year, self.quarter)


@dataclass(frozen=True)
class Segment:
    """A piece of text with the page and line it came from."""

    text: str
    page: int
    line: int
    bbox: Box | None = None


@dataclass(frozen=True)
class ListItem:
    """One activity split out of a key-activities cell."""

    text: str
    numbered_in_source: bool
    page: int
    line: int
    bbox: Box | None = None
