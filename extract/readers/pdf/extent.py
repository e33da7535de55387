"""Where a table's rows begin and end on a page: under the header's rule (or a headerless
page's top rule), down to the foot of the table's vertical rules or its last rule across."""

from __future__ import annotations

from collections.abc import Sequence

from extract.readers.pdf.geometry import Columns, Geometry, Header, Rule, Word
from extract.readers.pdf.settings import PdfSettings


def body_top_of(
    geo: Geometry,
    header: Header | None,
    content: Sequence[Word],
    settings: PdfSettings,
) -> float:
    """Where the rows begin: under the header's last rule, or, on a page without a header,
    at the table's top rule above its first words (else just above them)."""
    if header is None:
        if not content:
            return 0.0
        first = min(content, key=lambda w: w.top)
        above = [
            r.at
            for r in geo.hrules
            if first.top - settings.top_rule * first.size <= r.at <= first.top + settings.slack
        ]
        return min(above) - settings.top_inset if above else first.top - 1
    below = [
        r.at
        for r in geo.hrules
        if header.bottom - settings.slack <= r.at <= header.bottom + settings.header_rule
    ]
    return min(below) if below else header.bottom + settings.slack


def table_bottom_of(
    geo: Geometry, columns: Columns, body_top: float, last: bool, settings: PdfSettings
) -> float | None:
    """Where the table ends on the page, if its rules say so: the foot of its vertical rules
    (they run to the page break under a row split over pages), or, on the table's last page,
    its lowest rule across the whole width. Words below it are not cells."""
    inside = [
        r
        for r in geo.vrules
        if columns.left - settings.table_rule <= r.at <= columns.right + settings.table_rule
        and r.end > body_top + settings.rule_below
    ]
    if len({round(r.at) for r in inside}) >= settings.table_vrules:
        return max(r.end for r in inside)
    if last:
        width = columns.right - columns.left
        across = [
            r.at
            for r in geo.hrules
            if r.at > body_top + settings.rule_below
            and r.start <= columns.left + settings.across_share * width
            and r.end >= columns.right - settings.across_share * width
        ]
        joined = _joined_rules(geo.hrules, columns, body_top, settings)
        found = across + joined
        return max(found) if found else None
    return None


def _joined_rules(
    rules: Sequence[Rule], columns: Columns, body_top: float, settings: PdfSettings
) -> list[float]:
    """Rules drawn cell by cell (a browser draws each cell's border) that together run the
    table's width."""
    by_y: dict[int, list[Rule]] = {}
    for r in rules:
        if r.at > body_top + settings.rule_below:
            by_y.setdefault(round(r.at), []).append(r)
    width = columns.right - columns.left
    return [
        max(p.at for p in parts)
        for parts in by_y.values()
        if sum(p.end - p.start for p in parts) >= settings.joined_share * width
    ]
