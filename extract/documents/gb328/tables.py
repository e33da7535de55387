"""GB.328's records as its tables: paragraphs, action areas, follow-up items, matrix rows."""

from __future__ import annotations

import pandas as pd

from extract.documents.gb328.records import Paper
from extract.tables import int_columns, page_boxes_text, records_to_frame


def paper_tables(paper: Paper) -> dict[str, pd.DataFrame]:
    """paragraphs, action_areas, follow_up_items, appendix_deliverables and appendix_areas."""
    paragraphs = records_to_frame(
        (
            {
                **vars(p),
                "footnotes": ",".join(p.footnotes) or None,
                "bbox": page_boxes_text(p.boxes),
            }
            for p in paper.paragraphs
        ),
        [
            "para_no",
            "text",
            "section",
            "area_no",
            "footnotes",
            "line_first",
            "line_last",
            "page_first",
            "page_last",
            "bbox",
        ],
    )
    areas = records_to_frame(
        (
            {**vars(a), "aliases": "; ".join(paper.aliases.get(a.area_no, ())) or None}
            for a in paper.areas
        ),
        ["area_no", "name", "objective", "aliases", "line"],
    )
    items = records_to_frame(
        (vars(i) for i in paper.items), ["item_no", "conclusion", "text", "line"]
    )
    rows = records_to_frame(
        (
            {
                "row_no": r.row_no,
                "deliverable_id": r.deliverable_id,
                "item_no": r.item_no,
                "text": r.text or None,
                "timing_raw": r.timing.raw or None,
                "timing_kind": r.timing.kind,
                "timing_start": r.timing.start,
                "timing_end": r.timing.end,
                "areas_raw": r.areas_raw or None,
                "page": r.page,
                "line": r.line,
                "bbox": page_boxes_text(r.boxes),
            }
            for r in paper.rows
        ),
        [
            "row_no",
            "deliverable_id",
            "item_no",
            "text",
            "timing_raw",
            "timing_kind",
            "timing_start",
            "timing_end",
            "areas_raw",
            "page",
            "line",
            "bbox",
        ],
    )
    row_areas = records_to_frame(
        (
            {"row_no": r.row_no, "deliverable_id": r.deliverable_id, "area_no": no}
            for r in paper.rows
            for no in r.area_nos
        ),
        ["row_no", "deliverable_id", "area_no"],
    )
    return {
        "paragraphs": int_columns(paragraphs, "area_no", "page_first", "page_last"),
        "action_areas": areas,
        "follow_up_items": items,
        "appendix_deliverables": rows,
        "appendix_areas": row_areas,
    }
