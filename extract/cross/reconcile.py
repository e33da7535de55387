"""Which deliverable is which across Annex I and the GB.328 Appendix, and where they disagree."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from extract.cross.records import Discrepancy, DiscrepancyKind, Match, Reconciled, Status
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
# Same-deliverable text pairs have a weighted Jaccard median near 0.9; below 0.5 the two
# texts share less than half their weighted vocabulary, which a reader sees as a rewrite.
DIVERGENT_BELOW = 0.5
RUNNERS_UP = 3

# Abbreviations the two documents use for the same words (Annex I: 'GSCs', the Appendix:
# 'global supply chains').
ABBREVIATIONS = {
    "gsc": "global supply chain",
    "gscs": "global supply chains",
    "mne": "multinational enterprise",
    "mnes": "multinational enterprises",
    "osh": "occupational safety health",
    "fprw": "fundamental principles rights work",
    "epz": "export processing zone",
    "epzs": "export processing zones",
    "ppp": "public private partnership",
    "ppps": "public private partnerships",
    "ncp": "national contact point",
    "ncps": "national contact points",
    "guf": "global union federation",
    "gufs": "global union federations",
    "ntsd": "national tripartite social dialogue",
    "ntsdi": "national tripartite social dialogue institutions",
}
_STOP = frozenset(
    """a an the of to in on at by for with and or nor from into under as via per than its their
    this that these those be is are was were been being will can could may should would which
    who what how such well also all any each other new including particularly notably e g i ii
    iii through across along within between""".split()
)
# Letters and digits (as regex's [\p{L}\p{N}]); the standard re module scans it faster.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> frozenset[str]:
    """Content words, abbreviations expanded, cut to 6 letters so 'assess'/'assessment' meet."""
    out: set[str] = set()
    for word in _WORD.findall(text.casefold()):
        out.update(_stems(word))
    return frozenset(out)


@functools.cache
def _stems(folded: str) -> tuple[str, ...]:
    """The stems one case-folded word stands for (several for an abbreviation); memoised, as
    the same words recur across thousands of texts."""
    stems = []
    for part in ABBREVIATIONS.get(folded, folded).split():
        if part in _STOP or (len(part) < 4 and part.isdigit()):
            continue
        stem = part[:6]
        stems.append(stem[:-1] if len(stem) > 3 and stem[-1] == "s" else stem)
    return tuple(stems)


def surface_words(text: str) -> dict[str, str]:
    """Each content-word stem of a text with the first word that gave it, for evidence."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text):
        folded = word.casefold()
        expanded = folded in ABBREVIATIONS
        for stem, part in zip(_stems(folded), _kept_parts(folded), strict=True):
            out.setdefault(stem, part if expanded else word)
    return out


@functools.cache
def _kept_parts(folded: str) -> tuple[str, ...]:
    return tuple(
        part
        for part in ABBREVIATIONS.get(folded, folded).split()
        if not (part in _STOP or (len(part) < 4 and part.isdigit()))
    )


@dataclass(frozen=True)
class Vocabulary:
    """Inverse document frequencies over every text unit of both documents."""

    idf: dict[str, float]

    @classmethod
    def of(cls, units: Iterable[frozenset[str]]) -> Vocabulary:
        units = list(units)
        counts = Counter(word for unit in units for word in unit)
        n = len(units)
        return cls({w: math.log((n + 1) / (c + 1)) + 1 for w, c in counts.items()})

    def weight(self, bag: Iterable[str]) -> float:
        # fsum is exactly rounded, so the result does not depend on the set's order.
        return math.fsum(self.idf.get(word, 1.0) for word in bag)

    def jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        total = self.weight(a | b)
        return self.weight(a & b) / total if total else 0.0


@dataclass(frozen=True)
class _Sides:
    annex_text: dict[str, frozenset[str]]
    annex_all: dict[str, frozenset[str]]
    appendix: dict[str, frozenset[str]]
    surface: dict[str, dict[str, str]]
    vocabulary: Vocabulary
    keys: tuple[str, ...]
    key_rank: np.ndarray
    # word -> positions in keys of the Annex I deliverables that carry it (all / as new words)
    index: dict[str, np.ndarray]
    new_index: dict[str, np.ndarray]


def _sides(plan: Workplan, rows: Sequence[AppendixRow]) -> _Sides:
    activities: dict[str, list[str]] = {}
    for activity in plan.activities:
        activities.setdefault(activity.deliverable_id, []).append(activity.text)
    annex_text = {d.deliverable_id: words(d.text) for d in plan.deliverables}
    units = {
        d.deliverable_id: [annex_text[d.deliverable_id]]
        + [words(t) for t in activities.get(d.deliverable_id, [])]
        for d in plan.deliverables
    }
    surface = {r.deliverable_id: surface_words(r.text) for r in rows if r.deliverable_id}
    appendix = {key: frozenset(found) for key, found in surface.items()}
    vocabulary = Vocabulary.of([*(u for us in units.values() for u in us), *appendix.values()])
    annex_all = {key: frozenset().union(*us) for key, us in units.items()}
    keys = tuple(annex_all)
    index: dict[str, list[int]] = {}
    new_index: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        own = appendix.get(key, frozenset())
        for word in annex_all[key]:
            index.setdefault(word, []).append(position)
            if word not in own:
                new_index.setdefault(word, []).append(position)
    return _Sides(
        annex_text,
        annex_all,
        appendix,
        surface,
        vocabulary,
        keys,
        np.argsort(np.argsort(np.array(keys, dtype=object))),
        {w: np.array(p, dtype=np.int64) for w, p in index.items()},
        {w: np.array(p, dtype=np.int64) for w, p in new_index.items()},
    )


def candidates(text: frozenset[str], sides: _Sides, top: int | None = None) -> list[Match]:
    """Annex I deliverables that share a word with an Appendix text, ranked by how much of it
    they carry. Scores add up along a word index (one bincount per text), so the cost grows
    with the postings of the text's words, not with every pair of texts."""
    vocab = sides.vocabulary
    total = vocab.weight(text)
    ordered = [w for w in sorted(text) if w in sides.index]
    if not total or not ordered:
        return []
    carried = _accumulate(ordered, sides.index, vocab, len(sides.keys))
    novel = _accumulate(ordered, sides.new_index, vocab, len(sides.keys))
    hits = np.flatnonzero(carried)
    # Rank in numpy (scores to 3 places, then new-word share, then the id); round the few
    # kept in Python so the printed figures are exactly rounded.
    order = np.lexsort(
        (
            sides.key_rank[hits],
            -np.round(novel[hits] / total, 3),
            -np.round(carried[hits] / total, 3),
        )
    )
    kept = hits[order][:top]
    scored = [
        (round(float(carried[i]) / total, 3), round(float(novel[i]) / total, 3), sides.keys[i])
        for i in kept
    ]
    return [
        Match(
            key,
            score,
            new,
            tuple(sorted(text & sides.annex_all[key], key=lambda w: (-vocab.idf.get(w, 1.0), w))),
        )
        for score, new, key in scored[:top]
    ]


def _accumulate(
    ordered: list[str], index: dict[str, np.ndarray], vocab: Vocabulary, size: int
) -> np.ndarray:
    """Per Annex I deliverable, the summed weights of the words it carries."""
    postings = [index[w] for w in ordered if w in index]
    if not postings:
        return np.zeros(size)
    weights = [vocab.idf.get(w, 1.0) for w in ordered if w in index]
    return np.bincount(
        np.concatenate(postings),
        weights=np.repeat(weights, [len(p) for p in postings]),
        minlength=size,
    )


def reconcile(
    plan: Workplan, rows: Sequence[AppendixRow], items: Sequence[FollowUpItem]
) -> tuple[tuple[Reconciled, ...], tuple[Discrepancy, ...], tuple[Note, ...]]:
    """The reconciliation rows, the discrepancies and the notes that explain merge decisions."""
    sides = _sides(plan, rows)
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
    discrepancies = [
        *conclusion_mismatches(plan, rows, items),
        *area_mismatches(plan, rows),
        *timing_outside_range(plan, rows),
        *schedule_missing(plan),
        *text_divergent(out),
    ]
    return tuple(out), tuple(discrepancies), tuple(notes)


def _id_order(key: str) -> tuple[int, ...]:
    return tuple(int(part) for part in key.split("."))


def _placed(row: AppendixRow, sides: _Sides) -> tuple[Reconciled, Note]:
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


def conclusion_mismatches(
    plan: Workplan, rows: Sequence[AppendixRow], items: Sequence[FollowUpItem]
) -> list[Discrepancy]:
    item_conclusion = {item.item_no: item.conclusion for item in items}
    by_id = {r.deliverable_id: r for r in rows if r.deliverable_id}
    out = []
    for d in plan.deliverables:
        row = by_id.get(d.deliverable_id)
        if not row:
            continue
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


def area_mismatches(plan: Workplan, rows: Sequence[AppendixRow]) -> list[Discrepancy]:
    by_id = {r.deliverable_id: r for r in rows if r.deliverable_id}
    out = []
    for d in plan.deliverables:
        row = by_id.get(d.deliverable_id)
        if not row or not row.area_nos or d.area_no in row.area_nos:
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


def timing_outside_range(plan: Workplan, rows: Sequence[AppendixRow]) -> list[Discrepancy]:
    by_id = {r.deliverable_id: r for r in rows if r.deliverable_id}
    marks: dict[str, list[str]] = {}
    for entry in plan.schedule:
        marks.setdefault(entry.deliverable_id, []).append(entry.period)
    out = []
    for d in plan.deliverables:
        row = by_id.get(d.deliverable_id)
        if not row or not row.timing.start or not row.timing.end:
            continue
        start, end = row.timing.start, row.timing.end
        outside = [p for p in marks.get(d.deliverable_id, []) if not start <= p <= end]
        if outside:
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


def schedule_missing(plan: Workplan) -> list[Discrepancy]:
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


def text_divergent(reconciled: Sequence[Reconciled]) -> list[Discrepancy]:
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
