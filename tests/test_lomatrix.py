"""The GB.328 activity matrix from LibreOffice prints the sweep read wrong (issue 23):
tests/fixtures/typeset/lomatrix, made by make_lomatrix.py there. Their body is cut short, so
the matrix is compared row by row with the text route's, not the whole tables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from extract.documents.base import Reading
from extract.documents.gb328.appendix import check_matrix_whole, check_no_empty_row_inside_item
from extract.documents.gb328.matrix import timing_completes
from extract.documents.gb328.read import read_gb328
from extract.documents.gb328.records import AppendixRow, Timing, TimingKind
from extract.errors import SourceError
from extract.readers.hyphens import NO_VOCABULARY, texts_to_vocabulary
from extract.readers.pdf import Word
from extract.readers.pdf.cut import lines_to_cut_words
from extract.records import NoteKind
from tests.variants import GB328

LOMATRIX = Path(__file__).parent / "fixtures" / "typeset" / "lomatrix"
FIXTURES = ["lo_split_timing", "lo_narrow_area"]


@cache
def reading(path: Path) -> Reading:
    return read_gb328(path)


def row_facts(row: AppendixRow) -> tuple:
    timing = row.timing
    return (
        row.deliverable_id,
        row.item_no,
        row.text,
        timing.kind,
        timing.start,
        timing.end,
        row.area_nos,
    )


@pytest.mark.parametrize("name", FIXTURES)
def test_matrix_rows_are_the_text_routes(name: str) -> None:
    got = reading(LOMATRIX / f"{name}.pdf").parsed
    want = reading(GB328).parsed
    assert [row_facts(r) for r in got.rows] == [row_facts(r) for r in want.rows]
    assert [(i.item_no, i.conclusion, i.text) for i in got.items] == [
        (i.item_no, i.conclusion, i.text) for i in want.items
    ]


def test_a_timing_cut_by_the_page_break_joins_its_row() -> None:
    """Deliverable 8.1's timing runs over the page break: '… final assessment by' | '2022'."""
    paper = reading(LOMATRIX / "lo_split_timing.pdf").parsed
    row = next(r for r in paper.rows if r.deliverable_id == "8.1")
    assert row.timing.kind == TimingKind.MILESTONES
    assert row.timing.raw == "Mid-term assessment by 2020 and final assessment by 2022"
    assert len({page for page, _ in row.boxes}) == 2
    joined = [
        n
        for n in paper.notes
        if n.kind == NoteKind.CONTINUATION_JOINED and "its timing '2022'" in n.message
    ]
    assert len(joined) == 1, [n.message for n in paper.notes]


@pytest.mark.parametrize(
    ("head", "rest", "joins"),
    [
        ("Mid-term assessment by 2020 and final assessment by", "2022", True),
        ("2017–", "19", True),
        ("Mid", "2018", True),
        ("Every three", "years", True),
        ("2017–19", "2017–19", False),  # the unnumbered row after a complete one
        ("", "2017–19", False),
        ("End 2017", "2018–21", False),
        ("ongoing", "work", False),
    ],
)
def test_timing_completes(head: str, rest: str, joins: bool) -> None:
    assert timing_completes(head, rest) is joins


def _row(no: int, deliverable: str | None, item: int, text: str, timing: str) -> AppendixRow:
    return AppendixRow(
        no,
        deliverable,
        item,
        text,
        Timing(timing, TimingKind.UNSPECIFIED, None, None, None),
        "",
        (),
        7,
        100 + no,
    )


def test_an_empty_row_before_a_deliverable_of_its_item_is_an_error() -> None:
    rows = [_row(1, "8.1", 8, "Data", "by 2020 and by"), _row(2, None, 8, "", "2022")]
    rows.append(_row(3, "8.2", 8, "Capacity", "2019–21"))
    with pytest.raises(SourceError, match=r"row 2 .*'2022'.* before deliverable 8\.2") as err:
        check_no_empty_row_inside_item(rows)
    assert err.value.page == 7


def test_the_unnumbered_row_closing_its_item_is_kept() -> None:
    paper = reading(GB328).parsed
    last = paper.rows[-1]
    assert last.deliverable_id is None and not last.text
    check_no_empty_row_inside_item(paper.rows)
    moved = [*paper.rows[:-3], last, *paper.rows[-3:-1]]  # before 9.1 of its item
    with pytest.raises(SourceError, match="neither deliverable number nor text"):
        check_matrix_whole(paper.items, moved, None)


def test_a_word_cut_at_a_narrow_cell_edge_is_read_whole() -> None:
    """'dissemination' is wider than lo_narrow_area's area column: 'disseminati' | 'on'."""
    paper = reading(LOMATRIX / "lo_narrow_area.pdf").parsed
    assert not [n for n in paper.notes if n.kind == NoteKind.AREA_UNMATCHED]
    cut = [n for n in paper.notes if "read 'dissemination'" in n.message]
    assert cut and all(n.kind == NoteKind.CONTINUATION_JOINED for n in cut)
    assert len(cut) == sum(
        "Knowledge generation and dissemination" in r.areas_raw for r in paper.rows
    )


def _cell_line(text: str, x1: float, top: float) -> list[Word]:
    return [Word(text, 482.0, top, x1, top + 12, 12.0, "Serif")]


BOX = (479.0, 90.0, 538.9, 200.0)  # text 3 pt in from the rules: room up to 535.9
VOCABULARY = texts_to_vocabulary(["dissemination of knowledge", "workplace"])


@pytest.mark.parametrize(
    ("head", "x1", "tail", "cut"),
    [
        ("disseminati", 532.0, "on", True),  # 'o' (6 pt) had no room: cut
        ("disseminati", 522.0, "on", False),  # room for 'o': the line ended at a word's end
        ("work", 532.0, "place", False),  # 'work' is a word: two words or one, kept as printed
        ("disseminati", 532.0, "Policy", False),  # a capital opens a word of its own
        ("knowledgea", 532.0, "bc", False),  # joined it is no word either
    ],
)
def test_lines_to_cut_words(head: str, x1: float, tail: str, cut: bool) -> None:
    lines = [_cell_line(head, x1, 100), _cell_line(tail, 482.0 + 6 * len(tail), 114)]
    found = lines_to_cut_words(lines, BOX, VOCABULARY)
    assert [(c.line, c.head, c.tail) for c in found] == ([(0, head, tail)] if cut else [])


def test_a_line_of_two_words_is_never_cut() -> None:
    lines = [
        [*_cell_line("and", 497.9, 100), Word("disseminati", 500.0, 100, 532.0, 112, 12.0, "S")],
        _cell_line("on", 494.0, 114),
    ]
    assert lines_to_cut_words(lines, BOX, NO_VOCABULARY) == ()
