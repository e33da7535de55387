"""Records into DataFrames: the only place where tables take their columns and order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from extract.cross.records import Discrepancy, Reconciled
from extract.documents.annex_i.records import Workplan
from extract.documents.gb328.records import Paper
from extract.readers.grid import box_text
from extract.records import Box, Footnote, FrontMatter, Note, SourceDocument

FRONT_COLUMNS = list(FrontMatter.__dataclass_fields__)
DOCUMENT_COLUMNS = ["doc", "path", "sha256", "pages", *FRONT_COLUMNS]


def _frame(rows: Iterable[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A frame built column by column (records' __dict__ copies are cheap, asdict is not)."""
    rows = list(rows)
    return pd.DataFrame({c: [row.get(c) for row in rows] for c in columns}, columns=list(columns))


def _int(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return frame.astype(dict.fromkeys(columns, "Int64"))


def _page_boxes(boxes: Sequence[tuple[int, Box]]) -> str | None:
    """'page:x0,top,x1,bottom' for each page, ';'-joined; None without boxes (text input)."""
    return ";".join(f"{page}:{box_text(box)}" for page, box in boxes) or None


def workplan_tables(plan: Workplan) -> dict[str, pd.DataFrame]:
    """annex_deliverables, annex_activities and annex_schedule from the work-plan."""
    deliverables = _frame(
        (
            {
                **vars(d),
                "bbox": _page_boxes(d.boxes),
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
    activities = _frame(
        ({**vars(a), "bbox": box_text(a.bbox)} for a in plan.activities),
        ["deliverable_id", "activity_no", "text", "numbered_in_source", "page", "line", "bbox"],
    )
    schedule = _frame(
        (
            {**vars(s), "period": s.period, "bbox": box_text(s.bbox), "mark": s.mark.value}
            for s in plan.schedule
        ),
        ["deliverable_id", "year", "quarter", "period", "page", "line", "column", "bbox", "mark"],
    )
    return {
        "annex_deliverables": deliverables,
        "annex_activities": activities,
        "annex_schedule": schedule,
    }


def paper_tables(paper: Paper) -> dict[str, pd.DataFrame]:
    """paragraphs, action_areas, follow_up_items, appendix_deliverables and appendix_areas."""
    paragraphs = _frame(
        (
            {**vars(p), "footnotes": ",".join(p.footnotes) or None, "bbox": _page_boxes(p.boxes)}
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
    areas = _frame(
        (
            {**vars(a), "aliases": "; ".join(paper.aliases.get(a.area_no, ())) or None}
            for a in paper.areas
        ),
        ["area_no", "name", "objective", "aliases", "line"],
    )
    items = _frame((vars(i) for i in paper.items), ["item_no", "conclusion", "text", "line"])
    rows = _frame(
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
                "bbox": _page_boxes(r.boxes),
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
    row_areas = _frame(
        (
            {"row_no": r.row_no, "deliverable_id": r.deliverable_id, "area_no": no}
            for r in paper.rows
            for no in r.area_nos
        ),
        ["row_no", "deliverable_id", "area_no"],
    )
    return {
        "paragraphs": _int(paragraphs, "area_no", "page_first", "page_last"),
        "action_areas": areas,
        "follow_up_items": items,
        "appendix_deliverables": rows,
        "appendix_areas": row_areas,
    }


def footnotes_table(footnotes: Iterable[Footnote]) -> pd.DataFrame:
    frame = _frame((vars(f) for f in footnotes), ["doc", "mark", "text", "line", "ref_line"])
    return _int(frame, "ref_line")


def notes_table(notes: Iterable[Note]) -> pd.DataFrame:
    """extraction_notes, by document, then line."""
    ordered = sorted(notes, key=lambda n: (n.doc, n.line or 0, n.kind))
    frame = _frame(
        (vars(n) for n in ordered), ["doc", "page", "line", "kind", "deliverable_id", "message"]
    )
    return _int(frame, "page", "line")


def documents_table(
    rows: Sequence[tuple[SourceDocument, int | None, FrontMatter]],
) -> pd.DataFrame:
    """documents: one row per input, with the sha256 of its bytes and its front matter."""
    frame = _frame(
        (
            {"doc": s.doc, "path": s.path, "sha256": s.sha256, "pages": pages, **vars(front)}
            for s, pages, front in rows
        ),
        DOCUMENT_COLUMNS,
    )
    return _int(frame, "pages")


def reconciliation_tables(
    reconciled: Sequence[Reconciled], discrepancies: Sequence[Discrepancy]
) -> dict[str, pd.DataFrame]:
    """reconciliation and discrepancies, in the order the reconciler gives."""
    recon = _frame(
        (vars(r) for r in reconciled),
        [
            "deliverable_id",
            "appendix_row_no",
            "in_annex",
            "in_appendix",
            "status",
            "merged_into",
            "similarity",
            "evidence",
        ],
    )
    found = _frame(
        (vars(d) for d in discrepancies),
        ["deliverable_id", "kind", "annex_value", "appendix_value", "score", "message"],
    )
    return {
        "reconciliation": _int(recon, "appendix_row_no").astype({"similarity": "Float64"}),
        "discrepancies": found.astype({"score": "Float64"}),
    }
