"""Re-exported copies that differ only in form give the same tables as the originals."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.variants import (
    ANNEX,
    GB328,
    MARKUP,
    build_from_text,
    content,
    map_data_cells,
    same_everything_but_documents,
    unicode_spaces,
)

RAW_ANNEX = ANNEX.read_text(encoding="utf-8")
RAW_GB328 = GB328.read_text(encoding="utf-8")

SAME_LINES = {
    "bom": lambda t: "\ufeff" + t,
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "cr": lambda t: t.replace("\n", "\r"),
    "trailing_spaces": lambda t: t.replace("\n", "   \n"),
    "unicode_spaces": unicode_spaces,
    "lowercase_x": lambda t: map_data_cells(t, lambda c: "x" if c == "X" else c),
    "no_markup": lambda t: MARKUP.sub("", t),
    "li_markup": lambda t: t.replace("<p>", "<li>").replace("</p>", "</li>"),
    "br_markup": lambda t: t.replace("</p> <p>", " <br/> ").replace("<p>", "").replace("</p>", ""),
    "bare_ol": lambda t: t.replace('<ol style="list-style-type: none">', "<ol>"),
    "mark_markup": lambda t: map_data_cells(t, lambda c: "<p>X</p>" if c == "X" else c),
    "header_markup": lambda t: map_data_cells(t, lambda c: f"<b>{c}</b>" if c == "Q1" else c),
}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return build_from_text(tmp_path_factory.mktemp("orig"), RAW_ANNEX, RAW_GB328)


@pytest.mark.parametrize("name", sorted(SAME_LINES))
def test_annex_variant_gives_identical_tables(
    name: str, original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    changed = SAME_LINES[name](RAW_ANNEX)
    assert changed != RAW_ANNEX
    same_everything_but_documents(build_from_text(tmp_path, annex=changed), original)


@pytest.mark.parametrize(
    "name", ["bom", "crlf", "cr", "trailing_spaces", "unicode_spaces", "no_markup"]
)
def test_gb328_variant_gives_identical_tables(
    name: str, original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    changed = SAME_LINES[name](RAW_GB328)
    same_everything_but_documents(build_from_text(tmp_path, gb328=changed), original)


def test_nbsp_inside_conclusion_and_list_numbers(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    changed = RAW_ANNEX.replace("Conclusion 23 (", "Conclusion\u00a023\u00a0(")
    changed = changed.replace("1. ", "1.\u00a0").replace(" 2. ", "\u202f2.\u00a0")
    assert changed.count("\u00a0") > 50
    same_everything_but_documents(build_from_text(tmp_path, annex=changed), original)


def test_extra_blank_lines_change_only_line_numbers(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    annex = RAW_ANNEX.replace("\n", "\n\n")
    gb328 = RAW_GB328.replace("\n", "\n\n")
    tables = build_from_text(tmp_path, annex, gb328)
    assert content(tables) == content(original)
    lines = tables["annex_deliverables"].line_first.tolist()
    assert lines == [2 * n - 1 for n in original["annex_deliverables"].line_first]


def test_matrix_row_split_across_a_page_break(
    original: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    lines = RAW_GB328.split("\n")
    at = next(i for i, line in enumerate(lines) if "\t2.3. Knowledge development" in line)
    item, text, timing, areas = lines[at].split("\t")
    cut = text.index(" on transition")
    top = "\t".join([item, text[:cut], timing[:5], areas[:13]])
    bottom = "\t".join(["", text[cut + 1 :], timing[5:], areas[14:]])
    header = next(line for line in lines if line.startswith("Follow-up item"))
    lines[at : at + 1] = [top, "", header, bottom]
    tables = build_from_text(tmp_path, gb328="\n".join(lines))
    assert content(tables) == content(original)
    notes = tables["extraction_notes"]
    assert ((notes.doc == "gb328") & (notes.deliverable_id == "2.3")).any()
