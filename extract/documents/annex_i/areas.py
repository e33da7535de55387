"""The area of action of every row: filled down in text, carried by merged cells in a PDF."""

from __future__ import annotations

from collections.abc import Sequence

from extract.areas import area_no, printed_area
from extract.documents.annex_i.records import Row
from extract.documents.annex_i.rows import row_line
from extract.errors import SourceError
from extract.readers.text import join_pieces


def rows_to_areas(rows: Sequence[Row]) -> tuple[str, ...]:
    """The area of action of every row. A text cell left empty takes the area above it; a merged
    PDF cell gives its text to every row it spans, and a merged cell whose text breaks over a
    page ('Effective advocacy' | 'for decent work ...') is joined before it is matched."""
    texts = _span_texts(rows)
    areas: list[str] = []
    area = ""
    for row in rows:
        text = texts[row.area_span] if row.area_span is not None else row.area
        area = text or area
        if not area:
            raise SourceError(
                "no area of action is printed on or above this row",
                line=row_line(row),
                page=row.page,
            )
        if area_no(area) is None:
            raise SourceError(
                f"unknown area of action {area!r}",
                line=row_line(row),
                page=row.page,
            )
        areas.append(printed_area(area))
    return tuple(areas)


def _span_texts(rows: Sequence[Row]) -> dict[int, str]:
    """Each merged area fragment's text; a fragment ending a page that names no area alone is
    joined with the fragment opening the next page when together they name one."""
    order: list[tuple[int, int, str]] = []  # span, page, text
    for row in rows:
        if row.area_span is not None and (not order or order[-1][0] != row.area_span):
            order.append((row.area_span, row.page, row.area))
    texts = {span: text for span, _, text in order}
    for (span, page, text), (after, next_page, more) in zip(order, order[1:], strict=False):
        if next_page != page + 1 or not text or not more or area_no(text) is not None:
            continue
        joined = join_pieces([text, more])
        if area_no(joined) is not None and area_no(more) is None:
            texts[span] = texts[after] = joined
    return texts
