"""The GB.328 Appendix matrix as pdfLaTeX and Chromium set it (issue 23; fixtures made by
tests/fixtures/typeset/texmatrix/make_texmatrix.py): each stopped before, and now gives the
text route's matrix tables, with every judgement noted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.documents.gb328.matrix import MATRIX_SPEC, text_to_once
from extract.readers.pdf import SETTINGS, Word
from extract.readers.pdf.geometry import Columns
from extract.readers.pdf.prose import trailing_lines
from extract.records import Doc, NoteKind
from extract.runner import read_document
from tests import readings
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
    "weasy_norules_justified": (
        "'one cell seems to hold two deliverables' at 4.4, as Chromium's",
        {NoteKind.ROW_OPENED_ALONE, NoteKind.KEYLESS_ROW_CUT},
    ),
    "chromium_norules": (
        "'one cell seems to hold two deliverables' at 4.4, which has no timing or area",
        {NoteKind.ROW_OPENED_ALONE, NoteKind.KEYLESS_ROW_CUT},
    ),
}


@pytest.fixture(scope="module")
def truth() -> dict[str, pd.DataFrame]:
    return readings.document(Doc.GB328, GB328)


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


# --- the rules on made-up pages ------------------------------------------------------------

SIZE = 9.0


def _words(text: str, x: float, top: float, space: float = 0.3) -> list[Word]:
    """A printed line: 0.5 × size a character, `space` × size between words."""
    out = []
    for token in text.split():
        width = 0.5 * SIZE * len(token)
        out.append(Word(token, x, top, x + width, top + SIZE, SIZE, "DejaVuSans"))
        x += width + space * SIZE
    return out


def _matrix_columns() -> Columns:
    spans = {"item": (60, 280), "deliverable": (280, 600), "timing": (600, 690)}
    return Columns({**spans, "area": (690, 790)}, (), None, 60, 790)


def test_a_justified_line_below_the_last_key_is_no_trailing_text() -> None:
    """A justified area line below the last deliverable's text has wide spaces: only where it
    begins says whether it is a cell's line or text after the table."""
    words = [
        *_words("9.2. Technical assessment of the many", 282, 100),
        *_words("2017-19", 602, 100),
        *_words("Knowledge generation", 692, 100),
        *_words("Policy advice and", 692, 130, space=1.5),  # justified: wide spaces
        *_words("technical assistance", 692, 141),
    ]
    starts = {1: 282.0, 2: 602.0, 3: 692.0}
    trailing = trailing_lines(words, _matrix_columns(), MATRIX_SPEC, starts, SETTINGS)
    assert trailing == set()
    # A line beginning elsewhere in its column is still text after the table.
    source = _words("Source: the Office", 700, 160)
    trailing = trailing_lines([*words, *source], _matrix_columns(), MATRIX_SPEC, starts, SETTINGS)
    assert trailing == {id(w) for w in source}
