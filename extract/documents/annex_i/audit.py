"""Annex I's boxes for the audit view: where each deliverable, activity and mark was read."""

from __future__ import annotations

from extract.documents.annex_i.records import Workplan
from extract.readers.records import Box
from extract.records import AuditBox


def workplan_boxes(plan: Workplan) -> list[AuditBox]:
    """Everything the Annex I reader placed, as audit boxes: area cells, deliverable cells,
    activities, scheduled quarters and prose (title, footnotes)."""
    boxes: list[AuditBox] = []
    seen_spans: set[tuple[int, int | None, Box]] = set()
    for page in plan.pages:
        if page.header_box is not None:
            boxes.append(AuditBox(page.no, page.header_box, "header", "page header", None))
        area = page.roles.get("area")
        for row in page.rows:
            cell = row.cell(area) if area is not None else None
            if cell is not None and cell.text and cell.printed and cell.box is not None:
                key = (row.page, cell.span, cell.box)
                if key not in seen_spans:
                    seen_spans.add(key)
                    boxes.append(AuditBox(row.page, cell.box, "area", cell.text, None))
        for line in page.prose:
            if line.box is not None:
                boxes.append(AuditBox(line.page, line.box, "note", line.text[:60], None))
    for deliverable in plan.deliverables:
        for page_no, box in deliverable.boxes:
            label = f"{deliverable.deliverable_id} (Conclusion {deliverable.conclusion})"
            boxes.append(AuditBox(page_no, box, "deliverable", label, deliverable.deliverable_id))
    spans = [(d.line_first, d.line_last, d.deliverable_id) for d in plan.deliverables]
    for page in plan.pages:
        activities = page.roles.get("activities")
        for row in page.rows:
            owner = next((did for lo, hi, did in spans if lo < row.line <= hi), None)
            cell = row.cell(activities) if activities is not None else None
            if owner is not None and cell is not None and cell.box is not None:
                label = f"{owner} activities continued from the page before"
                boxes.append(AuditBox(row.page, cell.box, "activity", label, owner))
    for activity in plan.activities:
        if activity.bbox is not None:
            label = f"{activity.deliverable_id} activity {activity.activity_no}"
            boxes.append(
                AuditBox(activity.page, activity.bbox, "activity", label, activity.deliverable_id)
            )
    for entry in plan.schedule:
        if entry.bbox is not None:
            label = f"{entry.deliverable_id} {entry.period} ({entry.mark.value})"
            boxes.append(AuditBox(entry.page, entry.bbox, "mark", label, entry.deliverable_id))
    return boxes
