from __future__ import annotations

from extract.documents.annex_i.activities import ACTIVITY_VERBS
from extract.readers.lists import split_list_items
from extract.readers.records import Segment


def _texts(*cells: str) -> list[tuple[str, bool, int]]:
    segments = [Segment(c, 1, 10 + i) for i, c in enumerate(cells)]
    items = split_list_items(segments, ACTIVITY_VERBS)
    return [(i.text, i.numbered_in_source, i.line) for i in items]


def test_numbered_list_splits_on_running_numbers_only() -> None:
    text = (
        "1. Provide an analytical fit, based on results for deliverable 4.1 "
        "2. Organize workshops (see 8.1) with Alliance 8.7 "
        "3. Involve actors in the framework of Convention No. 144 and No.121 4. Compile"
    )
    assert [t for t, _, _ in _texts(text)] == [
        "Provide an analytical fit, based on results for deliverable 4.1",
        "Organize workshops (see 8.1) with Alliance 8.7",
        "Involve actors in the framework of Convention No. 144 and No.121",
        "Compile",
    ]


def test_out_of_sequence_number_does_not_start_an_item() -> None:
    assert [t for t, _, _ in _texts("1. Meet in 2018 5. Report back 2. Publish")] == [
        "Meet in 2018 5. Report back",
        "Publish",
    ]


def test_list_continued_on_next_page_joins_the_running_item() -> None:
    items = _texts(
        "1. Strengthen x 2. Gather evidence on decent work ", "of enterprises 3. Produce"
    )
    assert items == [
        ("Strengthen x", True, 10),
        ("Gather evidence on decent work of enterprises", True, 10),
        ("Produce", True, 11),
    ]


def test_unnumbered_list_splits_at_opening_verbs_not_proper_names() -> None:
    text = (
        "Develop and roll out a research agenda for the Office on social dialogue "
        "Strengthen partnerships with Global Union Federations (GUFs) and others "
        "Review ILO trustee experiences Assess needs of OECD National Contact Points "
        "Based on expressed needs, design services, together with Turin Centre"
    )
    items = _texts(text)
    assert [t for t, _, _ in items] == [
        "Develop and roll out a research agenda for the Office on social dialogue",
        "Strengthen partnerships with Global Union Federations (GUFs) and others",
        "Review ILO trustee experiences",
        "Assess needs of OECD National Contact Points",
        "Based on expressed needs, design services, together with Turin Centre",
    ]
    assert all(not numbered for _, numbered, _ in items)


def test_verb_after_a_function_word_or_dash_is_not_a_boundary() -> None:
    text = "Identify partners, notably with pillar 3 \u2013 Access to remedy and to Support units"
    assert len(_texts(text)) == 1


def test_empty_cells_give_no_activities() -> None:
    assert _texts("", "") == []
