"""Each fixture read once per test process, keyed by the paths as given (they are printed in
the tables): several modules read the same PDF or text, and one reading of a PDF takes seconds.
Every caller gets its own copies of the frames, so a test that edits one changes no other test."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from extract.records import Doc
from extract.runner import Result, build, read_document

Tables = dict[str, pd.DataFrame]


def copies(tables: Tables) -> Tables:
    """Fresh frames over the cached ones: DataFrames are mutable and the cache is shared."""
    return {name: frame.copy() for name, frame in tables.items()}


@cache
def _document(doc: Doc, path: Path) -> Tables:
    return read_document(doc, path)


@cache
def _built(annex: Path, gb328: Path) -> Result:
    return build(annex, gb328)


def document(doc: Doc, path: Path) -> Tables:
    """`read_document(doc, path)`, read once per process."""
    return copies(_document(doc, path))


def tables(annex: Path, gb328: Path) -> Tables:
    """`build_tables(annex, gb328)`, built once per process."""
    return copies(_built(annex, gb328).tables)


def built(annex: Path, gb328: Path) -> Result:
    """`build(annex, gb328)`, built once per process (readings shared: they are not edited)."""
    result = _built(annex, gb328)
    return Result(copies(result.tables), result.readings, result.limits)
