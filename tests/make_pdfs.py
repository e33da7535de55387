"""Make the Annex I test PDFs from raw/annex_i_workplan.txt (run: python tests/make_pdfs.py).

Two ruled, landscape A4 work-plans, drawn with reportlab like the published one: a repeated
three-row header (the years and "Time frame" as merged cells), wrapped text, merged area
cells and deliverable numbers in bold.
- annex_pages.pdf: page for page like the text, continuation rows and page 5's stray 24th
  column included.
- annex_flowing.pdf: one table whose rows (continuations joined back) flow freely, so rows
  split across pages at other places than in the text.
Fixed creation date and document id (reportlab's invariant mode): reruns give the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,  # noqa: E402
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import regex  # noqa: E402

from extract.documents.annex_i.spec import ANNEX_SPEC  # noqa: E402
from extract.readers.grid import GridPage, lines_to_grid  # noqa: E402
from extract.readers.text import clean, read_source  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QUARTERS = 20
NUMBER = regex.compile(r"\((\d+\.\d+)\)\s*$")


def _style(size: float) -> ParagraphStyle:
    return ParagraphStyle("cell", fontName="Helvetica", fontSize=size, leading=size * 1.2)


def _cell(text: str, style: ParagraphStyle) -> Paragraph | str:
    text = clean(text)
    if not text:
        return ""
    body = escape(text)
    number = NUMBER.search(text)
    if number:
        body = escape(text[: number.start()]) + f" <b>({number.group(1)})</b>"
    return Paragraph(body, style)


def _header(width: int, style: ParagraphStyle) -> list[list[object]]:
    extra = [""] * (width - 3 - QUARTERS)
    top = ["Area of action", "Deliverable \u00b9", "Key activities", "Time frame"]
    years = ["", "", ""]
    for year in range(2017, 2022):
        years += [str(year), "", "", ""]
    quarters = ["", "", ""] + ["Q1", "Q2", "Q3", "Q4"] * 5
    return [
        [Paragraph(c, style) if c else "" for c in top] + [""] * (QUARTERS - 1) + extra,
        years + extra,
        quarters + extra,
    ]


def _table(
    rows: list[list[object]], widths: list[float], spans: list[tuple], grid: tuple, **kw
) -> Table:
    style = [
        grid,
        ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 6),
        ("SPAN", (3, 0), (3 + QUARTERS - 1, 0)),
        *[("SPAN", (3 + 4 * y, 1), (6 + 4 * y, 1)) for y in range(5)],
        *spans,
    ]
    return Table(rows, colWidths=widths, repeatRows=3, style=TableStyle(style), **kw)


def _widths(width: int) -> list[float]:
    return [68, 190, 250] + [12.5] * (width - 3)


def _area_spans(areas: list[str], first: int) -> list[tuple]:
    """SPAN each printed area over the empty area cells below it."""
    spans, start = [], None
    for i, area in enumerate([*areas, "end"]):
        if area and start is not None and i - 1 > start:
            spans.append(("SPAN", (0, first + start), (0, first + i - 1)))
        if area:
            start = i
    return spans


def _doc(path: Path) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=20,
        rightMargin=20,
        topMargin=24,
        bottomMargin=24,
        title="Programme of Action work-plan",
        author="ilo-gsc-poa test fixture",
    )


def make_pages(out: Path) -> None:
    """One PDF page per text page, rows as the text has them."""
    source = read_source(ROOT / "raw" / "annex_i_workplan.txt", "annex_i")
    style = _style(5.5)
    story: list[object] = [
        Paragraph("Annex I", _style(10)),
        Paragraph("Programme of Action work-plan", _style(10)),
    ]
    for page in _pages(source.lines, source.path):
        rows = [[cell.text for cell in row.cells] for row in page.rows]
        prose = [line.text for line in page.prose]
        data = [
            [_cell(c, style) if i < 3 else clean(c) for i, c in enumerate(cells)] for cells in rows
        ]
        spans = _area_spans([clean(cells[0]) for cells in rows], 3)
        grid = ("GRID", (0, 0), (-1, -1), 0.5, colors.black)
        story.append(_table(_header(page.width, style) + data, _widths(page.width), spans, grid))
        story += [Paragraph(escape(clean(t)), _style(6)) for t in prose]
        story.append(PageBreak())
    _doc(out).build(story[:-1])


def _pages(lines: tuple, path: str) -> tuple[GridPage, ...]:
    return lines_to_grid(lines, ANNEX_SPEC, path).pages


def _logical_rows(source_path: Path) -> list[list[str]]:
    """The work-plan's rows with continuation rows joined back to the row they continue."""
    logical: list[list[str]] = []
    source = read_source(source_path, "annex_i")
    for page in _pages(source.lines, source.path):
        first = True
        for row in page.rows:
            cells = [cell.text for cell in row.cells][: 3 + QUARTERS]
            if first and logical and not clean(cells[1]).startswith("In response to"):
                last = logical[-1]
                last[1] = f"{last[1]} {cells[1]}".strip()
                last[2] = f"{last[2]} {cells[2]}".strip()
                last[3:] = [a or b for a, b in zip(last[3:], cells[3:], strict=True)]
            else:
                logical.append(list(cells))
            first = False
    return logical


PAD = 2.0
FRAME = (landscape(A4)[0] - 40, landscape(A4)[1] - 48)


def _split(row: list[object], widths: list[float], room: float) -> tuple[list, list] | None:
    """Cut a row's paragraphs at the same height; None if no line of it fits."""
    top, bottom, moved = [], [], False
    for cell, width in zip(row, widths, strict=False):
        if not isinstance(cell, Paragraph):
            top.append(cell)
            bottom.append("")
            continue
        height = cell.wrap(width - 2 * PAD, 10_000)[1]
        if height <= room:
            top.append(cell)
            bottom.append("")
            continue
        parts = cell.split(width - 2 * PAD, room)
        if len(parts) != 2:
            return None
        top.append(parts[0])
        bottom.append(parts[1])
        moved = True
    if not moved:
        return None
    bottom[0] = ""  # the merged area cell goes on, empty, on the next page
    return top, bottom


def make_flowing(out: Path) -> None:
    """Joined rows laid out anew in a larger font, cut wherever a page ends."""
    style = _style(7)
    widths = [80, 210, 270] + [11.0] * QUARTERS
    logical = _logical_rows(ROOT / "raw" / "annex_i_workplan.txt")
    rows, previous = [], None
    for cells in logical:
        area = clean(cells[0])
        shown = area if area and area != previous else ""
        previous = area or previous
        rows.append(
            [_cell(shown, style), _cell(cells[1], style), _cell(cells[2], style)]
            + [clean(x) for x in cells[3:]]
        )
    header = _header(3 + QUARTERS, style)
    title = [
        Paragraph("Annex I", _style(10)),
        Paragraph("Programme of Action work-plan", _style(10)),
    ]
    pad = [("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD)]
    grid = ("GRID", (0, 0), (-1, -1), 0.5, colors.black)

    def height(page_rows: list[list[object]]) -> float:
        return _table(header + page_rows, widths, pad, grid).wrap(*FRAME)[1]

    room = FRAME[1] - sum(p.wrap(*FRAME)[1] for p in title) - 30
    pages: list[list[list[object]]] = [[]]
    queue = list(rows)
    while queue:
        row = queue.pop(0)
        if height([*pages[-1], row]) <= room:
            pages[-1].append(row)
            continue
        cut = _split(row, widths, room - height(pages[-1]) - 8)
        if cut and height([*pages[-1], cut[0]]) <= room:
            pages[-1].append(cut[0])
            queue.insert(0, cut[1])
        else:
            queue.insert(0, row)
        pages.append([])
        room = FRAME[1] - 30
    story: list[object] = list(title)
    for number, page_rows in enumerate(pages):
        areas = ["x" if r[0] else "" for r in page_rows]
        spans = _area_spans(["x", *areas[1:]] if not areas[0] else areas, 3)
        grid = ("GRID", (0, 0), (-1, -1), 0.5, colors.black)
        style_rows = [
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ]
        story.append(_table(header + page_rows, widths, spans + style_rows, grid))
        if number < len(pages) - 1:
            story.append(PageBreak())
    footnote = next(
        line
        for line in (ROOT / "raw" / "annex_i_workplan.txt").read_text(encoding="utf-8").split("\n")
        if line.startswith("\u00b9")
    )
    story.append(Paragraph(escape(clean(footnote)), _style(6)))
    _doc(out).build(story)


def main() -> None:
    FIXTURES.mkdir(exist_ok=True)
    make_pages(FIXTURES / "annex_pages.pdf")
    make_flowing(FIXTURES / "annex_flowing.pdf")
    for name in ("annex_pages.pdf", "annex_flowing.pdf"):
        print(FIXTURES / name, (FIXTURES / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
