"""Benchmark for issue 25, run by hand: python benchmarks/xlsxwriter_bench.py [--runs N].

Should output/xlsx.py's hand-written SpreadsheetML give way to XlsxWriter? At 1x (the text
route, the case analysts have) it times, median of N runs: the current xlsx_bytes, and the
same workbook's cells written with XlsxWriter (every table sheet typed cell by cell with
header format, frozen pane, filter and widths; README; the Gantt sheet's cells with their
fills), in memory, with fixed document properties; and each writer's import in a fresh
interpreter. The issue's bar: switch if XlsxWriter costs under 0.1 s more at 1x. Never a
test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime
import io
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from outputs import import_time, median_time  # noqa: E402 - the same timing as outputs.py

ANNEX = ROOT / "raw" / "annex_i_workplan.txt"
GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"
BAR = 0.1  # seconds XlsxWriter may cost beyond the current writer at 1x


def xlsxwriter_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """The workbook's cells through XlsxWriter: what a switch would have to do at least."""
    import xlsxwriter

    from extract.cross.gantt import tables_to_gantt
    from extract.model_registry import MODELS, columns

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    fixed = datetime.datetime(2017, 2, 23)
    book.set_properties({"created": fixed, "author": "ilo-gsc-poa", "title": "x"})
    head = book.add_format({"bold": True, "bg_color": "#E4E9F2"})
    marked = book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#2F5D9E"})
    outside = book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#E67E22"})
    timing = book.add_format({"bg_color": "#CFDCEF"})
    order = ["programme", *sorted(set(tables) - {"programme"})]
    readme = book.add_worksheet("README")
    r = 0
    for name in order:
        readme.write_row(
            r, 0, [name, len(tables[name]), " ".join((MODELS[name].__doc__ or "").split())]
        )
        r += 1
        for column in columns(name):
            readme.write_row(r, 0, [name, column.name, column.kind, column.description])
            r += 1
    for name in order:
        frame = tables[name]
        sheet = book.add_worksheet(name[:31])
        sheet.write_row(0, 0, [str(c) for c in frame.columns], head)
        for c, column in enumerate(frame.columns):
            values = frame[column].to_numpy(dtype=object, na_value=None).tolist()
            write = sheet.write
            for i, value in enumerate(values, start=1):
                if value is None:
                    continue
                if hasattr(value, "item"):
                    value = value.item()
                if isinstance(value, bool):
                    sheet.write_boolean(i, c, value)
                elif isinstance(value, str):
                    sheet.write_string(i, c, value)
                else:
                    write(i, c, value)
            sheet.set_column(c, c, 20)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
        if name == "programme":
            gantt = book.add_worksheet("Gantt")
            for r, row in enumerate(tables_to_gantt(tables), start=9):
                gantt.write_string(r, 0, row.deliverable_id or "(none)")
                gantt.write_string(r, 3, row.words)
                for q, quarter in enumerate(row.quarters, start=4):
                    if quarter.marked:
                        gantt.write_string(r, q, "X", outside if quarter.outside else marked)
                    elif quarter.inside:
                        gantt.write_blank(r, q, None, timing)
            gantt.freeze_panes(9, 4)
    book.close()
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (5)")
    args = parser.parse_args()

    from extract.output.xlsx import xlsx_bytes
    from extract.runner import build_tables

    tables = build_tables(ANNEX, GB328)
    rows = sum(len(frame) for frame in tables.values())
    cells = sum(frame.size for frame in tables.values())
    print(f"1x ({rows} rows, {cells} table cells), median of {args.runs} runs")
    old = median_time(lambda: xlsx_bytes(tables), args.runs)
    new = median_time(lambda: xlsxwriter_bytes(tables), args.runs)
    old_import = import_time("extract.output.xlsx", args.runs)
    new_import = import_time("xlsxwriter", args.runs)
    print(f"   current writer  {old:7.3f} s  + import {old_import:6.3f} s")
    print(f"   XlsxWriter      {new:7.3f} s  + import {new_import:6.3f} s")
    extra = (new + new_import) - (old + old_import)
    verdict = "under: switch" if extra < BAR else "over: keep the current writer"
    print(f"XlsxWriter costs {extra:+.3f} s at 1x, imports included ({verdict}; bar {BAR} s)")
    stable = xlsxwriter_bytes(tables) == xlsxwriter_bytes(tables)
    print(f"XlsxWriter bytes the same on two runs: {stable}")


if __name__ == "__main__":
    main()
