"""Which pages hold the table: a header, or rows that fit the last header's columns; a
page skipped as prose must hold nothing that reads as a row."""

from __future__ import annotations

from collections.abc import Sequence

from extract.errors import SourceError
from extract.readers.grid import GridPage
from extract.readers.pdf.furniture import (
    furniture_words,
)
from extract.readers.pdf.geometry import (
    MARK_GLYPHS,
    Columns,
    Geometry,
    Header,
    PdfSettings,
    words_joined,
    words_to_lines,
)
from extract.readers.pdf.header import geometry_to_header
from extract.readers.pdf.prose import (
    prose_words,
)
from extract.readers.spec import TableSpec


def classify_pages(
    geometries: Sequence[Geometry],
    spec: TableSpec,
    path: str,
    settings: PdfSettings,
    repeated: frozenset[str],
) -> dict[int, tuple[Header | None, bool]]:
    """Each page's header, and whether it holds the table (a header, or rows that fit the last
    header's columns), read before any page is parsed so the table's last page is known."""
    out: dict[int, tuple[Header | None, bool]] = {}
    columns: Columns | None = None
    for geo in geometries:
        if not geo.words:
            continue
        header = geometry_to_header(geo, spec, path, settings)
        if header is not None:
            columns = header.columns
        table = header is not None or _holds_table(geo, columns, spec, settings, repeated)
        out[geo.no] = (header, table)
    return out


def check_no_rows(
    geo: Geometry, spec: TableSpec, path: str, settings: PdfSettings, after_header: bool
) -> None:
    """A page skipped as prose must hold nothing that reads as a table row."""
    why = (
        "the page has no table header and its words do not fit the last header's columns"
        if after_header
        else "no table header (" + " | ".join(spec.labels.values()) + ") was recognised"
    )
    for line in words_to_lines(geo.words, settings):
        text = words_joined(line)
        if spec.row_text is not None and spec.row_text.search(text):
            raise SourceError(
                f"{why}, but {text[:50]!r} reads like part of a table row",
                file=path,
                page=geo.no,
            )


def check_no_table_after_gap(pages: Sequence[GridPage], skipped: Sequence[int], path: str) -> None:
    """A page of words skipped between two table pages would lose the rows on it: refuse."""
    first, last = pages[0].no, pages[-1].no
    for page in skipped:
        if first < page < last:
            raise SourceError(
                f"the page lies between table pages {first} and {last} but its words"
                " cannot be placed in the table's columns",
                file=path,
                page=page,
            )


def _holds_table(
    geo: Geometry,
    columns: Columns | None,
    spec: TableSpec,
    settings: PdfSettings,
    repeated: frozenset[str],
) -> bool:
    """A page without a header continues the table when, read in the last columns, it holds a
    row opening or end, or a mark, in the right column."""
    if columns is None:
        return False
    dropped = {id(w) for line in furniture_words(geo, repeated, settings) for w in line}
    body = [w for w in geo.words if id(w) not in dropped]
    prose = prose_words(body, columns, settings, geo.vrules)
    cells = [w for w in body if id(w) not in prose]
    if not cells:
        return False
    key = columns.roles.get(spec.key_role or "", None)
    key_lines = [
        words_joined(line)
        for line in words_to_lines([w for w in cells if key and key[0] <= w.xc < key[1]])
    ]
    key_text = " ".join(key_lines)
    # A row may open on any line of the page: its first lines may end the row before.
    opening = spec.opens is not None and any(
        spec.opens(" ".join(key_lines[i : i + settings.opening_lines])[: settings.opening_chars])
        for i in range(len(key_lines))
    )
    if key_text and (opening or (spec.closes and spec.closes(key_text))):
        return True
    quarter_x = [(x0, x1) for _, x0, x1 in columns.quarters]
    marked = any(w.text in MARK_GLYPHS and any(a <= w.xc < b for a, b in quarter_x) for w in cells)
    shaded = any(any(a <= f.xc < b for a, b in quarter_x) for f in geo.fills)
    drawn = any(any(a <= (d[0] + d[2]) / 2 < b for a, b in quarter_x) for d in geo.diagonals)
    return marked or shaded or drawn
