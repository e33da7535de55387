"""How producers print glyphs, read as the text route reads the words (issue 23): WeasyPrint's
break hyphen U+2010, also when cairo redraws it as a word of its own; and a row WeasyPrint
splits over a page break, its marks at one page's foot and its text on the next.

Fixtures: tests/fixtures/typeset/glyphs/ (make_glyph_pdfs.py made them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers.hyphens import Outcome, Vocabulary, texts_to_vocabulary
from extract.readers.pdf.geometry import (
    SETTINGS,
    glyphs_to_text,
    line_to_segments,
    marks_are_breaks,
    words_to_lines,
    words_to_text,
)
from extract.readers.pdf.reading import pdf_to_geometries
from extract.readers.text import clean, clean_lines
from extract.records import Doc, NoteKind
from extract.runner import read_document
from tests import readings
from tests.conftest import ROOT
from tests.variants import CONTENT

HERE = ROOT / "tests" / "fixtures" / "typeset" / "glyphs"
RAW = ROOT / "raw"
TABLES = ("annex_deliverables", "annex_activities", "annex_schedule")


def _content(tables: dict, name: str) -> list[list[object]]:
    """The content columns but `area_printed`, which says where the layout prints the area."""
    columns = [c for c in CONTENT[name] if c != "area_printed"]
    return tables[name][columns].astype(object).values.tolist()


@pytest.fixture(scope="module")
def text_route() -> dict:
    return readings.document(Doc.ANNEX_I, RAW / "annex_i_workplan.txt")


@pytest.mark.parametrize("name", ["weasy_hyphens", "cairo_weasy_hyphens"])
def test_weasyprints_break_hyphen_is_read_as_its_break(name: str, text_route: dict) -> None:
    """Annex I's first deliverables hyphenated by WeasyPrint (its breaks marked U+2010, the
    text's own hyphens '-'), also redrawn by cairo: the text route's facts, each removal noted."""
    pdf = read_document(Doc.ANNEX_I, HERE / f"{name}.pdf")
    ids = list(pdf["annex_deliverables"]["deliverable_id"])
    assert len(ids) == 8
    for table in TABLES:
        rows = text_route[table][text_route[table]["deliverable_id"].isin(ids)]
        assert _content(pdf, table) == _content({table: rows}, table), table
    notes = pdf["extraction_notes"]
    removed = notes[notes["kind"] == NoteKind.HYPHEN_REMOVED]
    assert removed["message"].str.contains("printed as U+2010", regex=False).sum() >= 30
    assert removed["page"].notna().all()
    for table in TABLES:  # U+2010 and U+2011 print as '-': no table holds them
        shown = pdf[table].astype(str).to_string()
        assert "\u2010" not in shown and "\u2011" not in shown, table


def test_u2010_and_u2011_read_as_a_hyphen_on_both_routes() -> None:
    """A U+2010 or U+2011 inside a word prints as '-' and reads '-', in a PDF word and in a
    text export's cell; one ending a PDF word stays, for the line break to decide."""
    assert glyphs_to_text("evidence\u2010based") == "evidence-based"
    assert glyphs_to_text("non\u2011State") == "non-State"
    assert glyphs_to_text("improv\u2010") == "improv\u2010"
    assert clean("an evidence\u2010based body") == "an evidence-based body"
    assert clean("high\u2010 quality", texts_to_vocabulary(["high-quality"])) == "high-quality"


def test_a_u2010_line_end_is_the_producers_mark_only_where_its_hyphens_differ() -> None:
    """Where the document's own hyphens are '-', a line-end U+2010 is removed whatever the word
    lists say ('frame‐' | 'works'); where its hyphens are U+2010 too, the word lists decide."""
    assert marks_are_breaks(True, frozenset("-"))
    assert not marks_are_breaks(True, frozenset({"-", "\u2010"}))  # a font's every hyphen
    assert not marks_are_breaks(True, frozenset())  # no hyphen of its own: nothing to compare
    assert not marks_are_breaks(False, frozenset("-"))
    words = texts_to_vocabulary(["a cross-border framework"])
    lines = ["integrated frame\u2010", "works and cross\u2010", "border"]
    marked = Vocabulary(words.words, words.hyphenated, marked_breaks=True)
    texts, decisions = clean_lines(lines, marked)
    assert texts == ["integrated frameworks", "and crossborder", ""]
    assert [d.outcome for d in decisions] == [Outcome.REMOVED, Outcome.REMOVED]
    texts, _ = clean_lines(lines, words)  # the word lists decide: 'cross-border' is printed
    assert (texts[1][-6:], texts[2]) == ("cross-", "border")


@pytest.mark.parametrize("name", ["weasy_foot_grid", "weasy_foot_norules"])
def test_marks_left_at_a_pages_foot_go_with_the_text_on_the_next(
    name: str, text_route: dict
) -> None:
    """8.2's row begins at page 2's foot with its marks alone (ruled, and unruled below a
    deliverable closed by its number); its text is on page 3: one row, noted, the text
    route's facts (before: 2019Q1 of 6.6 read 'X X')."""
    pdf = read_document(Doc.ANNEX_I, HERE / f"{name}.pdf")
    ids = list(pdf["annex_deliverables"]["deliverable_id"])
    assert ids[-2:] == ["6.6", "8.2"] and len(ids) == 10
    for table in TABLES:
        rows = text_route[table][text_route[table]["deliverable_id"].isin(ids)]
        assert _content(pdf, table) == _content({table: rows}, table), table
    notes = pdf["extraction_notes"]
    carried = notes[notes["message"].str.startswith("the last row of page 2")]
    assert carried["kind"].tolist() == [NoteKind.CONTINUATION_JOINED]
    assert "2019Q1 X" in carried["message"].iloc[0]


def _printed_texts(path: Path) -> tuple[list[str], int]:
    """Every line segment's text, and how many words stand glued to the word before in
    another font (a run cairo set apart: 'Of' 'fi' 'ce')."""
    texts, split = [], 0
    for geo in pdf_to_geometries(path.read_bytes(), path.name, SETTINGS):
        for line in words_to_lines(geo.words):
            split += sum(
                a.font != b.font and b.x0 - a.x1 < SETTINGS.glued * b.size
                for a, b in zip(line, line[1:], strict=False)
            )
            texts.extend(words_to_text(run) for run in line_to_segments(line))
    return texts, split


def test_cairos_split_ligatures_read_as_the_source_pdf() -> None:
    """pdftocairo sets each ligature ('fi', 'ffi') in a font of its own, its own word with no
    gap: the redraw reads line for line as the pdfTeX PDF it redrew, so runs are glued and no
    two words a space apart are (TeX's tightest justified space is 0.19 em, the glue 0.1)."""
    source, _ = _printed_texts(ROOT / "tests" / "fixtures" / "typeset" / "tex_annex_booktabs.pdf")
    redrawn, split = _printed_texts(
        ROOT / "tests" / "fixtures" / "typeset" / "cairo_annex_tex_booktabs.pdf"
    )
    assert split >= 50
    assert redrawn == source
