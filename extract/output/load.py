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


def load_tables(out_dir: str | Path = "normalized") -> dict[str, pd.DataFrame]:
    """Every table of an output folder, validated as written (ValidationFailed if not), with
    analyst-friendly types: nullable integers and booleans, strings, categoricals for kinds."""
    from extract.model_registry import columns
    from extract.output.validate import validate_tables

    tables = read_tables(Path(out_dir))
    # Typing a folder that fails its schemas would crash or, worse, turn "False" into True.
    validate_tables(tables, coerce=False, file=Path(out_dir).as_posix())
    typed = {}
    for name, frame in tables.items():
        try:
            described = columns(name)
        except KeyError:
            typed[name] = frame
            continue
        dtypes = {c.name: _dtype(c.kind, c.enum) for c in described if c.name in frame}
        typed[name] = frame.astype(dtypes)
    return typed


def _dtype(kind: str, enum: list | None) -> object:
    if kind == "string" and enum:
        return pd.CategoricalDtype(categories=enum)
    return {"integer": "Int64", "boolean": "boolean", "number": "Float64"}.get(kind, "string")
