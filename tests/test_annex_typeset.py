"""Annex I typeset by pdflatex (longtable, booktabs rules only, 2-2.5 pt gutters) and Chromium,
with the header forms of issue 23 (tests/fixtures/typeset/annex/make_typeset_annex.py): each
gives the text route's tables; prose above the table that names the columns is no header;
quarter labels that name their year are read, and a gap or disorder in them stops the reader."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from extract.documents.annex_i.spec import ANNEX_SPEC
from extract.errors import SourceError
from extract.readers.layout import text_to_quarter
from extract.readers.pdf import Geometry, Word, geometry_to_header, page_to_geometry
from extract.readers.pdf.page import geometries_to_grid
from extract.records import Doc
from extract.runner import read_document
from tests import readings
from tests.variants import ANNEX, assert_same_content

TYPESET = Path(__file__).parent / "fixtures" / "typeset" / "annex"
FIXTURES = sorted(p.name for p in TYPESET.glob("*.pdf"))
TABLES = ["annex_deliverables", "annex_activities", "annex_schedule", "footnotes"]
PERIODS = [f"{y}Q{q}" for y in range(2017, 2022) for q in range(1, 5)]
INTRO = "The table lists, for each area of action, the deliverables"


@cache
def _truth() -> dict[str, pd.DataFrame]:
    return readings.document(Doc.ANNEX_I, ANNEX)


@cache
def _read(name: str) -> dict[str, pd.DataFrame]:
    return read_document(Doc.ANNEX_I, TYPESET / name)


@cache
def _page(name: str, no: int = 1) -> Geometry:
    with pdfplumber.open(TYPESET / name) as pdf:
        return page_to_geometry(pdf.pages[no - 1], no)


def test_the_fixtures_are_there() -> None:
    assert len(FIXTURES) >= 5
    assert all((TYPESET / name).stat().st_size < 70_000 for name in FIXTURES)


@pytest.mark.parametrize("name", FIXTURES)
def test_typeset_pdf_gives_the_text_routes_tables(name: str) -> None:
    assert_same_content(_read(name), _truth(), TABLES, name)


@pytest.mark.parametrize("name", FIXTURES)
def test_the_introduction_naming_the_columns_is_no_header(name: str) -> None:
    geo = _page(name)
    header = geometry_to_header(geo, ANNEX_SPEC, name)
    assert header is not None
    intro = next(w for w in geo.words if w.text == "lists,")
    assert header.top > intro.bottom
    assert "The table lists" not in header.text
    # Its words are kept as prose above the table, the judgement noted naming them; the title
    # is the text route's (it once took in the introduction).
    tables = _read(name)
    documents = tables["documents"].iloc[0]
    assert documents.label == "Annex I"
    assert documents.title == _truth()["documents"].iloc[0].title
    notes = tables["extraction_notes"]
    naming = notes[notes.kind == "prose_names_columns"]
    assert list(naming.page) == [1]
    assert "'area of action', 'deliverable', 'key activities'" in naming.message.iloc[0]
    assert INTRO not in documents.title and INTRO[:40] in naming.message.iloc[0]


@pytest.mark.parametrize("name", FIXTURES)
def test_every_page_header_names_the_twenty_quarters_in_order(name: str) -> None:
    header = geometry_to_header(_page(name, 2), ANNEX_SPEC, name)
    assert header is not None
    assert [col.period for col, _, _ in header.columns.quarters] == PERIODS
    assert list(header.columns.roles) == ["area", "deliverable", "activities"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Q1", (None, 1)),
        ("q 3", (None, 3)),
        ("Q1 2017", (2017, 1)),
        ("2017 Q1", (2017, 1)),
        ("2017-Q1", (2017, 1)),
        ("Q4/21", (2021, 4)),
        ("Q2-2019", (2019, 2)),
        ("Q5", None),
        ("Q1 17", None),
        ("2017-Q1/18", None),
        ("Q1 2017 Q2", None),
    ],
)
def test_a_quarter_label_is_read_in_each_form(text: str, read: tuple | None) -> None:
    assert text_to_quarter(text) == read


def _relabel(geo: Geometry, change: dict[str, str]) -> Geometry:
    """The page with the first word of each given text printed as another."""
    words, done = [], set()
    for w in geo.words:
        if w.text in change and w.text not in done:
            done.add(w.text)
            w = replace(w, text=change[w.text])
        words.append(w)
    return replace(geo, words=tuple(words))


def test_year_named_labels_out_of_order_are_an_error() -> None:
    geo = _relabel(_page("tex_e_q_slash_yy.pdf"), {"Q2/17": "Q3/17", "Q3/17": "Q2/17"})
    with pytest.raises(SourceError, match="repeated or out of order") as caught:
        geometry_to_header(geo, ANNEX_SPEC, "typeset.pdf")
    assert "2017Q3, 2017Q2" in caught.value.message
    assert caught.value.page == 1


def test_a_year_named_label_skipping_a_quarter_is_an_error() -> None:
    geo = _relabel(_page("tex_d_year_dash_q.pdf"), {"Q3": "Q4"})  # '2017-' over 'Q3'
    with pytest.raises(SourceError, match="repeated or out of order|incomplete"):
        geometry_to_header(geo, ANNEX_SPEC, "typeset.pdf")


def test_a_year_named_label_outside_the_programme_is_an_error() -> None:
    geo = _relabel(_page("tex_e_q_slash_yy.pdf"), {"Q1/17": "Q1/16"})
    with pytest.raises(SourceError, match="2016Q1 lies outside the programme's 2017-2021"):
        geometry_to_header(geo, ANNEX_SPEC, "typeset.pdf")


def test_labels_naming_a_year_mixed_with_bare_ones_are_an_error() -> None:
    geo = _relabel(_page("tex_e_q_slash_yy.pdf"), {"Q2/17": "Q2"})
    with pytest.raises(SourceError, match="some quarter labels name their year"):
        geometry_to_header(geo, ANNEX_SPEC, "typeset.pdf")


def test_a_line_running_across_inside_the_table_is_said_to_be_inside() -> None:
    """A word bridging the deliverable and activities columns mid-table makes its line prose;
    the stop says the line stands inside the table, not below it."""
    geo = _page("tex_d_year_dash_q.pdf")
    header = geometry_to_header(geo, ANNEX_SPEC, "typeset.pdf")
    assert header is not None
    cut = header.columns.roles["activities"][0]
    opening = sorted(
        (w for w in geo.words if w.text == "In" and w.top > header.bottom), key=lambda w: w.top
    )[1]
    bridge = Word("across", cut - 6, opening.top, cut + 6, opening.bottom, opening.size, "F")
    words = [w for w in geo.words if not (w.top == opening.top and cut - 7 < w.xc < cut + 7)]
    page = replace(geo, words=(*words, bridge))
    with pytest.raises(SourceError, match="inside the table") as caught:
        geometries_to_grid([page], "typeset.pdf", ANNEX_SPEC)
    assert "below the table" not in caught.value.message
    assert f"y={opening.top:.0f}" in caught.value.message


def test_hanging_list_numbers_give_the_activities_column_two_line_edges() -> None:
    """The fixture that exercises a column whose lines begin at two edges (numbers, and the
    wrapped lines hung under the text), with 4 pt between it and the deliverable column."""
    from extract.readers.pdf.geometry import words_to_lines
    from extract.readers.pdf.prose import _line_edges

    geo = _page("tex_c_year_q_hanging.pdf", 2)
    header = geometry_to_header(geo, ANNEX_SPEC, "typeset.pdf")
    assert header is not None
    body = [w for w in geo.words if w.top > header.bottom]
    edges = _line_edges(words_to_lines(body), header.columns.bounds())
    activities = list(header.columns.roles).index("activities")
    assert len(edges[activities]) == 2
    left = header.columns.roles["activities"][0]
    assert 0 < edges[activities][0] - left < 3


# --- The text route reads the same labels with the same function ------------------------------


def _relabel_text(form: str, first: str | None = None) -> str:
    """raw/'s Annex I with each Q1-Q4 header cell written in form ('Q{q} {y}' ...); first, if
    given, replaces the first label of every header instead."""
    out = []
    for line in ANNEX.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        if [c for c in cells if c] == [f"Q{q}" for _ in range(5) for q in range(1, 5)]:
            at = cells.index("Q1")
            labels = [
                form.format(q=q, y=y, yy=y % 100) for y in range(2017, 2022) for q in (1, 2, 3, 4)
            ]
            if first is not None:
                labels[0] = first
            cells = cells[:at] + labels + cells[at + 20 :]
        out.append("\t".join(cells))
    return "\n".join(out)


@pytest.mark.parametrize("form", ["Q{q} {y}", "{y} Q{q}", "{y}-Q{q}", "Q{q}/{yy:02d}"])
def test_the_text_route_reads_labels_naming_their_year(form: str, tmp_path: Path) -> None:
    path = tmp_path / "annex.txt"
    path.write_text(_relabel_text(form), encoding="utf-8")
    assert_same_content(read_document(Doc.ANNEX_I, path), _truth(), TABLES, form)


def test_the_text_route_refuses_a_label_naming_another_year(tmp_path: Path) -> None:
    path = tmp_path / "annex.txt"
    path.write_text(_relabel_text("Q{q}", first="Q1 2018"), encoding="utf-8")
    with pytest.raises(
        SourceError, match="'Q1 2018' names 2018 but stands under the year label 2017"
    ):
        read_document(Doc.ANNEX_I, path)
