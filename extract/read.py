"""Reading written tables back from an output folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.errors import OutputError


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """Every <table>.parquet in out_dir, keyed by table name."""
    out_dir = Path(out_dir)
    files = sorted(out_dir.glob("*.parquet"))
    if not files:
        raise OutputError(
            "no tables (*.parquet) found; run `pipeline.py run` first", file=out_dir.as_posix()
        )
    try:
        return {path.stem: pd.read_parquet(path) for path in files}
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot read tables: {exc}", file=out_dir.as_posix()) from None
