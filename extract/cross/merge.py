"""Which deliverable is which across Annex I and the GB.328 Appendix: matches, merges and
unlabelled rows decided from the similarity scores; then the discrepancy rules."""

from __future__ import annotations

from collections.abc import Sequence

from extract.cross.records import Discrepancy, Reconciled, Status
from extract.cross.rules import Compared, compared_to_discrepancies
from extract.cross.similarity import Sides, candidates, plan_to_sides
from extract.documents.annex_i.records import Workplan
from extract.documents.gb328.records import AppendixRow, FollowUpItem
from extract.records import Doc, Note, NoteKind

# Calibrated on the 29 deliverables both documents carry (tests/test_reconcile.py re-measures
# it): ranking every Annex I deliverable against an Appendix text puts its own first in 29 of
# 29 cases, at least 0.138 ahead of the runner-up; its own scores 0.58 or more in 28 of 29
# (median 0.97), the best other one median 0.42. A merge is decided only for the top candidate,
# with a score above that median and a lead below the smallest one seen between true pairs.
MERGE_SCORE = 0.45
MERGE_LEAD = 0.10
# A merge leaves words in the absorbing Annex I deliverable that its own Appendix text lacks
# ('... and the resources needed' in 6.1). Without such new words, shared wording is better
# explained by the candidate's own Appendix text (5.2 vs 9.2 share a list of organizations
# that 9.2's Appendix text already has), so at least this share must come from new words.
MERGE_NOVELTY = 0.25
RUNNERS_UP = 3


def reconcile(
    plan: Workplan, rows: Sequence[AppendixRow], items: Sequence[FollowUpItem]
) -> tuple[tuple[Reconciled, ...], tuple[Discrepancy, ...], tuple[Note, ...]]:
    """The reconciliation rows, the discrepancies and the notes that explain merge decisions."""
    sides = plan_to_sides(plan, rows)
    annex_ids = {d.deliverable_id for d in plan.deliverables}
    by_id = {r.deliverable_id: r for r in rows if r.deliverable_id}
    out: list[Reconciled] = []
    notes: list[Note] = []
    for key in sorted(annex_ids | set(by_id), key=_id_order):
        row = by_id.get(key)
        if row and key in annex_ids:
            similarity = sides.vocabulary.jaccard(sides.annex_text[key], sides.appendix[key])
            out.append(
                Reconciled(
                    key, row.row_no, True, True, Status.MATCHED, None, round(similarity, 3), None
                )
            )
        elif row:
            decided, note = _placed(row, sides)
            out.append(decided)
            notes.append(note)
        else:
            out.append(Reconciled(key, None, True, False, Status.ANNEX_ONLY, None, None, None))
    for row in rows:
        if not row.deliverable_id:
            out.append(_unlabelled(row, rows))
    discrepancies = compared_to_discrepancies(Compared(plan, rows, items, out))
    return tuple(out), tuple(discrepancies), tuple(notes)


def _id_order(key: str) -> tuple[int, ...]:
    return tuple(int(part) for part in key.split("."))


def _placed(row: AppendixRow, sides: Sides) -> tuple[Reconciled, Note]:
    ranked = candidates(sides.appendix[row.deliverable_id], sides, RUNNERS_UP + 1)
    best = ranked[0] if ranked else None
    lead = best.score - ranked[1].score if best and len(ranked) > 1 else (best.score if best else 0)
    merged = (
        best is not None
        and best.score >= MERGE_SCORE
        and best.novelty >= MERGE_NOVELTY
        and lead >= MERGE_LEAD
    )
    evidence = None
    if best:
        shown = sides.surface[row.deliverable_id]
        carried = ", ".join(shown.get(w, w) for w in best.shared[:8]) or "none"
        evidence = (
            f"best Annex I candidate {best.deliverable_id}: score {best.score:.2f}, lead"
            f" {lead:.2f}, new-word share {best.novelty:.2f}; shared words: {carried}"
        )
    status = Status.MERGED if merged else Status.APPENDIX_ONLY
    runners = "; ".join(
        f"{m.deliverable_id} {m.score:.2f} (new {m.novelty:.2f})" for m in ranked[: RUNNERS_UP + 1]
    )
    verdict = (
        f"merged into {best.deliverable_id}"
        if merged
        else f"not placed (a merge needs score >= {MERGE_SCORE}, lead >= {MERGE_LEAD} and"
        f" new-word share >= {MERGE_NOVELTY})"
    )
    note = Note(
        doc=Doc.GB328,
        page=row.page,
        line=row.line,
        kind=NoteKind.MERGE_CANDIDATES,
        deliverable_id=row.deliverable_id,
        message=(
            f"Appendix deliverable {row.deliverable_id} is not in Annex I; {verdict}; candidates:"
            f" {runners}"
        ),
    )
    return (
        Reconciled(
            row.deliverable_id,
            row.row_no,
            False,
            True,
            status,
            best.deliverable_id if merged and best else None,
            best.score if best else None,
            evidence,
        ),
        note,
    )


def _unlabelled(row: AppendixRow, rows: Sequence[AppendixRow]) -> Reconciled:
    twins = [
        r.deliverable_id
        for r in rows
        if r.deliverable_id
        and r.timing.raw == row.timing.raw
        and set(r.area_nos) == set(row.area_nos)
    ]
    what = f"text {row.text[:60]!r}" if row.text else "no text"
    evidence = (
        f"no deliverable number, {what}; timing {row.timing.raw or 'blank'!r}, areas"
        f" {', '.join(map(str, row.area_nos)) or 'none'}"
        + (f"; same timing and areas as {', '.join(twins)}" if twins else "")
    )
    return Reconciled(None, row.row_no, False, True, Status.UNLABELLED, None, None, evidence)
