from __future__ import annotations

import pytest

from extract.documents.gb328.timing import parse_timing


@pytest.mark.parametrize(
    ("raw", "kind", "start", "end"),
    [
        ("2017\u201321", "range", "2017Q1", "2021Q4"),
        ("2017-21", "range", "2017Q1", "2021Q4"),
        ("2019 \u2013 2021", "range", "2019Q1", "2021Q4"),
        ("March 2017", "point", "2017Q1", "2017Q1"),
        ("October\u00a02018", "point", "2018Q4", "2018Q4"),
        ("End 2017", "point", "2017Q4", "2017Q4"),
        ("Mid 2018", "point", "2018Q2", "2018Q2"),
        ("Every three years", "recurring", None, None),
        ("Mid-term assessment by 2020 and final assessment by 2022", "milestones", None, None),
        ("", "unspecified", None, None),
        ("  ", "unspecified", None, None),
    ],
)
def test_timing_phrases(raw: str, kind: str, start: str | None, end: str | None) -> None:
    timing = parse_timing(raw)
    assert (timing.kind, timing.start, timing.end) == (kind, start, end)


def test_mid_year_choice_is_explained_in_a_note() -> None:
    assert "ends mid-year" in (parse_timing("Mid 2018").note or "")


@pytest.mark.parametrize("raw", ["As soon as possible", "2021-17", "Smarch 2017"])
def test_unreadable_timing_is_kept_raw_with_a_note(raw: str) -> None:
    timing = parse_timing(raw)
    assert (timing.raw, timing.kind, timing.start, timing.end) == (raw, "unspecified", None, None)
    assert timing.note and "could not be read" in timing.note
