"""The typeset fixtures read as the text route reads the same document, or stop with one line
naming what they show: pdfLaTeX (booktabs, full rules, one and two columns), WeasyPrint, and
Ghostscript and cairo re-distills (issue 23). `tests/fixtures/typeset/sweep.py` measures 150
more layouts of the same producers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from extract.records import Doc
from extract.runner import read_document
from tests import readings
from tests.conftest import ROOT
from tests.variants import CONTENT

TYPESET = Path(__file__).parent / "fixtures" / "typeset"
TABLES = {
    Doc.ANNEX_I: ["annex_deliverables", "annex_activities", "annex_schedule", "footnotes"],
    Doc.GB328: [
        "paragraphs",
        "footnotes",
        "action_areas",
        "follow_up_items",
        "appendix_deliverables",
        "appendix_areas",
    ],
}
TEXT = {Doc.ANNEX_I: "annex_i_workplan.txt", Doc.GB328: "gb328_ins_5_1_add1.txt"}
# What each fixture is expected to give: None for the text route's tables, else the words
# of the one line it stops with.
EXPECTED: dict[str, str | None] = {
    "cairo_gb_lo_footnotes": None,
    "gs_annex_lo_table": None,
    "gs_gb_tex_twocol": None,
    "tex_annex_grid": None,
    "tex_gb_onecol": None,
    "tex_gb_twocol": None,
    "weasy_annex_hyphens": None,
    "weasy_gb_footnotes": None,
    # LaTeX numbered the note under a longtable's repeated head 0, its mark in the head 1:
    # the PDF itself holds no footnote 1.
    "tex_annex_booktabs": "footnote mark 1 is printed",
    "cairo_annex_tex_booktabs": "footnote mark 1 is printed",
}


def test_every_typeset_fixture_has_an_expectation() -> None:
    assert sorted(p.stem for p in TYPESET.glob("*.pdf")) == sorted(EXPECTED)


@pytest.fixture(scope="module")
def text_tables() -> dict[Doc, dict[str, pd.DataFrame]]:
    return {doc: readings.document(doc, ROOT / "raw" / name) for doc, name in TEXT.items()}


def _content(tables: dict[str, pd.DataFrame], name: str, doc: Doc) -> pd.DataFrame:
    frame = tables[name]
    if name == "footnotes":
        frame = frame[frame["doc"] == doc.value]
    columns = [c for c in CONTENT[name] if c != "area_printed"]
    return frame[columns].reset_index(drop=True)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_typeset_fixture_reads_as_the_text_or_stops_in_one_line(
    name: str, text_tables: dict[Doc, dict[str, pd.DataFrame]]
) -> None:
    doc = Doc.ANNEX_I if "_annex_" in name else Doc.GB328
    path = TYPESET / f"{name}.pdf"
    stop = EXPECTED[name]
    if stop is not None:
        with pytest.raises(SourceError, match=stop) as caught:
            read_document(doc, path)
        assert "\n" not in str(caught.value)
        return
    got = read_document(doc, path)
    for table in TABLES[doc]:
        pd.testing.assert_frame_equal(
            _content(got, table, doc), _content(text_tables[doc], table, doc), obj=table
        )
