from __future__ import annotations

import pandas as pd
import pytest

from extract.errors import ValidationFailed
from schemas import validate_tables
from tests import readings


def test_real_tables_validate(real_tables: dict[str, pd.DataFrame]) -> None:
    assert validate_tables(real_tables).keys() == real_tables.keys()


def test_every_table_takes_its_columns_and_nullable_dtypes_from_its_model(
    real_tables: dict[str, pd.DataFrame],
) -> None:
    """strict=True checks the set of columns, not their order: the order is the model's."""
    from extract.model_registry import MODELS
    from extract.shared_frames import model_columns, model_dtypes

    for name, frame in real_tables.items():
        assert tuple(frame.columns) == model_columns(MODELS[name]), name
        for column, dtype in model_dtypes(MODELS[name]).items():
            assert str(frame[column].dtype) == dtype, f"{name}.{column}"
    assert model_dtypes(MODELS["paragraphs"]) == dict.fromkeys(
        ["area_no", "page_first", "page_last"], "Int64"
    )
    assert model_dtypes(MODELS["reconciliation"]) == {
        "appendix_row_no": "Int64",
        "similarity": "Float64",
    }


def test_programme_repeats_the_appendix_timing_checks() -> None:
    from extract.model_registry import MODELS

    appendix = MODELS["appendix_deliverables"].to_schema().columns
    programme = MODELS["programme"].to_schema().columns
    for part in ("raw", "kind", "start", "end"):
        mine, theirs = programme[f"appendix_timing_{part}"], appendix[f"timing_{part}"]
        assert [c.statistics for c in mine.checks] == [c.statistics for c in theirs.checks]
        assert mine.dtype == theirs.dtype and mine.nullable


def test_all_failures_are_reported_at_once(real_tables: dict[str, pd.DataFrame]) -> None:
    tables = readings.copies(real_tables)
    tables["annex_deliverables"].loc[0, "deliverable_id"] = "2.x"
    tables["annex_deliverables"].loc[1, "conclusion"] = "23(z)"
    tables["annex_activities"].loc[0, "deliverable_id"] = "42.1"
    tables["annex_schedule"] = pd.concat([tables["annex_schedule"], tables["annex_schedule"][:1]])
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(tables)
    text = "\n".join(caught.value.failures)
    assert "annex_deliverables row 0 column deliverable_id" in text
    assert "annex_deliverables row 1 column conclusion" in text
    assert "annex_schedule" in text and "unique" in text
    assert "annex_activities row 0 column deliverable_id: '42.1'" in text


def test_missing_and_unknown_tables_are_failures(real_tables: dict[str, pd.DataFrame]) -> None:
    tables = dict(real_tables)
    del tables["documents"]
    tables["stray"] = pd.DataFrame({"a": [1]})
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(tables)
    assert caught.value.failures[:2] == [
        "documents: table is missing",
        "stray: no schema for this table",
    ]


def test_extra_column_is_rejected(real_tables: dict[str, pd.DataFrame]) -> None:
    tables = dict(real_tables)
    tables["annex_schedule"] = tables["annex_schedule"].assign(extra=1)
    with pytest.raises(ValidationFailed, match="extra"):
        validate_tables(tables)


def test_missing_columns_are_failures_not_crashes(real_tables: dict[str, pd.DataFrame]) -> None:
    tables = dict(real_tables)
    tables["footnotes"] = tables["footnotes"].drop(columns=["mark"])
    tables["annex_deliverables"] = tables["annex_deliverables"].drop(columns=["deliverable_id"])
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(tables)
    text = "\n".join(caught.value.failures)
    assert "footnotes" in text and "annex_deliverables" in text


def test_a_failing_row_names_its_source_file_and_line(real_tables) -> None:
    """Once every failure began '<tables>:', naming no file."""
    from extract.errors import ValidationFailed

    tables = readings.copies(real_tables)
    tables["annex_deliverables"].loc[2, "text"] = ""
    line = int(tables["annex_deliverables"].line_first.iloc[2])
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(tables, {"annex_deliverables": "raw/annex_i_workplan.txt"})
    assert str(caught.value).startswith("raw/annex_i_workplan.txt: 1 validation failure")
    assert f"raw/annex_i_workplan.txt:{line}: annex_deliverables row 2 column text" in str(
        caught.value
    )


def test_failures_are_records_with_their_printed_line(real_tables) -> None:
    """A failure is a record (table, row, column, check, value), not a string parsed back."""
    tables = readings.copies(real_tables)
    tables["annex_deliverables"].loc[2, "text"] = ""
    tables["annex_activities"].loc[0, "deliverable_id"] = "42.1"
    line = int(tables["annex_deliverables"].line_first.iloc[2])
    with pytest.raises(ValidationFailed) as caught:
        validate_tables(tables, {"annex_deliverables": "raw/annex_i_workplan.txt"})
    records = {(r.table, r.row, r.column): r for r in caught.value.records}
    text = records["annex_deliverables", 2, "text"]
    assert (text.file, text.line, text.value) == ("raw/annex_i_workplan.txt", line, "")
    assert text.message.startswith(f"raw/annex_i_workplan.txt:{line}: annex_deliverables row 2")
    key = records["annex_activities", 0, "deliverable_id"]
    assert (key.check, key.value, key.file) == ("foreign_key", "42.1", None)
    assert caught.value.failures == [r.message for r in caught.value.records]


# The columns the variant, producer, typeset and re-export tests compare, as they were typed
# by hand before the models said them: a role given to a content column by mistake would
# quietly take it out of every one of those comparisons.
EXPECTED_CONTENT = {
    "annex_deliverables": [
        "deliverable_id",
        "seq",
        "conclusion",
        "text",
        "area_no",
        "area_printed",
    ],
    "annex_activities": ["deliverable_id", "activity_no", "text", "numbered_in_source"],
    "annex_schedule": ["deliverable_id", "period"],
    "paragraphs": ["para_no", "text", "section", "area_no", "footnotes"],
    "footnotes": ["doc", "mark", "text"],
    "action_areas": ["area_no", "name", "objective", "aliases"],
    "follow_up_items": ["item_no", "conclusion", "text"],
    "appendix_deliverables": [
        "row_no",
        "deliverable_id",
        "item_no",
        "text",
        "timing_kind",
        "timing_start",
        "timing_end",
    ],
    "appendix_areas": ["row_no", "deliverable_id", "area_no"],
    "reconciliation": ["deliverable_id", "status", "merged_into", "similarity"],
    "discrepancies": ["deliverable_id", "kind", "annex_value", "appendix_value", "score"],
}


def test_the_models_content_columns_are_the_reviewed_ones() -> None:
    from extract.model_registry import content_columns

    assert content_columns() == EXPECTED_CONTENT
