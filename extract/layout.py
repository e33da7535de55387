"""Annex I page layout: page blocks found by their header lines, and each page's columns."""

from __future__ import annotations

import functools

import regex

from extract.errors import SourceError
from extract.records import Line, Page, QuarterColumn, SourceDocument
from extract.text import clean, label_columns, squash

FIRST_YEAR, LAST_YEAR = 2017, 2021  # the programme's time frame
_YEAR = regex.compile(r"(?:19|20)\d\d")
_QUARTER = regex.compile(r"Q\s?([1-4])", flags=regex.IGNORECASE)
_ROLES = {"area": "area of action", "deliverable": "deliverable", "activities": "key activities"}


def cells_of(line: Line) -> list[str]:
    """The tab-separated cells of a line."""
    return line.text.split("\t")


def is_page_header(line: Line) -> bool:
    """True for the first header line of a page ('Area of action<TAB>Deliverable ...')."""
    if "\t" not in line.text:
        return False
    return clean(cells_of(line)[0]).casefold() == _ROLES["area"]


def text_to_pages(source: SourceDocument) -> tuple[Page, ...]:
    """Split the work-plan into page blocks, each opening with its three header lines."""
    lines = source.lines
    starts = [i for i, line in enumerate(lines) if is_page_header(line)]
    if not starts:
        raise SourceError(
            "no work-plan table found: no header line starting 'Area of action' with tab-separated"
            " cells",
            file=source.path,
        )
    ends = [*starts[1:], len(lines)]
    return tuple(
        _page(source.path, page_no, lines[start:end])
        for page_no, (start, end) in enumerate(zip(starts, ends, strict=True), start=1)
    )


def _next_nonblank(block: tuple[Line, ...], after: int) -> int | None:
    for i in range(after + 1, len(block)):
        if block[i].text.strip():
            return i
    return None


def _page(path: str, page_no: int, block: tuple[Line, ...]) -> Page:
    head = block[0]
    years_at = _next_nonblank(block, 0)
    quarters_at = None if years_at is None else _next_nonblank(block, years_at)
    if years_at is None or quarters_at is None:
        raise SourceError(
            "page header is incomplete: the years line and the Q1-Q4 line must follow it",
            file=path,
            line=head.no,
            page=page_no,
        )
    years_line, quarters_line = block[years_at], block[quarters_at]
    try:
        roles, quarter_cols, width = header_layout(head.text, years_line.text, quarters_line.text)
    except _HeaderProblem as problem:
        where = {"head": head, "years": years_line, "quarters": quarters_line}[problem.line]
        raise SourceError(
            problem.message, file=path, line=where.no, page=page_no, column=problem.column
        ) from None
    return Page(
        no=page_no,
        header_line=head.no,
        width=width,
        area_col=roles["area"],
        deliverable_col=roles["deliverable"],
        activities_col=roles["activities"],
        quarter_cols=quarter_cols,
        body=block[quarters_at + 1 :],
    )


class _HeaderProblem(Exception):
    """A header that cannot be read; _page adds the file, line and page."""

    def __init__(self, message: str, line: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@functools.lru_cache(maxsize=64)
def header_layout(
    head: str, years: str, quarters: str
) -> tuple[dict[str, int], tuple[QuarterColumn, ...], int]:
    """Role columns, quarter columns and width from a page's three header lines. Pages mostly
    repeat the same header, so the reading is memoised on the lines' text."""
    roles = _role_columns(head)
    quarter_cols = _quarter_columns(years, quarters)
    if max(roles.values()) >= quarter_cols[0].index:
        raise _HeaderProblem(
            "the quarter columns start before the 'Key activities' column", "quarters"
        )
    width = max(len(text.split("\t")) for text in (head, years, quarters))
    return roles, quarter_cols, width


def _role_columns(head: str) -> dict[str, int]:
    found = label_columns(head.split("\t"), _ROLES)
    missing = [label for role, label in _ROLES.items() if role not in found]
    if missing:
        raise _HeaderProblem(
            f"page header lacks the column(s) {', '.join(repr(m) for m in missing)}", "head"
        )
    return found


def _header_cell(cell: str) -> str:
    """A header cell's text; markup, if any, removed."""
    if not cell.strip():
        return ""
    return clean(cell) if "<" in cell else squash(cell)


def _quarter_columns(years_line: str, quarters_line: str) -> tuple[QuarterColumn, ...]:
    """Read each page's own Q1-Q4 line; a quarter belongs to the nearest year label at or left."""
    years = {}
    for index, cell in enumerate(years_line.split("\t")):
        text = _header_cell(cell)
        if text and _YEAR.fullmatch(text):
            if not FIRST_YEAR <= int(text) <= LAST_YEAR:
                raise _HeaderProblem(
                    f"year label {text} lies outside the programme's {FIRST_YEAR}-{LAST_YEAR}",
                    "years",
                    index + 1,
                )
            years[index] = int(text)
    columns = []
    for index, cell in enumerate(quarters_line.split("\t")):
        text = _header_cell(cell)
        match = text and _QUARTER.fullmatch(text)
        if not match:
            if text and columns:
                raise _HeaderProblem(
                    f"cell {text[:20]!r} among the quarter labels is no Q1-Q4",
                    "quarters",
                    index + 1,
                )
            continue
        labels = [col for col in years if col <= index]
        if not labels:
            raise _HeaderProblem(
                f"quarter label {squash(cell)!r} has no year label above or to its left",
                "quarters",
                index + 1,
            )
        columns.append(QuarterColumn(index, years[max(labels)], int(match.group(1))))
    if not columns:
        raise _HeaderProblem("page header has no Q1-Q4 line after the years line", "quarters")
    indices = [c.index for c in columns]
    gap = next((i for i in range(indices[0], indices[-1]) if i not in indices), None)
    if gap is not None:
        raise _HeaderProblem("quarter labels leave a gap here", "quarters", gap + 1)
    periods = [(c.year, c.quarter) for c in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        raise _HeaderProblem("quarter labels are repeated or out of order", "quarters")
    return tuple(columns)
