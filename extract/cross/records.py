"""Records of the cross-document work: matches, reconciled deliverables, discrepancies."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where a deliverable id stands across the two documents (reconciliation.status)."""

    MATCHED = "matched"
    MERGED = "merged"
    APPENDIX_ONLY = "appendix_only"
    ANNEX_ONLY = "annex_only"
    UNLABELLED = "unlabelled"


@dataclass(frozen=True)
class Match:
    """How well an Appendix deliverable is carried by one Annex I deliverable."""

    deliverable_id: str
    score: float
    novelty: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Reconciled:
    """One deliverable id (or unnumbered Appendix row) across the two documents."""

    deliverable_id: str | None
    appendix_row_no: int | None
    in_annex: bool
    in_appendix: bool
    status: str
    merged_into: str | None
    similarity: float | None
    evidence: str | None


@dataclass(frozen=True)
class Discrepancy:
    deliverable_id: str
    kind: str
    annex_value: str | None
    appendix_value: str | None
    score: float | None
    message: str


class DiscrepancyKind(StrEnum):
    """What the two documents disagree about for one deliverable (discrepancies.kind)."""

    CONCLUSION_MISMATCH = "conclusion_mismatch"
    AREA_MISMATCH = "area_mismatch"
    TIMING_OUTSIDE_RANGE = "timing_outside_range"
    SCHEDULE_MISSING = "schedule_missing"
    TEXT_DIVERGENT = "text_divergent"
