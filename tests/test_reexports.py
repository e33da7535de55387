"""Re-exports a person or another converter makes of the text: other list markers, HTML
entities. Each gives the original's tables, or (later classes) one error naming file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import regex

from extract.documents import DOCUMENTS
from extract.model_registry import content_columns
from extract.records import Doc
from tests.variants import ANNEX, GB328, build_from_text, map_data_cells, read_from_text

RAW_ANNEX = ANNEX.read_text(encoding="utf-8")
RAW_GB328 = GB328.read_text(encoding="utf-8")
ACTIVITIES = pd.read_csv(ANNEX.parent.parent / "tests" / "golden" / "annex_activities.csv")


def remark(style: Callable[[int], str], glue: bool = False) -> Callable[[str], str]:
    """Every numbered activity's 'n. ' (as the reviewed activities table places it) written
    another way; other numbers ('in 2018.') stay as they are."""

    def change(raw: str) -> str:
        lines = raw.split("\n")
        for row in ACTIVITIES[ACTIVITIES.numbered_in_source].itertuples():
            opening = f"{row.activity_no}. {row.text[:30]}"
            assert lines[row.line - 1].count(opening) == 1, (row.line, opening)
            sep = "" if glue else " "
            new = f"{style(row.activity_no)}{sep}{row.text[:30]}"
            lines[row.line - 1] = lines[row.line - 1].replace(opening, new)
        return "\n".join(lines)

    return change


def _letter(n: int) -> str:
    return chr(ord("a") + n - 1)


MARKERS = {
    "paren_close": (remark(lambda n: f"{n})"), True),
    "parens": (remark(lambda n: f"({n})"), True),
    "letters": (remark(lambda n: f"{_letter(n)}."), True),
    "letters_paren": (remark(lambda n: f"({_letter(n)})"), True),
    "glued": (remark(lambda n: f"{n}.", glue=True), True),
    # a space before the point (a converter's '1 .'): 88 activities read as 101
    "spaced_point": (remark(lambda n: f"{n} ."), True),
    "bullets": (remark(lambda n: "\u2022"), False),
    "dashes": (remark(lambda n: "\u2013"), False),
    # <li> items, numbers left to the <ol> as a browser would print them
    "li_items": (
        lambda raw: remark(lambda n: "<li>", glue=True)(raw).replace(
            '<ol style="list-style-type: none">', "<ol>"
        ),
        True,
    ),
    "li_bullets": (
        lambda raw: remark(lambda n: "<li>", glue=True)(raw).replace(
            '<ol style="list-style-type: none">', "<ul>"
        ),
        None,  # items of a list opened on the page before cannot say whether it is numbered
    ),
}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return build_from_text(tmp_path_factory.mktemp("orig"), RAW_ANNEX, RAW_GB328)


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_other_list_markers_give_the_same_activities(
    name: str, original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    change, counted = MARKERS[name]
    changed = change(RAW_ANNEX)
    assert changed != RAW_ANNEX
    got = build_from_text(tmp_path, annex=changed)["annex_activities"]
    truth = original["annex_activities"]
    columns = ["deliverable_id", "activity_no", "text"]
    pd.testing.assert_frame_equal(got[columns], truth[columns], obj=name)
    # Bullets count nothing: a list that was numbered is no longer numbered in the source.
    if counted is not None:
        expected = truth.numbered_in_source if counted else truth.numbered_in_source & False
        assert got.numbered_in_source.tolist() == expected.tolist()


def test_html_entities_are_decoded(original: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    def entities(text: str) -> str:
        return text.replace("'", "&#39;").replace(" and ", " &amp; ", 3).replace(" ", "&nbsp;", 5)

    changed = map_data_cells(RAW_ANNEX, entities)
    changed = changed.replace("&amp;", "and")  # '&' for 'and' would change the words
    changed = map_data_cells(changed, lambda c: c.replace("'", "&#39;").replace(", ", ",&nbsp;"))
    assert "&#39;" in changed and "&nbsp;" in changed
    tables = build_from_text(tmp_path, annex=changed)
    for table in ("annex_deliverables", "annex_activities", "annex_schedule"):
        pd.testing.assert_frame_equal(tables[table], original[table], obj=table)


def _row_lines(raw: str, marker: str) -> list[int]:
    return [i for i, line in enumerate(raw.split("\n")) if marker in line and "\t" in line]


def _edit_line(raw: str, index: int, change: Callable[[str], str]) -> str:
    lines = raw.split("\n")
    lines[index] = change(lines[index])
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("document", "marker", "which"), [("annex", "In response to ILC", 1), ("gb328", "(23(b))", 0)]
)
def test_a_row_whose_tabs_became_spaces_is_an_error_at_its_line(
    tmp_path: Path, document: str, marker: str, which: int
) -> None:
    """Once read as prose on the page: the deliverable vanished with exit 0."""
    from extract.errors import SourceError

    raw = RAW_ANNEX if document == "annex" else RAW_GB328
    index = _row_lines(raw, marker)[which]
    changed = _edit_line(raw, index, lambda line: line.replace("\t", "    "))
    with pytest.raises(SourceError, match=rf":{index + 1}: this line reads like a row"):
        build_from_text(tmp_path, **{document: changed})


def test_two_rows_merged_into_one_line_is_an_error(tmp_path: Path) -> None:
    from extract.errors import SourceError

    lines = RAW_ANNEX.split("\n")
    first, second = _row_lines(RAW_ANNEX, "In response to ILC")[1:3]
    cells = zip(lines[first].split("\t"), lines[second].split("\t"), strict=False)
    lines[first] = "\t".join(f"{a} {b}".strip() for a, b in cells)
    del lines[second]
    with pytest.raises(SourceError, match=rf":{first + 1}: one deliverable cell holds two"):
        build_from_text(tmp_path, annex="\n".join(lines))


def test_a_row_without_its_opening_phrase_is_an_error(tmp_path: Path) -> None:
    from extract.errors import SourceError

    index = _row_lines(RAW_ANNEX, "In response to ILC")[1]
    changed = _edit_line(
        RAW_ANNEX,
        index,
        lambda line: regex.sub(r"In response to ILC 2016 Conclusion 23 \(\w\)", "", line),
    )
    with pytest.raises(SourceError, match=rf":{index + 1}: deliverable does not begin with"):
        build_from_text(tmp_path, annex=changed)


GB328_TABLES = {
    "footnotes",
    *next(d for d in DOCUMENTS if d.doc == Doc.GB328).models,
}
# A re-export of the same text keeps even the printed forms: only where things are may move.
GB328_CONTENT = {
    name: columns
    for name, columns in content_columns(frozenset({"as_printed", "restated"})).items()
    if name in GB328_TABLES
}


def _same_gb328(got: dict[str, pd.DataFrame], truth: dict[str, pd.DataFrame], name: str) -> None:
    for table, columns in GB328_CONTENT.items():
        pd.testing.assert_frame_equal(
            got[table][columns], truth[table][columns], obj=f"{name}: {table}"
        )


def test_gb328_endnotes_after_the_matrix_are_its_footnotes(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Once skipped as lines beside the matrix: the footnotes table came out empty."""
    lines = RAW_GB328.split("\n")
    notes = [line for line in lines if line.startswith(("\u00b9 ", "\u00b2 "))]
    assert len(notes) == 2
    body = [line for line in lines if line not in notes]
    tables = build_from_text(tmp_path, gb328="\n".join([*body, "", "Notes", "", *notes, ""]))
    _same_gb328(tables, original, "endnotes")


def test_gb328_running_heads_and_page_numbers_are_dropped(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Once read as headings (sections shifted) or glued into a paragraph."""
    lines = RAW_GB328.split("\n")
    breaks = [i for i, line in enumerate(lines) if line.startswith(("\u00b9 ", "\u00b2 "))]
    for n, i in enumerate(sorted(breaks, reverse=True)):
        lines[i + 1 : i + 1] = ["", str(n + 2), "", "GB.328/INS/5/1(Add.1)", ""]
    mid = next(i for i, line in enumerate(lines) if line.startswith("22. "))
    lines[mid + 1 : mid + 1] = ["5 GB.328/INS/5/1(Add.1)", ""]
    tables = build_from_text(tmp_path, gb328="\n".join(lines))
    _same_gb328(tables, original, "furniture")
    notes = tables["extraction_notes"]
    assert (notes.kind == "furniture_dropped").sum() == 5


def test_gb328_page_numbers_between_dashes_are_dropped_as_on_the_pdf_route(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """'– 5 –' is a page number to the PDF reader (readers/text.PAGE_NUMBER); the text route
    had a narrower copy of the pattern and read it as a heading: the sections of the
    paragraphs after it shifted. Found in review."""
    lines = RAW_GB328.split("\n")
    breaks = [i for i, line in enumerate(lines) if line.startswith(("\u00b9 ", "\u00b2 "))]
    for n, i in enumerate(sorted(breaks, reverse=True)):
        lines[i + 1 : i + 1] = ["", f"\u2013 {n + 2} \u2013", ""]
    tables = build_from_text(tmp_path, gb328="\n".join(lines))
    _same_gb328(tables, original, "dashed page numbers")
    assert (tables["extraction_notes"].kind == "furniture_dropped").sum() == len(breaks)


def test_a_lone_number_ending_the_last_paragraph_is_its_last_word(tmp_path: Path) -> None:
    """The last paragraph, re-exported without its full stop and ending in a reference whose
    number a converter put on a line of its own ('see paragraph' / '36'), lost the '36' as a
    page number: it ends the sentence above it and counts on with no page numbering."""
    lines = RAW_GB328.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("- 37.**"))
    assert lines[at].endswith("Agenda.")
    lines[at : at + 1] = [lines[at][:-1] + ", see paragraph", "36"]
    tables = read_from_text(tmp_path, Doc.GB328, "\n".join(lines))
    paragraphs = tables["paragraphs"].set_index("para_no")["text"]
    assert paragraphs[37].endswith("the 2030 Agenda, see paragraph 36")
    assert len(paragraphs) == 37
    notes = tables["extraction_notes"]
    assert (notes.kind == "furniture_dropped").sum() == 0
    assert notes.message.str.contains("'36' at line").sum() == 1


def test_a_page_number_that_counts_on_is_dropped_after_an_open_line(tmp_path: Path) -> None:
    """The rule above keeps only numbers outside the page numbering: a page number that
    counts on from the one before is furniture even where a paragraph breaks off before it."""
    lines = RAW_GB328.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("- 36.**"))
    first = next(i for i, line in enumerate(lines) if line.startswith("22. "))
    lines[at : at + 1] = [lines[at].removesuffix("."), "9"]
    lines[first + 1 : first + 1] = ["", "8", ""]
    tables = read_from_text(tmp_path, Doc.GB328, "\n".join(lines))
    paragraphs = tables["paragraphs"].set_index("para_no")["text"]
    assert not paragraphs[36].endswith("9") and not paragraphs[36].endswith(".")
    assert (tables["extraction_notes"].kind == "furniture_dropped").sum() == 2


def test_a_kept_number_between_page_numbers_does_not_hide_that_they_count_on(
    tmp_path: Path,
) -> None:
    """Page 2, then a reference's number kept as a word ('see paragraph' / '12'), then page 3
    after a paragraph without its full stop: the 3 was compared with the 12 beside it, did not
    count on, and was glued into paragraph 36 ('... that may emerge 3'). Found in review."""
    lines = RAW_GB328.split("\n")
    p22 = next(i for i, line in enumerate(lines) if line.startswith("22. "))
    p30 = next(i for i, line in enumerate(lines) if line.startswith("30. "))
    p36 = next(i for i, line in enumerate(lines) if line.startswith("- 36.**"))
    assert lines[p36].endswith(".") and lines[p30].endswith(".")
    lines[p36 : p36 + 1] = [lines[p36].removesuffix("."), "3"]
    lines[p30 : p30 + 1] = [lines[p30].removesuffix(".") + ", see paragraph", "12"]
    lines[p22 + 1 : p22 + 1] = ["", "2", ""]
    tables = read_from_text(tmp_path, Doc.GB328, "\n".join(lines))
    paragraphs = tables["paragraphs"].set_index("para_no")["text"]
    assert paragraphs[30].endswith("see paragraph 12")
    assert not paragraphs[36].endswith("3") and not paragraphs[36].endswith(".")
    assert (tables["extraction_notes"].kind == "furniture_dropped").sum() == 2


@pytest.mark.parametrize("width", [72, 80, 100])
def test_gb328_hard_wrapped_prose_is_unwrapped(
    original: dict[str, pd.DataFrame], tmp_path: Path, width: int
) -> None:
    """Once read line by line: short wrapped lines became headings and sections shifted."""
    import textwrap

    lines = []
    for line in RAW_GB328.split("\n"):
        wrapped = "\t" in line or len(line) <= width
        lines.extend([line] if wrapped else textwrap.wrap(line, width))
    tables = build_from_text(tmp_path, gb328="\n".join(lines))
    _same_gb328(tables, original, f"wrapped at {width}")
    front = ["title", "label", "subtitle", "agenda_item", "session", "dates"]
    pd.testing.assert_frame_equal(tables["documents"][front], original["documents"][front])


def test_gb328_footnote_whose_mark_was_lost_is_an_error(tmp_path: Path) -> None:
    from extract.errors import SourceError

    changed = RAW_GB328.replace("supply chains \u00b2 and", "supply chains and")
    assert changed != RAW_GB328
    with pytest.raises(SourceError, match=r":\d+: footnote 2 has no mark 2 anywhere"):
        build_from_text(tmp_path, gb328=changed)


def test_gb328_mark_whose_footnote_was_lost_is_an_error(tmp_path: Path) -> None:
    from extract.errors import SourceError

    lines = [line for line in RAW_GB328.split("\n") if not line.startswith("\u00b2 ")]
    with pytest.raises(SourceError, match=r"paragraph 35 carries the footnote mark ² but no"):
        build_from_text(tmp_path, gb328="\n".join(lines))


def test_a_list_bulleted_on_one_page_and_numbered_on_the_next_keeps_its_items(
    tmp_path: Path,
) -> None:
    """3.2's activities 1-4 bulleted (a converter's choice) and 5-6 numbered where the row
    goes on after the page break: 5 and 6 were read as part of activity 4 (86 activities),
    with only a list_numbers_irregular note."""
    lines = RAW_ANNEX.split("\n")
    first = ACTIVITIES[ACTIVITIES.line == 61]  # 3.2's row before the page break
    assert len(first) == 4
    for row in first.itertuples():
        opening = f"{row.activity_no}. {row.text[:30]}"
        assert lines[60].count(opening) == 1
        lines[60] = lines[60].replace(opening, f"\u2022 {row.text[:30]}")
    tables = build_from_text(tmp_path, annex="\n".join(lines))
    activities = tables["annex_activities"]
    assert activities.text.tolist() == ACTIVITIES.text.tolist()
    mixed = activities[activities.deliverable_id == "3.2"]
    assert mixed.numbered_in_source.tolist() == [False] * 4 + [True] * 2
    notes = tables["extraction_notes"]
    assert not notes[notes.kind == "list_numbers_irregular"].message.str.contains("6.").any()


def test_a_running_head_at_every_page_break_is_no_part_of_the_title(tmp_path: Path) -> None:
    """A re-export that left the running head 'GB.328/INS/5/1(Add.1)' at each page break, the
    first above 'Annex I': documents.title read 'GB.328/INS/5/1(Add.1) Annex I Programme of
    Action work-plan GB.328/INS/5/1(Add.1)' with exit 0."""
    head = "Area of action\tDeliverable"
    text = RAW_ANNEX.replace("\n\nAnnex I", "\n\nGB.328/INS/5/1(Add.1)\n\nAnnex I", 1)
    text = text.replace("\n" + head, "\nGB.328/INS/5/1(Add.1)\n\n" + head)
    assert text.count("GB.328/INS/5/1(Add.1)") == 13
    tables = build_from_text(tmp_path, annex=text)
    annex = tables["documents"].set_index("doc").loc["annex_i"]
    assert (annex.label, annex.title) == ("Annex I", "Programme of Action work-plan")
    notes = tables["extraction_notes"]
    dropped = notes[(notes.doc == "annex_i") & (notes.kind == "furniture_dropped")]
    assert len(dropped) == 2 and dropped.message.str.contains("running head").all()
