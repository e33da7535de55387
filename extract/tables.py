"""Records into DataFrames: the only place where tables take their columns and order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from extract.readers.boxes import box_text
from extract.records import Box, Footnote, FrontMatter, Note, SourceDocument

FRONT_COLUMNS = list(FrontMatter.__dataclass_fields__)
DOCUMENT_COLUMNS = ["doc", "path", "sha256", "pages", *FRONT_COLUMNS]


def fields_to_frame(
    records: Sequence[object],
    columns: Sequence[str],
    computed: Mapping[str, Callable[[Any], object]] | None = None,
) -> pd.DataFrame:
    """A frame read column by column off the records' fields, or off `computed` for the
    columns a record does not carry as a field (no per-record dict for large tables)."""
    computed = computed or {}
    data = {
        c: [computed[c](r) for r in records] if c in computed else [getattr(r, c) for r in records]
        for c in columns
    }
    return pd.DataFrame(data, columns=list(columns))


def records_to_frame(rows: Iterable[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A frame built column by column (records' __dict__ copies are cheap, asdict is not)."""
    rows = list(rows)
    return pd.DataFrame({c: [row.get(c) for row in rows] for c in columns}, columns=list(columns))


def int_columns(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    return frame.astype(dict.fromkeys(columns, "Int64"))


def page_boxes_text(boxes: Sequence[tuple[int, Box]]) -> str | None:
    """'page:x0,top,x1,bottom' for each page, ';'-joined; None without boxes (text input)."""
    return ";".join(f"{page}:{box_text(box)}" for page, box in boxes) or None


def footnotes_table(footnotes: Iterable[Footnote]) -> pd.DataFrame:
    frame = records_to_frame(
        (vars(f) for f in footnotes), ["doc", "mark", "text", "line", "ref_line"]
    )
    return int_columns(frame, "ref_line")


def notes_table(notes: Iterable[Note]) -> pd.DataFrame:
    """extraction_notes, by document, then line."""
    ordered = sorted(notes, key=lambda n: (n.doc, n.line or 0, n.kind))
    frame = records_to_frame(
        (vars(n) for n in ordered), ["doc", "page", "line", "kind", "deliverable_id", "message"]
    )
    return int_columns(frame, "page", "line")


def documents_table(
    rows: Sequence[tuple[SourceDocument, int | None, FrontMatter]],
) -> pd.DataFrame:
    """documents: one row per input, with the sha256 of its bytes and its front matter."""
    frame = records_to_frame(
        (
            {"doc": s.doc, "path": s.path, "sha256": s.sha256, "pages": pages, **vars(front)}
            for s, pages, front in rows
        ),
        DOCUMENT_COLUMNS,
    )
    return int_columns(frame, "pages")
