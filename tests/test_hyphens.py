"""Line-break hyphens decided by evidence, and one text clean-up for both routes (issue 23).

Fixtures: tests/fixtures/typeset/hyphens/ (make_hyphen_pdfs.py made them)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import regex

from extract.documents.gb328.pdf import join_block_page_breaks
from extract.documents.gb328.pdf_blocks import page_to_blocks
from extract.readers.hyphens import (
    HYPHEN_SETTINGS,
    NO_VOCABULARY,
    Outcome,
    resolve_line_break_hyphen,
    text_lines_to_vocabulary,
    texts_to_vocabulary,
)
from extract.readers.pdf.geometry import (
    SETTINGS,
    geometries_to_vocabulary,
    glyphs_to_text,
    texts_to_marked_heads,
    words_to_lines,
)
from extract.readers.pdf.reading import pdf_to_geometries
from extract.readers.pdf.state import ReadState
from extract.readers.records import Line
from extract.readers.text import clean, clean_lines, clean_noted, join_pieces, strip_markup
from extract.records import Doc, NoteKind
from extract.runner import read_document
from tests import readings
from tests.conftest import ROOT
from tests.variants import CONTENT

HERE = ROOT / "tests" / "fixtures" / "typeset" / "hyphens"
RAW = ROOT / "raw"
GOLDEN = ROOT / "tests" / "golden"


def _generator():
    spec = importlib.util.spec_from_file_location("make_hyphen_pdfs", HERE / "make_hyphen_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_hyphen_pdfs"] = module
    spec.loader.exec_module(module)
    return module


# --- The rule ---------------------------------------------------------------------------------

DOC_WORDS = texts_to_vocabulary(["the Office and its cross-border work", "evidence based"])


@pytest.mark.parametrize(
    ("left", "right", "outcome", "text"),
    [
        ("Of", "fice", Outcome.REMOVED, "Office"),  # printed whole elsewhere; case kept
        ("cross", "border", Outcome.KEPT, "cross-border"),  # printed hyphenated elsewhere
        ("effec", "tiveness", Outcome.REMOVED, "effectiveness"),  # a word; 'effec' is not
        ("(effec", "tiveness),", Outcome.REMOVED, "effectiveness"),
        ("de", "mographic", Outcome.REMOVED, "demographic"),  # 'de' is a syllable
        ("pro", "grammes", Outcome.REMOVED, "programmes"),  # British spelling of a word
        ("evidence", "based", Outcome.KEPT, "evidence-based"),  # both words, joined is not
        ("low", "wage", Outcome.KEPT, "low-wage"),
        ("export", "oriented", Outcome.KEPT, "export-oriented"),
        ("company", "union", Outcome.KEPT, "company-union"),
        ("home", "host", Outcome.KEPT, "home-host"),
        ("follow", "up", Outcome.UNDECIDED, "follow-up"),  # 'followup' is a rare spelling
        ("Co", "operation", Outcome.UNDECIDED, "Co-operation"),  # a name's prefix
        ("non", "State", Outcome.KEPT, "non-State"),  # a capital opens a word
        ("e", "campus", Outcome.KEPT, "e-campus"),  # no typesetter breaks after one letter
        ("2017", "2021", Outcome.KEPT, "2017-2021"),  # no word broken
    ],
)
def test_a_line_break_hyphen_is_decided_by_evidence(
    left: str, right: str, outcome: Outcome, text: str
) -> None:
    decision = resolve_line_break_hyphen(left, right, DOC_WORDS)
    assert (decision.outcome, decision.text) == (outcome, text)


def test_the_documents_own_words_come_first() -> None:
    """The same break is decided the other way when the document prints the other form."""
    joined = texts_to_vocabulary(["all followup work"])
    hyphened = texts_to_vocabulary(["an effec-tiveness score"])
    assert resolve_line_break_hyphen("follow", "up", joined).text == "followup"
    assert resolve_line_break_hyphen("effec", "tiveness", hyphened).text == "effec-tiveness"


def test_only_removals_and_undecided_cases_want_a_note() -> None:
    assert resolve_line_break_hyphen("Of", "fice", DOC_WORDS).noted
    assert resolve_line_break_hyphen("follow", "up", DOC_WORDS).noted
    assert not resolve_line_break_hyphen("cross", "border", DOC_WORDS).noted


def test_every_break_remnant_of_the_text_exports_keeps_its_hyphen() -> None:
    """What the rule decides for each 'x- y' of raw/: all keep it, none wants a note, so the
    text route's tables and notes stay as they were."""
    seen = 0
    for path in sorted(RAW.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        vocabulary = text_lines_to_vocabulary(strip_markup(line) for line in lines)
        for cell in (cell for line in lines for cell in line.split("\t")):
            seen += cell.count("- ")
            repaired, decisions = clean_noted(cell, vocabulary)
            assert decisions == [], (path.name, [d.printed for d in decisions])
            assert repaired == clean(cell)  # the hyphen kept, the space dropped
            for left, right in regex.findall(r"(\w+)- (?!and\b)(\w+)", cell):
                assert f"{left}-{right}" in repaired
    assert seen >= 6  # high-, export-, capacity-, cross-, company-, and 'sector- and'


def test_glyphs_become_letters() -> None:
    assert glyphs_to_text("e\ufb03cient \ufb01nal \ufb02ow") == "efficient final flow"
    assert glyphs_to_text("follow\u00adup") == "follow-up"  # a hyphen glyph mid-word
    assert glyphs_to_text("pro\u00ad") == "pro\u00ad"  # a hyphenation point, decided later


def test_a_line_ending_in_a_slash_goes_on_without_a_space() -> None:
    assert join_pieces(["empirical knowledge/", "lessons learned"]) == (
        "empirical knowledge/lessons learned"
    )
    assert join_pieces(["labour/OSH", "inspectorates"]) == "labour/OSH inspectorates"


def test_a_line_ending_in_an_en_dash_close_to_its_word_goes_on_without_a_space() -> None:
    assert join_pieces(["by 2018\u2013", "19"]) == "by 2018\u201319"
    assert join_pieces(["pillar 3 \u2013", "Access to"]) == "pillar 3 \u2013 Access to"


# --- One clean-up for both routes -------------------------------------------------------------


def _ruled_bands(path: Path) -> list[list[list]]:
    """The printed lines of each band between two rules of a one-page PDF."""
    (geo,) = pdf_to_geometries(path.read_bytes(), path.name, SETTINGS)
    rules = sorted(r.at for r in geo.hrules)
    return [
        words_to_lines([w for w in geo.words if top < w.yc < bottom])
        for top, bottom in zip(rules, rules[1:], strict=False)
    ]


def test_one_printed_string_gives_one_text_on_both_routes() -> None:
    """Each band of rl_glyphs.pdf reads, through the PDF route's clean-up, to the text the
    text route gives for the same words printed on one line."""
    rows = _generator().GLYPH_ROWS
    bands = _ruled_bands(HERE / "rl_glyphs.pdf")
    assert len(bands) == len(rows)
    state = ReadState(vocabulary=NO_VOCABULARY)
    for lines, (printed, expected) in zip(bands, rows, strict=True):
        _, pdf_text = state.lines_text(lines, 1)
        assert pdf_text == expected, printed
    # The text route, given the break remnant and the slash inside one line, agrees.
    vocabulary = text_lines_to_vocabulary(["to provide high- quality services"])
    assert clean("to provide high- quality services", vocabulary) == rows[0][1]
    assert clean("share knowledge/lessons learned", vocabulary) == rows[1][1]
    kinds = [note.kind for note in state.hyphen_notes]
    assert kinds.count(NoteKind.HYPHEN_REMOVED) == 2  # pro\xad|grammes, contrib -|uted
    assert all(str(1) in note.message for note in state.hyphen_notes)


# --- Typeset documents read as the text route reads them --------------------------------------


def _content(tables: dict, name: str) -> list[list[object]]:
    return tables[name][CONTENT[name]].astype(object).values.tolist()


def test_a_tex_hyphenated_annex_reads_to_the_text_routes_facts() -> None:
    """The whole Annex I set by TeX in narrow justified columns: every deliverable, activity
    and quarter as the text route reads them, each hyphen removed noted with its page."""
    pdf = read_document(Doc.ANNEX_I, HERE / "annex_tex.pdf")
    text = readings.document(Doc.ANNEX_I, RAW / "annex_i_workplan.txt")
    for name in ("annex_deliverables", "annex_activities", "annex_schedule"):
        assert _content(pdf, name) == _content(text, name), name
    notes = pdf["extraction_notes"]
    removed = notes[notes["kind"] == NoteKind.HYPHEN_REMOVED]
    assert len(removed) >= 50
    assert removed["page"].notna().all()
    assert removed["message"].str.contains(r"printed '\w+-\w+', read '\w+'").all()


def test_a_tex_hyphenated_paper_reads_to_the_text_routes_paragraphs() -> None:
    """GB.328 paragraphs 1-8 set justified by TeX, a word broken over pages 1 and 2: each
    reads as the text route's, but where a hyphen is noted as undecided, and there only by
    that hyphen."""
    path = HERE / "gb_paras_tex.pdf"
    geometries = pdf_to_geometries(path.read_bytes(), path.name, SETTINGS)
    vocabulary = geometries_to_vocabulary(geometries)
    blocks: list[Line] = []
    decided = []
    for geo in geometries:
        for _, printed in page_to_blocks(geo, list(geo.words), 10.0, ""):
            texts, decisions = clean_lines([p.text for p in printed], vocabulary)
            decided.extend(decisions)
            blocks.append(Line(len(blocks) + 1, join_pieces(texts), geo.no))
    blocks, broken = join_block_page_breaks(blocks, vocabulary)
    assert [note.kind for note in broken] == [NoteKind.HYPHEN_REMOVED]  # 'strength-ening'
    paragraphs: list[str] = []
    for block in blocks:
        if paragraphs and not regex.match(r"\d+\. ", block.text):  # from the page before
            paragraphs[-1] = join_pieces([paragraphs[-1], block.text])
        else:
            paragraphs.append(block.text)
    removed = sum(d.outcome == Outcome.REMOVED for d in decided)
    kept_as_printed = [
        (d.printed, d.printed.replace("-", "")) for d in decided if d.outcome != Outcome.REMOVED
    ]
    undecided = len(kept_as_printed)
    with (GOLDEN / "paragraphs.csv").open(encoding="utf-8", newline="") as handle:
        gold = {int(r["para_no"]): r["text"] for r in csv.DictReader(handle)}
    assert len(paragraphs) == 8
    for paragraph in paragraphs:
        number, text = paragraph.split(" ", 1)
        for printed, joined in kept_as_printed:
            text = text.replace(printed, joined)
        assert text == gold[int(number.rstrip("."))]
    assert removed >= 15
    assert undecided <= 2


def test_a_word_broken_at_a_page_break_inside_a_row_is_decided() -> None:
    """Deliverable 4.1's row cut over a page break inside a word of its text ('under-' |
    'stand') and of its second activity: both words read whole, noted on the first page."""
    pdf = read_document(Doc.ANNEX_I, HERE / "annex_page_break_tex.pdf")
    text = readings.document(Doc.ANNEX_I, RAW / "annex_i_workplan.txt")
    ids = list(pdf["annex_deliverables"]["deliverable_id"])
    assert ids == ["2.1", "4.1", "6.5", "8.1"]
    for name in ("annex_deliverables", "annex_activities", "annex_schedule"):
        rows = text[name][text[name]["deliverable_id"].isin(ids)]
        assert _content(pdf, name) == _content({name: rows}, name), name
    notes = pdf["extraction_notes"]
    removed = notes[(notes["kind"] == NoteKind.HYPHEN_REMOVED) & (notes["page"] == 1)]
    generator = _generator()
    items = {d.did: d for d in generator.mk.load()[0]}
    for part in (items["4.1"].text, items["4.1"].activity_lines()[1]):
        first, rest = generator.broken(part)
        printed = first.split(" ")[-1] + rest.split(" ")[0]
        assert removed["message"].str.contains(f"printed '{printed}'", regex=False).any()


@pytest.mark.parametrize(
    ("doc", "name"), [(Doc.ANNEX_I, "annex_i_workplan.txt"), (Doc.GB328, "gb328_ins_5_1_add1.txt")]
)
def test_a_text_exports_break_remnant_is_decided_and_noted(
    tmp_path: Path, doc: Doc, name: str
) -> None:
    """A text export's table cell printing 'implemen- tation' (the word printed whole
    elsewhere) reads as the real file does, the removal noted with its line."""
    raw = (RAW / name).read_text(encoding="utf-8")
    at = raw.rindex("implementation")
    path = tmp_path / name
    path.write_text(raw[:at] + "implemen- tation" + raw[at + len("implementation") :], "utf-8")
    altered, real = read_document(doc, path), readings.document(doc, RAW / name)
    for table in CONTENT.keys() & altered.keys():
        assert _content(altered, table) == _content(real, table), table
    notes = altered["extraction_notes"]
    removed = notes[notes["kind"] == NoteKind.HYPHEN_REMOVED]
    assert removed["message"].str.contains("printed 'implemen-tation'").tolist() == [True]
    assert removed["line"].notna().all()


def test_a_name_prefix_break_is_removed_where_the_document_breaks_syllables() -> None:
    """'Multi-' | 'national' is undecided on its own (a name may spell 'Co-operation'), but a
    document that also breaks 'effec-' | 'tiveness' hyphenates by itself: the joined word it
    prints elsewhere is read."""
    words = texts_to_vocabulary(["Multinational Enterprises and effectiveness", "Multinational"])
    assert resolve_line_break_hyphen("Multi", "national", words).outcome == Outcome.UNDECIDED
    breaking = words.with_breaks(["effec", "cross"], HYPHEN_SETTINGS)
    assert breaking.syllable_breaks == ("effec",)
    decision = resolve_line_break_hyphen("Multi", "national", breaking)
    assert (decision.outcome, decision.text) == (Outcome.REMOVED, "Multinational")
    assert "'effec'-" in decision.reason
    # Only a joined word the document prints elsewhere: 'Co-operation' stays undecided.
    assert resolve_line_break_hyphen("Co", "operation", breaking).outcome == Outcome.UNDECIDED


def test_a_break_after_no_word_is_removed_where_the_document_breaks_syllables() -> None:
    """'corpo-' | 'rates': neither 'corporates' nor 'corpo' is in the word list, so alone it is
    undecided; a document that also breaks 'effec-' elsewhere hyphenates by itself."""
    words = texts_to_vocabulary(["large firms"])
    assert resolve_line_break_hyphen("corpo", "rates", words).outcome == Outcome.UNDECIDED
    breaking = words.with_breaks(["effec", "corpo"], HYPHEN_SETTINGS)
    decision = resolve_line_break_hyphen("corpo", "rates", breaking)
    assert (decision.outcome, decision.text) == (Outcome.REMOVED, "corporates")
    # The break's own head is no evidence of itself.
    alone = words.with_breaks(["corpo"], HYPHEN_SETTINGS)
    assert resolve_line_break_hyphen("corpo", "rates", alone).outcome == Outcome.UNDECIDED


def test_a_stem_printed_elsewhere_is_evidence_for_its_inflected_form() -> None:
    """'frame-works' where the document prints 'framework'; 'follow-ups' where it prints
    'follow-up'."""
    words = texts_to_vocabulary(["a framework for follow-up"])
    assert resolve_line_break_hyphen("frame", "works", words).text == "frameworks"
    assert resolve_line_break_hyphen("follow", "ups", words).text == "follow-ups"
    assert resolve_line_break_hyphen("frame", "works", NO_VOCABULARY).outcome == (Outcome.UNDECIDED)


def test_a_word_either_way_is_removed_where_the_document_breaks_syllables() -> None:
    """'dis-proportionately': both parts words, the joined form a word; without the document's
    word it is undecided, in a document that breaks syllables elsewhere it is removed, unless
    the document prints the prefix hyphenated ('inter-agency' keeps 'inter-governmental')."""
    assert resolve_line_break_hyphen("dis", "proportionately", NO_VOCABULARY).outcome == (
        Outcome.UNDECIDED
    )
    breaking = NO_VOCABULARY.with_breaks(["effec"], HYPHEN_SETTINGS)
    assert resolve_line_break_hyphen("dis", "proportionately", breaking).text == (
        "disproportionately"
    )
    agency = texts_to_vocabulary(["an inter-agency meeting"]).with_breaks(
        ["effec"], HYPHEN_SETTINGS
    )
    assert resolve_line_break_hyphen("inter", "governmental", agency).text == "inter-governmental"
    framework = texts_to_vocabulary(["a framework"])
    assert resolve_line_break_hyphen("frame", "works", framework).text == "frameworks"
    # A prefix English writes both ways, with no word of the document to go by: kept, noted.
    decision = resolve_line_break_hyphen("inter", "governmental", breaking)
    assert (decision.outcome, decision.text) == (Outcome.UNDECIDED, "inter-governmental")


def test_a_break_inside_capitals_printed_nowhere_else_is_noted() -> None:
    """'AC-TRAV' (TeX breaking ACTRAV): kept as printed, but never silently."""
    decision = resolve_line_break_hyphen("AC", "TRAV", NO_VOCABULARY)
    assert decision.outcome == Outcome.UNDECIDED and decision.noted
    assert resolve_line_break_hyphen("AC", "TRAV", texts_to_vocabulary(["ACTRAV"])).text == (
        "ACTRAV"
    )


def test_capitals_printed_nowhere_on_their_own_join_where_the_document_breaks_syllables() -> None:
    """TeX broke 'ACTRAV' as 'AC-' | 'TRAV' in a document that breaks 'Conclu-' | 'sion' too
    (kept, exit 0); 'ILO-' | 'OECD' joins names the document prints on their own."""
    breaking = texts_to_vocabulary(["the ILO and the OECD"]).with_breaks(
        ["Conclu"], HYPHEN_SETTINGS
    )
    decision = resolve_line_break_hyphen("AC", "TRAV", breaking)
    assert (decision.outcome, decision.text) == (Outcome.REMOVED, "ACTRAV")
    assert "'Conclu'-" in decision.reason
    assert resolve_line_break_hyphen("ILO", "OECD", breaking).outcome == Outcome.UNDECIDED


def test_a_word_printed_hyphenated_is_no_prefix_for_its_other_compounds() -> None:
    """'home-' | 'workers' where the document prints 'home-based' and breaks syllables: the
    hyphen was kept silently, as if 'home' were 'inter'; 'homeworkers' is a word."""
    words = texts_to_vocabulary(["home-based work", "home-host dialogue"])
    breaking = words.with_breaks(["Declara"], HYPHEN_SETTINGS)
    assert resolve_line_break_hyphen("home", "workers", breaking).text == "homeworkers"
    decision = resolve_line_break_hyphen("home", "workers", words)
    assert decision.outcome == Outcome.UNDECIDED and decision.noted


def test_a_marked_break_at_a_columns_foot_is_the_producers() -> None:
    """WeasyPrint marks its breaks with U+2010; a page's last 'dis\u2010' read as 'dis-' before
    the pages were joined was then decided as a plain hyphen (kept, 'dis-seminate'). A word
    printed with the mark and never with '-' is the producer's break wherever it ends."""
    heads = texts_to_marked_heads(
        ["to dis\u2010", "the cross-", "and dis\u2010", "the cross\u2010"]
    )
    assert heads == frozenset({"dis"})
    words = replace(
        texts_to_vocabulary(["a broad range", "evidence-based"]),
        marked_breaks=True,
        marked_heads=heads,
    )
    blocks = [
        Line(1, "supply chains to dis-", 3),
        Line(2, "seminate a broad range", 4),
        Line(3, "work across the cross-", 4),
        Line(4, "border chains", 5),
    ]
    joined, notes = join_block_page_breaks(blocks, words)
    assert [b.text for b in joined] == [
        "supply chains to disseminate",
        "a broad range",
        "work across the cross-",
        "border chains",
    ]
    assert [n.kind for n in notes] == [NoteKind.HYPHEN_REMOVED]
    assert "U+2010" in notes[0].message


def test_a_ligature_mapped_to_another_character_stops_the_reader() -> None:
    """Ghostscript's re-distill of a Chromium PDF printed 'deficits' as 'deücits' and
    WeasyPrint's 'effective' as 'e昀昀ective': letters lost, so a line naming the page."""
    from extract.errors import SourceError
    from extract.readers.pdf.geometry import Geometry, Word, check_glyphs_mapped

    def page(*texts: str) -> Geometry:
        words = tuple(
            Word(t, 10.0 * i, 10.0, 10.0 * i + 8, 20.0, 10.0, "F") for i, t in enumerate(texts)
        )
        return Geometry(3, 600.0, 800.0, words, (), (), (), (), ())

    check_glyphs_mapped(page("Côte", "d'Ivoire", "2016–17", "naïve", "²"))  # letters of their own
    for odd, reading in (("deücits", "deficits"), ("e昀昀ective", "effective")):
        with pytest.raises(SourceError, match=f"{odd}.*reads as '{reading}'") as caught:
            check_glyphs_mapped(page("the", odd))
        assert caught.value.page == 3


def test_a_capital_after_a_full_stop_is_no_name() -> None:
    """'... programmes. Re-' | 'search will': a sentence's first word, decided as any word
    ('research' printed elsewhere); 'Economic Co-' | 'operation' stays a name's question."""
    words = texts_to_vocabulary(["cooperation and research"])
    assert resolve_line_break_hyphen("programmes. Re", "search", words).text == "Research"
    assert resolve_line_break_hyphen("Economic Co", "operation", words).outcome == (
        Outcome.UNDECIDED
    )


def test_a_word_broken_at_a_columns_foot_is_decided() -> None:
    """Two columns on one page: 'finan-' ends the left column's last block and 'cial' opens
    the right column's first; the word was kept broken with exit 0 (WeasyPrint, TeX)."""
    words = texts_to_vocabulary(["financial institutions"])
    blocks = [
        Line(1, "32. The Office will work with regional finan-", 3),
        Line(2, "cial institutions to foster investments.", 3),
    ]
    joined, notes = join_block_page_breaks(blocks, words)
    assert [b.text for b in joined] == [
        "32. The Office will work with regional financial",
        "institutions to foster investments.",
    ]
    assert [n.kind for n in notes] == [NoteKind.HYPHEN_REMOVED]


def test_a_text_exports_break_remnant_in_a_paragraph_is_decided_as_from_pdf(
    tmp_path: Path,
) -> None:
    """GB.328's paragraphs go through the same clean-up as every cell: a text export's
    'implemen- tation' reads 'implementation', noted, as a PDF's line end does (it was kept
    as 'implemen-tation' on the text route only)."""
    raw = (RAW / "gb328_ins_5_1_add1.txt").read_text(encoding="utf-8")
    at = raw.index("implementation")
    path = tmp_path / "gb328.txt"
    path.write_text(raw[:at] + "implemen- tation" + raw[at + len("implementation") :], "utf-8")
    altered = read_document(Doc.GB328, path)
    real = readings.document(Doc.GB328, RAW / "gb328_ins_5_1_add1.txt")
    assert _content(altered, "paragraphs") == _content(real, "paragraphs")
    notes = altered["extraction_notes"]
    removed = notes[notes["kind"] == NoteKind.HYPHEN_REMOVED]
    assert removed["message"].str.contains(r"paragraph \d+: .*printed 'implemen-tation'").any()
