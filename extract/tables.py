"""Records into DataFrames: the only place where tables take their columns and order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict

import pandas as pd

from extract.records import Note, SourceDocument, Workplan

DOCUMENT_COLUMNS = ["doc", "path", "sha256", "pages", "title"]


def _frame(rows: Iterable[dict], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(columns))


def workplan_tables(plan: Workplan) -> dict[str, pd.DataFrame]:
    """annex_deliverables, annex_activities and annex_schedule from the work-plan."""
    deliverables = _frame(
        (asdict(d) for d in plan.deliverables),
        [
            "deliverable_id",
            "seq",
            "conclusion",
            "text",
            "area_no",
            "area",
            "area_printed",
            "page_first",
            "page_last",
            "line_first",
            "line_last",
        ],
    )
    activities = _frame(
        (asdict(a) for a in plan.activities),
        ["deliverable_id", "activity_no", "text", "numbered_in_source", "page", "line"],
    )
    schedule = _frame(
        ({**asdict(s), "period": s.period} for s in plan.schedule),
        ["deliverable_id", "year", "quarter", "period", "page", "line", "column"],
    )
    return {
        "annex_deliverables": deliverables,
        "annex_activities": activities,
        "annex_schedule": schedule,
    }


def notes_table(notes: Iterable[Note]) -> pd.DataFrame:
    """extraction_notes, in document order within each document."""
    frame = _frame(
        (asdict(n) for n in notes), ["doc", "page", "line", "kind", "deliverable_id", "message"]
    )
    return frame.astype({"page": "Int64", "line": "Int64"})


def documents_table(rows: Sequence[tuple[SourceDocument, int, str | None]]) -> pd.DataFrame:
    """documents: one row per input, with the sha256 of its bytes."""
    return _frame(
        (
            {"doc": s.doc, "path": s.path, "sha256": s.sha256, "pages": pages, "title": title}
            for s, pages, title in rows
        ),
        DOCUMENT_COLUMNS,
    ).astype({"pages": "Int64"})
