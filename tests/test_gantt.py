"""The Gantt view: the one place that decides inside/outside and the timing in words."""

from __future__ import annotations

import pandas as pd

from extract.cross.gantt import gantt_row, tables_to_gantt, timing_words
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"


def test_marks_outside_a_dated_timing_are_outside() -> None:
    row = gantt_row("2.1", ["2018Q4", "2017Q1", "2019Q1"], "range", "2018-2019", "2018Q1", "2019Q4")
    assert row.dated and row.outside == ("2017Q1",)
    by_period = {q.period: q for q in row.quarters}
    assert by_period["2018Q4"].marked and by_period["2018Q4"].inside
    assert by_period["2017Q1"].outside and not by_period["2017Q2"].marked
    assert row.band == (4, 11) and len(row.quarters) == 20


def test_without_a_date_no_mark_is_outside_and_there_is_no_band() -> None:
    row = gantt_row("3.1", ["2017Q1"], "recurring", "every year", None, None)
    assert not row.dated and row.outside == () and row.band is None
    assert not any(q.inside or q.outside for q in row.quarters)
    assert row.words == "every year (recurring)"


def test_timing_in_words() -> None:
    assert timing_words("range", "2018-2019") == "2018-2019"
    assert timing_words("point", None) == ""
    assert timing_words("unspecified", None) == "none given (unspecified)"
    assert timing_words(None, None) == "not in the Appendix"
    assert timing_words(float("nan"), float("nan")) == "not in the Appendix"


def test_real_tables_agree_with_the_timing_rule(real_tables: dict[str, pd.DataFrame]) -> None:
    """Rows the view finds outside are exactly those the rule reports, and those the reviewed
    golden file lists (the rule reads the view, so only the golden can tell both wrong)."""
    view = tables_to_gantt(real_tables)
    assert len(view) == len(real_tables["programme"])
    outside = {g.deliverable_id for g in view if g.outside}
    d = real_tables["discrepancies"]
    assert outside == set(d[d.kind == "timing_outside_range"].deliverable_id)
    golden = pd.read_csv(GOLDEN / "discrepancies.csv", dtype=str)
    reviewed = set(golden[golden.kind == "timing_outside_range"].deliverable_id)
    assert outside == reviewed == {"1.4", "1.6", "2.1", "2.2", "2.4", "4.2", "6.4"}
