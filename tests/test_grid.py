"""The grid stages one by one, on small pages made by hand: words into lines and segments, a
PDF header into quarter columns, a text export into grid pages, rows into logical rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from extract.documents.annex_i.spec import ANNEX_SPEC, opens_deliverable
from extract.errors import SourceError
from extract.readers.grid import (
    CellLine,
    GridRow,
    ProseLine,
    lines_to_grid,
    rows_to_logical_rows,
)
from extract.readers.pdf import (
    Geometry,
    Rule,
    Word,
    geometry_to_header,
    line_to_segments,
    page_to_geometry,
    words_to_lines,
)
from extract.readers.records import QuarterColumn
from extract.readers.text import text_to_lines
from tests.annex_text import FOOTNOTE, document, opening, page, row

SIZE = 8.0
PERIODS = [f"{y}Q{q}" for y in range(2017, 2022) for q in range(1, 5)]


def _word(text: str, x0: float, top: float, width: float | None = None, size: float = SIZE) -> Word:
    """A Helvetica word at (x0, top), about half its size wide per character unless given."""
    w = width if width is not None else 0.5 * size * len(text)
    return Word(text, x0, top, x0 + w, top + size, size, "Helvetica")


def _geometry(words: list[Word], vrules: tuple[Rule, ...] = ()) -> Geometry:
    return Geometry(
        no=1,
        width=842.0,
        height=595.0,
        words=tuple(sorted(words, key=lambda w: (round(w.top), w.x0))),
        hrules=(),
        vrules=vrules,
        fills=(),
        diagonals=(),
        images=(),
    )


# --- Words into lines, lines into segments -----------------------------------------------------


def test_words_to_lines_groups_by_top_and_orders_left_to_right() -> None:
    words = [
        _word("second", 60, 100.0),
        _word("first", 10, 101.8),  # 1.8 pt lower: the same printed line
        _word("next", 30, 112.0),
        _word("line", 10, 112.4),
        _word("third", 10, 124.0),
    ]
    lines = words_to_lines(words)
    assert [[w.text for w in line] for line in lines] == [
        ["first", "second"],
        ["line", "next"],
        ["third"],
    ]


def test_words_standing_2_5_pt_apart_are_two_lines() -> None:
    lines = words_to_lines([_word("upper", 10, 100.0), _word("lower", 10, 102.5)])
    assert [[w.text for w in line] for line in lines] == [["upper"], ["lower"]]


def test_line_to_segments_cuts_at_gaps_wider_than_word_spacing() -> None:
    # size 10: a gap over 0.8 x 10 = 8 pt ends a segment
    line = [
        _word("In", 0, 100, width=20, size=10),
        _word("response", 25, 100, width=15, size=10),  # gap 5
        _word("X", 60, 100, width=20, size=10),  # gap 20
        _word("Y", 88, 100, width=12, size=10),  # gap 8: still word spacing
        _word("Z", 108.5, 100, width=5, size=10),  # gap 8.5
    ]
    segments = line_to_segments(line)
    assert [[w.text for w in seg] for seg in segments] == [["In", "response"], ["X", "Y"], ["Z"]]


def test_line_to_segments_of_an_empty_line_is_empty() -> None:
    assert line_to_segments([]) == []


# --- The PDF header ------------------------------------------------------------------------

Q_X0, Q_PITCH, Q_WIDTH = 470.0, 16.0, 10.0  # quarter k's label spans x0 + 16k .. + 10


def _quarter_x(k: int) -> float:
    return Q_X0 + Q_PITCH * k


def _labels() -> list[Word]:
    top = 100.0
    return [
        _word("Area", 50, top),
        _word("of", 68, top),
        _word("action", 78, top),
        _word("Deliverable", 130, top),
        _word("Key", 380, top),
        _word("activities", 396, top),
        _word("Time", 470, top),
        _word("frame", 490, top),
    ]


def _years(align: str, years: range = range(2017, 2022)) -> list[Word]:
    words = []
    for g, year in enumerate(years):
        first, last = _quarter_x(4 * g), _quarter_x(4 * g + 3) + Q_WIDTH
        width = 18.0
        x0 = (first + last - width) / 2 if align == "centre" else first
        words.append(_word(str(year), x0, 113.0, width=width))
    return words


def _quarters(top: float = 126.0) -> list[Word]:
    return [_word(f"Q{k % 4 + 1}", _quarter_x(k), top, width=Q_WIDTH) for k in range(20)]


@pytest.mark.parametrize("align", ["centre", "left"])
def test_header_labels_each_quarter_with_the_year_above_its_run(align: str) -> None:
    geo = _geometry([*_labels(), *_years(align), *_quarters()])
    header = geometry_to_header(geo, ANNEX_SPEC, "synthetic.pdf")
    assert header is not None
    columns = header.columns
    assert list(columns.roles) == ["area", "deliverable", "activities"]
    assert [col.period for col, _, _ in columns.quarters] == PERIODS
    assert [col.index for col, _, _ in columns.quarters] == list(range(3, 23))
    assert columns.quarters[0][0] == QuarterColumn(3, 2017, 1)
    # Each quarter column holds its own label, and the columns follow one another.
    for (_, x0, x1), label in zip(columns.quarters, _quarters(), strict=True):
        assert x0 <= label.xc < x1
    bounds = [(x0, x1) for _, x0, x1 in columns.quarters]
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert columns.width == 23
    assert columns.extra is None
    assert header.top <= 100.0 and header.bottom == 126.0 + SIZE


def test_header_roles_stand_left_of_the_quarters_in_order() -> None:
    geo = _geometry([*_labels(), *_years("centre"), *_quarters()])
    header = geometry_to_header(geo, ANNEX_SPEC, "synthetic.pdf")
    assert header is not None
    spans = list(header.columns.roles.values())
    assert spans == sorted(spans)
    assert spans[0][0] <= 50.0 < spans[0][1] <= 130.0 < spans[1][1] <= 380.0 < spans[2][1]
    assert spans[2][1] == header.columns.quarters[0][1]


def test_a_page_without_the_labels_has_no_header() -> None:
    words = [w for w in _labels() if w.text != "Deliverable"]
    geo = _geometry([*words, *_years("centre"), *_quarters()])
    assert geometry_to_header(geo, ANNEX_SPEC, "synthetic.pdf") is None


def test_quarter_labels_under_no_year_are_an_error() -> None:
    # Years over the first four runs only; the fifth run (2021's place) stands under none.
    geo = _geometry([*_labels(), *_years("centre", range(2017, 2021)), *_quarters()])
    with pytest.raises(SourceError, match="stand under no year label") as caught:
        geometry_to_header(geo, ANNEX_SPEC, "synthetic.pdf")
    assert "'Q1 Q2 Q3 Q4'" in caught.value.message
    assert caught.value.page == 1


def test_a_header_without_year_labels_is_an_error() -> None:
    geo = _geometry([*_labels(), *_quarters()])
    with pytest.raises(SourceError, match="no year labels or no Q1-Q4 labels"):
        geometry_to_header(geo, ANNEX_SPEC, "synthetic.pdf")


def _run_header_pdf(path: Path) -> Path:
    """A PDF header whose quarter labels under each year are ONE run of text, 'Q1Q2Q3Q4'."""
    from reportlab.pdfgen import canvas

    height = 595.0
    page = canvas.Canvas(str(path), pagesize=(842.0, height))
    page.setFont("Helvetica", SIZE)

    def text(x: float, top: float, s: str) -> None:
        page.drawString(x, height - top - SIZE, s)

    for x, label in ((50, "Area of action"), (130, "Deliverable"), (380, "Key activities")):
        text(x, 100, label)
    for g, year in enumerate(range(2017, 2022)):
        x = 470 + 60 * g
        text(x + 12, 113, str(year))  # roughly centred over its run
        text(x, 126, "Q1Q2Q3Q4")
    page.showPage()
    page.save()
    return path


def test_a_run_of_quarter_labels_is_split_into_quarters(tmp_path: Path) -> None:
    import pdfplumber

    path = _run_header_pdf(tmp_path / "runs.pdf")
    with pdfplumber.open(path) as pdf:
        plumber_page = pdf.pages[0]
        raw = [w["text"] for w in plumber_page.extract_words(x_tolerance=1.5)]
        geo = page_to_geometry(plumber_page, 1)
    assert raw.count("Q1Q2Q3Q4") == 5  # pdfplumber reads each run as one word
    quarter_words = [w.text for w in geo.words if w.text.startswith("Q")]
    assert quarter_words == ["Q1", "Q2", "Q3", "Q4"] * 5
    header = geometry_to_header(geo, ANNEX_SPEC, str(path))
    assert header is not None
    assert [col.period for col, _, _ in header.columns.quarters] == PERIODS


# --- The text export -------------------------------------------------------------------------

TWO_PAGES = document(
    page(
        row("Capacity building", opening("a", "A thing", "1.1"), "1. Do", "X"),
        row("", opening("b", "B thing", "1.2"), "1. Go", " X"),
    ),
    page(
        row("", "continued text", "2. More", "   X"),
        row("", opening("c", "C thing", "1.3"), "1. Meet", "XX"),
    ),
)


def test_text_export_gives_a_grid_page_per_header() -> None:
    grid = lines_to_grid(text_to_lines(TWO_PAGES), ANNEX_SPEC, "annex.txt")
    assert grid.path == "annex.txt"
    assert not grid.is_pdf
    assert grid.before == (
        ProseLine(0, 3, "Annex I"),
        ProseLine(0, 5, "Programme of Action work-plan"),
    )
    assert [p.no for p in grid.pages] == [1, 2]
    assert [p.header_line for p in grid.pages] == [7, 13]
    for grid_page in grid.pages:
        assert grid_page.roles == {"area": 0, "deliverable": 1, "activities": 2}
        assert grid_page.width == 23
        assert [c.period for c in grid_page.quarter_cols] == PERIODS
        assert [c.index for c in grid_page.quarter_cols] == list(range(3, 23))
        assert grid_page.header_text.startswith("Area of action Deliverable \u00b9 Key activities")
    first, second = grid.pages
    assert [(r.page, r.line, r.first_on_page) for r in first.rows] == [
        (1, 10, True),
        (1, 11, False),
    ]
    assert [(r.page, r.line, r.first_on_page) for r in second.rows] == [
        (2, 16, True),
        (2, 17, False),
    ]
    assert first.prose == ()
    assert second.prose == (ProseLine(2, 19, FOOTNOTE),)


def test_text_rows_carry_their_cells() -> None:
    grid = lines_to_grid(text_to_lines(TWO_PAGES), ANNEX_SPEC, "annex.txt")
    opening_row, _ = grid.pages[0].rows
    assert len(opening_row.cells) == 23
    assert opening_row.cell(0).text == "Capacity building"
    assert opening_row.cell(1).text == opening("a", "A thing", "1.1")
    assert opening_row.cell(2).lines == (CellLine("1. Do"),)
    assert [i for i, c in enumerate(opening_row.cells) if c.text == "X"] == [3]
    assert opening_row.cell(1).box is None and opening_row.box is None
    continued = grid.pages[1].rows[0]
    assert (continued.cell(0).text, continued.cell(1).text) == ("", "continued text")
    assert [i for i, c in enumerate(continued.cells) if c.text] == [1, 2, 6]
    assert continued.cell(40).empty  # past the row's end: an empty cell


def test_text_without_a_header_is_no_table() -> None:
    lines = text_to_lines("Annex I\nNo table here\n")
    with pytest.raises(SourceError, match="no work-plan table found"):
        lines_to_grid(lines, ANNEX_SPEC, "annex.txt")


def test_a_short_text_row_is_an_error_naming_its_line() -> None:
    text = document(page(row("Capacity building", opening("a", "A", "1.1"), "1. Do", "X"), "a\tb"))
    with pytest.raises(SourceError, match="row has 2 cells") as caught:
        lines_to_grid(text_to_lines(text), ANNEX_SPEC, "annex.txt")
    assert (caught.value.line, caught.value.page) == (11, 1)


# --- Rows into logical rows ------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    name: str
    first_on_page: bool
    opens: bool


def test_rows_to_logical_rows_joins_a_page_first_row_only_when_it_does_not_open() -> None:
    rows = [
        _Row("a", True, True),
        _Row("b", False, True),
        _Row("c", True, False),  # page 2 opens inside b: continues it
        _Row("d", False, False),  # not first on its page: a row of its own, opens or not
        _Row("e", True, True),  # page 3 opens a new row
        _Row("f", True, False),  # page 4 continues e
    ]
    blocks = rows_to_logical_rows(rows, lambda r: r.opens)
    assert [[r.name for r in block] for block in blocks] == [
        ["a"],
        ["b", "c"],
        ["d"],
        ["e", "f"],
    ]


def test_rows_to_logical_rows_keeps_a_first_row_that_continues_nothing() -> None:
    rows = [_Row("a", True, False), _Row("b", True, False)]
    blocks = rows_to_logical_rows(rows, lambda r: r.opens)
    assert [[r.name for r in block] for block in blocks] == [["a", "b"]]
    assert rows_to_logical_rows([], lambda r: True) == ()


def test_rows_to_logical_rows_on_text_grid_rows_with_the_annex_opening() -> None:
    grid = lines_to_grid(text_to_lines(TWO_PAGES), ANNEX_SPEC, "annex.txt")
    rows: list[GridRow] = [r for p in grid.pages for r in p.rows]
    blocks = rows_to_logical_rows(rows, lambda r: opens_deliverable(r.cell(1).text))
    assert [[r.line for r in block] for block in blocks] == [[10], [11, 16], [17]]
