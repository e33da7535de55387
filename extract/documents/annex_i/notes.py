"""Notes on the table's blocks (continued rows, filled-down areas, marks outside the time
frame) and the grid reader's notes as Annex I's."""

from __future__ import annotations

from collections.abc import Sequence

from extract.documents.annex_i.records import Deliverable, Row, StrayMark
from extract.documents.annex_i.spec import DOC
from extract.readers.grid import GridNote
from extract.records import Note, NoteKind


def blocks_to_notes(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[Note, ...]:
    """Notes for continued rows, filled-down areas and X marks outside the time frame."""
    notes: list[Note] = []
    area_line, area_page = 0, 0
    for block, deliverable in zip(blocks, deliverables, strict=True):
        opening = block[0]
        did = deliverable.deliverable_id
        if opening.area_printed:
            area_line, area_page = opening.line, opening.page
        else:
            where = (
                f"carried from the merged cell printed on page {area_page}"
                if opening.bbox
                else f"filled down from line {area_line}"
            )
            notes.append(
                Note(
                    doc=DOC,
                    page=opening.page,
                    line=opening.line,
                    kind=NoteKind.AREA_FILLED,
                    deliverable_id=did,
                    message=f"area of action {deliverable.area!r} {where}",
                )
            )
        for row in block[1:]:
            joined = [
                name
                for name, value in (
                    ("deliverable text", row.deliverable),
                    ("activities", row.activity_lines),
                    ("X marks", row.marks),
                )
                if value
            ]
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line,
                    kind=NoteKind.CONTINUATION_JOINED,
                    deliverable_id=did,
                    message=(
                        f"row continues deliverable {did} from page {opening.page}"
                        f" (line {opening.line}) across the page break; joined: "
                        + (", ".join(joined) or "nothing (empty row)")
                    ),
                )
            )
            if row.area_printed:
                area_line, area_page = row.line, row.page
        for row in block:
            for stray in row.stray_marks:
                notes.append(_stray_note(stray, did))
    return tuple(notes)


def _stray_note(stray: StrayMark, deliverable_id: str) -> Note:
    return Note(
        doc=DOC,
        page=stray.page,
        line=stray.line,
        kind=NoteKind.OUT_OF_FRAME_MARK,
        deliverable_id=deliverable_id,
        message=(
            f"X in column {stray.column} of page {stray.page}, outside the quarters its header"
            f" labels ({stray.frame}); not scheduled"
        ),
    )


def grid_note(note: GridNote) -> Note:
    """A judgement of the grid reader as a note on Annex I."""
    return Note(
        doc=DOC,
        page=note.page,
        line=note.line,
        kind=note.kind,
        message=note.message,
    )
