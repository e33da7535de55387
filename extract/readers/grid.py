"""The typed grid between readers and parsers: pages of rows of cells, each cell with its text,
page and box. Readers (text export, PDF geometry) produce it; document parsers consume it.

Written once here and shared by every table: page splitting and header-column mapping for
text input, and joining a row continued on the next page (`rows_to_logical_rows`). The
table's description (`TableSpec`) is in spec.py, box helpers in boxes.py."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

import regex

from extract.errors import SourceError
from extract.readers.hyphens import Decision, Vocabulary, text_lines_to_vocabulary
from extract.readers.layout import HeaderProblem, header_layout, is_timeframe_line, read_header
from extract.readers.records import Box, Line, QuarterColumn
from extract.readers.spec import TableSpec
from extract.readers.text import clean, clean_noted, squash, strip_markup
from extract.records import NoteKind


@dataclass(frozen=True)
class CellLine:
    """One printed line of a cell (a PDF line with its box; a whole text cell, box None)."""

    text: str
    box: Box | None = None


@dataclass(frozen=True)
class Cell:
    """One cell of a row: its cleaned text and where it stands.

    `evidence` names marks seen without text (`fill`, `drawn`). A cell of a merged (spanning)
    column carries the merged cell's text on every row it spans; `span` identifies that merged
    cell's fragment on its page and `printed` says whether the text stands on this row."""

    text: str
    lines: tuple[CellLine, ...] = ()
    box: Box | None = None
    evidence: tuple[str, ...] = ()
    span: int | None = None
    printed: bool = True

    @property
    def empty(self) -> bool:
        return not self.text and not self.evidence


EMPTY = Cell("")


@dataclass(frozen=True)
class GridRow:
    """One table row on one page; `line` is the text line (or the PDF reading-order line)."""

    page: int
    line: int
    cells: tuple[Cell, ...]
    first_on_page: bool
    box: Box | None = None

    def cell(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else EMPTY


@dataclass(frozen=True)
class ProseLine:
    """Text on a table page outside the table (title, footnote), with its page and line."""

    page: int
    line: int
    text: str
    box: Box | None = None


@dataclass(frozen=True)
class GridPage:
    """One page of a table: where each role stands, its quarter columns and its rows."""

    no: int
    header_line: int | None
    width: int
    roles: Mapping[str, int]
    quarter_cols: tuple[QuarterColumn, ...]
    rows: tuple[GridRow, ...]
    prose: tuple[ProseLine, ...] = ()
    box: Box | None = None
    header_text: str = ""
    header_box: Box | None = None


@dataclass(frozen=True)
class GridNote:
    """A judgement of the reader: a page skipped, a furniture line dropped."""

    kind: NoteKind
    page: int
    line: int | None
    message: str


@dataclass(frozen=True)
class Grid:
    """A whole table as read: its pages, the prose before its first header, and the reader's
    notes. `page_count` counts every page of the input (table or not)."""

    path: str
    pages: tuple[GridPage, ...]
    before: tuple[ProseLine, ...]
    notes: tuple[GridNote, ...] = ()
    page_count: int | None = None
    is_pdf: bool = False
    after: tuple[ProseLine, ...] = ()  # prose of pages after the table's first (PDF notes pages)


# --- Text route ---------------------------------------------------------------------------


def cells_of(line: Line) -> list[str]:
    """The tab-separated cells of a line."""
    return line.text.split("\t")


def opens_header(line: Line, spec: TableSpec) -> bool:
    """True for the first header line of a page: tab-separated, opening with the first label."""
    if "\t" not in line.text:
        return False
    first = clean(cells_of(line)[0]).casefold()
    return bool(first) and first.startswith(spec.labels[spec.first_role])


def lines_to_grid(lines: Sequence[Line], spec: TableSpec, path: str) -> Grid:
    """Split a text export into page blocks at each header line and read each block's rows."""
    starts = [i for i, line in enumerate(lines) if opens_header(line, spec)]
    if not starts:
        raise SourceError(
            f"no {spec.name} found: no header line starting {spec.labels[spec.first_role]!r}"
            " with tab-separated cells",
            file=path,
        )
    before = tuple(
        ProseLine(0, line.no, squash(line.text)) for line in lines[: starts[0]] if line.text.strip()
    )
    pages = []
    # The document's own words decide line-break hyphens left inside lines ('high- quality').
    vocabulary = text_lines_to_vocabulary(strip_markup(line.text) for line in lines)
    decided: list[tuple[int, int, Decision]] = []
    ends = [*starts[1:], len(lines)]
    for page_no, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        block = lines[start:end]
        try:
            header, body = read_header(block, spec)
            roles, quarter_cols, width = header_layout(header, spec)
        except HeaderProblem as problem:
            where = problem.line_no if problem.line_no is not None else block[0].no
            raise SourceError(
                problem.message, file=path, line=where, page=page_no, column=problem.column
            ) from None
        pages.append(
            _text_page(
                page_no, header, roles, quarter_cols, width, body, path, spec, vocabulary, decided
            )
        )
    notes = tuple(
        GridNote(
            d.note_kind,
            page,
            line,
            d.message(),
        )
        for page, line, d in decided
    )
    return Grid(path, tuple(pages), before, notes)


def _text_page(
    page_no: int,
    header: Sequence[Line],
    roles: Mapping[str, int],
    quarter_cols: tuple[QuarterColumn, ...],
    width: int,
    body: Sequence[Line],
    path: str,
    spec: TableSpec,
    vocabulary: Vocabulary | None = None,
    decided: list[tuple[int, int, Decision]] | None = None,
) -> GridPage:
    """One page block's rows; the line-break hyphens decided in its cells that want a note
    are added to `decided` as (page, line, decision)."""
    header_line = header[0].no
    header_text = squash(header[0].text.replace("\t", " "))
    rows: list[GridRow] = []
    prose: list[ProseLine] = []
    # An editor that trims trailing whitespace cuts the empty cells ending each line; the
    # header's label line (whose 'Time frame' spans the quarters) then shows it. Only empty
    # cells were cut, so a short row is read as if they stood there.
    trimmed = len(header[0].text.split("\t")) < width and not any(
        line.text.endswith("\t") for line in (*header, *body)
    )
    for at, line in enumerate(body):
        if spec.timeframe and "\t" in line.text and is_timeframe_line(line.text):
            _raise_headless(body[:at], line, page_no, path, spec)
        if "\t" not in line.text:
            if spec.row_text is not None and spec.row_text.search(clean(line.text)):
                raise SourceError(
                    f"this line reads like a row of the {spec.name} but has no tab-separated"
                    " cells (were its tabs turned into spaces?)",
                    file=path,
                    line=line.no,
                    page=page_no,
                )
            if line.text.strip():
                prose.append(ProseLine(page_no, line.no, squash(line.text)))
            continue
        texts = cells_of(line)
        if not any(text.strip() for text in texts):
            continue
        if len(texts) < width and not trimmed:
            key = roles.get(spec.key_role) if spec.key_role else None
            # A short row after a break that continues a row is the next page's, its header
            # lost: name the cause, not the width.
            if (
                rows
                and line.no > rows[-1].line + 1
                and key is not None
                and spec.opens is not None
                and not spec.opens(clean(texts[key]) if key < len(texts) else "")
            ):
                raise SourceError(
                    f"{missing_header(page_no + 1, line.no - 1, spec)}: the row here is"
                    f" narrower than this page's header (line {header_line}) and continues a row",
                    file=path,
                    line=line.no,
                    page=page_no + 1,
                )
            raise SourceError(
                f"row has {len(texts)} cells; its page header (line {header_line}) has {width}",
                file=path,
                line=line.no,
                page=page_no,
            )
        listed = roles.get(spec.list_role) if spec.list_role else None
        found: list[Decision] = []
        cells = tuple(
            _text_cell(text, i == listed, vocabulary, found) for i, text in enumerate(texts)
        )
        if decided is not None:
            decided.extend((page_no, line.no, decision) for decision in found)
        rows.append(GridRow(page_no, line.no, cells, first_on_page=not rows))
    return GridPage(
        page_no,
        header_line,
        width,
        dict(roles),
        quarter_cols,
        tuple(rows),
        tuple(prose),
        header_text=header_text,
    )


def _raise_headless(
    above: Sequence[Line], line: Line, page_no: int, path: str, spec: TableSpec
) -> None:
    """A years or Q1-Q4 line inside a page: the next page's header lost its label line, or
    carries one the reader does not know; say so rather than read it as a row."""
    label = next((prev for prev in reversed(above) if prev.text.strip()), None)
    expected = ", ".join(repr(text) for text in spec.labels.values())
    if label is not None and "\t" in label.text:
        cells = " | ".join(squash(clean(c)) for c in cells_of(label) if c.strip())
        if not spec.row_text or not spec.row_text.search(clean(label.text)):
            raise SourceError(
                f"page header not recognised: {cells[:80]!r} stands above the time frame's"
                f" labels (line {line.no}) but does not label the columns {expected}",
                file=path,
                line=label.no,
                page=page_no + 1,
            )
    raise SourceError(
        f"{missing_header(page_no + 1, line.no - 1, spec)}; the time frame's labels at line"
        f" {line.no} have none above them",
        file=path,
        line=line.no,
        page=page_no + 1,
    )


def missing_header(page_no: int, after: int, spec: TableSpec) -> str:
    """The message for a page whose header line is missing."""
    label = spec.labels[spec.first_role].capitalize()
    return f"page {page_no} has no header line '{label} \u2026' (expected after line {after})"


# Where a list item of a list opened on an earlier page begins (its number is not known here).
BARE_ITEM = "\u2063"
_LIST = regex.compile(r"<(ol|ul)\b([^<>]*)>", regex.IGNORECASE)
_ITEM = regex.compile(r"<li\b[^<>]*>", regex.IGNORECASE)
_TAG = regex.compile(r"<[^<>]*>")
_OWN_MARKER = regex.compile(
    r"\s*(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]\)|[\u2022\u25aa\u25e6\u2013\u2014*-])\s"
)


def render_list_items(text: str) -> str:
    """`<li>` items of an `<ol>`/`<ul>` as a browser shows them: '1. ', '2. ' … in a numbered
    list, a bullet in a list without numbers; an item that prints its own marker keeps it."""
    opening = _LIST.search(text)
    if not _ITEM.search(text):
        return text
    # Without an <ol>/<ul> in the cell the list opened on the page before: its numbering is
    # there, so the item is marked for the list splitter to number.
    numbered = (
        opening is not None
        and opening.group(1).lower() == "ol"
        and "none" not in opening.group(2).lower()
    )
    out, at, n = [], 0, 0
    for item in _ITEM.finditer(text):
        if _OWN_MARKER.match(_TAG.sub(" ", text[item.end() : item.end() + 60])):
            continue
        n += 1
        marker = BARE_ITEM if opening is None else f"{n}." if numbered else "\u2022"
        out.append(f"{text[at : item.start()]} {marker} ")
        at = item.end()
    return "".join(out) + text[at:]


def _text_cell(
    text: str,
    listed: bool = False,
    vocabulary: Vocabulary | None = None,
    decisions: list[Decision] | None = None,
) -> Cell:
    """A text cell cleaned as a PDF cell is; hyphens it decided that want a note go to
    `decisions`."""
    if not text or text.isspace():
        return EMPTY
    cleaned, found = clean_noted(render_list_items(text) if listed else text, vocabulary)
    if decisions is not None:
        decisions.extend(found)
    return Cell(cleaned, (CellLine(cleaned),) if cleaned else ())


# --- Shared by every reader ------------------------------------------------------------------


class _OnPage(Protocol):
    @property
    def first_on_page(self) -> bool: ...


R = TypeVar("R", bound=_OnPage)


def rows_to_logical_rows(
    rows: Sequence[R], opens: Callable[[R], bool]
) -> tuple[tuple[R, ...], ...]:
    """Group rows into logical rows: a page's first row continues the last one unless it opens
    a new one; every other row opens its own."""
    blocks: list[list[R]] = []
    for row in rows:
        if blocks and row.first_on_page and not opens(row):
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return tuple(tuple(block) for block in blocks)
