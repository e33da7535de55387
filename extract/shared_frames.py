"""Records into DataFrames: a table's columns, their order and their nullable dtypes are
read off its pandera model, the one place a column is declared."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa

from extract.readers.boxes import box_text
from extract.readers.records import Box
from extract.records import Footnote, FrontMatter, Note, SourceDocument
from extract.shared_models import Documents, ExtractionNotes, Footnotes

Model = type[pa.DataFrameModel]


def model_columns(model: Model) -> tuple[str, ...]:
    """The table's columns in the order its model declares them."""
    return tuple(model.to_schema().columns)


@cache
def model_dtypes(model: Model) -> Mapping[str, str]:
    """The model's nullable extension dtypes by column, e.g. {'page': 'Int64'}."""
    # Only these are cast before validation: pandas reads ints beside None as float64 or
    # object, so such a column needs its dtype named. Every other column keeps the dtype
    # pandas infers, and validation coerces it, so a wrong value is reported, not raised.
    dtypes = {name: column.dtype.type for name, column in model.to_schema().columns.items()}
    return {
        name: str(dtype)
        for name, dtype in dtypes.items()
        if pd.api.types.is_extension_array_dtype(dtype) and not isinstance(dtype, pd.StringDtype)
    }


def _typed_frame(model: Model, data: dict[str, list[object]]) -> pd.DataFrame:
    frame = pd.DataFrame(data, columns=list(model_columns(model)))
    dtypes = model_dtypes(model)
    return frame.astype(dtypes) if dtypes else frame


def records_to_frame(
    model: Model,
    records: Sequence[object],
    computed: Mapping[str, Callable[[Any], object]] | None = None,
) -> pd.DataFrame:
    """The model's table read column by column off the records' fields of the same name, or
    off `computed` for the columns a record does not carry as a field."""
    computed = computed or {}
    data = {
        c: [computed[c](r) for r in records] if c in computed else [getattr(r, c) for r in records]
        for c in model_columns(model)
    }
    return _typed_frame(model, data)


def rows_to_frame(model: Model, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """The model's table from rows built as dicts; a column a row lacks is null there."""
    rows = list(rows)
    return _typed_frame(model, {c: [row.get(c) for row in rows] for c in model_columns(model)})


def page_boxes_text(boxes: Sequence[tuple[int, Box]]) -> str | None:
    """'page:x0,top,x1,bottom' for each page, ';'-joined; None without boxes (text input)."""
    return ";".join(f"{page}:{box_text(box)}" for page, box in boxes) or None


def footnotes_table(footnotes: Iterable[Footnote]) -> pd.DataFrame:
    return records_to_frame(Footnotes, list(footnotes))


def notes_table(notes: Iterable[Note]) -> pd.DataFrame:
    """extraction_notes, by document, then line."""
    return records_to_frame(
        ExtractionNotes, sorted(notes, key=lambda n: (n.doc, n.line or 0, n.kind))
    )


def documents_table(
    rows: Sequence[tuple[SourceDocument, int | None, FrontMatter]],
) -> pd.DataFrame:
    """documents: one row per input, with the sha256 of its bytes and its front matter."""
    return rows_to_frame(
        Documents,
        (
            {"doc": s.doc, "path": s.path, "sha256": s.sha256, "pages": pages, **vars(front)}
            for s, pages, front in rows
        ),
    )
