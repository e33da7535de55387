"""The columns the PDF reader treats apart, named by the table's spec: the key column, whose
lines open rows, and the merged column, whose cells may span several rows."""

from __future__ import annotations

from extract.readers.pdf.geometry import Columns
from extract.readers.spec import TableSpec


def merged_role(spec: TableSpec) -> str | None:
    """The spec's spanning role, read as merged cells; the PDF reader reads at most one."""
    if len(spec.spanning) > 1:
        shown = ", ".join(sorted(spec.spanning))
        raise ValueError(f"{spec.name}: the PDF reader reads one spanning column, not {shown}")
    return next(iter(spec.spanning), None)


def merged_index(columns: Columns, spec: TableSpec) -> int | None:
    """The merged column's cell index on a page, or None if the table has none."""
    role = merged_role(spec)
    return None if role is None else list(columns.roles).index(role)


def merged_span(columns: Columns, spec: TableSpec) -> tuple[float, float] | None:
    """The merged column's x-range on a page, or None if the table has none."""
    role = merged_role(spec)
    return None if role is None else columns.roles[role]


def key_index(columns: Columns, spec: TableSpec) -> int:
    """The key column's cell index; a spec without a key role keys on the second column."""
    return list(columns.roles).index(spec.key_role) if spec.key_role else 1
