"""Annex I from PDFs made the ways real producers make them (LibreOffice, Chromium, reportlab;
tests/fixtures/producers/make_annex_pdfs.py): every one gives the text route's tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests import readings
from tests.conftest import ROOT
from tests.variants import assert_same_content

PRODUCERS = Path(__file__).parent / "fixtures" / "producers"
GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"

# Fixture, the mark evidence it carries, and the pages it skips as not the table.
FIXTURES = {
    "lo_table.pdf": ("x", []),
    "lo_cover_notes.pdf": ("x", [1, 9]),
    "chromium_grid.pdf": ("x", []),
    "chromium_hrules.pdf": ("x", []),
    "chromium_norules.pdf": ("x", []),
    "chromium_middle.pdf": ("x", []),
    "chromium_checks.pdf": ("check", []),
    "chromium_shaded.pdf": ("fill", []),
    "chromium_drawn.pdf": ("drawn", []),
    "chromium_missing_rule.pdf": ("x", []),
    "rl_zapf.pdf": ("check", []),
}
# Where a table breaks over pages is layout: compare what the tables say, not where.
TABLES = ["annex_deliverables", "annex_activities", "annex_schedule", "footnotes"]
TABLES += ["reconciliation", "discrepancies"]


@pytest.fixture(scope="module", params=sorted(FIXTURES))
def read(request: pytest.FixtureRequest) -> tuple[str, dict[str, pd.DataFrame]]:
    return request.param, readings.tables(PRODUCERS / request.param, GB328)


def test_every_producer_pdf_gives_the_text_routes_tables(
    read: tuple[str, dict[str, pd.DataFrame]], real_tables: dict[str, pd.DataFrame]
) -> None:
    name, tables = read
    assert_same_content(tables, real_tables, TABLES, name)
    documents = tables["documents"].iloc[0]
    assert (documents.label, documents.title) == ("Annex I", "Programme of Action work-plan")


def test_marks_say_which_evidence_was_seen(read: tuple[str, dict[str, pd.DataFrame]]) -> None:
    name, tables = read
    assert set(tables["annex_schedule"].mark) == {FIXTURES[name][0]}


def test_pages_without_the_table_are_skipped_with_a_note(
    read: tuple[str, dict[str, pd.DataFrame]],
) -> None:
    name, tables = read
    notes = tables["extraction_notes"]
    assert notes[notes.kind == "page_skipped"].page.tolist() == FIXTURES[name][1]


def test_every_row_keeps_its_page_and_box(read: tuple[str, dict[str, pd.DataFrame]]) -> None:
    _, tables = read
    for table in ("annex_activities", "annex_schedule"):
        assert tables[table].bbox.notna().all(), table
    deliverables = tables["annex_deliverables"]
    for row in deliverables.itertuples():
        pages = [int(part.split(":")[0]) for part in row.bbox.split(";")]
        # A continuation may carry only activities, so the cell's last box can end earlier.
        assert pages[0] == row.page_first and pages[-1] <= row.page_last, row.deliverable_id
        assert pages == sorted(pages)


def test_area_split_over_a_page_is_joined(read: tuple[str, dict[str, pd.DataFrame]]) -> None:
    """LibreOffice breaks a merged area cell over a page with its text: the name is whole."""
    _, tables = read
    names = set(tables["annex_deliverables"].area)
    assert "Effective advocacy for decent work in global supply chains" in names
    assert all(name.count(" ") >= 1 for name in names)
