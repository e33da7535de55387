"""The cross-document stage: Annex I against the GB.328 Appendix, as tables and notes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from extract.cross.frames import reconciliation_tables
from extract.cross.merge import reconcile
from extract.documents.base import Reading
from extract.errors import SourceError
from extract.records import Doc, Note


@dataclass(frozen=True)
class Crossed:
    """The cross-document tables, the notes they leave, and one log line."""

    tables: dict[str, pd.DataFrame]
    notes: tuple[Note, ...]
    summary: str


def readings_to_crossed(readings: Mapping[Doc, Reading]) -> Crossed:
    """Reconcile the Annex I deliverables with the Appendix rows; list what disagrees."""
    annex, paper = readings[Doc.ANNEX_I], readings[Doc.GB328]
    plan, rows = annex.parsed, paper.parsed
    headed = {area.area_no for area in rows.areas}
    for deliverable in plan.deliverables:
        if deliverable.area_no not in headed:
            raise SourceError(
                f"no heading 'Action area {deliverable.area_no}: ...' for the area of Annex I"
                f" deliverable {deliverable.deliverable_id} ({annex.source.path}:"
                f"{deliverable.line_first})",
                file=paper.source.path,
            )
    covered = {deliverable.area_no for deliverable in plan.deliverables}
    for area in rows.areas:
        if area.area_no not in covered:
            last = plan.deliverables[-1] if plan.deliverables else None
            after = f" after page {last.page_last}" if last else ""
            raise SourceError(
                f"Annex I has no deliverable under action area {area.area_no} ({area.name}),"
                f" which GB.328 heads at {paper.source.path}:{area.line}: is Annex I cut"
                f" short{after}?",
                file=annex.source.path,
            )
    reconciled, discrepancies, merge_notes = reconcile(plan, rows.rows, rows.items)
    statuses = Counter(r.status for r in reconciled)
    summary = (
        "reconcile: "
        + ", ".join(f"{statuses[s]} {s}" for s in sorted(statuses))
        + f"; {len(discrepancies)} discrepancies"
    )
    return Crossed(reconciliation_tables(reconciled, discrepancies), tuple(merge_notes), summary)
