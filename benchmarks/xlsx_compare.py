"""Compare two programme.xlsx files as analysts see them, cell by cell with openpyxl: values,
types, number formats, fonts, fills, borders, alignment, frozen panes, column widths, merged
cells, autofilters. Prints each difference; exit 1 if any.

    python benchmarks/xlsx_compare.py OLD.xlsx NEW.xlsx
"""

from __future__ import annotations

import sys

import openpyxl
from openpyxl.utils import get_column_letter


def _rgb(color) -> str | None:  # type: ignore[no-untyped-def]
    """A colour as shown: its six hex digits (Excel ignores the alpha byte); None for the
    default (no colour, or a theme's automatic one)."""
    rgb = getattr(color, "rgb", None)
    return rgb[-6:].upper() if isinstance(rgb, str) else None


def _style(cell) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """A cell's style as shown: a font that names no size or face has the workbook's
    default (Calibri 11), as both writers' workbooks define it."""
    f, fill, b, a = cell.font, cell.fill, cell.border, cell.alignment
    return (
        cell.number_format,
        (bool(f.b), bool(f.i), _rgb(f.color), f.sz or 11.0, f.name or "Calibri"),
        (fill.fill_type, _rgb(fill.fgColor) if fill.fill_type else None),
        tuple(
            (s.style, _rgb(s.color) if s.style else None) if s is not None else (None, None)
            for s in (b.left, b.right, b.top, b.bottom)
        ),
        (a.horizontal, a.vertical, bool(a.wrap_text), bool(a.shrink_to_fit)),
    )


def _widths(sheet) -> dict[int, float]:  # type: ignore[no-untyped-def]
    """Column number -> width; one <col> may span several columns (openpyxl keys it by its
    first letter only)."""
    out = {}
    for dim in sheet.column_dimensions.values():
        if dim.customWidth or dim.width != 13:  # 13: openpyxl's default, not in the file
            for column in range(dim.min, dim.max + 1):
                out[column] = dim.width
    return out


def workbook_differences(old_path: str, new_path: str) -> list[str]:
    """Every place the two workbooks show something different."""
    old, new = openpyxl.load_workbook(old_path), openpyxl.load_workbook(new_path)
    out: list[str] = []
    if old.sheetnames != new.sheetnames:
        return [f"sheets {old.sheetnames} != {new.sheetnames}"]
    for name in old.sheetnames:
        a, b = old[name], new[name]
        for what, x, y in (
            ("freeze_panes", a.freeze_panes, b.freeze_panes),
            ("dimensions", a.dimensions, b.dimensions),
            (
                "merged",
                sorted(map(str, a.merged_cells.ranges)),
                sorted(map(str, b.merged_cells.ranges)),
            ),
            ("autofilter", a.auto_filter.ref, b.auto_filter.ref),
        ):
            if x != y:
                out.append(f"{name} {what}: {x!r} != {y!r}")
        wa, wb = _widths(a), _widths(b)
        for column in sorted(set(wa) | set(wb)):
            if wa.get(column) != wb.get(column):
                out.append(
                    f"{name} width {get_column_letter(column)}:"
                    f" {wa.get(column)} != {wb.get(column)}"
                )
        rows = max(a.max_row, b.max_row)
        cols = max(a.max_column, b.max_column)
        for r in range(1, rows + 1):
            for c in range(1, cols + 1):
                ca, cb = a.cell(r, c), b.cell(r, c)
                if (ca.value, ca.data_type) != (cb.value, cb.data_type):
                    out.append(
                        f"{name} {ca.coordinate}: {ca.value!r} ({ca.data_type}) !="
                        f" {cb.value!r} ({cb.data_type})"
                    )
                elif _style(ca) != _style(cb):
                    out.append(f"{name} {ca.coordinate} style: {_style(ca)} != {_style(cb)}")
    return out


if __name__ == "__main__":
    found = workbook_differences(sys.argv[1], sys.argv[2])
    print("\n".join(found) or "same")
    sys.exit(1 if found else 0)
