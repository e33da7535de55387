"""The reader's own object dicts equal pdfplumber's `Page.process_object`, key for key and in
the same order, on pages of every producer the fixtures hold."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extract.readers.pdf.objects import page_to_objects

FIXTURES = Path(__file__).parent / "fixtures"
PDFS = [
    "producers/lo_table.pdf",  # LibreOffice
    "producers/chromium_shaded.pdf",  # Chromium, fills
    "producers/variants/c_svg_dot.pdf",  # curves as marks
    "gb328/chromium_endnotes.pdf",
    "typeset/tex_annex_booktabs.pdf",  # pdfLaTeX
    "typeset/weasy_gb_footnotes.pdf",  # WeasyPrint
    "typeset/cairo_annex_tex_booktabs.pdf",  # cairo redraw
    "typeset/gs_annex_lo_table.pdf",  # Ghostscript redistill
]


def _differences(page: pdfplumber.page.Page) -> list[str]:
    """Where the reader's objects differ from pdfplumber's own on a page, in words."""
    ours = page_to_objects(page)
    theirs: dict[str, list[dict]] = {}
    for obj in page.iter_layout_objects(page.layout._objs):
        if obj["object_type"] != "anno":
            theirs.setdefault(obj["object_type"], []).append(obj)
    if list(ours) != list(theirs):
        return [f"kinds {list(ours)} against {list(theirs)}"]
    return [
        f"{kind} {i}: {mine} against {their}"
        for kind in theirs
        for i, (mine, their) in enumerate(zip(ours[kind], theirs[kind], strict=True))
        if list(mine.items()) != list(their.items())
    ] + [f"{kind}: count" for kind in theirs if len(ours[kind]) != len(theirs[kind])]


@pytest.mark.parametrize("name", PDFS)
def test_objects_equal_pdfplumbers_own(name: str) -> None:
    with pdfplumber.open(FIXTURES / name) as pdf:
        page = pdf.pages[0]
        assert _differences(page) == []
        assert page.objects is page._objects  # pdfplumber's own properties read ours


def test_a_changed_value_is_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above can fail: with the reader's conversion dropping one attribute,
    every char differs."""
    from extract.readers.pdf import objects

    real = objects._attributes
    monkeypatch.setattr(
        objects, "_attributes", lambda obj: {k: v for k, v in real(obj).items() if k != "size"}
    )
    with pdfplumber.open(FIXTURES / PDFS[0]) as pdf:
        assert any(d.startswith("char 0:") for d in _differences(pdf.pages[0]))


@pytest.mark.parametrize("norm", [None, "NFC"])
def test_objects_equal_pdfplumbers_own_on_a_page_box_off_the_origin(norm: str | None) -> None:
    """No fixture's page box starts away from (0, 0), so the shift by the box's corner and
    the Unicode normalisation were never compared (found in review)."""
    import io

    from tests.minimal_pdf import text_pages_pdf

    content = b"BT /F1 10 Tf 90 700 Td (Cafe\\351 and rules) Tj ET 40 60 200 1 re f"
    data = text_pages_pdf([(content, False)], mediabox=b"20 30 615 872")
    with pdfplumber.open(io.BytesIO(data), unicode_norm=norm) as pdf:
        page = pdf.pages[0]
        assert page.mediabox[0] == 20  # pdfplumber turns the box top-down: (20, -30, ...)
        assert _differences(page) == []
        assert page.objects["char"] and page.objects["rect"]
