"""Fresh tables from raw/ must equal the hand-checked golden CSVs byte for byte."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.write import write_table

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_TABLES = [
    "annex_deliverables",
    "annex_activities",
    "annex_schedule",
    "extraction_notes",
    "documents",
    "paragraphs",
    "footnotes",
    "action_areas",
    "follow_up_items",
    "appendix_deliverables",
    "appendix_areas",
    "reconciliation",
    "discrepancies",
]


def test_every_table_has_a_golden(real_tables: dict[str, pd.DataFrame]) -> None:
    assert sorted(real_tables) == sorted(GOLDEN_TABLES)


@pytest.mark.parametrize("name", GOLDEN_TABLES)
def test_table_matches_golden(
    name: str, real_tables: dict[str, pd.DataFrame], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    write_table(real_tables[name], tmp_path, name)
    fresh = (tmp_path / f"{name}.csv").read_text(encoding="utf-8")
    golden = GOLDEN / f"{name}.csv"
    if request.config.getoption("--update-goldens"):
        golden.write_text(fresh, encoding="utf-8")
        pytest.skip(f"updated {golden.name}; check every changed row by hand against raw/")
    expected = golden.read_text(encoding="utf-8")
    if fresh != expected:
        old, new = expected.splitlines(), fresh.splitlines()
        changed = [
            f"  line {i + 1}:\n    golden: {a}\n    fresh:  {b}"
            for i, (a, b) in enumerate(zip(old, new, strict=False))
            if a != b
        ][:5]
        pytest.fail(
            f"{name}: {len(new)} fresh lines vs {len(old)} golden lines\n" + "\n".join(changed)
        )


def test_headline_counts(real_tables: dict[str, pd.DataFrame]) -> None:
    """The issues' counts: 29 deliverables, 88 activities, 337 scheduled quarters; 37
    paragraphs, 5 areas, 9 follow-up items, 34 appendix rows."""
    counts = {name: len(frame) for name, frame in real_tables.items()}
    assert counts["annex_deliverables"] == 29
    assert counts["annex_activities"] == 88
    assert counts["annex_schedule"] == 337
    assert counts["paragraphs"] == 37
    assert counts["action_areas"] == 5
    assert counts["follow_up_items"] == 9
    assert counts["appendix_deliverables"] == 34
