"""GB.328/INS/5/1(Add.1) from its PDF (fixtures made by tests/fixtures/gb328/make_gb328_pdfs.py):
the same tables as from the text export, plus pages checked against poppler's own reading."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import regex

from extract.documents.gb328.pdf_blocks import Printed, check_words_placed
from extract.errors import SourceError
from extract.readers.pdf import Geometry, Word
from extract.readers.pdf import words_to_text as _text
from extract.records import Doc
from extract.runner import build, build_tables, read_document

GB328_PDFS = Path(__file__).parent / "fixtures" / "gb328"
PRODUCERS = Path(__file__).parent / "fixtures" / "producers"
FIXTURES = ("chromium_endnotes", "lo_footnotes", "lo_small")

# Where a thing was found, not what it says: differs between text and PDF by design.
PROVENANCE = {
    "line",
    "line_first",
    "line_last",
    "ref_line",
    "page",
    "page_first",
    "page_last",
    "bbox",
    "path",
    "sha256",
    "pages",
}
GB328_TABLES = (
    "paragraphs",
    "footnotes",
    "action_areas",
    "follow_up_items",
    "appendix_deliverables",
    "appendix_areas",
    "documents",
)


def _content(table: pd.DataFrame, name: str) -> pd.DataFrame:
    if "doc" in table:
        table = table[table.doc == "gb328"]
    columns = [c for c in table.columns if c not in PROVENANCE]
    return table[columns].reset_index(drop=True).astype(object)


@pytest.fixture(scope="module", params=FIXTURES)
def read(request: pytest.FixtureRequest) -> tuple[str, dict[str, pd.DataFrame]]:
    """GB.328's reader alone: every table these tests look at is its own."""
    return request.param, read_document(Doc.GB328, GB328_PDFS / f"{request.param}.pdf")


def test_every_gb328_pdf_gives_the_text_routes_tables(
    read: tuple[str, dict[str, pd.DataFrame]], real_tables: dict[str, pd.DataFrame]
) -> None:
    name, tables = read
    for table in GB328_TABLES:
        pd.testing.assert_frame_equal(
            _content(tables[table], table),
            _content(real_tables[table], table),
            obj=f"{name}: {table}",
        )


def _pdftotext_pages(name: str) -> list[str]:
    """Poppler's reading of each page, stored beside the fixture when it was made."""
    text = (GB328_PDFS / f"{name}.txt").read_text(encoding="utf-8")
    return [_squeezed([page]) for page in text.split("\f")]


def _squeezed(words: list[str]) -> str:
    """Spaces and hyphens out: pdftotext drops a hyphen that ends a line ('upscaling')."""
    return regex.sub(r"[\s\-\u2010]+", "", " ".join(words))


def test_paragraph_pages_agree_with_pdftotext(read: tuple[str, dict[str, pd.DataFrame]]) -> None:
    """A paragraph's number and first words stand on page_first (and on no page before), its
    last words on page_last: checked against poppler, not against our reader."""
    name, tables = read
    pages = _pdftotext_pages(name)
    paragraphs = tables["paragraphs"]
    assert paragraphs.page_first.notna().all() and paragraphs.page_last.notna().all()
    for row in paragraphs.itertuples():
        words = row.text.split()
        opening = f"{row.para_no}." + _squeezed(words[:6])
        ending = _squeezed(words[-5:])
        found = [i + 1 for i, page in enumerate(pages) if opening in page]
        assert found[:1] == [row.page_first], (name, row.para_no, found)
        assert ending in pages[row.page_last - 1], (name, row.para_no, row.page_last)
    assert (paragraphs.page_last > paragraphs.page_first).any(), "no paragraph runs over a page"


def test_document_pages_and_matrix_pages(read: tuple[str, dict[str, pd.DataFrame]]) -> None:
    name, tables = read
    pages = len(_pdftotext_pages(name)) - 1  # the last form feed ends the last page
    gb328 = tables["documents"].set_index("doc").loc["gb328"]
    assert gb328.pages == pages
    rows = tables["appendix_deliverables"]
    assert rows.page.is_monotonic_increasing and rows.page.max() <= pages
    assert rows.bbox.notna().all()
    first_page = rows.bbox.str.extract(r"^(\d+):", expand=False).astype(int)
    assert (first_page == rows.page).all()


def test_reader_notes_each_judgement(read: tuple[str, dict[str, pd.DataFrame]]) -> None:
    """Running heads and page numbers dropped, paragraphs joined over a page: each noted."""
    name, tables = read
    notes = tables["extraction_notes"]
    notes = notes[notes.doc == "gb328"]
    furniture = notes[notes.kind == "furniture_dropped"]
    pages = tables["documents"].set_index("doc").loc["gb328"].pages
    assert furniture.page.nunique() >= pages - 1, name  # page 1 may carry no page number
    joined = notes[(notes.kind == "continuation_joined") & notes.message.str.contains("paragraph")]
    spanning = tables["paragraphs"].query("page_last > page_first").para_no
    for no in spanning:
        assert joined.message.str.contains(f"paragraph {no} continues on page").any(), (name, no)


def test_both_documents_from_pdf_reconcile_as_from_text(
    real_tables: dict[str, pd.DataFrame],
) -> None:
    tables = build_tables(PRODUCERS / "lo_table.pdf", GB328_PDFS / "lo_footnotes.pdf")
    pd.testing.assert_frame_equal(tables["reconciliation"], real_tables["reconciliation"])
    # The message says whether Annex I printed the area on the row or the merged cell carried
    # it there: layout, which differs between the text export and a merged PDF cell.
    columns = [c for c in real_tables["discrepancies"].columns if c != "message"]
    pd.testing.assert_frame_equal(
        tables["discrepancies"][columns], real_tables["discrepancies"][columns]
    )


def test_audit_view_shows_both_pdfs() -> None:
    from extract.runner import output_files

    built = build(PRODUCERS / "lo_table.pdf", GB328_PDFS / "chromium_endnotes.pdf")
    audit = output_files(built.tables, built)["audit.html"].decode("utf-8")
    assert 'id="Annex I-p-1"' not in audit  # ids carry no spaces
    sections = regex.findall(r'<section id="([^"]+)">', audit)
    annex_pages = built.tables["documents"].set_index("doc").pages
    assert len(sections) == annex_pages.sum()
    assert audit.count("[paragraph]") >= 37 and audit.count("[item]") >= 9
    assert "GB.328 read from tests/fixtures/gb328/chromium_endnotes.pdf" in audit or (
        "chromium_endnotes.pdf" in audit
    )


def test_a_pdf_without_the_matrix_is_refused() -> None:
    with pytest.raises(SourceError, match="no activity matrix found"):
        read_document(Doc.GB328, PRODUCERS / "chromium_grid.pdf")


def _word(text: str, x0: float, size: float = 10.0, font: str = "Regular") -> Word:
    return Word(text, x0, 100.0, x0 + 6 * len(text), 110.0, size, font)


def test_a_word_in_no_block_is_an_error_naming_the_page() -> None:
    words = [_word("Alpha", 10), _word("Beta", 50)]
    geo = Geometry(3, 600, 800, tuple(words), (), (), (), (), ())
    block = (words[0],), [Printed((words[0],), "Alpha", words[0].box, 10.0, "")]
    with pytest.raises(SourceError, match="page 3: 1 word.*'Beta'"):
        check_words_placed(geo, words, [block], "paper.pdf")


def test_words_without_a_gap_are_glued() -> None:
    """A bold 'First' and its comma are two words to pdfplumber (the font changes), one to
    a reader; a real space between words stays."""
    bold = Word("First", 10, 100, 35, 110, 10, "Serif-Bold")
    comma = Word(",", 35.2, 100, 37, 110, 10, "Serif")
    the = Word("the", 39.5, 100, 55, 110, 10, "Serif")
    assert _text([bold, comma, the]) == "First, the"


def test_cli_reads_both_pdfs_chosen_by_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PDF named .txt is still read as a PDF; two runs give the same bytes, audit included."""
    from pipeline import main
    from tests.test_cli import folder_bytes

    paper = tmp_path / "paper.txt"
    paper.write_bytes((GB328_PDFS / "lo_small.pdf").read_bytes())
    args = ["run", "--annex", str(PRODUCERS / "lo_table.pdf"), "--gb328", str(paper)]
    assert main([*args, "--out-dir", str(tmp_path / "a")]) == 0
    assert main([*args, "--out-dir", str(tmp_path / "b")]) == 0
    first, second = folder_bytes(tmp_path / "a"), folder_bytes(tmp_path / "b")
    assert first == second and "audit.html" in first
    documents = pd.read_csv(tmp_path / "a" / "documents.csv").set_index("doc")
    assert documents.loc["gb328", "pages"] == 9
    assert "audit.html" in capsys.readouterr().out


def test_a_number_above_a_larger_word_is_no_footnote_mark() -> None:
    """'23' of 'Date: 23 February' stood 70 pt above a 14 pt title word starting 2 pt to its
    right and became '²³'; a mark shares its follower's line. A mark 3.1 pt before its note's
    first word (DejaVu Serif 10 pt) is still one."""
    from extract.readers.pdf.geometry import _superscripts

    day = Word("23", 100, 100, 110, 110, 10, "Sans")
    title = Word("supply", 111, 170, 160, 184, 14, "Sans-Bold")
    assert [w.text for w in _superscripts([day, title])] == ["23", "supply"]
    mark = Word("1", 60, 640, 64, 647, 7, "Serif")
    note = Word("As", 67.1, 641.6, 80, 651.6, 10, "Serif")
    assert [w.text for w in _superscripts([mark, note])][0] == "¹"


def _page(no: int, lines: list[tuple[str, float]], height: float = 842) -> Geometry:
    words = []
    for text, top in lines:
        x = 72.0
        for token in text.split():
            words.append(Word(token, x, top, x + 6 * len(token), top + 10, 10, "Serif"))
            x += 6 * len(token) + 3
    return Geometry(no, 595, height, tuple(words), (), (), (), (), ())


def test_running_heads_inside_a_wide_margin_are_furniture() -> None:
    """A word processor sets the header inside a 2.54 cm margin (72 pt down, beyond the 7%
    band): repeated at one height on every page it is furniture, on page 1 too, while the
    same symbol lower in page 1's front matter is text."""
    from extract.readers.pdf import SETTINGS, furniture_words, repeated_margin_lines

    head = ("GB.328/INS/5/1(Add.1)", 72.0)
    pages = [
        _page(1, [head, ("Governing Body", 100), ("GB.328/INS/5/1(Add.1)", 120)]),
        *(_page(n, [head, (f"Paragraph text on page {n}", 100)]) for n in (2, 3, 4)),
    ]
    repeated = repeated_margin_lines(pages, SETTINGS)
    first = [_text(line) for line in furniture_words(pages[0], repeated, SETTINGS)]
    assert first == ["GB.328/INS/5/1(Add.1)"]
    kept = [w for w in pages[0].words if w.top > 90]
    assert _text(kept).endswith("GB.328/INS/5/1(Add.1)")
    # Text between the head and the page's edge keeps a repeated line from being furniture.
    crowded = _page(5, [("Draft", 40), head, ("Body", 100)])
    assert furniture_words(crowded, repeated, SETTINGS) == []


def test_text_beside_the_matrix_is_a_footnote_or_an_error() -> None:
    """Item text that overflowed below a page's table was once 'left out' with a note; now
    only footnotes (and a short heading above endnotes) may stand outside the matrix."""
    from extract.documents.gb328.pdf import _notes_after_the_body
    from extract.readers.grid import Grid, ProseLine

    notes = (ProseLine(9, 50, "Notes"), ProseLine(9, 51, "¹ As requested by the Body."))
    lines = _notes_after_the_body(Grid("p.pdf", (), (), after=notes), "¹", "p.pdf")
    assert [(line.page, line.text) for line in lines] == [(9, "Notes"), (9, notes[1].text)]
    stray = (ProseLine(7, 60, "the formal economy, establishing independent and"),)
    with pytest.raises(SourceError, match="page 7: text outside the activity matrix"):
        _notes_after_the_body(Grid("p.pdf", (), (), after=stray), "", "p.pdf")


def test_a_mark_without_its_footnote_stops_the_run() -> None:
    from extract.documents.gb328.pdf import check_marks_answered
    from extract.readers.records import Line

    body = [Line(1, "Revised programme 2017–21¹", 1), Line(2, "1. Text with a mark²", 2)]
    with pytest.raises(SourceError, match="page 1: footnote mark 1"):
        check_marks_answered(body, "p.pdf")
    check_marks_answered([*body, Line(3, "¹ A note.", 2), Line(4, "² Another.", 3)], "p.pdf")
