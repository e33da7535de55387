"""Faults in a PDF work-plan: the reader reads the table, notes what it judged, or stops with a
located SourceError; it never drops a word, a row or a mark silently.

Every PDF is drawn here with reportlab: a small ruled table (landscape A4) with the published
three-row header (the labels, the years 2017-2021 merged over their quarters, Q1-Q4 under
each) and three deliverables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from extract.errors import SourceError
from extract.records import Doc
from pipeline import main
from tests.conftest import ROOT
from tests.variants import annex_alone

GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"

PAGE_W, PAGE_H = 842.0, 595.0  # landscape A4, points
MARGIN = 30.0
QUARTERS = 20
WIDTHS = [80.0, 250.0, 90.0] + [16.0] * QUARTERS  # 740 pt: centred, x = 51..791
FONT = 8

HEADER: list[list[Any]] = [
    ["Area of action", "Deliverable", "Key activities", "Time frame"] + [""] * (QUARTERS - 1),
    ["", "", ""] + [cell for year in range(2017, 2022) for cell in (str(year), "", "", "")],
    ["", "", ""] + ["Q1", "Q2", "Q3", "Q4"] * 5,
]


def _marks(*periods: str) -> list[str]:
    """The 20 quarter cells of a row, 'X' in each period given ('2017Q1')."""
    return ["X" if f"{y}Q{q}" in periods else "" for y in range(2017, 2022) for q in range(1, 5)]


def _opening(letter: str, text: str, number: str) -> str:
    return f"In response to ILC 2016 Conclusion 23 ({letter}) {text} ({number})"


ROWS: list[list[Any]] = [
    ["Capacity building", _opening("a", "A thing", "1.1"), "1. Do\n2. Go", *_marks("2017Q1")],
    ["", _opening("b", "Other thing", "1.2"), "1. Plan", *_marks("2017Q2")],
    ["", _opening("c", "Third thing", "1.3"), "1. Meet", *_marks("2017Q1", "2021Q4")],
]
DELIVERABLES = [("1.1", "A thing"), ("1.2", "Other thing"), ("1.3", "Third thing")]
ACTIVITIES = [("1.1", 1, "Do"), ("1.1", 2, "Go"), ("1.2", 1, "Plan"), ("1.3", 1, "Meet")]
SCHEDULE = [("1.1", "2017Q1"), ("1.2", "2017Q2"), ("1.3", "2017Q1"), ("1.3", "2021Q4")]

# Where the table stands (pdfplumber's top-down y, in points): the header from y=36 to 75, row
# 1.1 to 98 (its lines' tops at 77.7 and 87.7), row 1.2 to 111 (top 100.7), row 1.3 to 124
# (top 113.7); x from 51 to 791, the quarter columns from 471, 16 pt each.
ROW_11_TOP = 77.7
Q2_2017_X = 51.0 + 420.0 + 16.0 + 8.0  # the middle of the 2017Q2 column
RIGHT_MARGIN_X = 805.0
ASCENT = 6.1  # pdfplumber's top of an 8 pt Helvetica word stands this far above its baseline


def _style(ncols: int, lines: list[tuple[Any, ...]] | None = None) -> Any:
    from reportlab.platypus import TableStyle

    grid = lines if lines is not None else [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    return TableStyle(
        [
            *grid,
            ("FONTSIZE", (0, 0), (-1, -1), FONT),
            ("LEADING", (0, 0), (-1, -1), FONT + 2),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("ALIGN", (3, 1), (ncols - 1, -1), "CENTER"),
            ("SPAN", (3, 0), (3 + QUARTERS - 1, 0)),
            *[("SPAN", (3 + 4 * y, 1), (6 + 4 * y, 1)) for y in range(5)],
        ]
    )


def _table(rows: list[list[Any]], lines: list[tuple[Any, ...]] | None = None) -> Any:
    from reportlab.platypus import Table

    ncols = len(rows[0])
    widths = WIDTHS + [16.0] * (ncols - len(WIDTHS))
    return Table(rows, colWidths=widths, style=_style(ncols, lines))


Decorate = Callable[[Any, Any], None]


def _write(path: Path, story: list[Any], on_page: Decorate | None = None) -> Path:
    """Lay the story out on landscape A4 pages; on_page draws on every page's canvas."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    doc = SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    if on_page is None:
        doc.build(story)
    else:
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return path


def _para(text: str, size: float = 10) -> Any:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    return Paragraph(text, ParagraphStyle("p", fontName="Helvetica", fontSize=size))


def _words_at(*words: tuple[float, float, str]) -> Decorate:
    """A page callback drawing each word with its left edge at x and its top (as pdfplumber
    reads it, top-down) at y."""

    def draw(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", FONT)
        for x, top, text in words:
            canvas.drawString(x, PAGE_H - top - ASCENT, text)
        canvas.restoreState()

    return draw


def _annex(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    notes = tables["extraction_notes"]
    return notes[notes.doc == "annex_i"]


def _check_content(tables: dict[str, pd.DataFrame]) -> None:
    """The tables say exactly what the baseline table says."""
    deliverables = tables["annex_deliverables"]
    assert list(zip(deliverables.deliverable_id, deliverables.text, strict=True)) == DELIVERABLES
    assert deliverables.area.tolist() == ["Capacity building"] * 3
    activities = tables["annex_activities"]
    assert (
        list(zip(activities.deliverable_id, activities.activity_no, activities.text, strict=True))
        == ACTIVITIES
    )
    schedule = tables["annex_schedule"]
    assert list(zip(schedule.deliverable_id, schedule.period, strict=True)) == SCHEDULE


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    path = tmp_path_factory.mktemp("baseline") / "baseline.pdf"
    tables = annex_alone(_write(path, [_table([*HEADER, *ROWS])]))
    return {**tables, "reconciliation": _reconciliation(path)}


def _reconciliation(path: Path) -> pd.DataFrame:
    """The reconciliation of part of Annex I with the real Appendix (a part of Annex I is
    refused by a whole run, which wants every action area; the matching itself is the same)."""
    from extract.cross.frames import reconciliation_tables
    from extract.cross.merge import reconcile
    from extract.documents import DOCUMENTS

    plan = DOCUMENTS[0].read(path).parsed
    paper = DOCUMENTS[1].read(GB328).parsed
    reconciled, discrepancies, _ = reconcile(plan, paper.rows, paper.items)
    return reconciliation_tables(reconciled, discrepancies)["reconciliation"]


def _stray_word_pdf(tmp_path: Path, top: float = ROW_11_TOP) -> Path:
    """The table with 'Stray' in the right margin, beyond the table, its top at y=top."""
    return _write(
        tmp_path / "stray.pdf",
        [_table([*HEADER, *ROWS])],
        _words_at((RIGHT_MARGIN_X, top, "Stray")),
    )


# --- The table as drawn, and drawn without one rule ---------------------------------------


def test_baseline_table_reads(baseline: dict[str, pd.DataFrame]) -> None:
    _check_content(baseline)
    deliverables = baseline["annex_deliverables"]
    assert deliverables.page_first.tolist() == [1, 1, 1]
    assert deliverables.area_printed.tolist() == [True, False, False]
    notes = _annex(baseline)
    assert notes.kind.tolist() == ["area_filled", "area_filled"]
    assert notes.deliverable_id.tolist() == ["1.2", "1.3"]
    assert baseline["documents"].pages.iloc[0] == 1


def test_a_deleted_row_rule_gives_the_same_tables(
    tmp_path: Path, baseline: dict[str, pd.DataFrame]
) -> None:
    rows = [*HEADER, *ROWS]
    ncols = len(rows[0])
    missing = len(HEADER)  # the rule under row 1.1, between deliverables 1.1 and 1.2
    lines: list[tuple[Any, ...]] = [("BOX", (0, 0), (-1, -1), 0.5, "black")]
    lines += [("LINEAFTER", (c, 0), (c, -1), 0.5, "black") for c in range(ncols - 1)]
    lines += [
        ("LINEBELOW", (0, r), (-1, r), 0.5, "black") for r in range(len(rows) - 1) if r != missing
    ]
    path = _write(tmp_path / "no_rule.pdf", [_table(rows, lines)])
    tables = {**annex_alone(path), "reconciliation": _reconciliation(path)}
    for name in ("annex_deliverables", "annex_activities", "annex_schedule", "reconciliation"):
        columns = [c for c in baseline[name].columns if c not in ("bbox", "line", "line_first")]
        pd.testing.assert_frame_equal(
            tables[name][columns].reset_index(drop=True),
            baseline[name][columns].reset_index(drop=True),
            obj=name,
        )
    _check_content(tables)


# --- Words the table cannot hold ------------------------------------------------------------


@pytest.mark.parametrize(
    "top",
    [
        pytest.param(ROW_11_TOP, id="on_a_line_of_row_1.1"),
        pytest.param(92.0, id="between_lines"),
        pytest.param(117.9, id="beside_the_last_row"),
    ],
)
def test_a_stray_word_in_the_margin_beside_the_table_is_an_error(
    tmp_path: Path, top: float
) -> None:
    with pytest.raises(SourceError) as caught:
        annex_alone(_stray_word_pdf(tmp_path, top))
    assert caught.value.page == 1
    assert "'Stray'" in caught.value.message


def test_a_word_shifted_into_a_quarter_cell_is_an_error(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "shifted.pdf",
        [_table([*HEADER, *ROWS])],
        _words_at((Q2_2017_X - 4, ROW_11_TOP, "Do")),
    )
    with pytest.raises(SourceError) as caught:
        annex_alone(path)
    assert caught.value.page == 1
    assert "quarter cell 2017Q2" in caught.value.message
    assert "'Do'" in caught.value.message


def test_a_mark_beyond_the_last_quarter_is_read_and_noted(tmp_path: Path) -> None:
    """A 24th column, unlabelled, with an X in row 1.2 (as page 5 of the real document)."""
    rows = [[*row, ""] for row in HEADER]
    rows += [[*ROWS[0], ""], [*ROWS[1], "X"], [*ROWS[2], ""]]
    tables = annex_alone(_write(tmp_path / "col24.pdf", [_table(rows)]))
    _check_content(tables)
    notes = _annex(tables)
    stray = notes[notes.kind == "out_of_frame_mark"]
    assert stray.deliverable_id.tolist() == ["1.2"]
    assert stray.page.tolist() == [1]
    assert "column 24" in stray.message.iloc[0]
    assert "2017Q1-2021Q4" in stray.message.iloc[0]


# --- Files that hold no readable table --------------------------------------------------------


def _scanned_pdf(tmp_path: Path) -> Path:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (80, 40), 255)
    for x in range(10, 70):
        image.putpixel((x, 20), 0)
    path = tmp_path / "scanned.pdf"
    page = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    page.drawImage(ImageReader(image), 60, 60, 700, 350)
    page.showPage()
    page.save()
    return path


def test_a_scanned_page_is_an_error_naming_the_page(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no text layer") as caught:
        annex_alone(_scanned_pdf(tmp_path))
    assert ": page 1: " in str(caught.value)


def test_a_scanned_paper_is_told_as_a_scan(tmp_path: Path) -> None:
    """A fully scanned GB.328 was told 'no activity matrix found'."""
    from extract.runner import read_document

    with pytest.raises(SourceError, match="no text layer") as caught:
        read_document(Doc.GB328, _scanned_pdf(tmp_path))
    assert caught.value.page == 1


def test_a_scanned_page_error_carries_its_page(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no text layer") as caught:
        annex_alone(_scanned_pdf(tmp_path))
    assert caught.value.page == 1


def _locked_pdf(tmp_path: Path, user_password: str) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    encrypt = StandardEncryption(user_password, ownerPassword="owner", canPrint=0)
    page = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=encrypt)
    table = _table([*HEADER, *ROWS])
    _, height = table.wrapOn(page, PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN)
    table.drawOn(page, 51, PAGE_H - MARGIN - height)
    page.showPage()
    page.save()
    return path


def test_a_password_protected_pdf_is_an_error_saying_encrypted(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="encrypted"):
        annex_alone(_locked_pdf(tmp_path, "secret"))


def test_a_password_protected_pdf_is_a_source_error(tmp_path: Path) -> None:
    """Whatever its wording, the refusal is the project's own error, not a traceback."""
    with pytest.raises(SourceError) as caught:
        annex_alone(_locked_pdf(tmp_path, "secret"))
    assert "PDF" in caught.value.message


def test_a_pdf_locked_only_against_printing_reads(tmp_path: Path) -> None:
    """An empty user password opens the file: its table is read as any other."""
    _check_content(annex_alone(_locked_pdf(tmp_path, "")))


def test_prose_only_is_no_table(tmp_path: Path) -> None:
    text = "This report on decent work in global supply chains holds no table at all."
    path = _write(tmp_path / "prose.pdf", [_para(text)])
    with pytest.raises(SourceError, match="no work-plan table found"):
        annex_alone(path)


def test_a_header_without_rows_is_no_deliverable(tmp_path: Path) -> None:
    path = _write(tmp_path / "header.pdf", [_table(HEADER)])
    with pytest.raises(SourceError, match="no deliverable found"):
        annex_alone(path)


# --- Pages and lines that are not the table --------------------------------------------------


def test_a_blank_page_between_cover_and_table_is_skipped(tmp_path: Path) -> None:
    from reportlab.platypus import PageBreak, Spacer

    story = [
        _para("Annex I"),
        Spacer(1, 24),
        _para("Programme of Action work-plan"),
        PageBreak(),
        Spacer(1, 1),
        PageBreak(),
        _table([*HEADER, *ROWS]),
    ]
    tables = annex_alone(_write(tmp_path / "blank.pdf", story))
    _check_content(tables)
    assert tables["annex_deliverables"].page_first.tolist() == [3, 3, 3]
    notes = _annex(tables)
    skipped = notes[notes.kind == "page_skipped"]
    assert skipped.page.tolist() == [1, 2]
    assert skipped.message.iloc[1] == "blank page skipped"
    documents = tables["documents"].iloc[0]
    assert documents.pages == 3
    assert (documents.label, documents.title) == ("Annex I", "Programme of Action work-plan")


def _furniture(canvas: Any, doc: Any) -> None:
    """A running head in the top margin, the page number centred in the bottom margin."""
    canvas.saveState()
    canvas.setFont("Helvetica", FONT)
    canvas.drawString(MARGIN, PAGE_H - 18, "GB.328/INS/5/1(Add.1) work-plan")
    canvas.drawCentredString(PAGE_W / 2, 12, str(doc.page))
    canvas.restoreState()


def test_page_numbers_and_running_heads_are_dropped_with_notes(tmp_path: Path) -> None:
    from reportlab.platypus import PageBreak

    story = [
        _para("Annex I"),
        _para("Programme of Action work-plan"),
        _table([*HEADER, ROWS[0]]),
        PageBreak(),
        _table([*HEADER, ROWS[1]]),
        PageBreak(),
        _table([*HEADER, ROWS[2]]),
    ]
    tables = annex_alone(_write(tmp_path / "furniture.pdf", story, _furniture))
    _check_content(tables)
    assert tables["annex_deliverables"].page_first.tolist() == [1, 2, 3]
    notes = _annex(tables)
    dropped = notes[notes.kind == "furniture_dropped"]
    assert dropped.page.tolist() == [1, 1, 2, 2, 3, 3]
    on_3 = dropped[dropped.page == 3].message.tolist()
    assert sorted(on_3) == [
        "page furniture '3' on page 3 left out",
        "page furniture 'GB.328/INS/5/1(Add.1) work-plan' on page 3 left out",
    ]
    documents = tables["documents"].iloc[0]
    assert (documents.label, documents.title) == ("Annex I", "Programme of Action work-plan")


def test_running_head_and_page_number_on_a_cover_page_stay_out_of_the_title(
    tmp_path: Path,
) -> None:
    from reportlab.platypus import PageBreak, Spacer

    story = [
        _para("Annex I"),
        Spacer(1, 24),
        _para("Programme of Action work-plan"),
        PageBreak(),
        _table([*HEADER, *ROWS]),
    ]
    tables = annex_alone(_write(tmp_path / "cover.pdf", story, _furniture))
    _check_content(tables)
    documents = tables["documents"].iloc[0]
    assert (documents.label, documents.title) == ("Annex I", "Programme of Action work-plan")


def test_cover_page_title_lines_at_normal_leading_give_label_and_title(tmp_path: Path) -> None:
    from reportlab.platypus import PageBreak

    story = [
        _para("Annex I"),
        _para("Programme of Action work-plan"),
        PageBreak(),
        _table([*HEADER, *ROWS]),
    ]
    tables = annex_alone(_write(tmp_path / "cover.pdf", story))
    documents = tables["documents"].iloc[0]
    assert (documents.label, documents.title) == ("Annex I", "Programme of Action work-plan")


# --- Two deliverables in one row ---------------------------------------------------------------


def _merged_pdf(tmp_path: Path, cell: Any) -> Path:
    """Deliverables 1.1 and 1.2 drawn in ONE ruled row (one deliverable cell), then 1.3."""
    row = ["Capacity building", cell, "1. Do", *_marks("2017Q1")]
    return _write(tmp_path / "merged.pdf", [_table([*HEADER, row, ROWS[2]])])


TWO = f"{_opening('a', 'A thing', '1.1')} {_opening('b', 'Other thing', '1.2')}"


def test_two_deliverables_in_one_wrapped_cell_are_an_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="two deliverables") as caught:
        annex_alone(_merged_pdf(tmp_path, _para(TWO, FONT)))
    assert "1.1, 1.2" in caught.value.message
    assert caught.value.page == 1


def test_two_deliverables_on_separate_lines_of_one_cell_are_an_error(tmp_path: Path) -> None:
    cell = TWO.replace(" In response", "\nIn response")
    with pytest.raises(SourceError, match="one cell seems to hold two rows"):
        annex_alone(_merged_pdf(tmp_path, cell))


@pytest.mark.parametrize("line_break", [False, True], ids=["wrapped", "line_break"])
def test_a_second_number_without_an_opening_is_an_error(tmp_path: Path, line_break: bool) -> None:
    text = f"{_opening('a', 'A thing', '1.1')} Another text (1.2)"
    cell: Any = text.replace(" Another", "\nAnother") if line_break else _para(text, FONT)
    with pytest.raises(SourceError) as caught:
        annex_alone(_merged_pdf(tmp_path, cell))
    assert caught.value.page == 1


# --- The CLI -------------------------------------------------------------------------------


def test_cli_stops_on_a_broken_pdf_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = _stray_word_pdf(tmp_path)
    out = tmp_path / "out"
    argv = ["run", "--annex", str(pdf), "--raw-dir", str(ROOT / "raw"), "--out-dir", str(out)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(str(pdf))
    assert "page 1" in lines[0] and "'Stray'" in lines[0]
    assert "Traceback" not in captured.err
    assert not out.exists()
