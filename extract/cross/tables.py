"""The cross-document tables: reconciliation and discrepancies."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from extract.cross.records import Discrepancy, Reconciled
from extract.tables import int_columns, records_to_frame


def reconciliation_tables(
    reconciled: Sequence[Reconciled], discrepancies: Sequence[Discrepancy]
) -> dict[str, pd.DataFrame]:
    """reconciliation and discrepancies, in the order the reconciler gives."""
    recon = records_to_frame(
        (vars(r) for r in reconciled),
        [
            "deliverable_id",
            "appendix_row_no",
            "in_annex",
            "in_appendix",
            "status",
            "merged_into",
            "similarity",
            "evidence",
        ],
    )
    found = records_to_frame(
        (vars(d) for d in discrepancies),
        ["deliverable_id", "kind", "annex_value", "appendix_value", "score", "message"],
    )
    return {
        "reconciliation": int_columns(recon, "appendix_row_no").astype({"similarity": "Float64"}),
        "discrepancies": found.astype({"score": "Float64"}),
    }
