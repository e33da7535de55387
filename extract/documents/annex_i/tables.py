"""Annex I's records as its three tables."""

from __future__ import annotations

import pandas as pd

from extract.documents.annex_i.records import Workplan
from extract.readers.boxes import box_text
from extract.tables import fields_to_frame, page_boxes_text, records_to_frame


def workplan_tables(plan: Workplan) -> dict[str, pd.DataFrame]:
    """annex_deliverables, annex_activities and annex_schedule from the work-plan."""
    deliverables = records_to_frame(
        (
            {
                **vars(d),
                "bbox": page_boxes_text(d.boxes),
            }
            for d in plan.deliverables
        ),
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
            "bbox",
        ],
    )
    activities = fields_to_frame(
        plan.activities,
        ["deliverable_id", "activity_no", "text", "numbered_in_source", "page", "line", "bbox"],
        {"bbox": lambda a: box_text(a.bbox)},
    )
    schedule = fields_to_frame(
        plan.schedule,
        ["deliverable_id", "year", "quarter", "period", "page", "line", "cell_no", "bbox", "mark"],
        {"bbox": lambda s: box_text(s.bbox), "mark": lambda s: s.mark.value},
    )
    return {
        "annex_deliverables": deliverables,
        "annex_activities": activities,
        "annex_schedule": schedule,
    }
