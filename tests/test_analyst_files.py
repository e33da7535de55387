"""Files analysts open directly: the data package's description, programme.sqlite, .xlsx."""

from __future__ import annotations

import json
import re
import sqlite3
import tomllib
from contextlib import closing
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from extract.errors import OutputError
from extract.model_registry import columns
from extract.output.package import datapackage
from extract.output.sqlite import sqlite_bytes
from schemas import FOREIGN_KEYS, PRIMARY_KEYS
from tests.conftest import ROOT
from tests.readings import copies


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline import main

    out = tmp_path_factory.mktemp("analyst") / "normalized"
    assert main(["run", "-q", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(out)]) == 0
    return out


def test_package_names_version_licence_and_sources(real_tables: dict[str, pd.DataFrame]) -> None:
    package = datapackage(real_tables)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert package["name"] == project["name"]
    assert package["version"] == project["version"]
    # The code is MIT (LICENSE, pyproject); the tables carry the ILO's text on its terms.
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines()[0] == "MIT License"
    assert project["license"]["text"] == "MIT"
    [terms] = package["licenses"]
    assert terms["name"] == "other-closed" and "MIT" not in terms["name"]
    assert terms["title"].startswith("© International Labour Organization")
    assert "source indicated" in terms["title"]
    documents = real_tables["documents"]
    assert [s["sha256"] for s in package["sources"]] == sorted(
        documents.sha256, key=lambda sha: documents.set_index("sha256").doc[sha]
    )
    symbols = {s.get("symbol") for s in package["sources"]}
    assert symbols == {None, *documents.symbol.dropna()}
    for source, row in zip(
        package["sources"], documents.sort_values("doc").itertuples(), strict=True
    ):
        assert row.title in source["title"]


def test_written_package_is_json_with_the_sources(written: Path) -> None:
    package = json.loads((written / "datapackage.json").read_text(encoding="utf-8"))
    assert "GB.328/INS/5/1(Add.1)" in json.dumps(package["sources"], ensure_ascii=False)


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_sqlite_declares_types_keys_and_passes_foreign_key_check(
    written: Path, real_tables: dict[str, pd.DataFrame]
) -> None:
    with closing(_connect(written / "programme.sqlite")) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names == set(real_tables)
        for table, frame in real_tables.items():
            info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
            assert [r[1] for r in info] == list(frame.columns)
            key = [r[1] for r in sorted(info, key=lambda r: r[5]) if r[5]]
            assert key == PRIMARY_KEYS.get(table, [])
            count = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert count == len(frame)
            declared = {(r[3], r[4]) for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}
            assert declared == {(c, k) for t, c, _, k in FOREIGN_KEYS if t == table}
        types = db.execute(
            "SELECT typeof(deliverable_id), typeof(year), typeof(period) FROM annex_schedule"
        ).fetchall()
        assert set(types) == {("text", "integer", "text")}
        flags = db.execute("SELECT DISTINCT area_printed FROM annex_deliverables").fetchall()
        assert sorted(flags) == [(0,), (1,)]


def test_sqlite_indexes_the_join_keys(written: Path) -> None:
    with closing(_connect(written / "programme.sqlite")) as db:
        for table in ("appendix_deliverables", "programme", "reconciliation"):
            plan = db.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM \"{table}\" WHERE deliverable_id = '2.1'"
            ).fetchall()
            assert "USING INDEX" in " ".join(str(r[-1]) for r in plan), table


def test_readme_sql_joins_three_tables_and_answers(
    written: Path, real_tables: dict[str, pd.DataFrame]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", readme, re.S)
    assert block is not None and block.group(1).upper().count("JOIN") == 2
    assert "datasette normalized/programme.sqlite" in readme
    with closing(_connect(written / "programme.sqlite")) as db:
        rows = db.execute(block.group(1)).fetchall()
    p = real_tables["programme"]
    expected = p[(p.annex_area_no == 2) & p.scheduled.str.contains("2020Q3", na=False)]
    assert [r[0] for r in rows] == expected.deliverable_id.tolist()
    assert [r[-1] for r in rows] == expected.appendix_text.tolist()


def test_sqlite_bytes_repeat_and_a_broken_key_is_refused(
    real_tables: dict[str, pd.DataFrame],
) -> None:
    assert sqlite_bytes(real_tables) == sqlite_bytes(real_tables)
    tables = dict(real_tables)
    activities = tables["annex_activities"].copy()
    activities.loc[0, "deliverable_id"] = "99.9"
    tables["annex_activities"] = activities
    with pytest.raises(OutputError, match="programme.sqlite: 1 foreign key.*annex_activities"):
        sqlite_bytes(tables)


@pytest.fixture(scope="module")
def book(written: Path):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(written / "programme.xlsx")


def test_xlsx_sheets_readme_first_then_programme_and_gantt(
    book, real_tables: dict[str, pd.DataFrame]
) -> None:  # type: ignore[no-untyped-def]
    assert book.sheetnames[:3] == ["README", "programme", "Gantt"]
    assert set(book.sheetnames[3:]) == set(real_tables) - {"programme"}
    readme = [c.value for c in book["README"]["A"]]
    for name in real_tables:
        assert name in readme
    assert "Gantt" in readme


def test_xlsx_cells_are_typed_frozen_and_filtered(
    book, real_tables: dict[str, pd.DataFrame]
) -> None:  # type: ignore[no-untyped-def]
    for name, frame in real_tables.items():
        ws = book[name]
        assert [c.value for c in ws[1]] == list(frame.columns)
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert ws.max_row == len(frame) + 1
        for column in columns(name):
            values = [
                c.value
                for c in ws[get_column_letter(1 + list(frame.columns).index(column.name))][1:]
            ]
            present = [v for v in values if v is not None]
            # Excel has one number type: a float such as 1.0 reads back as the int 1.
            expected = {"integer": (int,), "boolean": (bool,), "number": (int, float)}
            kinds = expected.get(column.kind, (str,))
            assert all(type(v) in kinds for v in present), (name, column.name)
            assert len(present) == frame[column.name].notna().sum(), (name, column.name)
    ids = [c.value for c in book["programme"]["A"][1:]]
    assert ids[: len(ids) - 1] == real_tables["programme"].deliverable_id.dropna().tolist()
    assert "2.1" in ids and all(isinstance(i, str) for i in ids if i is not None)


def test_xlsx_ids_are_text_cells_and_read_back_as_text(written: Path) -> None:
    """Ids are stored as text (Excel shows 2.1, never 2.10 as 2.1); pandas' read_excel
    guesses numbers from text unless told, so the README says dtype=str."""
    ws = openpyxl.load_workbook(written / "programme.xlsx")["annex_schedule"]
    assert (ws["A2"].data_type, ws["A2"].value) == ("s", "2.1")
    assert (ws["B2"].data_type, ws["B2"].value) == ("n", 2017)
    frame = pd.read_excel(written / "programme.xlsx", sheet_name="annex_schedule", dtype=str)
    assert frame.deliverable_id.iloc[0] == "2.1"


def test_xlsx_gantt_marks_every_scheduled_quarter_and_flags_findings(
    book, real_tables: dict[str, pd.DataFrame]
) -> None:  # type: ignore[no-untyped-def]
    ws = book["Gantt"]
    header = [c.value for c in ws[8]]
    assert header[4:24] == [f"Q{q}" for _ in range(5) for q in range(1, 5)]
    years = [ws.cell(row=7, column=5 + 4 * i).value for i in range(5)]
    assert years == [2017, 2018, 2019, 2020, 2021]
    rows = {
        ws.cell(row=r, column=1).value: r
        for r in range(9, ws.max_row + 1)
        if ws.cell(row=r, column=3).value is not None
    }
    programme = real_tables["programme"]
    assert len(rows) == len(programme)
    schedule = real_tables["annex_schedule"]
    marks = {
        (ws.cell(row=r, column=1).value, c)
        for r in range(9, ws.max_row + 1)
        for c in range(5, 25)
        if ws.cell(row=r, column=c).value == "X"
    }
    assert len(marks) == len(schedule)
    outside = {
        ws.cell(row=r, column=1).value
        for r in range(9, ws.max_row + 1)
        for c in range(5, 25)
        if ws.cell(row=r, column=c).fill.fgColor.rgb[-6:] == "E67E22"
    }
    found = real_tables["discrepancies"]
    assert outside == set(found[found.kind == "timing_outside_range"].deliverable_id)
    for row in programme.itertuples():
        r = rows[row.deliverable_id if isinstance(row.deliverable_id, str) else "(none)"]
        flagged = ws.cell(row=r, column=25).value
        assert (flagged is not None) == isinstance(row.discrepancies, str)
        if row.appendix_timing_kind == "recurring":
            assert "recurring" in ws.cell(row=r, column=4).value


def test_xlsx_bytes_repeat_with_fixed_times(real_tables: dict[str, pd.DataFrame]) -> None:
    import zipfile
    from io import BytesIO

    from extract.output.xlsx import xlsx_bytes

    first = xlsx_bytes(real_tables)
    assert first == xlsx_bytes(real_tables)
    with zipfile.ZipFile(BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2017-02-23T00:00:00Z" in core


def test_csv_is_plain_utf8_without_bom(written: Path) -> None:
    for path in sorted(written.glob("*.csv")):
        data = path.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), path.name
        data.decode("utf-8")
    assert "2017–21".encode() in (written / "programme.csv").read_bytes()


def _shown_width(ws, column: int) -> int:  # type: ignore[no-untyped-def]
    """A column's text width in pixels as Excel shows it: the file stores characters of
    Calibri 11 (7 px a digit) plus 5 px of padding; one <col> may span several columns."""
    for dim in ws.column_dimensions.values():
        if dim.min <= column <= dim.max:
            return round(dim.width * 7) - 5
    raise AssertionError(f"{ws.title}: column {column} has no width")


def _pixels(characters: float) -> int:
    return int(characters * 7 + 0.5)


def test_xlsx_keeps_widths_panes_merges_and_print_settings(
    book, real_tables: dict[str, pd.DataFrame]
) -> None:  # type: ignore[no-untyped-def]
    for name, frame in real_tables.items():
        ws = book[name]
        assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb[-6:] == "E4E9F2", name
        if name == "documents":
            continue  # its paths are where this run read the documents from
        for i, column in enumerate(frame.columns, start=1):
            longest = max([len(column), *(len(str(v)) for v in frame[column].dropna())])
            assert _shown_width(ws, i) == _pixels(min(60, max(6, longest + 2))), (name, column)
    readme = book["README"]
    assert readme["A1"].font.sz == 14 and _shown_width(readme, 4) == _pixels(110)
    gantt = book["Gantt"]
    assert gantt.freeze_panes == "E9" and gantt.print_title_rows == "$7:$8"
    merged = sorted(str(m) for m in gantt.merged_cells.ranges)
    assert merged == ["E7:H7", "I7:L7", "M7:P7", "Q7:T7", "U7:X7"]
    setup = gantt.page_setup
    # One page wide: fitToWidth's default in the file format is 1, so it may be left out.
    fit_width = 1 if setup.fitToWidth is None else setup.fitToWidth
    assert (setup.orientation, setup.paperSize, fit_width, setup.fitToHeight) == (
        "landscape",
        9,  # A4
        1,
        0,
    )
    assert gantt.sheet_properties.pageSetUpPr.fitToPage
    widths = [_shown_width(gantt, c) for c in (1, 2, 4, 5, 25)]
    assert widths == [_pixels(w) for w in (7, 60, 26, 4.2, 48)]
    assert gantt["E9"].border.left.style == "thin" and gantt["D10"].alignment.shrink_to_fit


# Text and numbers a cell holds exactly, though a writer might trim, escape or round them.
KEPT_TEXTS = ["  spaced  ", "two\nlines", "a\ttab", "_x0041_ as printed", "emoji \U0001f600", "é"]
KEPT_NUMBERS = [0.1, 1 / 3, 5e-324, 0.926, 2.5]  # Excel has no -0.0, and 1.0 reads back 1


def test_xlsx_keeps_unusual_text_and_numbers_exactly(
    real_tables: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    from extract.output.xlsx import xlsx_bytes

    tables = dict(real_tables)
    notes = tables["extraction_notes"].copy()
    notes.loc[: len(KEPT_TEXTS) - 1, "message"] = KEPT_TEXTS
    found = tables["discrepancies"].copy()
    found.loc[: len(KEPT_NUMBERS) - 1, "score"] = KEPT_NUMBERS[: len(found)]
    tables["extraction_notes"], tables["discrepancies"] = notes, found
    path = tmp_path / "programme.xlsx"
    path.write_bytes(xlsx_bytes(tables))
    book = openpyxl.load_workbook(path)
    for name, column, want in (
        ("extraction_notes", "message", KEPT_TEXTS),
        ("discrepancies", "score", KEPT_NUMBERS[: len(found)]),
    ):
        ws = book[name]
        letter = get_column_letter(1 + list(tables[name].columns).index(column))
        got = [ws[f"{letter}{r}"].value for r in range(2, 2 + len(want))]
        assert got == want, name
        assert all(type(g) is type(w) for g, w in zip(got, want, strict=True)), name


def test_xlsx_keeps_each_type_in_a_column_of_mixed_values(
    real_tables: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """True == 1 in Python: a column holding both keeps a boolean cell and a number cell."""
    from extract.output.xlsx import xlsx_bytes

    tables = dict(real_tables)
    notes = tables["extraction_notes"].copy()
    notes["message"] = notes["message"].astype(object)
    notes.loc[:2, "message"] = [True, 1, "text"]
    tables["extraction_notes"] = notes
    path = tmp_path / "programme.xlsx"
    path.write_bytes(xlsx_bytes(tables))
    ws = openpyxl.load_workbook(path)["extraction_notes"]
    letter = get_column_letter(1 + list(notes.columns).index("message"))
    got = [ws[f"{letter}{r}"].value for r in (2, 3, 4)]
    assert got == [True, 1, "text"] and [type(v) for v in got] == [bool, int, str]


LONG = "word " * 8_000  # 40,000 characters: Excel holds 32,767 a cell


@pytest.mark.parametrize(
    ("table", "column", "cells", "said"),
    [
        ("extraction_notes", "message", {0: "a bell \x07 rings"}, "[A-Z]+2 holds a control"),
        # XlsxWriter cuts a longer text and says so only in its return code.
        ("extraction_notes", "message", {1: LONG}, "[A-Z]+3 holds more than Excel's 32,767"),
        # XlsxWriter writes a carriage return and U+FFFF as _xHHHH_ escapes, which
        # openpyxl and pandas show as they are.
        ("extraction_notes", "message", {1: "a\rb"}, "[A-Z]+3 holds a control character"),
        ("extraction_notes", "message", {2: "x\uffffy"}, "[A-Z]+4 holds U\\+FFFF"),
        # It writes 16 significant digits, and cannot write infinity.
        ("discrepancies", "score", {0: 0.1 + 0.2}, "[A-Z]+2 holds 0\\.30000000000000004, more"),
        ("discrepancies", "score", {1: float("inf")}, "[A-Z]+3 holds inf, which"),
        ("annex_schedule", "year", {0: 2**53 + 1}, "[A-Z]+2 holds 9007199254740993, beyond"),
        # In a column of Python objects (text columns, arrow-backed, hold neither): these
        # gave tracebacks (TypeError: unhashable; UnicodeEncodeError).
        (None, "message", {2: ["a", "list"]}, "[A-Z]+4 holds a list, which no cell can store"),
        (None, "message", {2: "a\udcffb"}, "[A-Z]+4 holds U\\+DCFF Excel cannot store"),
        # A number among texts: each cell written as its type says, its return code checked.
        (None, "message", {0: 7, 3: LONG}, "[A-Z]+5 holds more than"),
    ],
)
def test_xlsx_refuses_what_a_cell_would_alter_and_names_the_cell(
    real_tables: dict[str, pd.DataFrame],
    table: str | None,
    column: str,
    cells: dict[int, object],
    said: str,
) -> None:
    """A value a cell would cut, escape or round, or cannot hold, stops the run with one line
    naming sheet and cell, where a silent writer would alter it. table None: the notes'
    message column as Python objects."""
    from extract.output.xlsx import xlsx_bytes

    tables = copies(real_tables)
    name = table or "extraction_notes"
    if table is None:
        tables[name][column] = tables[name][column].astype(object)
    for row, value in cells.items():
        tables[name].at[row, column] = value
    with pytest.raises(OutputError, match=f"programme.xlsx: sheet {name}: cell {said}"):
        xlsx_bytes(tables)


def test_sqlite_checks_refuse_values_the_schema_does_not_allow(
    real_tables: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    path = tmp_path / "programme.sqlite"
    path.write_bytes(sqlite_bytes(real_tables))
    with closing(sqlite3.connect(path)) as db:
        for change in (
            "UPDATE annex_schedule SET quarter = 5",  # an enum of numbers
            "UPDATE annex_schedule SET mark = 'tick'",  # an enum of text
            "UPDATE annex_deliverables SET area_printed = 2",  # a boolean
            "UPDATE annex_schedule SET period = NULL",  # a required column
        ):
            with pytest.raises(sqlite3.IntegrityError):
                db.execute(change + " WHERE rowid = 1")
        db.execute("UPDATE annex_schedule SET mark = 'check' WHERE rowid = 1")
