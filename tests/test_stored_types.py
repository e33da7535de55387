"""`validate` and `load_tables` check each column's type as stored and coerce nothing (issue 18)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import extract
from extract.errors import ValidationFailed
from extract.output.write import write_table
from pipeline import main
from schemas import validate_tables
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stored") / "good"
    assert main(["run", "-q", "--raw-dir", str(ROOT / "raw"), "--out-dir", str(folder)]) == 0
    return folder


def _as_words(column: pd.Series) -> pd.Series:
    return column.map({True: "True", False: "False"}).astype(object)


# (table, column, how the column is rewritten, the line `validate` must print for it)
ALTERED: list[tuple[str, str, Callable[[pd.Series], pd.Series], str]] = [
    (
        "annex_deliverables",
        "area_printed",
        _as_words,
        "annex_deliverables.area_printed: stored as text, expected bool",
    ),
    (
        "annex_schedule",
        "year",
        lambda c: c.astype("float64"),
        "annex_schedule.year: stored as float64, expected int64",
    ),
    (
        "annex_deliverables",
        "seq",
        lambda c: c.astype("int32"),
        "annex_deliverables.seq: stored as int32, expected int64",
    ),
    (
        "annex_activities",
        "numbered_in_source",
        lambda c: c.astype("int64"),
        "annex_activities.numbered_in_source: stored as int64, expected bool",
    ),
]


def _altered(good: Path, tmp_path: Path, *which: int) -> Path:
    """A copy of the good run with the chosen columns rewritten, CSV and Parquet alike (so the
    CSV check agrees and only the stored types are wrong)."""
    folder = tmp_path / "out"
    shutil.copytree(good, folder)
    for i in which:
        table, column, change, _ = ALTERED[i]
        frame = pd.read_parquet(folder / f"{table}.parquet")
        frame[column] = change(frame[column])
        write_table(frame, folder, table)
    return folder


@pytest.mark.parametrize("case", range(len(ALTERED)), ids=[f"{t}.{c}" for t, c, _, _ in ALTERED])
def test_validate_names_each_wrong_stored_type(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: int
) -> None:
    out = _altered(good, tmp_path, case)
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert err == f"{out.as_posix()}: 1 validation failure(s):\n  {ALTERED[case][3]}\n"


def test_every_wrong_type_is_one_line(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _altered(good, tmp_path, *range(len(ALTERED)))
    capsys.readouterr()
    assert main(["validate", "--out-dir", str(out)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"{out.as_posix()}: {len(ALTERED)} validation failure(s):"
    assert sorted(line.strip() for line in lines[1:]) == sorted(a[3] for a in ALTERED)


def test_true_false_strings_are_not_read_as_all_true(good: Path) -> None:
    """Coercion turned "False" into True; the pipeline's own frames still coerce."""
    tables = extract.load_tables(good)  # a good folder loads
    frames = {name: pd.read_parquet(good / f"{name}.parquet") for name in tables}
    assert validate_tables(frames, coerce=False).keys() == frames.keys()
    frames["reconciliation"]["in_annex"] = _as_words(frames["reconciliation"]["in_annex"])
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(frames, coerce=False)
    assert caught.value.failures == ["reconciliation.in_annex: stored as text, expected bool"]


def test_load_tables_refuses_a_folder_that_fails_validation(good: Path, tmp_path: Path) -> None:
    out = _altered(good, tmp_path, 0, 1)
    with pytest.raises(ValidationFailed) as caught:
        extract.load_tables(out)
    assert str(caught.value).startswith(f"{out.as_posix()}: 2 validation failure(s):")
    assert ALTERED[1][3] in caught.value.failures
