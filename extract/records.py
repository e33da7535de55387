"""Frozen records passed between the stages; every one carries its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


class MarkKind(StrEnum):
    """The evidence a scheduled quarter was read from (annex_schedule.mark)."""

    X = "x"  # an X or x glyph
    CHECK = "check"  # a check-mark glyph (or a dingbat font's check mapped to a letter)
    FILL = "fill"  # the quarter's cell is shaded
    DRAWN = "drawn"  # two crossing lines drawn in the cell


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
        return f"{self.year}Q{self.quarter}"


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
        return f"{self.year}Q{self.quarter}"


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
    column: int
    bbox: Box | None = None
    mark: MarkKind = MarkKind.X

    @property
    def period(self) -> str:
        return f"{self.year}Q{self.quarter}"


@dataclass(frozen=True)
class Note:
    """A repair or judgement the parser made, for a reader to audit."""

    doc: str
    page: int | None
    line: int | None
    kind: str
    deliverable_id: str | None
    message: str


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


@dataclass(frozen=True)
class SourceDocument:
    """An input file as read: its bytes' checksum and its decoded lines."""

    doc: str
    path: str
    sha256: str
    lines: tuple[Line, ...]
    # For a PDF: each synthetic line's page and bounding box (x0, top, x1, bottom) in points.
    boxes: dict[int, tuple[int, tuple[float, float, float, float]]] | None = None


@dataclass(frozen=True)
class FrontMatter:
    """The GB.328 paper's heading block."""

    organ: str | None
    symbol: str | None
    session: str | None
    place: str | None
    dates: str | None
    section: str | None
    section_code: str | None
    date: str | None
    original_language: str | None
    agenda_item: str | None
    title: str | None
    label: str | None
    subtitle: str | None


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
class Footnote:
    doc: str
    mark: str
    text: str
    line: int
    ref_line: int | None


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


@dataclass(frozen=True)
class Match:
    """How well an Appendix deliverable is carried by one Annex I deliverable."""

    deliverable_id: str
    score: float
    novelty: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Reconciled:
    """One deliverable id (or unnumbered Appendix row) across the two documents."""

    deliverable_id: str | None
    appendix_row_no: int | None
    in_annex: bool
    in_appendix: bool
    status: str
    merged_into: str | None
    similarity: float | None
    evidence: str | None


@dataclass(frozen=True)
class Discrepancy:
    deliverable_id: str
    kind: str
    annex_value: str | None
    appendix_value: str | None
    score: float | None
    message: str
