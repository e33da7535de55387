"""One schedule entry per marked quarter of a deliverable; every mark read is accounted for."""

from __future__ import annotations

from collections.abc import Sequence

from extract.documents.annex_i.records import Deliverable, Mark, Row, ScheduleEntry
from extract.documents.annex_i.spec import DOC
from extract.errors import SourceError
from extract.records import Note, NoteKind


def blocks_to_schedule(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[tuple[ScheduleEntry, ...], tuple[Note, ...]]:
    """One entry per scheduled quarter; marks of a continued row join its deliverable's, and a
    quarter marked again there (a shaded cell printed on both sides of a page break) is noted."""
    entries: list[ScheduleEntry] = []
    notes: list[Note] = []
    for block, deliverable in zip(blocks, deliverables, strict=True):
        seen: dict[tuple[int, int], Mark] = {}
        for mark in sorted(
            (m for row in block for m in row.marks), key=lambda m: (m.year, m.quarter, m.line)
        ):
            first = seen.get((mark.year, mark.quarter))
            if first is not None:
                notes.append(
                    Note(
                        doc=DOC,
                        page=mark.page,
                        line=mark.line,
                        kind=NoteKind.MARK_REPEATED,
                        deliverable_id=deliverable.deliverable_id,
                        message=(
                            f"{mark.period} is marked again on page {mark.page} in the row"
                            f" continued from page {first.page}; scheduled once"
                        ),
                    )
                )
                continue
            seen[(mark.year, mark.quarter)] = mark
            entries.append(
                ScheduleEntry(
                    deliverable.deliverable_id,
                    mark.year,
                    mark.quarter,
                    mark.page,
                    mark.line,
                    mark.column,
                    mark.box,
                    mark.kind,
                )
            )
    return tuple(entries), tuple(notes)


def check_marks_conserved(
    rows: Sequence[Row], schedule: Sequence[ScheduleEntry], repeats: Sequence[Note]
) -> None:
    """Every mark read in a quarter column is scheduled or noted as a repeat (marks outside
    the time frame are noted by blocks_to_notes)."""
    seen = sum(len(row.marks) for row in rows)
    if seen != len(schedule) + len(repeats):
        raise SourceError(
            f"{seen} quarter marks were read but {len(schedule)} scheduled and"
            f" {len(repeats)} noted as repeats",
        )
