"""Tables from a PDF's page geometry: words, rules, fills and drawn lines into the typed grid.

Works for any producer (Word, LibreOffice, a browser's print, a typesetter): columns come from
the header's words on each page (a page without a header uses the previous page's columns),
rows from rules where they exist and from the content where they do not, merged cells from
rules in their column or from where their text stands. Every word of a table page is put in
exactly one cell, the header, a prose line or a furniture line; a word that fits none is an
error naming its page.

settings.py names every tolerance (PdfSettings); geometry.py reads a page's words, rules and
fills; header.py finds the header and columns; page.py reads each page with classify.py
(which pages hold the table), extent.py (where its rows begin and end), furniture.py (page
numbers, running heads), prose.py (lines that are no cells), rows.py (bands into rows, cut
by row_cuts.py's ruled or rule-less strategy), cells.py (text and mark cells), spans.py
(merged cells of the spec's spanning column) and breaks.py (rows and words going on over a
page break); roles.py names the key and merged columns from the spec; joining.py is the one
joiner of printed lines into text (hyphens decided and noted); state.py keeps the read's
account; cut.py puts whole a word cut at a narrow cell's edge."""

from __future__ import annotations

from extract.readers.pdf.furniture import (
    furniture_notes,
    furniture_words,
    is_running_line,
    repeated_margin_lines,
)
from extract.readers.pdf.geometry import (
    Fill,
    Geometry,
    Rule,
    Word,
    line_to_segments,
    page_to_geometry,
    words_box,
    words_to_lines,
    words_to_text,
)
from extract.readers.pdf.header import Columns, Header, geometry_to_header
from extract.readers.pdf.page import geometries_to_grid, pdf_to_grid
from extract.readers.pdf.prose import note_mark
from extract.readers.pdf.reading import pdf_to_geometries
from extract.readers.pdf.settings import SETTINGS, PdfSettings
from extract.readers.text import PAGE_NUMBER

__all__ = [
    "PAGE_NUMBER",
    "SETTINGS",
    "Columns",
    "Fill",
    "Geometry",
    "Header",
    "PdfSettings",
    "Rule",
    "Word",
    "furniture_notes",
    "furniture_words",
    "geometries_to_grid",
    "geometry_to_header",
    "is_running_line",
    "line_to_segments",
    "note_mark",
    "page_to_geometry",
    "pdf_to_geometries",
    "pdf_to_grid",
    "repeated_margin_lines",
    "words_box",
    "words_to_lines",
    "words_to_text",
]
