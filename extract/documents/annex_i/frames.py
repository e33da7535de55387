"""Annex I's records as its three tables."""

from __future__ import annotations

import pandas as pd

from extract.documents.annex_i.models import AnnexActivities, AnnexDeliverables, AnnexSchedule
from extract.documents.annex_i.records import Workplan
from extract.readers.boxes import box_text
from extract.shared_frames import page_boxes_text, records_to_frame


def workplan_tables(plan: Workplan) -> dict[str, pd.DataFrame]:
    """annex_deliverables, annex_activities and annex_schedule from the work-plan."""
    return {
        "annex_deliverables": records_to_frame(
            AnnexDeliverables, plan.deliverables, {"bbox": lambda d: page_boxes_text(d.boxes)}
        ),
        "annex_activities": records_to_frame(
            AnnexActivities, plan.activities, {"bbox": lambda a: box_text(a.bbox)}
        ),
        "annex_schedule": records_to_frame(
            AnnexSchedule,
            plan.schedule,
            {"bbox": lambda s: box_text(s.bbox), "mark": lambda s: s.mark.value},
        ),
    }
