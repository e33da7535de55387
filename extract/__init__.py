"""Staged parsers for the ILO programme of action 2017-21 documents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def load_tables(out_dir: str | Path = "normalized") -> dict[str, pd.DataFrame]:
    """Every written table, typed: nullable integers, strings, booleans, categoricals."""
    from extract.output.load import load_tables as load

    return load(out_dir)


__all__ = ["load_tables"]
