"""Annex I from Chromium variants that once read wrong (tests/fixtures/producers/variants/, made
by make_annex_variants.py): each gives the text route's tables, or the reader's own refusal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from extract.records import Doc
from extract.runner import read_document
from tests import readings
from tests.variants import ANNEX, assert_same_content

VARIANTS = Path(__file__).parent / "fixtures" / "producers" / "variants"

READ = [
    "c_zebra_light",
    "c_year_cols_shaded",
    "c_svg_dot",
    "c_fn_ownpage",
    "c_hrules_source_right",
    "c_norules_source_right",
    "c_first_footer_tab",
    "c_break_area_norepeat",
    "c_plural",
    "c_mono_fn",
    "c_norules_qright",
    "c_tiny_margin_pagebox",
    "c_hf_on",
]
# Where a table breaks over pages is layout: compare what the tables say, not where.
TABLES = ["annex_deliverables", "annex_activities", "annex_schedule", "footnotes"]

Tables = dict[str, pd.DataFrame]


@pytest.fixture(scope="module")
def read() -> Callable[[str], Tables]:
    """Each variant's tables, read once for the module by Annex I's reader alone."""
    cache: dict[str, Tables] = {}

    def get(name: str) -> Tables:
        if name not in cache:
            cache[name] = read_document(Doc.ANNEX_I, VARIANTS / f"{name}.pdf")
        return cache[name]

    return get


def _notes(tables: Tables, kind: str) -> pd.DataFrame:
    notes = tables["extraction_notes"]
    return notes[notes.kind == kind]


@pytest.mark.parametrize("name", READ)
def test_variant_gives_the_text_routes_tables(name: str, read: Callable[[str], Tables]) -> None:
    tables = read(name)
    # The text route read alone too: its footnotes are Annex I's only.
    assert_same_content(tables, readings.document(Doc.ANNEX_I, ANNEX), TABLES, name)


@pytest.mark.parametrize("name", ["c_zebra_light", "c_year_cols_shaded"])
def test_shaded_rows_or_columns_are_no_marks(name: str, read: Callable[[str], Tables]) -> None:
    schedule = read(name)["annex_schedule"]
    assert len(schedule) == 337
    assert set(schedule.mark) == {"x"}


def test_svg_dots_are_read_as_filled_marks(read: Callable[[str], Tables]) -> None:
    schedule = read("c_svg_dot")["annex_schedule"]
    assert len(schedule) == 337
    assert set(schedule.mark) == {"fill"}


@pytest.mark.parametrize("name", ["c_fn_ownpage", "c_mono_fn"])
def test_footnote_alone_or_in_monospace_is_whole(
    name: str, read: Callable[[str], Tables], real_tables: Tables
) -> None:
    tables = read(name)
    footnotes = tables["footnotes"]
    (text,) = footnotes[footnotes.doc == "annex_i"].text
    (real,) = real_tables["footnotes"][real_tables["footnotes"].doc == "annex_i"].text
    assert text == real
    assert text.startswith("Figures in bold") and text.endswith("avoid duplication.")
    for table in ("annex_deliverables", "annex_activities"):
        assert not tables[table].text.str.contains("Figures in bold").any(), table


@pytest.mark.parametrize("name", ["c_hrules_source_right", "c_norules_source_right"])
def test_source_line_after_the_table_is_skipped_with_a_note(
    name: str, read: Callable[[str], Tables]
) -> None:
    tables = read(name)
    skipped = _notes(tables, "line_skipped")
    assert skipped.message.str.contains("Source: ILO.", regex=False).sum() == 1
    assert not tables["annex_activities"].text.str.contains("Source", regex=False).any()
    assert not tables["annex_deliverables"].text.str.contains("Source:", regex=False).any()


def test_first_page_footer_is_in_no_deliverable(read: Callable[[str], Tables]) -> None:
    tables = read("c_first_footer_tab")
    assert not tables["annex_deliverables"].text.str.contains("GB.331/INS/5", regex=False).any()
    assert not tables["annex_activities"].text.str.contains("GB.331/INS/5", regex=False).any()
    skipped = _notes(tables, "line_skipped")
    assert skipped.message.str.contains("'GB.331/INS/5'", regex=False).sum() == 1
    assert skipped.page.tolist() == [1]


def test_area_cells_broken_over_pages_without_header_keep_their_area(
    read: Callable[[str], Tables],
) -> None:
    deliverables = read("c_break_area_norepeat")["annex_deliverables"].sort_values("seq")
    before = deliverables.shift()
    for did, area in (("1.1", 3), ("5.1", 5)):
        row = deliverables.deliverable_id == did
        assert deliverables[row].area_no.item() == area, did
        # the first of its area, on a page of its own that has no header
        assert before[row].area_no.item() == area - 1, did
        assert deliverables[row].page_first.item() == before[row].page_last.item() + 1, did


@pytest.mark.parametrize(
    ("name", "furniture"),
    [("c_tiny_margin_pagebox", "'Page 1 of "), ("c_hf_on", "'file:///")],
)
def test_page_furniture_is_dropped_with_notes(
    name: str, furniture: str, read: Callable[[str], Tables]
) -> None:
    dropped = _notes(read(name), "furniture_dropped")
    pages = int(dropped.page.max())
    # a header and a footer on every page
    assert dropped.page.value_counts().sort_index().tolist() == [2] * pages
    assert dropped.message.str.contains(furniture, regex=False).any()


def test_plural_header_labels_are_read(read: Callable[[str], Tables]) -> None:
    tables = read("c_plural")
    assert len(tables["annex_deliverables"]) == 29
    documents = tables["documents"].iloc[0]
    assert (documents.label, documents.title) == ("Annex I", "Programme of Action work-plan")


def test_image_marks_are_refused() -> None:
    with pytest.raises(SourceError, match=r"page 1: an image stands in the time frame at x=\d+"):
        read_document(Doc.ANNEX_I, VARIANTS / "c_img_marks.pdf")


def test_too_light_shading_is_refused() -> None:
    with pytest.raises(
        SourceError, match="no quarter of the time frame is marked for any of the 29 deliverables"
    ):
        read_document(Doc.ANNEX_I, VARIANTS / "c_shaded_f2.pdf")
