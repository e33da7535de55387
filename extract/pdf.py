"""Annex I from a PDF: pdfplumber reads each page's ruled table into the same lines the text
route reads, so every later stage is shared unchanged."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from extract.errors import SourceError
from extract.records import Line, SourceDocument
from extract.text import squash

# Ruled work-plans draw every cell: the 'lines' strategy takes the cells from the rules, so a
# merged cell comes back once with None under it. (The 'text' strategy guesses columns from
# word gaps and splits the wrapped deliverable and activity cells; see the README.)
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
HEADER_LABEL = "area of action"


def is_pdf(data: bytes) -> bool:
    """Chosen by content, not by name."""
    return data[:1024].lstrip().startswith(b"%PDF")


def pdf_to_source(data: bytes, path: str, doc: str) -> SourceDocument:
    """One tab-separated line per table row, in page order, with each row's page and box;
    text above and below the table (title, footnotes) as lines without tabs."""
    import pdfplumber

    lines: list[Line] = []
    boxes: dict[int, tuple[int, tuple[float, float, float, float]]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                raise SourceError("PDF has no pages", file=path)
            for page_no, page in enumerate(pdf.pages, start=1):
                _read_page(page, page_no, path, lines, boxes)
                page.close()
    except SourceError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise SourceError(f"unreadable PDF: {type(exc).__name__}: {exc}", file=path) from None
    digest = hashlib.sha256(data).hexdigest()
    return SourceDocument(doc, path, digest, tuple(lines), boxes)


def _read_page(
    page: Any,
    page_no: int,
    path: str,
    lines: list[Line],
    boxes: dict[int, tuple[int, tuple[float, float, float, float]]],
) -> None:
    tables = [t for t in page.find_tables(TABLE_SETTINGS) if len(t.rows) >= 1]
    if not tables:
        raise SourceError("no ruled table found on this page", file=path, page=page_no)
    table = max(tables, key=lambda t: (len(t.rows), -t.bbox[1]))
    rows = table.extract()
    if not rows or squash(rows[0][0] or "").casefold() != HEADER_LABEL:
        raise SourceError(
            "the table on this page does not open with the header row 'Area of action ...'",
            file=path,
            page=page_no,
        )
    x0, top, x1, bottom = table.bbox
    for text in _prose(page, 0, top):
        lines.append(Line(len(lines) + 1, text))
    for cells, row in zip(rows, table.rows, strict=True):
        no = len(lines) + 1
        lines.append(Line(no, "\t".join(_cell(c) for c in cells)))
        boxes[no] = (page_no, tuple(round(v, 1) for v in row.bbox))  # type: ignore[assignment]
    for text in _prose(page, bottom, page.height):
        lines.append(Line(len(lines) + 1, text))


def _prose(page: Any, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    text = page.crop((0, top, page.width, bottom)).extract_text() or ""
    return [line for line in text.split("\n") if line.strip()]


def _cell(value: str | None) -> str:
    """A cell's text on one line: wrapped lines joined by a space, as the text export has it."""
    return squash((value or "").replace("\t", " "))
