"""GB.328's boxes for the audit view: front matter, headings, paragraphs and matrix rows."""

from __future__ import annotations

from extract.documents.gb328.pdf import PaperPdf
from extract.documents.gb328.records import Paper
from extract.records import AuditBox


def paper_boxes(paper: Paper, parts: PaperPdf) -> list[AuditBox]:
    """Everything the GB.328 reader placed: front matter, headings, paragraph parts,
    footnotes, furniture, the matrix header, merged item cells and each matrix row."""
    from extract.readers.text import split_footnote

    boxes: list[AuditBox] = []
    para_parts = {(page, box): p.para_no for p in paper.paragraphs for page, box in p.boxes}
    first = paper.paragraphs[0].line_first if paper.paragraphs else 0
    for line in parts.body:
        if line.page is None or line.box is None:
            continue
        key = (line.page, line.box)
        if key in para_parts:
            kind, label = "paragraph", f"paragraph {para_parts[key]}"
        elif note := split_footnote(line.text):
            kind, label = "note", f"footnote {note[0]}"
        else:
            kind, label = ("front" if line.no < first - 1 else "heading"), line.text[:60]
        boxes.append(AuditBox(line.page, line.box, kind, label, None))
    boxes.extend(
        AuditBox(page, box, "furniture", "page furniture", None) for page, box in parts.furniture
    )
    for page in parts.grid.pages:
        if page.header_box is not None:
            boxes.append(AuditBox(page.no, page.header_box, "header", "matrix header", None))
        item = page.roles.get("item")
        for row in page.rows:
            cell = row.cell(item) if item is not None else None
            if cell is not None and cell.text and cell.printed and cell.box is not None:
                boxes.append(AuditBox(row.page, cell.box, "item", cell.text[:60], None))
        boxes.extend(
            AuditBox(line.page, line.box, "note", line.text[:60], None)
            for line in page.prose
            if line.box is not None
        )
    for row in paper.rows:
        name = row.deliverable_id or "unnumbered row"
        for page_no, box in row.boxes:
            label = f"{name} (Appendix row {row.row_no}, item {row.item_no})"
            boxes.append(AuditBox(page_no, box, "deliverable", label, row.deliverable_id))
    return boxes
