"""Faults a code review of the PDF reader found, each on a small reportlab PDF: every one read
wrong without a word before its fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from reportlab.platypus import PageBreak, TableStyle

from extract.errors import SourceError
from tests.conftest import ROOT
from tests.test_pdf_faults import HEADER, ROWS, _opening, _table, _write
from tests.variants import annex_alone

GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"
GREY = (0.3, 0.3, 0.3)


def _rows(marks: bool = True) -> list[list[str]]:
    rows = [list(r) for r in HEADER] + [list(r) for r in ROWS]
    if not marks:
        for row in rows[3:]:
            row[3:23] = [""] * 20
    return rows


def _schedule(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    frame = tables["annex_schedule"]
    return {d: list(g.period) for d, g in frame.groupby("deliverable_id", sort=False)}


def _shaded(tmp_path: Path, cells: list[tuple[int, int, int, int]], marks: bool = False) -> Path:
    table = _table(_rows(marks))
    table.setStyle(TableStyle([("BACKGROUND", (a, b), (c, d), GREY) for a, b, c, d in cells]))
    return _write(tmp_path / "shaded.pdf", [table])


def test_a_shaded_bar_over_two_quarters_marks_both(tmp_path: Path) -> None:
    path = _shaded(tmp_path, [(3, 3, 4, 3), (4, 4, 4, 4), (22, 5, 22, 5)])
    assert _schedule(annex_alone(path)) == {
        "1.1": ["2017Q1", "2017Q2"],
        "1.2": ["2017Q2"],
        "1.3": ["2021Q4"],
    }


def test_shading_beside_x_marks_is_an_error_not_dropped(tmp_path: Path) -> None:
    rows = _rows(marks=False)
    rows[5][22] = "X"
    table = _table(rows)
    table.setStyle(TableStyle([("BACKGROUND", (3, 3), (4, 3), GREY)]))
    with pytest.raises(SourceError, match="shaded without one") as caught:
        annex_alone(_write(tmp_path / "mixed.pdf", [table]))
    assert caught.value.page == 1


def test_marks_shaded_in_the_area_cells_colour_are_marks(tmp_path: Path) -> None:
    blue = (0.2, 0.4, 0.8)
    table = _table(_rows(marks=False))
    cells = [(0, 3, 0, 3), (3, 3, 3, 3), (4, 4, 4, 4), (22, 5, 22, 5)]
    table.setStyle(TableStyle([("BACKGROUND", (a, b), (c, d), blue) for a, b, c, d in cells]))
    tables = annex_alone(_write(tmp_path / "colour.pdf", [table]))
    assert _schedule(tables) == {"1.1": ["2017Q1"], "1.2": ["2017Q2"], "1.3": ["2021Q4"]}


def test_xx_inside_text_stays_one_word(tmp_path: Path) -> None:
    rows = _rows()
    rows[3][1] = _opening("a", "A thing for the\nXX Congress", "1.1")
    rows[3][2] = "1. Do XXX\n2. Go"
    tables = annex_alone(_write(tmp_path / "xx.pdf", [_table(rows)]))
    assert tables["annex_deliverables"].text.iloc[0] == "A thing for the XX Congress"
    assert tables["annex_activities"].text.iloc[0] == "Do XXX"


def test_an_empty_row_atop_a_page_does_not_hide_the_next_rows_area(tmp_path: Path) -> None:
    second = [list(r) for r in HEADER] + [
        [""] * 23,
        [
            "Policy advice and\ntechnical assistance",
            _opening("d", "Fourth thing", "4.1"),
            "1. Act",
            *ROWS[0][3:],
        ],
    ]
    path = _write(tmp_path / "spacer.pdf", [_table(_rows()), PageBreak(), _table(second)])
    deliverables = annex_alone(path)["annex_deliverables"].set_index("deliverable_id")
    assert deliverables.loc["4.1", "area_no"] == 4


def test_area_text_beside_no_row_is_an_error(tmp_path: Path) -> None:
    rows = _rows() + [["Advocacy"] + [""] * 22]
    with pytest.raises(SourceError, match="'Advocacy' stands beside no row"):
        annex_alone(_write(tmp_path / "orphan.pdf", [_table(rows)]))


def test_a_headerless_page_continuing_with_shading_is_read(tmp_path: Path) -> None:
    from reportlab.platypus import Table

    from tests.test_pdf_faults import FONT, WIDTHS

    first = _table(_rows(marks=False))
    first.setStyle(
        TableStyle(
            [("BACKGROUND", (3, r), (3, r), GREY) for r in (3, 5)]
            + [("BACKGROUND", (4, 4), (4, 4), GREY)]
        )
    )
    cont = Table(
        [["", "", "2. Report\n3. Review", *[""] * 20]],
        colWidths=WIDTHS,
        style=TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("FONTSIZE", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (7, 0), (7, 0), GREY),
            ]
        ),
    )
    tables = annex_alone(_write(tmp_path / "cont.pdf", [first, PageBreak(), cont]))
    assert _schedule(tables)["1.3"] == ["2017Q1", "2018Q1"]
    activities = tables["annex_activities"]
    assert activities[activities.deliverable_id == "1.3"].text.tolist() == [
        "Meet",
        "Report",
        "Review",
    ]
