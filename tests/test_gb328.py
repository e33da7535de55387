"""Stage tests for GB.328/INS/5/1(Add.1) on small documents in the real layout."""

from __future__ import annotations

import pandas as pd
import pytest

from extract.areas import AREA_NAMES, area_no, split_areas
from extract.documents.gb328.paper import source_to_paper
from extract.documents.gb328.records import Paper
from extract.errors import SourceError
from extract.readers.text import decode, text_to_lines
from extract.records import SourceDocument

HEADER = "Follow-up item ILC 2016 conclusions\tDeliverables\tTiming\tArea of action"
FRONT = """

Governing Body

328th Session, Geneva, 27 October\u201310 November 2016

GB.328/INS/5/1(Add.1)

Institutional Section

INS

Date: 23 February 2017

Original: English

FIFTH ITEM ON THE AGENDA

Follow-up to the resolution

Addendum

Revised programme \u00b9

Introduction
"""


def paper(body: str, matrix: str | None = None) -> Paper:
    if matrix is None:
        matrix = f"{HEADER}\n1. Promote. (23(a))\t1.1. A thing\t2017\u201321\tCapacity building\n"
    text = FRONT + body + "\nAppendix\n\n" + matrix
    lines = text_to_lines(decode(text.encode(), "g"))
    return source_to_paper(SourceDocument("gb328", "g.txt", "0" * 64, lines))


BODY = """1. First paragraph.
2. Second paragraph breaks off at the foot of the page, before a

\u00b9 As requested by the Governing Body.

footnote, and goes on here.

Action area 1: Knowledge generation and dissemination

Objective: *Timely knowledge.*

3. **First**, a point with a mark \u00b2 inside.
- 4.** A numbered paragraph in list markup.

\u00b2 ILO: *Approaches*, 2016.

Monitoring and review

5. Last one.
"""


def test_front_matter_fields() -> None:
    front = paper(BODY).front
    assert (front.symbol, front.session, front.place, front.dates) == (
        "GB.328/INS/5/1(Add.1)",
        "328th Session",
        "Geneva",
        "27 October\u201310 November 2016",
    )
    assert (front.section, front.section_code, front.date, front.original_language) == (
        "Institutional Section",
        "INS",
        "2017-02-23",
        "English",
    )
    assert (front.agenda_item, front.title, front.label, front.subtitle) == (
        "FIFTH ITEM ON THE AGENDA",
        "Follow-up to the resolution",
        "Addendum",
        "Revised programme",
    )


def test_paragraphs_join_across_footnotes_and_lose_markup() -> None:
    result = paper(BODY)
    texts = {p.para_no: p.text for p in result.paragraphs}
    assert texts[2] == (
        "Second paragraph breaks off at the foot of the page, before a footnote, and goes on here."
    )
    assert texts[3] == "First, a point with a mark inside."
    assert texts[4] == "A numbered paragraph in list markup."
    assert [p.footnotes for p in result.paragraphs] == [(), (), ("2",), (), ()]
    assert [n.line for n in result.notes if n.kind == "continuation_joined"] == [31]


def test_sections_and_areas() -> None:
    result = paper(BODY)
    assert [(p.section, p.area_no) for p in result.paragraphs] == [
        ("Introduction", None),
        ("Introduction", None),
        ("Action area 1: Knowledge generation and dissemination", 1),
        ("Action area 1: Knowledge generation and dissemination", 1),
        ("Monitoring and review", None),
    ]
    (area,) = result.areas
    assert (area.area_no, area.name, area.objective) == (
        1,
        "Knowledge generation and dissemination",
        "Timely knowledge.",
    )


def test_footnotes_with_their_reference_lines() -> None:
    notes = paper(BODY).footnotes
    assert [(f.mark, f.text, f.ref_line) for f in notes] == [
        ("1", "As requested by the Governing Body.", 23),
        ("2", "ILO: Approaches, 2016.", 37),
    ]


PA_CB = "Policy advice and technical assistance Capacity building"
MATRIX = f"""{HEADER}
1. Promote standards. (23(a))\t1.1. First thing\t2017\u201321\t{PA_CB}
\t1.2. Second thing\tMid 2018\t

{HEADER}
2. Strengthen. (23(b))\t2.1. Third thing, sector- and region-specific\tEvery three years\t{{}}
\t\t2017-19\tKnowledge generation and dissemination
""".format("Policy coherence and partnerships")


def test_matrix_rows_items_timing_and_areas() -> None:
    result = paper(BODY, MATRIX)
    assert [(i.item_no, i.conclusion, i.text) for i in result.items] == [
        (1, "23(a)", "Promote standards."),
        (2, "23(b)", "Strengthen."),
    ]
    rows = [
        (r.row_no, r.deliverable_id, r.item_no, r.text, r.timing.kind, r.area_nos, r.page)
        for r in result.rows
    ]
    assert rows == [
        (1, "1.1", 1, "First thing", "range", (4, 2), 1),
        (2, "1.2", 1, "Second thing", "point", (), 1),
        (3, "2.1", 2, "Third thing, sector- and region-specific", "recurring", (5,), 2),
        (4, None, 2, "", "range", (1,), 2),
    ]
    assert result.matrix_pages == 2
    assert [n.kind for n in result.notes if n.kind != "continuation_joined"] == [
        "timing_interpreted",
        "unnumbered_row",
    ]


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        (f"{HEADER}\n\t1.1. Orphan\t2017\u201321\t\n", "before the first follow-up item"),
        (f"{HEADER}\n1. No conclusion\t1.1. A\t\t\n", "does not read 'N. text (23(x))'"),
        (f"{HEADER}\n1. Bad. (23(z))\t1.1. A\t\t\n", "conclusion letter 'z' is outside a-i"),
        (f"{HEADER}\n2. Skipped. (23(a))\t2.1. A\t\t\n", "follow-up item 2 out of order"),
        (f"{HEADER}\n1. A. (23(a))\t1.1. A\t\t\n\t1.1. B\t\t\n", "1.1 is used again"),
        (f"{HEADER}\n1. A. (23(a))\t1.1. A\n", "row has 2 cells"),
    ],
)
def test_broken_matrix_is_rejected(matrix: str, message: str) -> None:
    with pytest.raises(SourceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        paper(BODY, matrix)


def test_text_without_a_matrix_is_rejected() -> None:
    lines = text_to_lines("1. Only a paragraph.\n")
    with pytest.raises(SourceError, match="no activity matrix found"):
        source_to_paper(SourceDocument("gb328", "g.txt", "0" * 64, lines))


def test_unknown_area_words_leave_a_note() -> None:
    matrix = f"{HEADER}\n1. A. (23(a))\t1.1. A\t\tCapacity building Outer space\n"
    result = paper(BODY, matrix)
    (note,) = [n for n in result.notes if n.kind == "area_unmatched"]
    assert "'Outer space'" in note.message
    assert result.rows[0].area_nos == (2,)


def test_area_split_and_aliases() -> None:
    cell = "Policy advice and technical assistance Capacity building Knowledge generation and "
    cell += "dissemination Policy coherence and partnerships"
    assert split_areas(cell)[0] == (4, 2, 1, 5)
    assert split_areas("")[0] == ()
    assert area_no("policy  COHERENCE and partnerships") == 5


def test_area_names_agree_with_the_real_documents(real_tables: dict[str, pd.DataFrame]) -> None:
    """Annex I is mapped with AREA_NAMES; GB.328's headings must say the same."""
    areas = real_tables["action_areas"]
    assert dict(zip(areas.area_no, areas.name, strict=True)) == AREA_NAMES
    annex = real_tables["annex_deliverables"]
    assert all(area_no(a) == n for a, n in zip(annex.area, annex.area_no, strict=True))


def test_line_without_cells_in_the_matrix_is_skipped_with_a_note() -> None:
    matrix = f"{HEADER}\n1. A. (23(a))\t1.1. A\t\t\nPage footer 12\n\t1.2. B\t\t\n"
    result = paper(BODY, matrix)
    assert [r.deliverable_id for r in result.rows] == ["1.1", "1.2"]
    (note,) = [n for n in result.notes if n.kind == "line_skipped"]
    assert "'Page footer 12'" in note.message


def test_matrix_row_split_across_pages_is_joined() -> None:
    matrix = (
        f"{HEADER}\n1. A. (23(a))\t1.1. Knowledge development on the\t2017\u2013\tPolicy advice\n"
        f"\n{HEADER}\n\tinformal economy\t19\tand technical assistance\n"
        "\t1.2. Next\t2018\u201321\t\n"
    )
    result = paper(BODY, matrix)
    first = result.rows[0]
    assert (first.deliverable_id, first.text) == (
        "1.1",
        "Knowledge development on the informal economy",
    )
    assert (first.timing.start, first.timing.end, first.area_nos) == ("2017Q1", "2019Q4", (4,))
    assert [r.deliverable_id for r in result.rows] == ["1.1", "1.2"]
    assert any(n.kind == "continuation_joined" and n.deliverable_id == "1.1" for n in result.notes)


def test_paragraph_number_out_of_order_is_an_error_at_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        paper(BODY.replace("5. Last one.", "7. Last one."))
    assert caught.value.line == 44
    assert "paragraph 7 out of order; expected 5" in str(caught.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("Action area 1:", "Action area 6:"), "action area 6 is outside 1-5"),
        (("Objective: *Timely knowledge.*", ""), "action area 1 has no 'Objective:' line"),
    ],
)
def test_broken_action_areas_are_errors_at_their_line(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(SourceError) as caught:
        paper(BODY.replace(*change))
    assert caught.value.line == 33
    assert message in str(caught.value)


def test_superscript_without_a_footnote_stays_in_the_text() -> None:
    result = paper(BODY.replace("1. First paragraph.", "1. First paragraph of 5 m\u00b3."))
    assert result.paragraphs[0].text == "First paragraph of 5 m\u00b3."
    assert result.paragraphs[0].footnotes == ()


def _with_date(written: str) -> Paper:
    text = FRONT + BODY + "\nAppendix\n\n" + f"{HEADER}\n1. A. (23(a))\t1.1. A\t\t\n"
    text = text.replace("Date: 23 February 2017", f"Date: {written}")
    return source_to_paper(SourceDocument("gb328", "g.txt", "0" * 64, text_to_lines(text)))


@pytest.mark.parametrize("written", ["23 February 2017", "23 Feb. 2017", "2017-02-23"])
def test_document_date_forms(written: str) -> None:
    assert _with_date(written).front.date == "2017-02-23"


def test_unreadable_date_is_left_empty_with_a_note() -> None:
    result = _with_date("sometime in 2017")
    assert result.front.date is None
    assert [n.line for n in result.notes if n.kind == "front_matter_unread"] == [13]


def test_deliverable_under_another_items_number_is_an_error() -> None:
    """'Alliance 8.7 (joint …' once opened a false row 8.7 under item 1 in a PDF: a
    deliverable's number must belong to the item it stands under."""
    matrix = f"{HEADER}\n1. A. (23(a))\t1.1. A\t2017\u201321\t\n\t8.7. B\t2017\u201321\t\n"
    with pytest.raises(SourceError, match="deliverable 8.7 stands under follow-up item 1"):
        paper(BODY, matrix)


def test_matrix_rows_open_at_a_numbered_deliverable_only() -> None:
    from extract.documents.gb328.matrix import MATRIX_SPEC

    assert MATRIX_SPEC.opens is not None
    assert MATRIX_SPEC.opens("1.1. A focused and integrated global effort")
    assert not MATRIX_SPEC.opens("8.7 (joint UN campaign), the 50 for Freedom campaign")


def test_objective_broken_by_a_page_is_joined() -> None:
    """The rest of an objective after a page break is no heading (it was, in a Letter-size
    PDF, and became the section of four paragraphs)."""
    body = BODY.replace(
        "Objective: *Timely knowledge.*",
        "Objective: *Timely knowledge for the*\n\n*constituents.*",
    )
    result = paper(body)
    assert result.areas[0].objective == "Timely knowledge for the constituents."
    assert result.paragraphs[2].section == "Action area 1: Knowledge generation and dissemination"
    assert any("objective of action area 1 continues" in n.message for n in result.notes)


def test_area_names_in_capitals_have_their_swapped_form() -> None:
    from extract.areas import name_variants

    assert name_variants("PARTNERSHIPS AND POLICY COHERENCE")[1].casefold() == (
        "policy coherence and partnerships"
    )
    names = {**AREA_NAMES, 5: "PARTNERSHIPS AND POLICY COHERENCE"}
    assert split_areas("Policy coherence and partnerships", names)[0] == (5,)
