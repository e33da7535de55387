"""GB.328's records as its tables: paragraphs, action areas, follow-up items, matrix rows."""

from __future__ import annotations

import pandas as pd

from extract.documents.gb328.models import (
    ActionAreas,
    AppendixAreas,
    AppendixDeliverables,
    FollowUpItems,
    Paragraphs,
)
from extract.documents.gb328.records import Paper
from extract.shared_frames import page_boxes_text, records_to_frame, rows_to_frame


def paper_tables(paper: Paper) -> dict[str, pd.DataFrame]:
    """paragraphs, action_areas, follow_up_items, appendix_deliverables and appendix_areas."""
    paragraphs = records_to_frame(
        Paragraphs,
        paper.paragraphs,
        {
            "footnotes": lambda p: ",".join(p.footnotes) or None,
            "bbox": lambda p: page_boxes_text(p.boxes),
        },
    )
    areas = records_to_frame(
        ActionAreas,
        paper.areas,
        {"aliases": lambda a: "; ".join(paper.aliases.get(a.area_no, ())) or None},
    )
    rows = records_to_frame(
        AppendixDeliverables,
        paper.rows,
        {
            "text": lambda r: r.text or None,
            "timing_raw": lambda r: r.timing.raw or None,
            "timing_kind": lambda r: r.timing.kind,
            "timing_start": lambda r: r.timing.start,
            "timing_end": lambda r: r.timing.end,
            "areas_raw": lambda r: r.areas_raw or None,
            "bbox": lambda r: page_boxes_text(r.boxes),
        },
    )
    row_areas = rows_to_frame(
        AppendixAreas,
        (
            {"row_no": r.row_no, "deliverable_id": r.deliverable_id, "area_no": no}
            for r in paper.rows
            for no in r.area_nos
        ),
    )
    return {
        "paragraphs": paragraphs,
        "action_areas": areas,
        "follow_up_items": records_to_frame(FollowUpItems, paper.items),
        "appendix_deliverables": rows,
        "appendix_areas": row_areas,
    }
