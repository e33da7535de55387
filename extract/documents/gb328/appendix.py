"""The Appendix rows interpreted: follow-up items, deliverables, timing and areas."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.areas import AREA_NAMES, name_variants, split_areas
from extract.documents.gb328.matrix import Matrix, split_number
from extract.documents.gb328.records import (
    DOC,
    ActionArea,
    AppendixRow,
    FollowUpItem,
    TimingKind,
)
from extract.documents.gb328.timing import parse_timing
from extract.errors import SourceError
from extract.programme_constants import PROGRAMME
from extract.readers.records import Line
from extract.readers.text import (
    clean,
    squash,
)
from extract.records import Note, NoteKind

_ITEM = regex.compile(r"(\d{1,2})\.\s+(\S.*?)\s*\(\s*(\d+)\s*\(\s*([A-Za-z])\s*\)\s*\)\s*")


def matrix_to_rows(
    matrix: Matrix, areas: Sequence[ActionArea]
) -> tuple[tuple[FollowUpItem, ...], tuple[AppendixRow, ...], tuple[Note, ...]]:
    """Follow-up items and one appendix row per deliverable, item carried down."""
    names = _area_names(areas)
    items: list[FollowUpItem] = []
    rows: list[AppendixRow] = []
    notes: list[Note] = list(matrix.notes)
    seen: dict[str, int] = {}
    for matrix_row in matrix.rows:
        page, line, cells = matrix_row.page, matrix_row.line, matrix_row.cells
        item_text = clean(cells["item"])
        if item_text:
            items.append(_item(item_text, line, len(items) + 1, page))
        if not items:
            raise SourceError(
                "activity matrix row comes before the first follow-up item",
                line=line.no,
                page=page,
            )
        deliverable = clean(cells["deliverable"])
        number = split_number(deliverable)
        deliverable_id, text = (number[0], number[1]) if number else (None, deliverable)
        if number and not number[2]:
            written = deliverable[: len(deliverable) - len(text)]
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=NoteKind.NUMBER_READ,
                    deliverable_id=deliverable_id,
                    message=f"deliverable number {written.strip()!r} read as {deliverable_id}",
                )
            )
        if deliverable_id and deliverable_id.split(".")[0] != str(items[-1].item_no):
            raise SourceError(
                f"deliverable {deliverable_id} stands under follow-up item"
                f" {items[-1].item_no}; a row was split or joined wrongly",
                line=line.no,
                page=page,
            )
        if deliverable_id and not text:
            raise SourceError(
                f"deliverable {deliverable_id} has a number but no text", line=line.no, page=page
            )
        if deliverable_id in seen:
            raise SourceError(
                f"deliverable number {deliverable_id} is used again (first at line"
                f" {seen[deliverable_id]})",
                line=line.no,
                page=page,
            )
        row_no = len(rows) + 1
        timing = parse_timing(cells["timing"])
        area_nos, _, leftover = split_areas(cells["area"], names)
        rows.append(
            AppendixRow(
                row_no,
                deliverable_id,
                items[-1].item_no,
                text,
                timing,
                squash(cells["area"]),
                area_nos,
                page,
                line.no,
                matrix_row.boxes,
            )
        )
        if deliverable_id:
            seen[deliverable_id] = line.no
        else:
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=NoteKind.UNNUMBERED_ROW,
                    message=(
                        f"appendix row {row_no} has no deliverable number"
                        f" ({'text: ' + repr(text[:60]) if text else 'deliverable cell empty'});"
                        f" kept under follow-up item {items[-1].item_no} with timing"
                        f" {timing.raw!r} and areas {squash(cells['area'])!r}"
                    ),
                )
            )
        if timing.note:
            unread = timing.kind == TimingKind.UNSPECIFIED
            kind = NoteKind.TIMING_UNREADABLE if unread else NoteKind.TIMING_INTERPRETED
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=kind,
                    deliverable_id=deliverable_id,
                    message=timing.note,
                )
            )
        if leftover:
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=NoteKind.AREA_UNMATCHED,
                    deliverable_id=deliverable_id,
                    message=(f"area cell text {leftover!r} matches no action area; left out"),
                )
            )
    return tuple(items), tuple(rows), tuple(notes)


def _item(text: str, line: Line, expected: int, page: int) -> FollowUpItem:
    match = _ITEM.fullmatch(text)
    if not match:
        raise SourceError(
            f"follow-up item does not read 'N. text (23(x))': {text[:60]!r}",
            line=line.no,
            page=page,
        )
    number, body, conclusion, letter = match.groups()
    if int(number) != expected:
        raise SourceError(
            f"follow-up item {number} out of order; expected {expected}",
            line=line.no,
            page=page,
        )
    if letter.lower() not in PROGRAMME.conclusion_letters:
        raise SourceError(f"conclusion letter {letter!r} is outside a-i", line=line.no, page=page)
    return FollowUpItem(expected, f"{conclusion}({letter.lower()})", body, line.no)


def _area_names(areas: Sequence[ActionArea]) -> dict[int, str]:
    """The paper's own area headings, the five known names where a heading is missing."""
    return {**AREA_NAMES, **{area.area_no: area.name for area in areas}}


def aliases_seen(
    areas: Sequence[ActionArea], rows: Sequence[AppendixRow]
) -> dict[int, tuple[str, ...]]:
    """Spellings of an area in the matrix other than its heading name."""
    names = _area_names(areas)
    seen: dict[int, list[str]] = {no: [] for no in names}
    for row in rows:
        _, spellings, _ = split_areas(row.areas_raw, names)
        for spelling in spellings:
            for no, name in names.items():
                variants = [v.casefold() for v in name_variants(name)]
                if (
                    spelling.casefold() in variants
                    and spelling.casefold() != name.casefold()
                    and spelling not in seen[no]
                ):
                    seen[no].append(spelling)
    return {no: tuple(spellings) for no, spellings in seen.items()}


def check_matrix_whole(
    items: Sequence[FollowUpItem], rows: Sequence[AppendixRow], header_line: int | None
) -> None:
    """A whole matrix answers every conclusion of the programme, 23(a) to 23(i), one item
    each and in order, and each item has deliverables numbered from 1 without gaps: a matrix
    cut short or a row lost fails here instead of giving smaller tables."""
    letters = PROGRAMME.conclusion_letters
    if not rows:
        raise SourceError(
            "the activity matrix has a header but no rows: is the document cut short?",
            line=header_line,
        )
    answered = "".join(item.conclusion[-2] for item in items)
    if answered != letters[: len(answered)] or len(answered) < len(letters):
        last = items[-1]
        raise SourceError(
            f"the follow-up items answer conclusions {', '.join(i.conclusion for i in items)};"
            f" a whole matrix answers 23({letters[0]}) to 23({letters[-1]}) in order: is it"
            f" cut short or an item lost after item {last.item_no} (line {last.line})?",
            line=last.line,
        )
    check_no_empty_row_inside_item(rows)
    for item in items:
        numbers = [
            int(r.deliverable_id.split(".")[1])
            for r in rows
            if r.item_no == item.item_no and r.deliverable_id
        ]
        if numbers != list(range(1, len(numbers) + 1)) or not numbers:
            shown = ", ".join(f"{item.item_no}.{n}" for n in numbers) or "none"
            raise SourceError(
                f"follow-up item {item.item_no} has deliverables {shown}; they should run"
                f" {item.item_no}.1, {item.item_no}.2, … without a gap: a row is lost or"
                " misnumbered",
                line=item.line,
            )


def check_no_empty_row_inside_item(rows: Sequence[AppendixRow]) -> None:
    """A row with neither deliverable number nor text can only close its item (the paper's
    one unnumbered row does): before a numbered deliverable of the same item it is the rest
    of a row cut by a page break and read as a row of its own, which loses that row's cells."""
    for row, after in zip(rows, rows[1:], strict=False):
        if row.deliverable_id or row.text or after.item_no != row.item_no:
            continue
        if after.deliverable_id:
            raise SourceError(
                f"matrix row {row.row_no} (timing {row.timing.raw!r}, areas"
                f" {row.areas_raw[:40]!r}) has neither deliverable number nor text and stands"
                f" before deliverable {after.deliverable_id} of the same item: the rest of a"
                " row cut by a page break?",
                line=row.line,
                page=row.page,
            )
