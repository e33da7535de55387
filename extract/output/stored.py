"""Checking tables as they were written: each column's dtype exactly, nothing coerced."""

from __future__ import annotations

import copy
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from extract.errors import Failure

# dtype names as a reader of the files knows them; Arrow strings and objects are all "text".
_WORDS = {
    "str": "text",
    "string": "text",
    "string[pyarrow]": "text",
    "string[python]": "text",
    "Int64": "nullable int64",
    "Float64": "nullable float64",
    "boolean": "nullable bool",
}


def dtype_in_words(dtype: object) -> str:
    """'float64', 'int32', 'text', 'bool', ...: the dtype a reader sees in the file."""
    name = str(dtype)
    return _WORDS.get(name, "text" if isinstance(dtype, pd.StringDtype) else name)


def _stored_words(column: pd.Series) -> str:
    if column.dtype == object:
        kinds = sorted({type(v).__name__ for v in column.dropna()})
        return "text" if kinds == ["str"] else f"object ({', '.join(kinds) or 'empty'})"
    return dtype_in_words(column.dtype)


def dtype_failures(name: str, frame: pd.DataFrame, schema: pa.DataFrameSchema) -> list[Failure]:
    """One line per column whose stored dtype is not the schema's, e.g.
    'annex_schedule.year: stored as float64, expected int64'."""
    failures = []
    for column, spec in schema.columns.items():
        if column not in frame or spec.dtype is None:
            continue
        series = frame[column]
        ok = spec.dtype.check(pandas_engine.Engine.dtype(series.dtype), series)
        # pandera checks object columns element by element; nulls pass.
        if not (ok if isinstance(ok, bool) else bool(pd.Series(ok).all())):
            message = (
                f"{name}.{column}: stored as {_stored_words(series)},"
                f" expected {dtype_in_words(spec.dtype)}"
            )
            failures.append(Failure(name, None, str(column), "dtype", None, message))
    return failures


@cache
def uncoerced(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    """The model's schema with coercion off: a copy, as to_schema() is shared and cached."""
    schema = copy.deepcopy(model.to_schema())
    schema.coerce = False
    for column in schema.columns.values():
        column.coerce = False
    return schema
