"""Staged parsers for the ILO programme of action 2017-21 documents.

from extract import Inputs, publish, run
result = run(Inputs.from_raw_dir(Path("raw")))
publish(result, Path("normalized"))
tables = load_tables("normalized")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

_LAZY = {
    "Inputs": "extract.runner",
    "Result": "extract.runner",
    "run": "extract.runner",
    "publish": "extract.runner",
}


def load_tables(out_dir: str | Path = "normalized") -> dict[str, pd.DataFrame]:
    """Every written table, typed: nullable integers, strings, booleans, categoricals."""
    from extract.output.load import load_tables as load

    return load(out_dir)


def __getattr__(name: str) -> Any:
    # The library's entry points load pandas and pandera; importing `extract` alone does not.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")


__all__ = ["Inputs", "Result", "load_tables", "publish", "run"]
