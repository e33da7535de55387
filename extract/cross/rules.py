"""The discrepancy rules: each a small function from the compared documents to the
disagreements of its kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from extract.cross.gantt import gantt_row
from extract.cross.records import Discrepancy, DiscrepancyKind, Reconciled, Status
from extract.documents.annex_i.records import Deliverable, Workplan
from extract.documents.gb328.records import AppendixRow, FollowUpItem

# Same-deliverable text pairs have a weighted Jaccard median near 0.9; below 0.5 the two
# texts share less than half their weighted vocabulary, which a reader sees as a rewrite.
DIVERGENT_BELOW = 0.5


@dataclass(frozen=True)
class Compared:
    """What every rule may look at: both documents' records and the reconciled ids."""

    plan: Workplan
    rows: Sequence[AppendixRow]
    items: Sequence[FollowUpItem]
    reconciled: Sequence[Reconciled]

    def pairs(self) -> Iterator[tuple[Deliverable, AppendixRow]]:
        """Each Annex I deliverable with the Appendix row of the same number, in Annex order."""
        by_id = {r.deliverable_id: r for r in self.rows if r.deliverable_id}
        for deliverable in self.plan.deliverables:
            if row := by_id.get(deliverable.deliverable_id):
                yield deliverable, row


def conclusion_mismatches(compared: Compared) -> list[Discrepancy]:
    """Annex I cites another conclusion than the Appendix's follow-up item for the row."""
    item_conclusion = {item.item_no: item.conclusion for item in compared.items}
    out = []
    for d, row in compared.pairs():
        theirs = item_conclusion.get(row.item_no)
        if theirs and theirs != d.conclusion:
            out.append(
                Discrepancy(
                    d.deliverable_id,
                    DiscrepancyKind.CONCLUSION_MISMATCH,
                    d.conclusion,
                    theirs,
                    None,
                    f"Annex I answers Conclusion {d.conclusion}; the Appendix lists"
                    f" {d.deliverable_id} under follow-up item {row.item_no} ({theirs})",
                )
            )
    return out


def area_mismatches(compared: Compared) -> list[Discrepancy]:
    """Annex I's area is not among the areas the Appendix row names."""
    out = []
    for d, row in compared.pairs():
        if not row.area_nos or d.area_no in row.area_nos:
            continue
        how = "printed" if d.area_printed else "filled down"
        out.append(
            Discrepancy(
                d.deliverable_id,
                DiscrepancyKind.AREA_MISMATCH,
                str(d.area_no),
                ",".join(map(str, row.area_nos)),
                None,
                f"Annex I area {d.area_no} ({how}) is not among the Appendix areas"
                f" {', '.join(map(str, row.area_nos))} ({row.areas_raw})",
            )
        )
    return out


def timing_outside_range(compared: Compared) -> list[Discrepancy]:
    """Annex I marks quarters outside the Appendix's timing range."""
    marks: dict[str, list[str]] = {}
    for entry in compared.plan.schedule:
        marks.setdefault(entry.deliverable_id, []).append(entry.period)
    out = []
    for d, row in compared.pairs():
        timing = row.timing
        gantt = gantt_row(
            d.deliverable_id,
            marks.get(d.deliverable_id, []),
            timing.kind,
            timing.raw,
            timing.start,
            timing.end,
        )
        outside = list(gantt.outside)
        if outside:
            start, end = gantt.timing_start, gantt.timing_end
            out.append(
                Discrepancy(
                    d.deliverable_id,
                    DiscrepancyKind.TIMING_OUTSIDE_RANGE,
                    _periods(outside),
                    f"{start}-{end}",
                    None,
                    f"{len(outside)} Annex I quarter(s) fall outside the Appendix timing"
                    f" {row.timing.raw!r} ({start}-{end}): {', '.join(outside)}",
                )
            )
    return out


def _periods(periods: Sequence[str]) -> str:
    """'2020Q1-2021Q4' for a contiguous run, else the periods listed."""
    ordinal = [int(p[:4]) * 4 + int(p[-1]) for p in periods]
    if ordinal == list(range(ordinal[0], ordinal[0] + len(ordinal))):
        return f"{periods[0]}-{periods[-1]}" if len(periods) > 1 else periods[0]
    return ",".join(periods)


def schedule_missing(compared: Compared) -> list[Discrepancy]:
    """An Annex I deliverable has no marked quarter."""
    plan = compared.plan
    scheduled = {entry.deliverable_id for entry in plan.schedule}
    return [
        Discrepancy(
            d.deliverable_id,
            DiscrepancyKind.SCHEDULE_MISSING,
            None,
            None,
            None,
            f"Annex I deliverable {d.deliverable_id} has no X mark in any quarter",
        )
        for d in plan.deliverables
        if d.deliverable_id not in scheduled
    ]


def text_divergent(compared: Compared) -> list[Discrepancy]:
    """A matched pair's texts share less than DIVERGENT_BELOW of their weighted vocabulary."""
    reconciled = compared.reconciled
    return [
        Discrepancy(
            r.deliverable_id or "",
            DiscrepancyKind.TEXT_DIVERGENT,
            None,
            None,
            r.similarity,
            f"Annex I and Appendix texts of {r.deliverable_id} share {r.similarity:.2f} of their"
            f" weighted vocabulary (below {DIVERGENT_BELOW})",
        )
        for r in reconciled
        if r.status == Status.MATCHED
        and r.similarity is not None
        and r.similarity < DIVERGENT_BELOW
    ]


Rule = Callable[[Compared], list[Discrepancy]]

# Each kind with the one rule that finds it, in the order discrepancies are listed.
RULES: tuple[tuple[DiscrepancyKind, Rule], ...] = (
    (DiscrepancyKind.CONCLUSION_MISMATCH, conclusion_mismatches),
    (DiscrepancyKind.AREA_MISMATCH, area_mismatches),
    (DiscrepancyKind.TIMING_OUTSIDE_RANGE, timing_outside_range),
    (DiscrepancyKind.SCHEDULE_MISSING, schedule_missing),
    (DiscrepancyKind.TEXT_DIVERGENT, text_divergent),
)


def compared_to_discrepancies(compared: Compared) -> list[Discrepancy]:
    """Every rule's findings; a rule may only report its own kind."""
    found: list[Discrepancy] = []
    for kind, rule in RULES:
        for discrepancy in rule(compared):
            if discrepancy.kind != kind:
                raise AssertionError(f"rule {rule.__name__} reported {discrepancy.kind}")
            found.append(discrepancy)
    return found
