"""Footnotes written another way ('1 ', '[1]', wrapped over lines, above the first header)
are read as the originals'; a footnote without its mark, or a mark without its footnote, is
an error naming file and line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from tests.variants import ANNEX, GB328, build_from_text, content

RAW = ANNEX.read_text(encoding="utf-8")
LINES = RAW.split("\n")
NOTE = next(i for i, line in enumerate(LINES) if line.startswith("\u00b9 "))
CUT = LINES[NOTE].index(" ", 90)  # a space to wrap the footnote at
TITLE = LINES.index("Programme of Action work-plan")


def _moved_above(*note: str) -> str:
    """The footnote lines set between 'Annex I' and the title, above the first header."""
    body = [line for i, line in enumerate(LINES) if i != NOTE]
    return "\n".join([*body[:TITLE], *note, "", *body[TITLE:]])


VARIANTS = {
    "plain_digit": lambda: RAW.replace("\n\u00b9 ", "\n1 ", 1),
    "bracketed": lambda: RAW.replace("\n\u00b9 ", "\n[1] ", 1),
    "wrapped": lambda: RAW.replace(LINES[NOTE], LINES[NOTE][:CUT] + "\n" + LINES[NOTE][CUT + 1 :]),
    "above_header": lambda: _moved_above(LINES[NOTE]),
    "above_header_plain_digit": lambda: _moved_above("1 " + LINES[NOTE][2:]),
    "above_header_wrapped": lambda: _moved_above(LINES[NOTE][:CUT], LINES[NOTE][CUT + 1 :]),
}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return build_from_text(tmp_path_factory.mktemp("orig"))


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_annex_footnote_written_another_way_is_read_whole(
    original: dict[str, pd.DataFrame], tmp_path: Path, name: str
) -> None:
    """Once lost ('footnote mark 1 is printed but no footnote 1'), cut (the wrapped part left
    out as prose) or glued into documents.title."""
    changed = VARIANTS[name]()
    assert changed != RAW
    tables = build_from_text(tmp_path, annex=changed)
    assert content(tables) == content(original)
    front = ["title", "label", "subtitle"]
    pd.testing.assert_frame_equal(tables["documents"][front], original["documents"][front])
    skipped = tables["extraction_notes"]
    assert not (skipped.kind == "line_skipped").any()


def test_annex_footnote_whose_mark_was_lost_is_an_error(tmp_path: Path) -> None:
    """Once read with exit 0, a footnote nothing refers to."""
    changed = RAW.replace("Deliverable \u00b9", "Deliverable")
    with pytest.raises(SourceError, match=rf"annex.txt:{NOTE + 1}: footnote 1 .* has no mark ¹"):
        build_from_text(tmp_path, annex=changed)


def test_annex_plain_number_is_a_footnote_only_where_its_mark_stands(tmp_path: Path) -> None:
    """'2 ...' under the table is no footnote 2 (no mark ² anywhere): left out with a note."""
    changed = RAW.replace(LINES[NOTE], LINES[NOTE] + "\n\n2 Printed in Geneva")
    notes = build_from_text(tmp_path, annex=changed)["extraction_notes"]
    skipped = notes[notes.kind == "line_skipped"]
    assert skipped.line.tolist() == [NOTE + 3]


def test_gb328_bracketed_footnotes_are_read(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Shared with Annex I (extract/text.py): once 'paragraph 35 carries the footnote mark ²
    but no footnote 2 was found'."""
    raw = GB328.read_text(encoding="utf-8")
    changed = raw.replace("\n\u00b9 ", "\n[1] ").replace("\n\u00b2 ", "\n[2] ")
    assert changed.count("\n[") == 2
    assert content(build_from_text(tmp_path, gb328=changed)) == content(original)


def test_a_pdf_endnote_going_on_in_another_block_of_its_page_is_joined() -> None:
    """Chromium's endnote 2 with an italic title: the page reader leaves 'Geneva, 2016.' a
    block of its own (another style), which was then read as a heading and lost."""
    from extract.readers.records import Line as L
    from extract.readers.text import read_footnote_lines

    lines = [
        L(1, "37. Monitoring of progress will also be aligned.", 4),
        L(2, "² ILO: Multilateral approaches to global supply chains,", 4),
        L(3, "Geneva, 2016.", 4),
        L(4, "Appendix", 5),
    ]
    notes, taken = read_footnote_lines(lines, {"2"}, False, lambda note, text: True)
    assert [n.text for n in notes] == [
        "² ILO: Multilateral approaches to global supply chains, Geneva, 2016."
    ]
    assert taken == {2, 3}
    # A block on the next page is no wrap of a note on this one.
    notes, taken = read_footnote_lines([lines[1], L(3, "Geneva, 2016.", 5)], {"2"}, False)
    assert taken == {2}


def test_a_footnote_mark_glued_to_its_first_word_opens_a_footnote() -> None:
    """LaTeX sets '¹Figures in bold…' with no space: the same footnote as '¹ Figures…'; a
    raised number before a digit is no footnote line ('²2017')."""
    from extract.readers.text import split_footnote

    assert split_footnote("¹Figures in bold") == split_footnote("¹ Figures in bold")
    assert split_footnote("¹Figures in bold") == ("1", "Figures in bold")
    assert split_footnote("²2017 text") is None
