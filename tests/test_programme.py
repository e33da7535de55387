"""The programme table agrees with the tables it joins, and answers analysts' questions alone."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd
import pytest

from extract.cross.programme_table import programme_table
from extract.errors import ValidationFailed
from schemas import validate_tables
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def programme(real_tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return real_tables["programme"]


def test_one_row_per_reconciliation_row(
    programme: pd.DataFrame, real_tables: dict[str, pd.DataFrame]
) -> None:
    recon = real_tables["reconciliation"]
    assert len(programme) == len(recon)
    key = ["deliverable_id", "status", "merged_into", "appendix_row_no"]
    left = programme[key].sort_values("appendix_row_no").reset_index(drop=True)
    right = recon[key].sort_values("appendix_row_no").reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def test_question_in_one_filter_equals_the_three_joins(
    programme: pd.DataFrame, real_tables: dict[str, pd.DataFrame]
) -> None:
    """'Which deliverables of area 2 are scheduled in 2020 Q3, and what does the Appendix
    say about them?' answered from programme alone and by joining the source tables."""
    one = programme[(programme.annex_area_no == 2) & programme.scheduled.str.contains("2020Q3")]
    annex = real_tables["annex_deliverables"].query("area_no == 2")
    marked = real_tables["annex_schedule"].query("period == '2020Q3'")
    joined = annex.merge(marked, on="deliverable_id").merge(
        real_tables["appendix_deliverables"], on="deliverable_id", suffixes=("", "_appendix")
    )
    expected = dict(zip(joined.deliverable_id, joined.text_appendix, strict=True))
    assert dict(zip(one.deliverable_id, one.appendix_text, strict=True)) == expected
    assert expected  # the question has an answer on the real documents


def test_annex_columns_agree_with_annex_tables(
    programme: pd.DataFrame, real_tables: dict[str, pd.DataFrame]
) -> None:
    schedule = real_tables["annex_schedule"]
    activities = real_tables["annex_activities"]
    areas = real_tables["action_areas"]
    names = dict(zip(areas.area_no, areas.name, strict=True))
    rows = programme.set_index("deliverable_id", drop=False)
    for a in real_tables["annex_deliverables"].itertuples():
        row = rows.loc[a.deliverable_id]
        periods = sorted(schedule[schedule.deliverable_id == a.deliverable_id].period)
        assert (row.scheduled if pd.notna(row.scheduled) else "") == " ".join(periods)
        assert row.scheduled_count == len(periods)
        assert row.activities == (activities.deliverable_id == a.deliverable_id).sum()
        assert (row.annex_text, row.annex_conclusion) == (a.text, a.conclusion)
        assert (row.annex_area_no, row.annex_area) == (a.area_no, names[a.area_no])
        assert (row.annex_page_first, row.annex_page_last) == (a.page_first, a.page_last)
    outside = programme[~programme.status.isin(["matched", "annex_only"])]
    assert outside.annex_text.isna().all() and outside.scheduled_count.isna().all()


def test_appendix_columns_agree_with_appendix_tables(
    programme: pd.DataFrame, real_tables: dict[str, pd.DataFrame]
) -> None:
    areas = real_tables["appendix_areas"]
    items = real_tables["follow_up_items"].set_index("item_no")
    rows = programme.dropna(subset=["appendix_row_no"]).set_index("appendix_row_no")
    appendix = real_tables["appendix_deliverables"]
    assert sorted(rows.index) == sorted(appendix.row_no)
    for p in appendix.itertuples():
        row = rows.loc[p.row_no]
        named = areas[areas.row_no == p.row_no].area_no.astype(str).tolist()
        assert (row.appendix_area_nos if pd.notna(row.appendix_area_nos) else "") == ",".join(named)
        assert row.appendix_conclusion == items.loc[p.item_no, "conclusion"]
        for column in ("timing_raw", "timing_kind", "timing_start", "timing_end", "text"):
            mine, theirs = row[f"appendix_{column}"], getattr(p, column)
            assert (pd.isna(mine) and pd.isna(theirs)) or mine == theirs, (p.row_no, column)


def test_discrepancy_kinds_joined(
    programme: pd.DataFrame, real_tables: dict[str, pd.DataFrame]
) -> None:
    found = real_tables["discrepancies"].groupby("deliverable_id").kind.apply(set)
    for row in programme.itertuples():
        kinds = set(row.discrepancies.split("; ")) if pd.notna(row.discrepancies) else set()
        assert kinds == found.get(row.deliverable_id, set()), row.deliverable_id


def test_unnumbered_row_and_merge_are_rows(programme: pd.DataFrame) -> None:
    unlabelled = programme[programme.status == "unlabelled"]
    assert len(unlabelled) == 1 and unlabelled.deliverable_id.isna().all()
    assert programme.deliverable_id.iloc[-1] is None or pd.isna(programme.deliverable_id.iloc[-1])
    merged = programme[programme.status == "merged"]
    assert set(merged.merged_into) <= set(programme.deliverable_id.dropna())


def test_a_dropped_mark_changes_the_schedule_columns(real_tables: dict[str, pd.DataFrame]) -> None:
    tables = dict(real_tables)
    schedule = tables["annex_schedule"]
    first = schedule.iloc[0]
    tables["annex_schedule"] = schedule.iloc[1:]
    rebuilt = programme_table(tables).set_index("deliverable_id", drop=False)
    before = real_tables["programme"].set_index("deliverable_id", drop=False)
    did = first.deliverable_id
    assert rebuilt.loc[did, "scheduled_count"] == before.loc[did, "scheduled_count"] - 1
    assert first.period not in rebuilt.loc[did, "scheduled"].split()


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [
        ("scheduled_count", 3, "scheduled_first/last/count do not fit"),
        ("annex_text", None, "do not fit its status"),
        ("discrepancies", "late", "does not have the form"),
    ],
)
def test_model_rejects_inconsistent_rows(
    real_tables: dict[str, pd.DataFrame], column: str, value: object, words: str
) -> None:
    tables = dict(real_tables)
    frame = tables["programme"].copy()
    frame.loc[0, column] = value
    tables["programme"] = frame
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(tables)
    assert any(f.startswith("programme row 0") and words in f for f in caught.value.failures)


def test_readme_first_example_runs_and_answers(
    real_tables: dict[str, pd.DataFrame], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's first code block, run as written against a written folder."""
    from extract.output.write import write_tables

    write_tables(real_tables, tmp_path / "normalized")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Loading the tables\n\n```python\n(.*?)```", readme, re.S)
    assert block is not None and 't["programme"]' in block.group(1)
    namespace: dict[str, object] = {}
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        exec(block.group(1), namespace)  # the README's own example, as written
    finally:
        os.chdir(here)
    answer = namespace["answer"]
    assert isinstance(answer, pd.DataFrame)
    p = real_tables["programme"]
    expected = p[(p.annex_area_no == 2) & p.scheduled.str.contains("2020Q3", na=False)]
    assert answer.deliverable_id.tolist() == expected.deliverable_id.tolist() == ["6.6", "8.2"]
    assert "6.6" in capsys.readouterr().out
