"""Header reading for text input: the header lines of a page block and the columns they label."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import regex

from extract.readers.records import Line, QuarterColumn
from extract.readers.spec import TableSpec
from extract.readers.text import clean, label_columns, squash

_YEAR = regex.compile(r"(?:19|20)\d\d")
QUARTER = regex.compile(r"Q\s?([1-4])", flags=regex.IGNORECASE)
# One quarter label, alone or naming its year: 'Q1', 'Q1 2017', '2017 Q1', '2017-Q1', 'Q1/17'.
# A two-digit year needs a '-' or '/' before it, so 'Q1 17' is no label.
_QUARTER_LABEL = regex.compile(
    r"(?:(?P<lead>(?:19|20)\d\d)\s*[-/]?\s*)?Q\s?(?P<q>[1-4])"
    r"(?:\s*[-/]\s*(?P<short>\d\d)|\s*[-/]?\s*(?P<year>(?:19|20)\d\d))?",
    flags=regex.IGNORECASE,
)


def text_to_quarter(text: str) -> tuple[int | None, int] | None:
    """The (year, quarter) a quarter label names, year None when it names none; None for text
    that is no one quarter label. Both routes read labels with it."""
    match = _QUARTER_LABEL.fullmatch(text.strip())
    if match is None or (match["lead"] and (match["year"] or match["short"])):
        return None
    year = match["lead"] or match["year"] or (match["short"] and "20" + match["short"])
    return (int(year) if year else None), int(match["q"])


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
    last = max(roles.values())
    if last >= quarter_cols[0].index:
        # Named as the header prints the last labelled column (a reader knows no document).
        printed = _header_cell(texts[0].split("\t")[last]) or "last labelled"
        raise _Problem(f"the quarter columns start before the '{printed}' column", 2)
    return roles, quarter_cols, width


def _header_cell(cell: str) -> str:
    """A header cell's text; markup, if any, removed."""
    if not cell.strip():
        return ""
    return clean(cell) if "<" in cell else squash(cell)


# A quarter-label cell: 'Q1', or written 'Q1.', '(Q1)', 'q 1', or several labels run together
# ('Q1 Q2') where an editor lost the tab between them.
_LABELS_CELL = regex.compile(
    r"(?:[\s.,:;()\[\]*]*Q\s?[1-4])+[\s.,:;()\[\]*]*", flags=regex.IGNORECASE
)


def _cell_labels(text: str) -> list[tuple[int | None, int]] | None:
    """The (year or None, quarter) of each label a cell holds, in order: bare labels ('Q1',
    'Q1 Q2') or one naming its year ('Q1 2017', '2017-Q1', 'Q1/17', read as the PDF route reads
    them); None for a cell that is no label."""
    if _LABELS_CELL.fullmatch(text):
        return [(None, int(match.group(1))) for match in QUARTER.finditer(text)]
    read = text_to_quarter(text)
    return None if read is None or read[0] is None else [read]


def is_timeframe_line(text: str) -> bool:
    """True for a header's years line or Q1-Q4 line: cells of year labels only (two or more),
    or of quarter labels only (four or more). No table row reads so."""
    years = labels = 0
    for raw in text.split("\t"):
        cell = _header_cell(raw)
        if not cell:
            continue
        if _YEAR.fullmatch(cell):
            years += 1
        elif _cell_labels(cell) is not None:
            labels += 1
        else:
            return False  # a row's text or mark: decided at its first such cell
    return (years >= 2 and not labels) or (labels >= 4 and not years)


def _quarter_columns(
    years_line: str, quarters_line: str, frame: tuple[int, int]
) -> tuple[QuarterColumn, ...]:
    """Read each page's own Q1-Q4 line; a quarter belongs to the nearest year label at or left.
    Labels are read the same way wherever they stand, and must name every quarter of the
    frame: a label lost at either end would move its column's marks out of the time frame."""
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
    cells = [_header_cell(cell) for cell in quarters_line.split("\t")]
    start = min(years, default=None)
    columns = []
    shift = 0  # labels run together in one cell push the cells after them right
    for index, text in enumerate(cells):
        labels = _cell_labels(text) if text else []
        if labels is None:
            if columns or (start is not None and index >= start):
                raise _Problem(
                    f"cell {text[:20]!r} among the quarter labels is no Q1-Q4", 2, index + 1
                )
            continue
        for k, (named, quarter) in enumerate(labels):
            at = index + shift + k
            anchors = [col for col in years if col <= at]
            if not anchors and named is None:
                raise _Problem(
                    f"quarter label {text!r} has no year label above or to its left",
                    2,
                    index + 1,
                )
            if named is not None and not first_year <= named <= last_year:
                raise _Problem(
                    f"quarter label {text!r} lies outside the programme's {first_year}-{last_year}",
                    2,
                    index + 1,
                )
            year = years[max(anchors)] if anchors else named
            if named is not None and named != year:
                raise _Problem(
                    f"quarter label {text!r} names {named} but stands under the year label {year}",
                    2,
                    index + 1,
                )
            assert year is not None
            columns.append(QuarterColumn(at, year, quarter))
        # The extra labels fill the blank cells after theirs; beyond those, a tab was lost.
        blanks = next((n for n, t in enumerate(cells[index + 1 :]) if t), len(cells) - index - 1)
        shift += max(len(labels) - 1 - blanks, 0)
    if not columns:
        raise _Problem("page header has no Q1-Q4 line after the years line", 2)
    check_quarters(columns, [c.index for c in columns])
    check_frame(columns, frame)
    return tuple(columns)


def _period(ordinal: int) -> str:
    return f"{ordinal // 4}Q{ordinal % 4 + 1}"


def check_frame(columns: Sequence[QuarterColumn], frame: tuple[int, int]) -> None:
    """The labels (in order, without gaps) name every quarter of the programme, first to last."""
    first = columns[0].year * 4 + columns[0].quarter - 1
    last = columns[-1].year * 4 + columns[-1].quarter - 1
    want_first, want_last = frame[0] * 4, frame[1] * 4 + 3
    span = f"the programme's {_period(want_first)}-{_period(want_last)}"
    if first > want_first:
        missing = [_period(m) for m in range(want_first, first)]
        raise _Problem(
            f"the quarter labels begin at {_period(first)}: {', '.join(missing)} of {span}"
            " has no label",
            2,
            max(columns[0].index - len(missing), 0) + 1,
        )
    if last < want_last:
        missing = [_period(m) for m in range(last + 1, want_last + 1)]
        raise _Problem(
            f"the quarter labels end at {_period(last)}: {', '.join(missing)} of {span}"
            " has no label",
            2,
            columns[-1].index + 2,
        )


def check_quarters(columns: Sequence[QuarterColumn], indices: Sequence[int]) -> None:
    """Quarter labels stand side by side, each period once, in time order."""
    gap = next((i for i in range(indices[0], indices[-1]) if i not in indices), None)
    if gap is not None:
        raise _Problem("quarter labels leave a gap here", 2, gap + 1)
    periods = [(c.year, c.quarter) for c in columns]
    if len(set(periods)) != len(periods) or periods != sorted(periods):
        raise _Problem("quarter labels are repeated or out of order", 2)
