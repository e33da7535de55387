"""The Appendix activity matrix from the typed grid: its columns, rows joined over page
breaks, merged item cells."""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from extract.documents.gb328.records import (
    DOC,
    TimingKind,
)
from extract.documents.gb328.timing import parse_timing
from extract.errors import SourceError
from extract.programme_constants import PROGRAMME
from extract.readers.grid import (
    Grid,
    GridRow,
    rows_to_logical_rows,
)
from extract.readers.records import Box, Line
from extract.readers.spec import TableSpec
from extract.readers.text import (
    join_pieces,
    squash,
)
from extract.records import Note, NoteKind

# A deliverable number as printed, '1.1.', and as converters and editors leave it: '1.1',
# '(1.1)', '1,1.', '1.1)'. Only the printed form opens a row in a PDF band (a line of text may
# begin with a number such as 'Alliance 8.7 (joint …'); the others are read where a text row
# has its own line and the number belongs to the row's follow-up item.
NUMBER = regex.compile(r"(\()?(\d{1,2})\s?([.,])\s?(\d{1,2})(?(1)\)|([.)])?)(?=\s|$)\s*")


def split_number(text: str) -> tuple[str, str, bool] | None:
    """(deliverable id, the text after the number, whether the number was printed '1.1.')."""
    match = NUMBER.match(text)
    if match is None:
        return None
    canonical = match.group(3) == "." and match.group(5) in (".", None) and not match.group(1)
    return f"{match.group(2)}.{match.group(4)}", text[match.end() :], canonical


_ITEM_START = regex.compile(r"\d{1,2}\.\s")


# As printed, '1.1. A focused …'; a number inside the text ('Alliance 8.7 (joint …') that a
# line happens to begin with has no closing dot.
_DELIVERABLE_OPENS = regex.compile(r"\d{1,2}\.\d{1,2}\.\s")


_COLUMNS = {
    "item": "follow-up item",
    "deliverable": "deliverables",
    "timing": "timing",
    "area": "area of action",
}


MATRIX_SPEC = TableSpec(
    name="activity matrix",
    labels=_COLUMNS,
    key_role="deliverable",
    opens=lambda text: bool(_DELIVERABLE_OPENS.match(text)),
    spanning=frozenset({"item"}),
    keyless_rows=True,
    lone_key_rows=True,
    span_opens=lambda text: bool(_ITEM_START.match(text)),
    row_text=regex.compile(rf"\(\s*23\s*\(\s*[{PROGRAMME.letter_class}]\s*\)\s*\)|^\d\.\d\.\s"),
)


@dataclass(frozen=True)
class MatrixRow:
    """One logical matrix row: its role texts, joined over a page break if it broke there."""

    page: int
    line: Line
    cells: dict[str, str]
    boxes: tuple[tuple[int, Box], ...] = ()


@dataclass(frozen=True)
class Matrix:
    rows: tuple[MatrixRow, ...]
    notes: tuple[Note, ...]
    pages: int


def grid_to_matrix(grid: Grid) -> Matrix:
    """The matrix rows page by page; a page's first row without a number of its own continues
    the row before the page break. A merged item cell's text counts once, on its first row."""
    notes: list[Note] = [
        Note(
            doc=DOC,
            page=line.page,
            line=line.line,
            kind=NoteKind.LINE_SKIPPED,
            message=(
                f"line without cells on activity-matrix page {line.page} is no matrix"
                f" row; left out: {line.text[:60]!r}"
            ),
        )
        for page in grid.pages
        for line in page.prose
    ]
    roles = {page.no: page.roles for page in grid.pages}
    rows = []
    for page in grid.pages:
        for row in page.rows:
            fitted, note = _fit_width(row, page.width, page.roles["deliverable"])
            rows.append(fitted)
            notes.extend([note] if note else [])
    seen_spans: set[int] = set()

    def cells(row: GridRow) -> dict[str, str]:
        out = {}
        for role, index in roles[row.page].items():
            cell = row.cell(index)
            if cell.span is not None:  # a PDF's merged cell, carried to every row it spans
                out[role] = "" if cell.span in seen_spans else cell.text
                seen_spans.add(cell.span)
            else:
                out[role] = cell.text
        return out

    texts = {id(row): cells(row) for row in rows}
    # The row printed before each row: a page's first row may finish that row's timing.
    before = {id(row): texts[id(prev)] for prev, row in zip(rows, rows[1:], strict=False)}
    joined: list[MatrixRow] = []

    def opens(row: GridRow) -> bool:
        return not _continues_row(texts[id(row)], before.get(id(row), {}))

    for block in rows_to_logical_rows(rows, opens):
        first = block[0]
        pieces = [texts[id(row)] for row in block]
        merged = {role: join_pieces([piece[role] for piece in pieces]) for role in pieces[0]}
        boxes = tuple((row.page, row.box) for row in block if row.box is not None)
        joined.append(MatrixRow(first.page, Line(first.line, ""), merged, boxes))
        number = split_number(pieces[0]["deliverable"])
        notes.extend(
            Note(
                doc=DOC,
                page=row.page,
                line=row.line,
                kind=NoteKind.CONTINUATION_JOINED,
                deliverable_id=number[0] if number else None,
                message=(
                    f"matrix row continues the row at line {first.line} across the"
                    f" page break{_why_continues(texts[id(row)])}; its cells are joined to it"
                ),
            )
            for row in block[1:]
        )
    notes.extend(_join_item_fragments(joined))
    notes.extend(_drop_repeated_items(joined))
    notes.extend(_join_item_rows(joined))
    notes.sort(key=lambda note: note.line or 0)
    return Matrix(tuple(joined), tuple(notes), len(grid.pages))


def _fit_width(row: GridRow, width: int, key: int) -> tuple[GridRow, Note | None]:
    """A text row wider than its header: shifted right by empty leading cells (a stray tab:
    the deliverable number stands one cell too far right) it is moved back; other text
    beyond the header's last column is an error, for it would belong to no column."""
    extra = len(row.cells) - width
    if extra <= 0 or all(cell.empty for cell in row.cells[width:]):
        return row, None
    shifted = (
        all(cell.empty for cell in row.cells[:extra])
        and split_number(row.cell(key + extra).text) is not None
        and split_number(row.cell(key).text) is None
    )
    if shifted:
        moved = replace(row, cells=row.cells[extra:])
        note = Note(
            doc=DOC,
            page=row.page,
            line=row.line,
            kind=NoteKind.CELLS_SHIFTED,
            message=(
                f"matrix row has {len(row.cells)} cells, {extra} more than its header, and"
                f" opens with {extra} empty one(s): read as shifted right by a stray tab"
            ),
        )
        return moved, note
    beyond = " | ".join(cell.text[:40] for cell in row.cells[width:] if not cell.empty)
    raise SourceError(
        f"matrix row has {len(row.cells)} cells but its page header has {width}; the cells"
        f" beyond the header hold {beyond!r}",
        line=row.line,
        page=row.page,
    )


def _join_item_rows(rows: list[MatrixRow]) -> list[Note]:
    """A follow-up item on a row of its own (nothing else in the row) heads the rows that
    follow: it is put on the next row, which carries the first deliverable."""
    notes = []
    i = 0
    while i < len(rows) - 1:
        row, after = rows[i], rows[i + 1]
        alone = row.cells["item"] and not any(v for k, v in row.cells.items() if k != "item")
        if alone and not after.cells["item"]:
            rows[i + 1] = replace(after, cells={**after.cells, "item": row.cells["item"]})
            del rows[i]
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line.no,
                    kind=NoteKind.CONTINUATION_JOINED,
                    message=(
                        f"follow-up item {row.cells['item'][:40]!r} stands on a row of its own;"
                        f" joined to the row at line {after.line.no} that follows it"
                    ),
                )
            )
        i += 1
    return notes


def _drop_repeated_items(rows: list[MatrixRow]) -> list[Note]:
    """An item cell printed again on each row of its deliverables is the same item: read once,
    on its first row, whether the copies stand in one unruled cell or in rows of their own."""
    notes = []
    last = ""
    for i, row in enumerate(rows):
        text = squash(row.cells["item"])
        if not text:
            continue
        once, copies = text_to_once(text)
        if copies > 1 or once == last:
            kept = "" if once == last else once
            rows[i] = replace(row, cells={**row.cells, "item": kept})
            seen = copies + (once == last)
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line.no,
                    kind=NoteKind.ITEM_REPEATED,
                    message=(
                        f"follow-up item {once[:40]!r} printed {seen} times beside the row at"
                        f" line {row.line.no}"
                        + (" (again after the rows before it)" if once == last else "")
                        + ": the same item, read once"
                    ),
                )
            )
        last = once
    return notes


def text_to_once(text: str) -> tuple[str, int]:
    """A text made of one item's copies, space-joined ('1. A … 1. A …'): one copy and how
    many there were; any other text is itself, once."""
    start = _ITEM_START.match(text)
    if start is None:
        return text, 1
    at = text.find(" " + start.group(), 1)
    while at > 0:
        unit = text[:at]
        copies, rest = divmod(len(text) + 1, len(unit) + 1)
        if rest == 0 and " ".join([unit] * copies) == text:
            return unit, copies
        at = text.find(" " + start.group(), at + 1)
    return text, 1


def _join_item_fragments(rows: list[MatrixRow]) -> list[Note]:
    """A merged item cell whose text runs over a page break shows its rest beside the next
    page's first row, without an item number: it goes back to the item it continues."""
    notes = []
    last: int | None = None
    for i, row in enumerate(rows):
        text = row.cells["item"]
        if not text:
            continue
        if last is not None and not _ITEM_START.match(text):
            head = rows[last]
            rows[last] = replace(
                head, cells={**head.cells, "item": join_pieces([head.cells["item"], text])}
            )
            rows[i] = replace(row, cells={**row.cells, "item": ""})
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line.no,
                    kind=NoteKind.CONTINUATION_JOINED,
                    message=(
                        f"follow-up item text {text[:40]!r} on page {row.page} continues the item"
                        f" cell of the row at line {rows[last].line.no} across the page break;"
                        " joined"
                    ),
                )
            )
        else:
            last = i
    return notes


def _continues_row(row: dict[str, str], before: dict[str, str]) -> bool:
    """A page's first row goes on with the last one when it has neither a follow-up item
    number nor a deliverable number of its own, and either deliverable text, or no timing, or
    a timing that only completes the row before's: a fragment holding only the rest of the
    area or timing cell continues; the unnumbered row (its own timing and areas) does not."""
    return (
        any(row.values())
        and not _ITEM_START.match(row["item"])
        and not split_number(row["deliverable"])
        and (
            bool(row["deliverable"])
            or not row["timing"]
            or timing_completes(before.get("timing", ""), row["timing"])
        )
    )


def _why_continues(row: dict[str, str]) -> str:
    """What tells a continuing fragment that holds no deliverable text but a timing."""
    if row["deliverable"] or not row["timing"]:
        return ""
    return f" (its timing {row['timing'][:30]!r} reads only as the end of that row's)"


def timing_completes(head: str, rest: str) -> bool:
    """Whether rest is the end of the timing head, cut by a page break inside its row: joined
    they read as a timing, apart one of them does not ('… final assessment by' | '2022')."""
    if not head:
        return False
    apart = _reads(head) and _reads(rest)
    return not apart and _reads(join_pieces([head, rest]))


def _reads(timing: str) -> bool:
    return parse_timing(timing).kind != TimingKind.UNSPECIFIED
