"""The whole extraction: input files in, validated tables out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.annex import DOC as ANNEX_DOC
from extract.annex import source_to_workplan
from extract.tables import documents_table, notes_table, workplan_tables
from extract.text import DEFAULT_MAX_BYTES, read_source
from schemas import validate_tables

ANNEX_FILE = "annex_i_workplan.txt"
GB328_FILE = "gb328_ins_5_1_add1.txt"


def build_tables(
    annex_path: Path, gb328_path: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> dict[str, pd.DataFrame]:
    """Read both documents, run every stage and return the validated tables."""
    annex = read_source(annex_path, ANNEX_DOC, max_bytes)
    gb328 = read_source(gb328_path, "gb328", max_bytes)
    plan = source_to_workplan(annex)
    title = " ".join(
        line.text.strip()
        for line in annex.lines[: plan.pages[0].header_line - 1]
        if line.text.strip()
    )
    tables = {
        **workplan_tables(plan),
        "extraction_notes": notes_table(plan.notes),
        "documents": documents_table(
            [(annex, len(plan.pages), title or None), (gb328, None, None)]
        ),
    }
    return validate_tables(tables)
