"""Annex I, the work-plan: the stages from a read grid to deliverables, activities, schedule,
footnotes and notes, in order. Each stage is in its own module beside this one."""

from __future__ import annotations

from extract.documents.annex_i.activities import blocks_to_activities
from extract.documents.annex_i.blocks import rows_to_deliverable_blocks
from extract.documents.annex_i.deliverables import blocks_to_deliverables
from extract.documents.annex_i.notes import blocks_to_notes, grid_note
from extract.documents.annex_i.prose import grid_to_prose
from extract.documents.annex_i.records import Workplan
from extract.documents.annex_i.rows import grid_to_rows
from extract.documents.annex_i.schedule import blocks_to_schedule, check_marks_conserved
from extract.documents.annex_i.spec import ANNEX_SPEC
from extract.errors import SourceError, located
from extract.readers.grid import (
    Grid,
    lines_to_grid,
)
from extract.records import SourceDocument


def source_to_workplan(source: SourceDocument) -> Workplan:
    """Every Annex I stage over a text source."""
    return grid_to_workplan(lines_to_grid(source.lines, ANNEX_SPEC, source.path))


def grid_to_workplan(grid: Grid) -> Workplan:
    """Run every Annex I stage over a read grid (from text or PDF); errors name its file."""
    with located(grid.path):
        return _stages(grid)


def _stages(grid: Grid) -> Workplan:
    rows = grid_to_rows(grid.pages)
    blocks = rows_to_deliverable_blocks(rows)
    deliverables = blocks_to_deliverables(blocks)
    if not deliverables:
        raise SourceError(f"no deliverable found in the {ANNEX_SPEC.name}")
    activities, list_notes = blocks_to_activities(blocks, deliverables)
    schedule, mark_notes = blocks_to_schedule(blocks, deliverables)
    if not schedule and grid.is_pdf:  # in text every non-empty quarter cell is checked
        raise SourceError(
            f"no quarter of the time frame is marked for any of the {len(deliverables)}"
            " deliverables: the marks may be drawn in a way the reader does not know"
            " (X, check marks, shaded cells and crossed lines are read)",
        )
    check_marks_conserved(rows, schedule, mark_notes)
    prose = grid_to_prose(grid)
    notes = (
        *blocks_to_notes(blocks, deliverables),
        *mark_notes,
        *list_notes,
        *(grid_note(note) for note in grid.notes),
        *prose.notes,
    )
    return Workplan(
        pages=grid.pages,
        front=prose.front,
        footnotes=prose.footnotes,
        deliverables=deliverables,
        activities=activities,
        schedule=schedule,
        notes=tuple(sorted(notes, key=lambda n: (n.line or 0, n.kind))),
    )
