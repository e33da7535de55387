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


@pytest.mark.parametrize("name", PDFS)
def test_objects_equal_pdfplumbers_own(name: str) -> None:
    with pdfplumber.open(FIXTURES / name) as pdf:
        for page in pdf.pages[:1]:
            ours = page_to_objects(page)
            theirs: dict[str, list[dict]] = {}
            for obj in page.iter_layout_objects(page.layout._objs):
                if obj["object_type"] != "anno":
                    theirs.setdefault(obj["object_type"], []).append(obj)
            assert list(ours) == list(theirs)
            for kind in theirs:
                assert len(ours[kind]) == len(theirs[kind])
                for mine, their in zip(ours[kind], theirs[kind], strict=True):
                    assert list(mine.items()) == list(their.items())
            assert page.objects is ours  # pdfplumber's own properties read these


def test_a_changed_value_is_seen() -> None:
    """The comparison above can fail: a char whose size is altered no longer matches."""
    with pdfplumber.open(FIXTURES / PDFS[0]) as pdf:
        page = pdf.pages[0]
        ours = page_to_objects(page)
        first = next(o for o in page.layout._objs if type(o).__name__ == "LTChar")
        their = page.process_object(first)
        mine = dict(ours["char"][0])
        assert list(mine.items()) == list(their.items())
        mine["size"] += 0.5
        assert list(mine.items()) != list(their.items())
