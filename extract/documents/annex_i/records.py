"""Annex I's records: rows of the work-plan, deliverables, activities and scheduled quarters."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from extract.programme_constants import period
from extract.readers.records import Box, Segment
from extract.records import Footnote, FrontMatter, Note


class MarkKind(StrEnum):
    """The evidence a scheduled quarter was read from (annex_schedule.mark)."""

    X = "x"  # an X or x glyph
    CHECK = "check"  # a check-mark glyph (or a dingbat font's check mapped to a letter)
    FILL = "fill"  # the quarter's cell is shaded
    DRAWN = "drawn"  # two crossing lines drawn in the cell


@dataclass(frozen=True)
class Mark:
    """An X in a labelled quarter column."""

    year: int
    quarter: int
    page: int
    line: int
    column: int
    kind: MarkKind = MarkKind.X
    box: Box | None = None

    @property
    def period(self) -> str:
        return period(self.year, self.quarter)


@dataclass(frozen=True)
class StrayMark:
    """An X in a column outside the labelled time frame (`frame`, e.g. '2017Q1-2021Q4')."""

    page: int
    line: int
    column: int
    frame: str


@dataclass(frozen=True)
class Row:
    """One work-plan row of a page: its area, deliverable and activity text and its marks.

    area is the area cell's text (for a merged PDF cell, carried to every row it spans);
    area_span identifies that merged cell's fragment; area_printed says whether the text
    stands on this row."""

    page: int
    line: int
    first_on_page: bool
    area: str
    area_printed: bool
    area_span: int | None
    deliverable: str
    deliverable_box: Box | None
    activity_lines: tuple[Segment, ...]
    marks: tuple[Mark, ...]
    stray_marks: tuple[StrayMark, ...]
    bbox: Box | None = None


@dataclass(frozen=True)
class Deliverable:
    """An Annex I deliverable with its rows joined across page breaks."""

    deliverable_id: str
    seq: int
    conclusion: str
    text: str
    area: str
    area_no: int
    area_printed: bool
    page_first: int
    page_last: int
    line_first: int
    line_last: int
    # Where the deliverable cell stands on each page it spans (PDF input only).
    boxes: tuple[tuple[int, Box], ...] = ()


@dataclass(frozen=True)
class Activity:
    deliverable_id: str
    activity_no: int
    text: str
    numbered_in_source: bool
    page: int
    line: int
    bbox: Box | None = None


@dataclass(frozen=True)
class ScheduleEntry:
    deliverable_id: str
    year: int
    quarter: int
    page: int
    line: int
    cell_no: int
    bbox: Box | None = None
    mark: MarkKind = MarkKind.X

    @property
    def period(self) -> str:
        return period(self.year, self.quarter)


@dataclass(frozen=True)
class Workplan:
    """Everything extracted from Annex I."""

    pages: tuple[object, ...]  # extract.readers.grid.GridPage
    front: FrontMatter
    footnotes: tuple[Footnote, ...]
    deliverables: tuple[Deliverable, ...]
    activities: tuple[Activity, ...]
    schedule: tuple[ScheduleEntry, ...]
    notes: tuple[Note, ...]
