"""GB.328's records: paragraphs, action areas, follow-up items and activity-matrix rows."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from extract.readers.records import Box
from extract.records import Doc, Footnote, FrontMatter, Note

DOC = Doc.GB328


class TimingKind(StrEnum):
    """How an Appendix timing phrase reads (appendix_deliverables.timing_kind)."""

    RANGE = "range"  # a first and a last year or quarter
    POINT = "point"  # one year or quarter
    RECURRING = "recurring"  # "every year", "every two years"
    MILESTONES = "milestones"  # "by 2019, by 2021"
    UNSPECIFIED = "unspecified"  # "ongoing", "to be determined"


@dataclass(frozen=True)
class Paragraph:
    para_no: int
    text: str
    section: str
    area_no: int | None
    footnotes: tuple[str, ...]
    line_first: int
    line_last: int
    page_first: int | None = None  # PDF input only
    page_last: int | None = None
    boxes: tuple[tuple[int, Box], ...] = ()  # each printed part's page and box (PDF input)


@dataclass(frozen=True)
class ActionArea:
    area_no: int
    name: str
    objective: str
    line: int


@dataclass(frozen=True)
class FollowUpItem:
    item_no: int
    conclusion: str
    text: str
    line: int


@dataclass(frozen=True)
class Timing:
    """A timing phrase read as a kind and, where it has them, a first and last quarter."""

    raw: str
    kind: str
    start: str | None
    end: str | None
    note: str | None


@dataclass(frozen=True)
class AppendixRow:
    row_no: int
    deliverable_id: str | None
    item_no: int
    text: str
    timing: Timing
    areas_raw: str
    area_nos: tuple[int, ...]
    page: int
    line: int
    # Where the row stands on each page it spans (PDF input only).
    boxes: tuple[tuple[int, Box], ...] = ()


@dataclass(frozen=True)
class Paper:
    """Everything extracted from GB.328/INS/5/1(Add.1)."""

    front: FrontMatter
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[Footnote, ...]
    areas: tuple[ActionArea, ...]
    aliases: dict[int, tuple[str, ...]]
    items: tuple[FollowUpItem, ...]
    rows: tuple[AppendixRow, ...]
    matrix_pages: int
    notes: tuple[Note, ...]
    page_count: int | None = None  # PDF input: every page of the file
    matrix_line: int | None = None  # where the matrix header stands (text input)
