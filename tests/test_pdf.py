"""Annex I from PDF gives the text route's tables; broken PDFs give located errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from extract.runner import build_tables
from pipeline import main
from tests.conftest import ROOT
from tests.variants import CONTENT as VARIANT_CONTENT
from tests.variants import annex_alone

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "annex_pages.pdf"
FLOWING = FIXTURES / "annex_flowing.pdf"
GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"

# What the PDF says, without where it says it (page, line, bbox and column are provenance).
CONTENT = {
    name: VARIANT_CONTENT[name]
    for name in (
        "annex_deliverables",
        "annex_activities",
        "annex_schedule",
        "footnotes",
        "reconciliation",
        "discrepancies",
    )
}


@pytest.fixture(scope="module")
def from_pages() -> dict[str, pd.DataFrame]:
    return build_tables(PAGES, GB328)


@pytest.fixture(scope="module")
def from_flowing() -> dict[str, pd.DataFrame]:
    return build_tables(FLOWING, GB328)


def _same(left: pd.DataFrame, right: pd.DataFrame, columns: list[str], name: str) -> None:
    pd.testing.assert_frame_equal(
        left[columns].reset_index(drop=True), right[columns].reset_index(drop=True), obj=name
    )


def test_page_for_page_pdf_equals_the_text_route(
    from_pages: dict[str, pd.DataFrame], real_tables: dict[str, pd.DataFrame]
) -> None:
    for name, columns in CONTENT.items():
        _same(from_pages[name], real_tables[name], columns, name)
    pages = ["page_first", "page_last"]
    _same(from_pages["annex_deliverables"], real_tables["annex_deliverables"], pages, "pages")
    notes = ["doc", "page", "kind", "deliverable_id"]
    _same(from_pages["extraction_notes"], real_tables["extraction_notes"], notes, "notes")
    assert from_pages["documents"].pages.iloc[0] == 12


def test_flowing_pdf_equals_the_text_route_but_for_layout(
    from_flowing: dict[str, pd.DataFrame], real_tables: dict[str, pd.DataFrame]
) -> None:
    for name, columns in CONTENT.items():
        columns = [c for c in columns if c != "area_printed"]
        _same(from_flowing[name], real_tables[name], columns, name)
    notes = from_flowing["extraction_notes"]
    joined = notes[(notes.doc == "annex_i") & (notes.kind == "continuation_joined")]
    assert joined.deliverable_id.tolist() == ["1.5"]  # split between lines of one activity


def test_area_carried_over_a_page_that_opens_inside_a_merged_cell(
    from_flowing: dict[str, pd.DataFrame],
) -> None:
    deliverables = from_flowing["annex_deliverables"].set_index("deliverable_id")
    opens_page = deliverables.loc["3.1"]
    assert (opens_page.area_no, opens_page.area_printed) == (3, False)


def test_pdf_rows_carry_page_and_bounding_box(from_pages: dict[str, pd.DataFrame]) -> None:
    schedule = from_pages["annex_schedule"]
    assert schedule.bbox.notna().all()
    x0, top, x1, bottom = map(float, schedule.bbox.iloc[0].split(","))
    assert x0 < x1 and top < bottom


def test_reader_is_chosen_by_content_not_name(tmp_path: Path) -> None:
    disguised = tmp_path / "workplan.txt"
    shutil.copy(PAGES, disguised)
    tables = annex_alone(disguised)
    assert len(tables["annex_deliverables"]) == 29


def test_cli_runs_on_a_pdf_and_writes_the_audit_view(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert (
        main(["run", "--raw-dir", str(ROOT / "raw"), "--annex", str(PAGES), "--out-dir", str(out)])
        == 0
    )
    assert (out / "annex_schedule.parquet").exists()
    audit = (out / "audit.html").read_text(encoding="utf-8")
    assert audit.count("<img") == 12  # every page, with the cells read drawn over it
    schedule = pd.read_csv(out / "annex_schedule.csv", dtype=str)
    assert audit.count('class="mark') >= len(schedule)
    for deliverable_id in pd.read_csv(out / "annex_deliverables.csv", dtype=str).deliverable_id:
        assert f"#d-{deliverable_id.replace('.', '-')}" in audit
    assert "<script" not in audit and "http" not in audit.split("</style>", 1)[1]


def test_text_input_writes_no_audit_view(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(out)]) == 0
    assert not (out / "audit.html").exists()


def _pdf(tmp_path: Path, pages: list[list[list[str]] | str | None]) -> Path:
    """A small PDF: a ruled table per page, or a paragraph of text (a default one for None)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    story: list[object] = []
    for rows in pages:
        if rows is None or isinstance(rows, str):
            story.append(Paragraph(rows or "No table here", getSampleStyleSheet()["Normal"]))
        else:
            widths = [90, 280, 90, *[30] * (len(rows[0]) - 3)]
            grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")])
            story.append(Table(rows, colWidths=widths, style=grid))
        story.append(PageBreak())
    path = tmp_path / "small.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story[:-1])
    return path


HEADER = [
    ["Area of action", "Deliverable", "Key activities", "Time frame", ""],
    ["", "", "", "2017", ""],
    ["", "", "", "Q1", "Q2"],
]
ROW = [
    "Capacity building",
    "In response to ILC 2016 Conclusion 23 (a) A thing (1.1)",
    "1. Do",
    "X",
    "",
]


def test_small_ruled_pdf_reads(tmp_path: Path) -> None:
    path = _pdf(tmp_path, [[*HEADER, [*ROW[:3], "X", "x"]]])
    tables = annex_alone(path)
    assert tables["annex_schedule"].period.tolist() == ["2017Q1", "2017Q2"]


def test_prose_page_after_the_table_is_skipped_with_a_note(tmp_path: Path) -> None:
    path = _pdf(tmp_path, [[*HEADER, ROW], None])
    tables = annex_alone(path)
    assert tables["annex_deliverables"].deliverable_id.tolist() == ["1.1"]
    notes = tables["extraction_notes"]
    skipped = notes[notes.kind == "page_skipped"]
    assert skipped.page.tolist() == [2]
    assert "No table here" in skipped.message.iloc[0]


def test_page_without_its_header_uses_the_previous_columns(tmp_path: Path) -> None:
    second = [*ROW[:1], ROW[1].replace("(1.1)", "(1.2)"), "1. Go", "", "X"]
    path = _pdf(tmp_path, [[*HEADER, ROW], [second]])
    tables = annex_alone(path)
    schedule = tables["annex_schedule"]
    assert schedule.deliverable_id.tolist() == ["1.1", "1.2"]
    assert schedule.period.tolist() == ["2017Q1", "2017Q2"]
    assert tables["annex_deliverables"].page_first.tolist() == [1, 2]


def test_headerless_page_that_fits_no_columns_is_an_error_not_a_skip(tmp_path: Path) -> None:
    row_as_prose = "In response to ILC 2016 Conclusion 23 (a) Another thing set as prose (1.2)"
    path = _pdf(tmp_path, [[*HEADER, ROW], row_as_prose])
    with pytest.raises(SourceError, match="reads like part of a table row") as caught:
        annex_alone(path)
    assert caught.value.page == 2


def test_row_text_set_across_the_columns_is_an_error_not_prose(tmp_path: Path) -> None:
    path = tmp_path / "overflow.pdf"
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")])
    table = Table([*HEADER, ROW], colWidths=[90, 120, 60, 30, 30], style=grid)
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([table])
    with pytest.raises(SourceError, match="reads like part of a table row"):
        annex_alone(path)


def test_unreadable_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(SourceError, match="PDF"):
        annex_alone(path)


def test_fixture_pdfs_are_reproducible(tmp_path: Path) -> None:
    """The committed PDFs are exactly what tests/make_pdfs.py writes."""
    script = Path(__file__).parent / "make_pdfs.py"
    copy = tmp_path / "make_pdfs.py"
    copy.write_text(
        script.read_text(encoding="utf-8")
        .replace(
            'FIXTURES = Path(__file__).resolve().parent / "fixtures"',
            f"FIXTURES = Path({str(tmp_path)!r})",
        )
        .replace("ROOT = Path(__file__).resolve().parent.parent", f"ROOT = Path({str(ROOT)!r})"),
        encoding="utf-8",
    )
    subprocess.run([sys.executable, str(copy)], check=True, capture_output=True)
    for name in ("annex_pages.pdf", "annex_flowing.pdf"):
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name
