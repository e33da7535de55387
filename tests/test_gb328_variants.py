"""GB.328 layouts that once read wrong (tests/fixtures/gb328/make_gb328_variants.py): each now
gives the text route's tables, or stops with the one line a reader can act on."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from extract.records import Doc
from extract.runner import read_document
from tests.test_gb328_pdf import GB328_TABLES, _content

VARIANTS = Path(__file__).parent / "fixtures" / "gb328" / "variants"

# Each read wrong with exit 0 before its fix (named after the fault).
READ = {
    "c_10pt": "the day of 'Date: 23 February' became a footnote mark of the title below it",
    "c_times": "'Alliance 8.7 (joint …' at a line start opened a false row 8.7",
    "c_header_all_pages": "a running head on page 1 became the organ",
    "lo_header_page1": "a running head on page 1 became the organ",
    "c_page_of": "'Page 1 of 11' became the section of paragraphs 6-10",
    "lo_page_of": "'Page 1 of 11' was glued into paragraph 6",
    "lo_times12_letter": "a header 72 pt down (2.54 cm margin) was glued into paragraphs",
    "c_notes_at_end": "endnotes after the matrix were left out; a mark stayed in the text",
    "c_appendix_no_break": "the body ending on the matrix's first page",
    "lo_no_newpage": "the body ending on the matrix's first page",
    "c_italic_quote": "an italic line inside a paragraph",
    "c_matrix_no_thead": "a matrix page without a header was refused",
    "lo_no_header_repeat": "a matrix page without a header was refused",
}
REFUSED = {
    "c_matrix_landscape": "page 7: text outside the activity matrix",
    "c_notes_at_end_dot": "page 11: text outside the activity matrix .*'1. As requested",
    "lo_endnotes": "page 11: text outside the activity matrix .*'i As requested",
}


@pytest.mark.parametrize("name", sorted(READ))
def test_variant_gives_the_text_routes_tables(
    name: str, real_tables: dict[str, pd.DataFrame]
) -> None:
    # GB.328's reader alone: these tables are its own, nothing across documents.
    tables = read_document(Doc.GB328, VARIANTS / f"{name}.pdf")
    for table in GB328_TABLES:
        pd.testing.assert_frame_equal(
            _content(tables[table], table),
            _content(real_tables[table], table),
            obj=f"{name} ({READ[name]}): {table}",
        )


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_variant_is_refused_with_one_line(name: str) -> None:
    with pytest.raises(SourceError, match=REFUSED[name]) as caught:
        read_document(Doc.GB328, VARIANTS / f"{name}.pdf")
    assert "\n" not in str(caught.value)


def test_every_variant_is_tested() -> None:
    made = {p.stem for p in VARIANTS.glob("*.pdf")}
    assert made == set(READ) | set(REFUSED)
