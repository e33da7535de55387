"""normalized/programme.xlsx: a README sheet, the programme, a Gantt sheet and every table,
with typed cells, written by XlsxWriter, and the same bytes on every run.

XlsxWriter replaced a hand-written SpreadsheetML writer (issue 25: +0.03-0.04 s at 1x, under
the issue's 0.1 s bar; at 100x it costs seconds, see the README's performance section). In
memory it dates every zip entry 1980-01-01; the document's times are fixed here.
tests/test_xlsx_libreoffice.py checks LibreOffice opens the result."""

from __future__ import annotations

import datetime
import io
import math
import re
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from extract.cross.gantt import tables_to_gantt
from extract.errors import OutputError
from extract.model_registry import MODELS, PRIMARY_KEYS, columns
from extract.output.package import PACKAGE_TITLE

FILE = "programme.xlsx"
# Said in the workbook's properties: validate names it when the bytes differ only by writer.
WRITER = f"XlsxWriter {xlsxwriter.__version__}"
# Any fixed instant will do: the workbook must not say when it was written.
FIXED_TIME = datetime.datetime(2017, 2, 23)
YEARS = range(2017, 2022)
PERIODS = [f"{y}Q{q}" for y in YEARS for q in range(1, 5)]
FIRST_SHEETS = ["programme"]
MAX_WIDTH, MIN_WIDTH = 60, 6
# Characters a cell cannot hold as they are: XML 1.0 cannot carry the C0 controls (tab and
# line feed aside) or U+FFFE/U+FFFF, and XlsxWriter writes them (and a carriage return) as
# _xHHHH_ escapes, which openpyxl and pandas show as those seven characters. Refused.
# A lone surrogate (text decoded with errors="surrogateescape") cannot be written as UTF-8.
REFUSED_CHARACTERS_RE = re.compile(r"[\000-\010\013-\037\ud800-\udfff\ufffe\uffff]")
# What XlsxWriter's write_* return when a cell is not written whole.
OUT_OF_RANGE, TRUNCATED = -1, -2
# XlsxWriter writes a number with 16 significant digits; whole numbers are exact to 2**53.
NUMBER_DIGITS, EXACT_WHOLE = 16, 2**53

# A cell's style is one font, one fill, one border and one alignment.
NORMAL, BOLD, TITLE, WHITE_BOLD, RED_BOLD, RED = range(6)
FONTS: tuple[dict[str, Any], ...] = (
    {},
    {"bold": True},
    {"bold": True, "font_size": 14},
    {"bold": True, "font_color": "#FFFFFF"},
    {"bold": True, "font_color": "#C0392B"},
    {"font_color": "#C0392B"},
)
NO_FILL, HEADER_FILL, AREA_FILL, MARKED, MARKED_OUTSIDE, APPENDIX = range(6)
FILLS: tuple[dict[str, Any], ...] = (
    {},
    *(
        {"pattern": 1, "bg_color": f"#{rgb}"}  # XlsxWriter's bg_color is a solid fill's colour
        for rgb in ("E4E9F2", "EEF1F6", "2F5D9E", "E67E22", "CFDCEF")
    ),
)
NO_BORDER, YEAR_EDGE = range(2)
BORDERS: tuple[dict[str, Any], ...] = ({}, {"left": 1, "left_color": "#8899AA"})
ALIGNMENTS: dict[str, dict[str, Any]] = {
    "": {},
    "centre": {"align": "center"},
    "shrink": {"shrink": True},
}
PLAIN = (NORMAL, NO_FILL, NO_BORDER, "")


class Styles:
    """(font, fill, border, alignment) -> one XlsxWriter format, made on first use."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self._book = book
        self._formats: dict[tuple[int, int, int, str], Format] = {}

    def __call__(
        self, font: int = NORMAL, fill: int = NO_FILL, border: int = NO_BORDER, align: str = ""
    ) -> Format | None:
        key = (font, fill, border, align)
        if key == PLAIN:
            return None
        if key not in self._formats:
            props = {**FONTS[font], **FILLS[fill], **BORDERS[border], **ALIGNMENTS[align]}
            self._formats[key] = self._book.add_format(props)
        return self._formats[key]


def _refusal(value: object) -> str | None:
    """Why a cell cannot hold value as it is (what follows 'cell A1'), None when it can."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, str):
        found = REFUSED_CHARACTERS_RE.search(value)
        if found is None:
            return None
        what = "a control character" if found[0] < " " else f"U+{ord(found[0]):04X}"
        return f"holds {what} Excel cannot store: {value[:40]!r}"
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > EXACT_WHOLE:
            return f"holds {value}, beyond the whole numbers Excel stores exactly (2**53)"
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return f"holds {value}, which Excel cannot store"
        if float(f"{value:.{NUMBER_DIGITS}G}") != value:
            return f"holds {value!r}, more digits than the {NUMBER_DIGITS} a cell keeps"
        return None
    return f"holds a {type(value).__name__}, which no cell can store"


def _check(value: object, sheet: str, row: int, col: int) -> None:
    why = _refusal(value)
    if why is not None:
        raise OutputError(f"sheet {sheet}: cell {xl_rowcol_to_cell(row, col)} {why}", file=FILE)


def _not_written(code: int, sheet: str, row: int, col: int) -> OutputError:
    """What a write_* return code other than 0 means, as an error naming the cell."""
    what = (
        "holds more than Excel's 32,767 characters"
        if code == TRUNCATED
        else "lies beyond Excel's 1,048,576 rows or 16,384 columns"
        if code == OUT_OF_RANGE
        else f"was not written (XlsxWriter returned {code})"
    )
    return OutputError(f"sheet {sheet}: cell {xl_rowcol_to_cell(row, col)} {what}", file=FILE)


def _put(ws: Worksheet, row: int, col: int, value: object, style: Format | None) -> None:
    """One cell, 0-based; a styled empty cell keeps its style, an unstyled one is left out."""
    sheet = ws.get_name()
    _check(value, sheet, row, col)
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        code = ws.write_blank(row, col, None, style) if style is not None else 0
    elif isinstance(value, str):
        code = ws.write_string(row, col, value, style)
    elif isinstance(value, bool):
        code = ws.write_boolean(row, col, value, style)
    else:
        code = ws.write_number(row, col, value, style)  # type: ignore[arg-type]
    if code:
        raise _not_written(code, sheet, row, col)


def _objects(series: pd.Series) -> list[object]:
    """A column as Python values, None where missing."""
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _write_column(ws: Worksheet, col: int, values: list[object]) -> int:
    """A table column's cells from row 2 down; its longest value's length, for the width.
    Each distinct value is checked once; a column of one type is written by its writer."""
    sheet = ws.get_name()
    try:
        distinct = {(type(v), v) for v in values if v is not None}
    except TypeError:  # an unhashable value (a list, a dict): no cell holds one
        row, value = next((r, v) for r, v in enumerate(values, 1) if v.__hash__ is None)
        _check(value, sheet, row, col)
        raise
    for kind, value in distinct:
        if _refusal(value) is not None:  # name the first cell holding it
            row = next(r for r, v in enumerate(values, 1) if type(v) is kind and v == value)
            _check(value, sheet, row, col)
    kinds = {kind for kind, _ in distinct}
    writers = {str: ws.write_string, bool: ws.write_boolean, int: ws.write_number}
    one = writers.get(next(iter(kinds))) if len(kinds) == 1 else None
    if one is None and kinds <= {int, float}:
        one = ws.write_number
    for r, value in enumerate(values, start=1):
        if value is None or value != value:  # missing, or NaN
            continue
        # A column of one type by its writer; mixed values each by their own (checked above).
        write = one or writers.get(type(value), ws.write_number)
        code = write(r, col, value)
        if code:
            raise _not_written(code, sheet, r, col)
    return max((len(str(v)) for _, v in distinct if v == v), default=0)


def _table_sheet(ws: Worksheet, frame: pd.DataFrame, styles: Styles) -> None:
    """One table: bold frozen header with filters, typed cells, widths from the content."""
    head = styles(BOLD, HEADER_FILL)
    for col, header in enumerate(map(str, frame.columns)):
        _put(ws, 0, col, header, head)
        longest = _write_column(ws, col, _objects(frame.iloc[:, col]))
        width = min(MAX_WIDTH, max(MIN_WIDTH, max(len(header), longest) + 2))
        ws.set_column(col, col, width)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(frame), len(frame.columns) - 1)


def _readme_sheet(
    ws: Worksheet, tables: dict[str, pd.DataFrame], order: list[str], styles: Styles
) -> None:
    """What each sheet is, then every column's type and meaning."""
    rows: list[list[object]] = [
        [PACKAGE_TITLE],
        ["Tables extracted from Annex I (work-plan) and GB.328/INS/5/1(Add.1), one per sheet."],
        ["Ids such as 2.1 are text; counts and numbers are numbers; True/False are booleans."],
        [],
        ["sheet", "rows", "key", "what it is"],
        [
            "Gantt",
            None,
            None,
            "Deliverables by Annex I action area, the 20 quarters 2017Q1-2021Q4 across: X for a"
            " quarter Annex I marks (orange when outside the Appendix timing), light blue for"
            " the Appendix timing, the Appendix timing in words, discrepancies at the right.",
        ],
    ]
    for name in order:
        key = ", ".join(PRIMARY_KEYS.get(name, []))
        doc = " ".join((MODELS[name].__doc__ or "").split())
        rows.append([name, len(tables[name]), key or None, doc])
    rows += [[], ["sheet", "column", "type", "meaning"]]
    described = 0
    for name in order:
        for column in columns(name):
            kind = column.kind + ("" if column.required else ", may be empty")
            rows.append([name, column.name, kind, column.description])
            described += 1
    bold_rows = {0, 4, len(rows) - described - 1}
    bold = styles(BOLD)
    for r, row in enumerate(rows):
        if r in bold_rows:
            row = row + [None] * (4 - len(row))
        for c, value in enumerate(row):
            style = styles(TITLE) if (r, c) == (0, 0) else bold if r in bold_rows else None
            _put(ws, r, c, value, style)
    for col, width in enumerate([24, 22, 26, 110]):
        ws.set_column(col, col, width)


def _gantt_groups(tables: dict[str, pd.DataFrame]) -> list[tuple[str, pd.DataFrame]]:
    """The programme's rows by Annex I area in Annex I order, then those not in Annex I."""
    shown = [
        "deliverable_id", "status", "merged_into", "annex_area_no", "annex_text",
        "appendix_text", "discrepancies",
    ]  # fmt: skip
    # Plain Python values: iterating arrow-backed columns a value at a time is slow.
    programme = tables["programme"][shown].astype(object)
    deliverables = tables["annex_deliverables"]
    seq = dict(zip(_objects(deliverables.deliverable_id), _objects(deliverables.seq), strict=True))
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    groups: list[tuple[str, pd.DataFrame]] = []
    in_annex = programme[programme.annex_area_no.notna()].copy()
    in_annex["seq"] = in_annex.deliverable_id.map(seq)
    for area_no, group in in_annex.sort_values(["annex_area_no", "seq"]).groupby(
        "annex_area_no", sort=True
    ):
        groups.append((f"{area_no}. {names.get(area_no, '')}", group))
    others = programme[programme.annex_area_no.isna()]
    if len(others):
        groups.append(("Not in Annex I (GB.328 Appendix only, merged or unnumbered)", others))
    return groups


def _gantt_sheet(ws: Worksheet, tables: dict[str, pd.DataFrame], styles: Styles) -> None:
    """Deliverables by area down the side, quarters across, marks, timing and findings."""
    view = dict(zip(tables["programme"].index, tables_to_gantt(tables), strict=True))
    # 0-based columns: id, deliverable, status, timing words, 20 quarters, discrepancies.
    first_q, last_col = 4, 4 + len(PERIODS)
    years_row, head_row = 6, 7
    # Each year's first quarter has a thin line at its left from the years row down.
    edges = set(range(first_q, last_col, 4))
    edge = {col: (YEAR_EDGE if col in edges else NO_BORDER) for col in range(last_col + 1)}

    title = "Annex I work-plan by action area, with the GB.328 Appendix timing"
    _put(ws, 0, 0, title, styles(TITLE))
    legend = [
        ("X", MARKED, WHITE_BOLD, "quarter marked in Annex I"),
        ("X", MARKED_OUTSIDE, WHITE_BOLD, "quarter marked in Annex I outside the Appendix timing"),
        (None, APPENDIX, NORMAL, "Appendix timing (range or point); its words in column D"),
        (
            "2.2",
            NO_FILL,
            RED_BOLD,
            "red: Annex I and the Appendix disagree; the kinds at the right",
        ),
    ]
    for r, (value, fill, font, words) in enumerate(legend, start=1):
        _put(ws, r, 0, value, styles(font, fill, align="centre"))
        _put(ws, r, 1, words, None)

    for col in range(last_col + 1):
        quarter = first_q <= col < last_col
        year = YEARS[(col - first_q) // 4] if quarter and col in edges else None
        year_style = styles(BOLD, HEADER_FILL, edge[col], "centre" if year else "")
        if year is not None:
            ws.merge_range(years_row, col, years_row, col + 3, year, year_style)
        words = (
            ("id", "deliverable", "status", "Appendix timing")[col]
            if col < first_q
            else (f"Q{PERIODS[col - first_q][-1]}" if quarter else "discrepancies")
        )
        align = "centre" if quarter else ""
        _put(ws, head_row, col, words, styles(BOLD, HEADER_FILL, edge[col], align))
    for col in range(last_col + 1):
        if col not in edges:  # after the merges: each cell keeps its own border
            _put(ws, years_row, col, None, styles(BOLD, HEADER_FILL, edge[col]))

    area = {col: styles(BOLD, AREA_FILL, edge[col]) for col in range(last_col + 1)}
    marks = {
        (col, fill): styles(WHITE_BOLD, fill, edge[col], "centre")
        for col in range(first_q, last_col)
        for fill in (MARKED, MARKED_OUTSIDE)
    }
    timing = {col: styles(fill=APPENDIX, border=edge[col]) for col in range(first_q, last_col)}
    bare = {col: styles(border=edge[col]) for col in edges}
    first_font = {True: styles(RED_BOLD), False: styles(BOLD)}
    shrink, red = styles(align="shrink"), styles(RED)
    r = head_row + 1
    for heading, group in _gantt_groups(tables):
        for col in range(last_col + 1):
            _put(ws, r, col, heading if col == 0 else None, area[col])
        r += 1
        for row in group.itertuples():
            gantt = view[row.Index]
            did = row.deliverable_id if isinstance(row.deliverable_id, str) else "(none)"
            text = row.annex_text if isinstance(row.annex_text, str) else row.appendix_text
            status = row.status if row.status != "merged" else f"merged into {row.merged_into}"
            kinds = row.discrepancies if isinstance(row.discrepancies, str) else ""
            _put(ws, r, 0, did, first_font[bool(kinds)])
            _put(ws, r, 1, text if isinstance(text, str) else None, None)
            _put(ws, r, 2, status, None)
            # Long timing words would spill over the quarters; shrink them into their cell.
            _put(ws, r, 3, gantt.words or None, shrink)
            for col, quarter in enumerate(gantt.quarters, start=first_q):
                if quarter.marked:
                    _put(ws, r, col, "X", marks[col, MARKED_OUTSIDE if quarter.outside else MARKED])
                elif quarter.inside:
                    _put(ws, r, col, None, timing[col])
                elif col in bare:
                    _put(ws, r, col, None, bare[col])
            if kinds:
                # The kinds in words, as the report writes them: 'timing outside range'.
                found = ", ".join(k.replace("_", " ") for k in kinds.split("; "))
                _put(ws, r, last_col, found, red)
            r += 1
    widths = {0: 7, 1: 60, 2: 14, 3: 26, last_col: 48}
    for col in range(last_col + 1):
        ws.set_column(col, col, widths.get(col, 4.2))
    ws.freeze_panes(head_row + 1, first_q)
    ws.repeat_rows(years_row, head_row)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many long as it takes


def _sheet_title(name: str) -> str:
    """Sheet names are at most 31 characters without []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """The workbook as bytes: README, programme, Gantt, then every other table by name."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    properties = {"title": PACKAGE_TITLE, "author": "ilo-gsc-poa", "comments": WRITER}
    book.set_properties({**properties, "created": FIXED_TIME})
    styles = Styles(book)
    order = [n for n in FIRST_SHEETS if n in tables] + sorted(set(tables) - set(FIRST_SHEETS))
    _readme_sheet(book.add_worksheet("README"), tables, order, styles)
    for name in order:
        _table_sheet(book.add_worksheet(_sheet_title(name)), tables[name], styles)
        if name == "programme":
            _gantt_sheet(book.add_worksheet("Gantt"), tables, styles)
    book.close()
    return out.getvalue()
