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
