"""The GB.328 activity matrix as an editor or converter leaves it: the same tables as the
original, or one error at the line. Each case gave a phantom, lost or glued row with exit 0."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from extract.errors import SourceError
from tests.variants import GB328, build_from_text, content

RAW = GB328.read_text(encoding="utf-8")
LINES = RAW.split("\n")


def _at(prefix: str) -> int:
    return next(i for i, line in enumerate(LINES) if line.startswith(prefix))


def _edit(index: int, change: Callable[[str], str]) -> str:
    lines = list(LINES)
    lines[index] = change(lines[index])
    return "\n".join(lines)


ROW_1_3, ROW_2_4, ROW_1 = _at("\t1.3. "), _at("\t2.4. "), _at("1. Promote the ratification")

READ_RIGHT = {
    "(2.4)": _edit(ROW_2_4, lambda s: s.replace("\t2.4. ", "\t(2.4) ", 1)),
    "2,4.": _edit(ROW_2_4, lambda s: s.replace("\t2.4. ", "\t2,4. ", 1)),
    "2.4)": _edit(ROW_2_4, lambda s: s.replace("\t2.4. ", "\t2.4) ", 1)),
    "1,3.": _edit(ROW_1_3, lambda s: s.replace("\t1.3. ", "\t1,3. ", 1)),
    "leading tab": _edit(ROW_1_3, lambda s: "\t" + s),
    "empty cells past the header": _edit(ROW_1_3, lambda s: s + "\t\t"),
    "item on its own row": _edit(
        ROW_1, lambda s: s.split("\t")[0] + "\t\t\t\n\t" + "\t".join(s.split("\t")[1:])
    ),
    "Capacity-building": "\n".join(
        line.replace("\tCapacity building", "\tCapacity-building") for line in LINES
    ),
}


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return build_from_text(tmp_path_factory.mktemp("orig"))


@pytest.mark.parametrize("name", sorted(READ_RIGHT))
def test_matrix_written_otherwise_reads_the_same(
    original: dict[str, pd.DataFrame], tmp_path: Path, name: str
) -> None:
    changed = build_from_text(tmp_path, gb328=READ_RIGHT[name])
    ours, theirs = content(changed), content(original)
    for table in ours:
        assert ours[table] == theirs[table], table


def test_a_number_read_from_another_form_is_noted(tmp_path: Path) -> None:
    notes = build_from_text(tmp_path, gb328=READ_RIGHT["(2.4)"])["extraction_notes"]
    read = notes[notes.kind == "number_read"]
    assert read.deliverable_id.tolist() == ["2.4"]
    assert "'(2.4)'" in read.message.iloc[0]


def test_a_shifted_row_is_noted(tmp_path: Path) -> None:
    notes = build_from_text(tmp_path, gb328=READ_RIGHT["leading tab"])["extraction_notes"]
    assert notes[notes.kind == "cells_shifted"].line.tolist() == [ROW_1_3 + 1]


def test_text_past_the_header_is_an_error_at_its_line(tmp_path: Path) -> None:
    changed = _edit(ROW_1_3, lambda s: s + "\tstray words")
    with pytest.raises(SourceError, match=rf":{ROW_1_3 + 1}: .*4; the cells beyond .*stray"):
        build_from_text(tmp_path, gb328=changed)


def test_annex_reads_the_hyphenated_area_name_as_the_appendix_does(tmp_path: Path) -> None:
    from tests.variants import ANNEX

    annex = ANNEX.read_text(encoding="utf-8").replace("Capacity building", "Capacity-building")
    tables = build_from_text(tmp_path, annex=annex)
    assert (tables["annex_deliverables"].area_no == 2).sum() > 0


HEADER = _at("Follow-up item")


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (
            "\n".join(LINES[: HEADER + 1]),
            rf":{HEADER + 1}: the activity matrix has a header but no rows",
        ),
        ("\n".join(LINES[: HEADER + 5]), r"answer conclusions 23\(a\); a whole matrix answers"),
        (
            "\n".join(line for i, line in enumerate(LINES) if not line.startswith("\t2.3. ")),
            r"item 2 has deliverables 2.1, 2.2, 2.4, 2.5; they should run",
        ),
    ],
    ids=["cut after the header", "cut inside item 1", "row 2.3 lost"],
)
def test_a_matrix_cut_short_or_missing_a_row_is_an_error(
    tmp_path: Path, cut: str, message: str
) -> None:
    """Each gave smaller tables and exit 0."""
    with pytest.raises(SourceError, match=message):
        build_from_text(tmp_path, gb328=cut)


def test_a_numbered_deliverable_without_text_is_an_error_at_its_line(tmp_path: Path) -> None:
    """Once an Appendix row with an id and no text passed with exit 0."""

    def empty(line: str) -> str:
        cells = line.split("\t")
        cells[1] = "1.3."
        return "\t".join(cells)

    with pytest.raises(SourceError, match=rf":{ROW_1_3 + 1}: deliverable 1.3 has a number but no"):
        build_from_text(tmp_path, gb328=_edit(ROW_1_3, empty))
