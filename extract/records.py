"""Records every stage shares: lines and cells as read, footnotes, sources and notes.

Records of one document live in its folder (documents/<doc>/records.py); records of the
cross-document work in cross/records.py. Each kind or status is a StrEnum beside the record
that carries it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from extract.readers.records import Box, Line


class Doc(StrEnum):
    """The documents the pipeline reads (the `doc` column of several tables)."""

    ANNEX_I = "annex_i"
    GB328 = "gb328"


class NoteKind(StrEnum):
    """What a parser did that a reader should be able to audit (extraction_notes.kind)."""

    meaning: str

    def __new__(cls, value: str, meaning: str) -> NoteKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member

    AREA_FILLED = (
        "area_filled",
        "a row's area cell was empty and took the area of the merged cell above",
    )
    AREA_UNMATCHED = (
        "area_unmatched",
        "area text in a matrix row matches no action area and was left out",
    )
    CELLS_SHIFTED = (
        "cells_shifted",
        "a row shifted right by a stray tab was read back into its columns",
    )
    COLUMNS_READ = (
        "columns_read",
        "a body page set in two columns was read column by column, left then right",
    )
    CONTINUATION_JOINED = (
        "continuation_joined",
        "text continued across a page break or wrapped line was joined",
    )
    FRONT_MATTER_UNREAD = (
        "front_matter_unread",
        "a front-matter value is in no known form and was left empty",
    )
    FURNITURE_DROPPED = (
        "furniture_dropped",
        "a running head, page number or other page furniture was left out",
    )
    HEADER_WRAPPED = (
        "header_wrapped",
        "words on lines under a table's header labels, set as they are, were read as the header",
    )
    HYPHEN_REMOVED = (
        "hyphen_removed",
        "a hyphen breaking a word at a line end was removed: the joined word is printed elsewhere"
        " or is a word, the hyphenated form is not",
    )
    HYPHEN_UNDECIDED = (
        "hyphen_undecided",
        "a line-break hyphen the evidence could not decide was kept as printed",
    )
    ITEM_REPEATED = (
        "item_repeated",
        "a follow-up item printed again on each row of its deliverables was read once",
    )
    KEYLESS_ROW_CUT = (
        "keyless_row_cut",
        "an unruled row without a key was cut where the other columns' text begins again",
    )
    LINE_SKIPPED = "line_skipped", "a line that fits no part of the document was left out"
    MARK_REPEATED = (
        "mark_repeated",
        "a quarter marked again in a row continued over a page was scheduled once",
    )
    LIST_NUMBERS_IRREGULAR = (
        "list_numbers_irregular",
        "activity numbers skip or repeat, so two activities may be one",
    )
    MERGE_CANDIDATES = (
        "merge_candidates",
        "the Annex I deliverables an Appendix-only deliverable may have merged into",
    )
    NUMBER_READ = (
        "number_read",
        "a deliverable or paragraph number written in another form ('(2.4)', '2,4.', '37)')"
        " was read as that number",
    )
    OUT_OF_FRAME_MARK = (
        "out_of_frame_mark",
        "a mark outside the header's quarters was not scheduled",
    )
    PAGE_SKIPPED = "page_skipped", "a page without the table was read as prose, not as table rows"
    PROSE_NAMES_COLUMNS = (
        "prose_names_columns",
        "a line above the table that names its columns was read as prose, not as its header",
    )
    ROW_OPENED_ALONE = (
        "row_opened_alone",
        "an unruled row was opened at its printed key number though nothing stands beside it",
    )
    TIMING_INTERPRETED = (
        "timing_interpreted",
        "free-text timing was read as quarters by a stated rule",
    )
    TIMING_UNREADABLE = "timing_unreadable", "free-text timing could not be read as quarters"
    UNNUMBERED_LIST_SPLIT = (
        "unnumbered_list_split",
        "key activities without numbers were split at the verbs opening them",
    )
    UNNUMBERED_ROW = (
        "unnumbered_row",
        "a matrix row without a deliverable number was kept under its item",
    )


@dataclass(frozen=True)
class Footnote:
    doc: str
    mark: str
    text: str
    line: int
    ref_line: int | None


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


@dataclass(frozen=True, kw_only=True)
class Note:
    """A repair or judgement the parser made, for a reader to audit."""

    doc: Doc
    kind: NoteKind
    message: str
    page: int | None = None
    line: int | None = None
    deliverable_id: str | None = None


# The kinds of box the audit view draws; documents name their boxes with these.
AUDIT_KINDS = (
    "area",
    "deliverable",
    "activity",
    "mark",
    "header",
    "furniture",
    "note",
    # GB.328: front matter, headings and paragraphs of the body; the matrix's merged item cells.
    "front",
    "heading",
    "paragraph",
    "item",
)


@dataclass(frozen=True)
class AuditBox:
    """One thing the reader found on a page, for the audit view."""

    page: int  # 1-based page number in the PDF
    box: Box  # x0, top, x1, bottom in PDF points (pdfplumber's)
    kind: str  # one of AUDIT_KINDS
    label: str  # short text shown on hover and in the index, e.g. "2.1 activity 3"
    deliverable_id: str | None  # the deliverable it belongs to, if any
