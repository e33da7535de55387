"""The GB.328 Appendix matrix as pdfLaTeX and Chromium set it (issue 23; fixtures made by
tests/fixtures/typeset/texmatrix/make_texmatrix.py): each stopped before, and now gives the
text route's matrix tables, with every judgement noted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.documents.gb328.matrix import text_to_once
from extract.records import Doc, NoteKind
from extract.runner import read_document
from tests.variants import GB328, assert_same_content

HERE = Path(__file__).parent / "fixtures" / "typeset" / "texmatrix"
TABLES = ["follow_up_items", "appendix_deliverables", "appendix_areas"]
# What each stopped with before, and the notes its reading must carry.
FAILED_BEFORE = {
    "tex_item_every": (
        "follow-up item 2 out of order: the item's copies read as one cell's text",
        {NoteKind.ITEM_REPEATED},
    ),
    "tex_item_every_grid": (
        "the merged item cell of the last, keyless row 'stands beside no row'",
        {NoteKind.ITEM_REPEATED},
    ),
    "tex_header_wrap": (
        "follow-up item does not read 'N. text': 'conclusions', the header's second line",
        {NoteKind.HEADER_WRAPPED},
    ),
    "tex_header_wrap_repeat": (
        "the same, the header repeated on every page",
        {NoteKind.HEADER_WRAPPED},
    ),
    "chromium_norules": (
        "'one cell seems to hold two deliverables' at 4.4, which has no timing or area",
        {NoteKind.ROW_OPENED_ALONE, NoteKind.KEYLESS_ROW_CUT},
    ),
}


@pytest.fixture(scope="module")
def truth() -> dict[str, pd.DataFrame]:
    return read_document(Doc.GB328, GB328)


@pytest.mark.parametrize("name", sorted(FAILED_BEFORE))
def test_matrix_gives_the_text_routes_tables(name: str, truth: dict[str, pd.DataFrame]) -> None:
    got = read_document(Doc.GB328, HERE / f"{name}.pdf")
    assert_same_content(got, truth, TABLES, name)
    kinds = set(got["extraction_notes"].kind)
    _, noted = FAILED_BEFORE[name]
    assert {kind.value for kind in noted} <= kinds, kinds
    # Only the unruled layout cuts rows without rules.
    for kind in (NoteKind.ROW_OPENED_ALONE, NoteKind.KEYLESS_ROW_CUT):
        assert (kind.value in kinds) == (kind in noted)


def test_repeated_items_are_noted_once_per_repeat(truth: dict[str, pd.DataFrame]) -> None:
    got = read_document(Doc.GB328, HERE / "tex_item_every.pdf")
    notes = got["extraction_notes"]
    repeated = notes[notes.kind == NoteKind.ITEM_REPEATED.value]
    # Every item with more than one row is printed again; the note names the item.
    items = truth["appendix_deliverables"].groupby("item_no").size()
    shown = repeated.message.str.extract(r"[\"'](\d)\. ", expand=False).dropna().astype(int)
    assert set(shown) == set(items[items > 1].index)


def test_every_fixture_is_tested() -> None:
    assert {p.stem for p in HERE.glob("*.pdf")} == set(FAILED_BEFORE)


@pytest.mark.parametrize(
    ("text", "once", "copies"),
    [
        ("1. Promote it. (23(a)) 1. Promote it. (23(a))", "1. Promote it. (23(a))", 2),
        ("2. A b. (23(b)) 2. A b. (23(b)) 2. A b. (23(b))", "2. A b. (23(b))", 3),
        ("1. Promote it. (23(a))", "1. Promote it. (23(a))", 1),
        # a near copy is no copy: read as it stands (and the item check then stops)
        ("1. Promote it. (23(a)) 1. Promote its. (23(a))", None, 1),
        ("1. Promote it. (23(a)) 2. Other. (23(b))", None, 1),
        ("no number here no number here", None, 1),
    ],
)
def test_text_to_once(text: str, once: str | None, copies: int) -> None:
    assert text_to_once(text) == (once if once is not None else text, copies)
