"""Fresh tables from raw/ must equal the hand-checked golden CSVs byte for byte."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extract.output.write import write_table

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
    "programme",
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


# The PDF route's provenance on one producer fixture: where each deliverable, activity and
# mark was found, boxes rounded to whole points, so a change in the reader's geometry shows.
PROVENANCE_PDF = Path(__file__).parent / "fixtures" / "producers" / "lo_table.pdf"
PROVENANCE = {
    "annex_deliverables": ["deliverable_id", "page_first", "page_last", "area_printed", "bbox"],
    "annex_activities": ["deliverable_id", "activity_no", "page", "bbox"],
    "annex_schedule": ["deliverable_id", "period", "page", "bbox", "mark"],
}


def _rounded(value: object) -> object:
    if not isinstance(value, str):
        return value
    parts = []
    for part in value.split(";"):
        page, _, box = part.rpartition(":")
        numbers = ",".join(str(round(float(v))) for v in box.split(","))
        parts.append(f"{page}:{numbers}" if page else numbers)
    return ";".join(parts)


@pytest.fixture(scope="module")
def provenance_tables() -> dict[str, pd.DataFrame]:
    """Built once per process: tests/test_producers.py builds the same pair."""
    from tests import readings

    root = Path(__file__).resolve().parent.parent
    return readings.tables(PROVENANCE_PDF, root / "raw" / "gb328_ins_5_1_add1.txt")


@pytest.mark.parametrize("name", sorted(PROVENANCE))
def test_pdf_provenance_matches_golden(
    name: str,
    provenance_tables: dict[str, pd.DataFrame],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    frame = provenance_tables[name][PROVENANCE[name]].copy()
    frame["bbox"] = frame["bbox"].map(_rounded)
    fresh = frame.to_csv(index=False, lineterminator="\n")
    golden = GOLDEN / "pdf_provenance" / f"lo_table_{name}.csv"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(fresh, encoding="utf-8")
        pytest.skip(f"updated {golden.name}; check every changed row against the PDF")
    assert fresh == golden.read_text(encoding="utf-8"), f"{golden.name} differs"
