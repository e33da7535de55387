"""Stage tests for Annex I on small documents made in the real layout."""

from __future__ import annotations

import pytest

from extract.documents.annex_i.parse import source_to_workplan
from extract.documents.annex_i.records import Workplan
from extract.documents.annex_i.spec import ANNEX_SPEC
from extract.errors import SourceError
from extract.readers.grid import lines_to_grid
from extract.readers.text import decode, text_to_lines
from extract.records import SourceDocument
from tests.annex_text import HEADER, QUARTERS, YEARS, document, opening, page, row

KG = "Knowledge generation and dissemination"
CB = "Capacity building"


def source(text: str) -> SourceDocument:
    return SourceDocument("annex_i", "a.txt", "0" * 64, text_to_lines(decode(text.encode(), "a")))


def plan(text: str) -> Workplan:
    return source_to_workplan(source(text))


def test_quarter_columns_come_from_each_pages_own_header() -> None:
    shifted = "\n".join(
        [
            HEADER.replace("Time frame", "Notes\tTime frame"),
            "\t" + YEARS,
            "\t" + QUARTERS,
            "\t".join([KG, opening("b", "Body", "2.1"), "1. Do", "", "X", "X", *[""] * 18]),
        ]
    )
    read = source(document(page(row(KG, opening("b", "A", "1.1"), "1. x")), shifted))
    pages = lines_to_grid(read.lines, ANNEX_SPEC, read.path).pages
    assert [c.index for c in pages[0].quarter_cols][:2] == [3, 4]
    assert [c.index for c in pages[1].quarter_cols][:2] == [4, 5]
    result = plan(document(page(row(KG, opening("b", "A", "1.1"), "1. x")), shifted))
    assert [(s.deliverable_id, s.period, s.cell_no) for s in result.schedule] == [
        ("2.1", "2017Q1", 5),
        ("2.1", "2017Q2", 6),
    ]


def test_conclusion_and_number_leave_the_text() -> None:
    result = plan(document(page(row(KG, opening("b", "An evidence-based body", "2.1"), "1. x"))))
    (deliverable,) = result.deliverables
    assert (deliverable.deliverable_id, deliverable.conclusion, deliverable.text) == (
        "2.1",
        "23(b)",
        "An evidence-based body",
    )


def test_markup_and_broken_hyphens_are_cleaned_from_deliverable_text() -> None:
    cell = "<p>In response to ILC 2016 Conclusion 23 (d)</p> <p>A high- quality review (4.1)</p>"
    (deliverable,) = plan(document(page(row(KG, cell, "1. x")))).deliverables
    assert (deliverable.conclusion, deliverable.text) == ("23(d)", "A high-quality review")


def test_row_continued_on_next_page_joins_text_activities_and_marks() -> None:
    text = document(
        page(
            row(
                KG,
                opening("a", "A focused effort", "9.9").removesuffix(" (9.9)"),
                "1. a 2. b ",
                "XX",
            ),
        ),
        page(
            row(KG, "campaign, and the Platform (1.1)", "of things 3. c", "  XX"),
            row("", opening("a", "Next", "1.2"), "1. d"),
        ),
    )
    result = plan(text)
    first, second = result.deliverables
    assert (first.deliverable_id, first.text) == (
        "1.1",
        "A focused effort campaign, and the Platform",
    )
    assert (first.page_first, first.page_last, first.line_first, first.line_last) == (1, 2, 10, 15)
    assert [a.text for a in result.activities if a.deliverable_id == "1.1"] == [
        "a",
        "b of things",
        "c",
    ]
    assert [s.period for s in result.schedule if s.deliverable_id == "1.1"] == [
        "2017Q1",
        "2017Q2",
        "2017Q3",
        "2017Q4",
    ]
    assert second.deliverable_id == "1.2"
    joined = [n for n in result.notes if n.kind == "continuation_joined"]
    assert [(n.line, n.deliverable_id) for n in joined] == [(15, "1.1")]


def test_page_opening_with_new_deliverable_is_not_a_continuation() -> None:
    text = document(
        page(row(KG, opening("a", "One", "1.1"), "1. a")),
        page(row(KG, opening("a", "Two", "1.2"), "1. b")),
    )
    assert [d.deliverable_id for d in plan(text).deliverables] == ["1.1", "1.2"]


def test_area_is_filled_down_and_area_printed_kept() -> None:
    text = document(
        page(
            row(KG, opening("a", "One", "1.1"), "1. a"),
            row("", opening("a", "Two", "1.2"), "1. b"),
            row(CB, opening("a", "Three", "1.3"), "1. c"),
        ),
        page(row("", opening("a", "Four", "1.4"), "1. d")),
    )
    result = plan(text)
    assert [(d.area_no, d.area_printed) for d in result.deliverables] == [
        (1, True),
        (1, False),
        (2, True),
        (2, False),
    ]
    assert [(n.kind, n.deliverable_id) for n in result.notes] == [
        ("area_filled", "1.2"),
        ("area_filled", "1.4"),
    ]


def test_mark_in_stray_column_becomes_a_note_not_a_quarter() -> None:
    text = document(
        page(row(KG, opening("a", "One", "1.1"), "1. a", "X" * 20, extra="X"), stray_column=True)
    )
    result = plan(text)
    assert len(result.schedule) == 20
    (note,) = [n for n in result.notes if n.kind == "out_of_frame_mark"]
    assert (note.page, note.line, note.deliverable_id) == (1, 10, "1.1")
    assert "column 24" in note.message


def test_lowercase_x_counts_as_a_mark() -> None:
    result = plan(document(page(row(KG, opening("a", "One", "1.1"), "1. a", "x x"))))
    assert [s.period for s in result.schedule] == ["2017Q1", "2017Q3"]


def test_unnumbered_list_is_split_and_noted() -> None:
    result = plan(document(page(row(KG, opening("a", "One", "1.1"), "Develop a tool Pilot it"))))
    assert [(a.text, a.numbered_in_source) for a in result.activities] == [
        ("Develop a tool", False),
        ("Pilot it", False),
    ]
    assert [n.kind for n in result.notes] == ["unnumbered_list_split"]


@pytest.mark.parametrize(
    ("rows", "message", "line"),
    [
        ([row(KG, opening("a", "One", "1.1"), "1. a", "X Y")], "quarter cell 2017Q3 holds 'Y'", 10),
        ([row(KG, "In response to ILC 2016 Conclusion 23 (a) No number", "1. a")], "no number", 10),
        (
            [row(KG, opening("a", "One", "1.1"), "1. a"), row("", opening("b", "Two", "1.1"), "")],
            "deliverable number 1.1 is used again (first at line 10)",
            11,
        ),
        ([row(KG, opening("k", "One", "1.1"), "1. a")], "conclusion letter 'k' is outside a-i", 10),
        ([f"{KG}\t{opening('a', 'One', '1.1')}\t1. a\tX"], "row has 4 cells", 10),
        ([row("Nowhere", opening("a", "One", "1.1"), "1. a")], "unknown area of action", 10),
        ([row(KG, "Stray text (1.1)", "1. a")], "does not begin with 'In response to", 10),
    ],
)
def test_broken_rows_are_rejected_with_their_line(rows: list[str], message: str, line: int) -> None:
    with pytest.raises(SourceError) as caught:
        plan(document(page(*rows)))
    assert caught.value.line == line
    assert caught.value.page == 1
    assert message in str(caught.value)


def test_quarter_error_names_file_line_page_and_column() -> None:
    with pytest.raises(SourceError) as caught:
        plan(document(page(row(KG, opening("a", "One", "1.1"), "1. a", "    Y"))))
    assert str(caught.value) == (
        "a.txt:10: quarter cell 2018Q1 holds 'Y'; expected 'X' or empty (page 1, column 8)"
    )


def test_text_without_a_work_plan_is_rejected() -> None:
    with pytest.raises(SourceError, match="no work-plan table found"):
        plan("just some prose\n")


def test_check_marks_count_as_marks() -> None:
    result = plan(document(page(row(KG, opening("a", "One", "1.1"), "1. a", "\u2713\u2714"))))
    assert [s.period for s in result.schedule] == ["2017Q1", "2017Q2"]


def test_header_footnote_mark_may_come_first() -> None:
    text = document(page(row(KG, opening("a", "One", "1.1"), "1. a", "X")))
    text = text.replace("Deliverable \u00b9", "1 Deliverable")
    assert [d.deliverable_id for d in plan(text).deliverables] == ["1.1"]


def test_gap_in_the_quarter_labels_is_an_error() -> None:
    text = document(page(row(KG, opening("a", "One", "1.1"), "1. a", "X")))
    text = text.replace("\tQ3\tQ4\tQ1\tQ2\tQ3\tQ4\tQ1", "\tQ3\tQ4\tQ1\tQ2\tQ3\tQ4\t\t", 1)
    with pytest.raises(SourceError) as caught:
        plan(text)
    assert (caught.value.line, caught.value.column) == (9, 12)
    assert "quarter labels leave a gap" in str(caught.value)


def test_year_outside_the_programme_is_an_error() -> None:
    text = document(page(row(KG, opening("a", "One", "1.1"), "1. a", "X")))
    with pytest.raises(SourceError, match="year label 2022 lies outside"):
        plan(text.replace("2021", "2022"))


def test_markup_in_header_labels_and_mark_cells_is_read_through() -> None:
    text = document(page(row(KG, opening("a", "One", "1.1"), "1. a", "XX")))
    text = text.replace("\tQ1\tQ2", "\t<b>Q1</b>\tQ2", 1).replace("\tX\tX", "\t<p>X</p>\tX", 1)
    assert [s.period for s in plan(text).schedule] == ["2017Q1", "2017Q2"]


def test_skipped_list_number_leaves_a_note() -> None:
    result = plan(document(page(row(KG, opening("a", "One", "1.1"), "1. Do a 2. Do b 4. Do c"))))
    assert [a.text for a in result.activities] == ["Do a", "Do b 4. Do c"]
    (note,) = [n for n in result.notes if n.kind == "list_numbers_irregular"]
    assert "4." in note.message


def test_a_footnote_mark_without_its_footnote_is_an_error() -> None:
    text = document(page(row(KG, opening("b", "A", "1.1"), "1. x", "X"))).replace(
        "\u00b9 Figures", "Figures"
    )
    with pytest.raises(SourceError, match="footnote mark 1 is printed"):
        plan(text)


def test_an_area_name_with_a_word_broken_over_a_line_is_matched() -> None:
    """A narrow merged cell breaks 'dissemination' without a hyphen; the area stays area 1."""
    broken = "Knowledge generation and disseminati on"
    (deliverable,) = plan(
        document(page(row(broken, opening("b", "A", "1.1"), "1. x", "X")))
    ).deliverables
    assert (deliverable.area_no, deliverable.area) == (1, KG)


def test_a_superscript_in_a_cell_is_text_not_a_footnote_mark() -> None:
    result = plan(
        document(page(row(KG, opening("b", "A", "1.1"), "1. Map 500 m\u00b2 of land", "X")))
    )
    assert [a.text for a in result.activities] == ["Map 500 m\u00b2 of land"]


def test_a_number_cited_inside_a_deliverable_is_no_second_deliverable() -> None:
    cell = opening("b", "Building on the review (4.1) and the data", "2.1")
    (deliverable,) = plan(document(page(row(KG, cell, "1. x", "X")))).deliverables
    assert deliverable.text == "Building on the review (4.1) and the data"
