"""Header reading for text input: the header lines of a page block and the columns they label."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

import regex

from extract.readers.text import clean, label_columns, squash
from extract.records import Line, QuarterColumn

if TYPE_CHECKING:
    from extract.readers.grid import TableSpec

_YEAR = regex.compile(r"(?:19|20)\d\d")
QUARTER = regex.compile(r"Q\s?([1-4])", flags=regex.IGNORECASE)


def _next_nonblank(block: Sequence[Line], after: int) -> int | None:
    for i in range(after + 1, len(block)):
        if block[i].text.strip():
            return i
    return None


def read_header(
    block: Sequence[Line], spec: TableSpec
) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """A page block's header lines (the label line, then the years and Q1-Q4 lines for a
    time-frame table) and the lines below them."""
    if not spec.timeframe:
        return (block[0],), tuple(block[1:])
    years_at = _next_nonblank(block, 0)
    quarters_at = None if years_at is None else _next_nonblank(block, years_at)
    if years_at is None or quarters_at is None:
        raise HeaderProblem(
            "page header is incomplete: the years line and the Q1-Q4 line must follow it",
            block[0].no,
        )
    return (block[0], block[years_at], block[quarters_at]), tuple(block[quarters_at + 1 :])


class HeaderProblem(Exception):
    """A header that cannot be read; the caller adds the file and page."""

    def __init__(self, message: str, line_no: int | None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line_no, self.column = message, line_no, column


def header_roles(cells: Sequence[str], spec: TableSpec) -> tuple[dict[str, int], list[str]]:
    """Where each role's label stands among header cells, and the labels not found."""
    found = label_columns(cells, spec.labels)
    missing = [label for role, label in spec.labels.items() if role not in found]
    return found, missing


def header_layout(
    header: Sequence[Line], spec: TableSpec
) -> tuple[dict[str, int], tuple[QuarterColumn, ...], int]:
    """Role columns, quarter columns and width from a page's header lines. Pages mostly repeat
    the same header, so the reading is memoised on the lines' text."""
    texts = tuple(line.text for line in header)
    try:
        return _layout(texts, spec)
    except _Problem as problem:
        raise HeaderProblem(problem.message, header[problem.at].no, problem.column) from None


class _Problem(Exception):
    def __init__(self, message: str, at: int, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.at, self.column = message, at, column


@functools.lru_cache(maxsize=64)
def _layout(
    texts: tuple[str, ...], spec: TableSpec
) -> tuple[dict[str, int], tuple[QuarterColumn, ...], int]:
    roles, missing = header_roles(texts[0].split("\t"), spec)
    if missing:
        raise _Problem(f"page header lacks the column(s) {', '.join(repr(m) for m in missing)}", 0)
    width = max(len(text.split("\t")) for text in texts)
    if not spec.timeframe:
        return roles, (), width
    quarter_cols = _quarter_columns(texts[1], texts[2], spec.first_years)
    if max(roles.values()) >= quarter_cols[0].index:
        raise _Problem("the quarter columns start before the 'Key activities' column", 2)
    return roles, quarter_cols, width


def _header_cell(cell: str) -> str:
    """A header cell's text; markup, if any, removed."""
    if not cell.strip():
        return ""
    return clean(cell) if "<" in cell else squash(cell)


def _quarter_columns(
    years_line: str, quarters_line: str, frame: tuple[int, int]
) -> tuple[QuarterColumn, ...]:
    """Read each page's own Q1-Q4 line; a quarter belongs to the nearest year label at or left."""
    first_year, last_year = frame
    years = {}
    for index, cell in enumerate(years_line.split("\t")):
        text = _header_cell(cell)
        if text and _YEAR.fullmatch(text):
            if not first_year <= int(text) <= last_year:
                raise _Problem(
                    f"year label {text} lies outside the programme's {first_year}-{last_year}",
                    1,
                    index + 1,
                )
            years[index] = int(text)
    columns = []
    for index, cell in enumerate(quarters_line.split("\t")):
        text = _header_cell(cell)
        match = text and QUARTER.fullmatch(text)
        if not match:
            if text and columns:
                raise _Problem(
                    f"cell {text[:20]!r} among the quarter labels is no Q1-Q4", 2, index + 1
                )
            continue
        labels = [col for col in years if col <= index]
        if not labels:
            raise _Problem(
                f"quarter label {squash(cell)!r} has no year label above or to its left",
                2,
                index + 1,
            )
        columns.append(QuarterColumn(index, years[max(labels)], int(match.group(1))))
    if not columns:
        raise _Problem("page header has no Q1-Q4 line after the years line", 2)
    check_quarters(columns, [c.index for c in columns])
    return tuple(columns)


def check_quarters(columns: Sequence[QuarterColumn], indices: Sequence[int]) -> None:
    """Quarter labels stand side by side, each period once, in time order."""
    gap = next((i for i in range(indices[0], indices[-1]) if i not in indices), None)
    if gap is not None:
        raise _Problem("quarter labels leave a gap here", 2, gap + 1)
    periods = [(c.year, c.quarter) for c in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        raise _Problem("quarter labels are repeated or out of order", 2)
