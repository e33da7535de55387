"""The cross-document tables: reconciliation and discrepancies."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from extract.cross.models import Discrepancies, Reconciliation
from extract.cross.records import Discrepancy, Reconciled
from extract.shared_frames import records_to_frame


def reconciliation_tables(
    reconciled: Sequence[Reconciled], discrepancies: Sequence[Discrepancy]
) -> dict[str, pd.DataFrame]:
    """reconciliation and discrepancies, in the order the reconciler gives."""
    return {
        "reconciliation": records_to_frame(Reconciliation, reconciled),
        "discrepancies": records_to_frame(Discrepancies, discrepancies),
    }
