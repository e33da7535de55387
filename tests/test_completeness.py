"""Annex I read as a whole: copies of raw/annex_i_workplan.txt changed in form give the
original's tables; changed in substance (a label, a header, a footnote lost) one error that
names the file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from tests.variants import ANNEX, build_from_text, same_everything_but_documents

RAW = ANNEX.read_text(encoding="utf-8")
LINES = RAW.split("\n")
HEADERS = [i for i, line in enumerate(LINES) if line.startswith("Area of action\t")]


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return build_from_text(tmp_path_factory.mktemp("orig"))


def edit(index: int, change: Callable[[str], str]) -> str:
    """The raw Annex I with one line (0-based index) changed."""
    lines = list(LINES)
    lines[index] = change(lines[index])
    return "\n".join(lines)


def fails(tmp_path: Path, annex: str, message: str) -> SourceError:
    """The run stops with one SourceError naming the changed file and matching message."""
    with pytest.raises(SourceError, match=message) as caught:
        build_from_text(tmp_path, annex=annex)
    assert str(caught.value).startswith(str(tmp_path / "annex.txt")), str(caught.value)
    return caught.value


def test_trailing_tabs_trimmed_by_an_editor_are_read(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Once 'row has 15 cells; its page header (line 7) has 23'."""
    trimmed = "\n".join(line.rstrip("\t") for line in LINES)
    assert trimmed != RAW
    same_everything_but_documents(build_from_text(tmp_path, annex=trimmed), original)


QUARTER_LINE = HEADERS[0] + 2  # page 1's Q1-Q4 line

SAME_LABELS = {
    "first_with_dot": lambda s: s.replace("\tQ1\t", "\tQ1.\t", 1),
    "last_with_dot": lambda s: s.removesuffix("Q4") + "Q4.",
    "lowercase_spaced": lambda s: s.replace("\tQ1\t", "\tq 1\t", 1),
    "first_two_in_one_cell": lambda s: s.replace("\tQ1\tQ2\t", "\tQ1 Q2\t\t", 1),
    "first_two_tab_lost": lambda s: s.replace("\tQ1\tQ2\t", "\tQ1 Q2\t", 1),
    "last_two_in_one_cell": lambda s: s.removesuffix("Q3\tQ4") + "Q3 Q4",
}


@pytest.mark.parametrize("name", sorted(SAME_LABELS))
def test_quarter_labels_written_another_way_are_read_at_either_end(
    original: dict[str, pd.DataFrame], tmp_path: Path, name: str
) -> None:
    """Once the first label 'Q1.' or 'Q1 Q2' moved 2017Q1 out of the frame and dropped its
    marks (exit 0); 'Q4.' at the end was refused."""
    changed = edit(QUARTER_LINE, SAME_LABELS[name])
    assert changed != RAW
    same_everything_but_documents(build_from_text(tmp_path, annex=changed), original)


@pytest.mark.parametrize(
    ("change", "message", "column"),
    [
        (lambda s: s.replace("\tQ1\t", "\t\t", 1), "begin at 2017Q2: 2017Q1 of the", 4),
        (lambda s: s.removesuffix("Q4"), "end at 2021Q3: 2021Q4 of the", 23),
        (lambda s: s.replace("\tQ1\tQ2\t", "\t\t\t", 1), "2017Q1, 2017Q2 of", 4),
    ],
    ids=["first_blank", "last_blank", "first_two_blank"],
)
def test_a_quarter_label_left_blank_is_an_error_at_either_end(
    tmp_path: Path, change: Callable[[str], str], message: str, column: int
) -> None:
    """Once a blank first label dropped that page's 2017Q1 marks with exit 0."""
    caught = fails(tmp_path, edit(QUARTER_LINE, change), message)
    assert (caught.line, caught.page, caught.column) == (QUARTER_LINE + 1, 1, column)
    assert "has no label" in caught.message


DELIVERABLE_92 = next(i for i, s in enumerate(LINES) if "Technical assessment of private" in s)


@pytest.mark.parametrize("typo", ["In reponse to", "in reponse to", "Further to"])
def test_a_misspelt_opening_after_a_closed_deliverable_is_an_error_at_its_line(
    tmp_path: Path, typo: str
) -> None:
    """Once glued into 9.1 across the page break (28 deliverables, '9.1 merged into 9.2')."""
    changed = edit(DELIVERABLE_92, lambda s: s.replace("In response to", typo, 1))
    caught = fails(tmp_path, changed, "deliverable does not begin with 'In response to")
    assert (caught.line, caught.page) == (DELIVERABLE_92 + 1, 3)


def test_a_second_opening_joined_across_a_page_break_is_an_error(tmp_path: Path) -> None:
    """9.1's number lost and 9.2's phrase misspelt: once one deliverable 9.2, exit 0."""
    lines = list(LINES)
    lines[DELIVERABLE_92 - 5] = lines[DELIVERABLE_92 - 5].replace(" (9.1)", "", 1)
    lines[DELIVERABLE_92] = lines[DELIVERABLE_92].replace("In response to", "in reponse to", 1)
    caught = fails(tmp_path, "\n".join(lines), "joined across the page break .* two deliverables")
    assert caught.line == DELIVERABLE_92 - 4


def _without(*indices: int) -> str:
    return "\n".join(line for i, line in enumerate(LINES) if i not in indices)


@pytest.mark.parametrize("page", [5, 6])
def test_a_page_without_its_header_is_named_not_the_row_before(tmp_path: Path, page: int) -> None:
    """Once 'deliverable has no number' at the last row of the page before (or 'does not
    begin with' at the page's first row)."""
    at = HEADERS[page - 1]
    changed = _without(at, at + 1, at + 2)
    caught = fails(tmp_path, changed, rf"page {page} has no header line 'Area of action …'")
    assert f"(expected after line {at})" in caught.message
    assert (caught.line, caught.page) == (at + 1, page)


def test_a_header_that_lost_its_label_line_is_named(tmp_path: Path) -> None:
    """Once 'quarter cell 2017Q1 holds '2017'' on the years line."""
    at = HEADERS[4]
    caught = fails(tmp_path, _without(at), r"page 5 has no header line 'Area of action …'")
    assert f"(expected after line {at})" in caught.message
    assert caught.line == at + 1


def test_a_label_row_it_cannot_read_is_a_header_not_recognised(tmp_path: Path) -> None:
    """Once 'quarter cell 2017Q1 holds 'Time frame''."""
    at = HEADERS[4]
    changed = edit(at, lambda s: s.replace("Area of action", "Areas of activity", 1))
    caught = fails(tmp_path, changed, "page header not recognised: 'Areas of activity | Deliv")
    assert (caught.line, caught.page) == (at + 1, 5)


def test_a_document_cut_inside_a_deliverable_says_so(tmp_path: Path) -> None:
    """Cut after page 11, deliverable 7.1 is left open: once only 'has no number'."""
    cut = "\n".join(LINES[: HEADERS[11]])
    caught = fails(tmp_path, cut, "the table ends here, inside it: is the document cut short")
    assert caught.line == HEADERS[11] - 1


@pytest.mark.parametrize("pages", [1, 6, 11])
def test_annex_cut_at_a_page_break_is_an_error(tmp_path: Path, pages: int) -> None:
    """Cut after page 1 it once gave 2 deliverables and exit 0; GB.328 heads five areas and
    Annex I must have deliverables under each."""
    lines = ANNEX.read_text(encoding="utf-8").split("\n")
    headers = [i for i, line in enumerate(lines) if line.startswith("Area of action\t")]
    cut = "\n".join(lines[: headers[pages]]) + "\n"
    with pytest.raises(SourceError, match=r"cut short"):
        build_from_text(tmp_path, annex=cut)


def test_one_document_reads_alone() -> None:
    """Part of a document is read with read_document, which checks nothing across documents."""
    from extract.records import Doc
    from extract.runner import read_document

    tables = read_document(Doc.ANNEX_I, ANNEX)
    assert len(tables["annex_deliverables"]) == 29
    assert "reconciliation" not in tables
