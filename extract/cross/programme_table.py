"""The programme table: one row per deliverable across both documents, joined for analysts."""

from __future__ import annotations

import pandas as pd

from extract.cross.models import DISCREPANCY_KINDS, ProgrammeTable
from extract.shared_frames import rows_to_frame


def _id_order(deliverable_id: object) -> tuple[int, int, int]:
    """Sort '2.10' after '2.9' and the unnumbered row last."""
    if not isinstance(deliverable_id, str):
        return (1, 0, 0)
    major, _, minor = deliverable_id.partition(".")
    return (0, int(major), int(minor))


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def programme_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per reconciliation row (each id in either document, and each unnumbered
    Appendix row) with what both documents say about it, keys spelled the same way."""
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    items = tables["follow_up_items"]
    item_conclusion = dict(zip(items.item_no, items.conclusion, strict=True))
    annex = {r.deliverable_id: r for r in tables["annex_deliverables"].itertuples(index=False)}
    rows = {r.row_no: r for r in tables["appendix_deliverables"].itertuples(index=False)}
    areas: dict[int, list[int]] = {}
    for row_no, area_no in zip(
        tables["appendix_areas"].row_no, tables["appendix_areas"].area_no, strict=True
    ):
        areas.setdefault(int(row_no), []).append(int(area_no))
    schedule = tables["annex_schedule"]
    marked: dict[str, list[str]] = {}
    for did, period in zip(schedule.deliverable_id.tolist(), schedule.period.tolist(), strict=True):
        marked.setdefault(did, []).append(period)
    marked = {did: sorted(periods) for did, periods in marked.items()}
    activities = tables["annex_activities"].deliverable_id.value_counts().to_dict()
    found = tables["discrepancies"]
    kinds: dict[str, set[str]] = {}
    for did, kind in zip(found.deliverable_id.tolist(), found.kind.tolist(), strict=True):
        kinds.setdefault(did, set()).add(kind)

    out = []
    for r in tables["reconciliation"].itertuples(index=False):
        did = _text(r.deliverable_id)
        a = annex.get(did) if r.in_annex else None
        p = rows.get(int(r.appendix_row_no)) if pd.notna(r.appendix_row_no) else None
        quarters = marked.get(did, []) if a is not None else []
        named = areas.get(int(p.row_no), []) if p is not None else []
        row = {
            "deliverable_id": did,
            "status": r.status,
            "merged_into": _text(r.merged_into),
            "appendix_area_nos": ",".join(str(n) for n in named) or None,
            "appendix_areas": "; ".join(names[n] for n in named) or None,
            "discrepancies": "; ".join(k for k in DISCREPANCY_KINDS if k in kinds.get(did, ()))
            or None,
        }
        if a is not None:
            row |= {
                "annex_area_no": a.area_no,
                "annex_area": names.get(a.area_no, a.area),
                "annex_conclusion": a.conclusion,
                "annex_text": a.text,
                "scheduled": " ".join(quarters) or None,
                "scheduled_first": quarters[0] if quarters else None,
                "scheduled_last": quarters[-1] if quarters else None,
                "scheduled_count": len(quarters),
                "activities": activities.get(did, 0),
                "annex_page_first": a.page_first,
                "annex_page_last": a.page_last,
            }
        if p is not None:
            row |= {
                "appendix_item_no": p.item_no,
                "appendix_conclusion": item_conclusion.get(p.item_no),
                "appendix_text": _text(p.text),
                "appendix_timing_raw": _text(p.timing_raw),
                "appendix_timing_kind": p.timing_kind,
                "appendix_timing_start": _text(p.timing_start),
                "appendix_timing_end": _text(p.timing_end),
                "appendix_row_no": p.row_no,
                "appendix_page": p.page,
            }
        out.append(row)
    out.sort(key=lambda row: (_id_order(row["deliverable_id"]), row.get("appendix_row_no") or 0))
    return rows_to_frame(ProgrammeTable, out)
