"""GB.328 paragraphs as an editor leaves them: the last one numbered another way, a wrapped
line that opens with a number, a last paragraph without its full stop."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.variants import GB328, build_from_text, content

RAW = GB328.read_text(encoding="utf-8")
LAST = "- 37.** "


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return build_from_text(tmp_path_factory.mktemp("orig"))


@pytest.mark.parametrize(
    "written", ["- 37 .** ", "- 37)** ", "- 37.**\n", "37.\n", "- 36)** "], ids=repr
)
def test_a_paragraph_numbered_otherwise_is_still_that_paragraph(
    original: dict[str, pd.DataFrame], tmp_path: Path, written: str
) -> None:
    """'37 .' once merged paragraph 37 into 36 with exit 0."""
    target = "- 36.** " if "36" in written else LAST
    changed = build_from_text(tmp_path, gb328=RAW.replace(target, written, 1))
    assert content(changed)["paragraphs"] == content(original)["paragraphs"]
    notes = changed["extraction_notes"]
    assert (notes.kind == "number_read").sum() == 1


def test_a_wrapped_line_opening_with_the_next_number_stays_in_its_paragraph(
    tmp_path: Path,
) -> None:
    """Once it became paragraph 38."""
    changed = RAW.replace("2018–19, the Strategic", "2018–19,\n38. the Strategic", 1)
    paragraphs = build_from_text(tmp_path, gb328=changed)["paragraphs"]
    assert paragraphs.para_no.max() == 37
    assert "2018–19, 38. the Strategic Plan" in paragraphs.text.iloc[-1]


def test_the_last_paragraph_without_its_full_stop_keeps_the_appendix_title_out(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Once 'Appendix Activity matrix 2017–21' was read as the rest of paragraph 37."""
    text = original["paragraphs"].text.iloc[-1]
    changed = RAW.replace(text[-40:], text[-40:-1], 1)
    paragraphs = build_from_text(tmp_path, gb328=changed)["paragraphs"]
    assert paragraphs.text.iloc[-1] == text[:-1]


FOOTNOTES = {
    "plain digits": RAW.replace("\n¹ As requested", "\n1 As requested").replace(
        "\n² ILO:", "\n2 ILO:"
    ),
    "wrapped": RAW.replace(
        "\n² ILO: *Multilateral approaches", "\n² ILO: *Multilateral\napproaches"
    ),
}


@pytest.mark.parametrize("name", sorted(FOOTNOTES))
def test_gb328_footnotes_written_otherwise_read_the_same(
    original: dict[str, pd.DataFrame], tmp_path: Path, name: str
) -> None:
    """Plain '2 ' footnotes were refused; a wrapped one was cut after its first line."""
    changed = build_from_text(tmp_path, gb328=FOOTNOTES[name])
    ours, theirs = content(changed), content(original)
    assert ours["footnotes"] == theirs["footnotes"]
    assert ours["paragraphs"] == theirs["paragraphs"]
