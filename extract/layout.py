"""Annex I page layout: page blocks found by their header lines, and each page's columns."""

from __future__ import annotations

import regex

from extract.errors import SourceError
from extract.records import Line, Page, QuarterColumn, SourceDocument
from extract.text import clean

_YEAR = regex.compile(r"(?:19|20)\d\d")
_QUARTER = regex.compile(r"Q\s?([1-4])", flags=regex.IGNORECASE)
_LEADING_MARK = regex.compile(r"^[\d\u00b9\u00b2\u00b3\u2070-\u2079\s]+")
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
    roles = _role_columns(path, page_no, head)
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
    quarter_cols = _quarter_columns(path, page_no, years_line, quarters_line)
    first_quarter = quarter_cols[0].index
    if max(roles.values()) >= first_quarter:
        raise SourceError(
            "the quarter columns start before the 'Key activities' column",
            file=path,
            line=quarters_line.no,
            page=page_no,
        )
    width = max(len(cells_of(line)) for line in (head, years_line, quarters_line))
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


def _role_columns(path: str, page_no: int, head: Line) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells_of(head)):
        # A PDF may put the header's footnote mark first: '1 Deliverable'.
        text = _LEADING_MARK.sub("", clean(cell)).casefold()
        for role, label in _ROLES.items():
            if role not in found and text.startswith(label):
                found[role] = index
    missing = [label for role, label in _ROLES.items() if role not in found]
    if missing:
        raise SourceError(
            f"page header lacks the column(s) {', '.join(repr(m) for m in missing)}",
            file=path,
            line=head.no,
            page=page_no,
        )
    return found


def _quarter_columns(
    path: str, page_no: int, years_line: Line, quarters_line: Line
) -> tuple[QuarterColumn, ...]:
    """Read each page's own Q1-Q4 line; a quarter belongs to the nearest year label at or left."""
    years = {}
    for index, cell in enumerate(cells_of(years_line)):
        text = clean(cell)
        if _YEAR.fullmatch(text):
            years[index] = int(text)
    columns = []
    for index, cell in enumerate(cells_of(quarters_line)):
        match = _QUARTER.fullmatch(clean(cell))
        if not match:
            continue
        labels = [col for col in years if col <= index]
        if not labels:
            raise SourceError(
                f"quarter label {clean(cell)!r} has no year label above or to its left",
                file=path,
                line=quarters_line.no,
                page=page_no,
                column=index + 1,
            )
        columns.append(QuarterColumn(index, years[max(labels)], int(match.group(1))))
    if not columns:
        raise SourceError(
            "page header has no Q1-Q4 line after the years line",
            file=path,
            line=quarters_line.no,
            page=page_no,
        )
    periods = [(c.year, c.quarter) for c in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        raise SourceError(
            "quarter labels are repeated or out of order",
            file=path,
            line=quarters_line.no,
            page=page_no,
        )
    return tuple(columns)
