"""normalized/programme.xlsx: a README sheet, the programme, a Gantt sheet and every table,
with typed cells, and the same bytes on every run."""

from __future__ import annotations

import datetime
import io
import math
import re
import zipfile

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from extract.errors import OutputError
from extract.models import MODELS, PRIMARY_KEYS, columns
from extract.output.package import PACKAGE_TITLE

FILE = "programme.xlsx"
# Any fixed instant will do: the workbook must not say when it was written.
FIXED_TIME = datetime.datetime(2017, 2, 23)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
YEARS = range(2017, 2022)
PERIODS = [f"{y}Q{q}" for y in YEARS for q in range(1, 5)]
FIRST_SHEETS = ["programme"]
MAX_WIDTH, MIN_WIDTH = 60, 6

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E4E9F2")
AREA_FILL = PatternFill("solid", fgColor="EEF1F6")
MARKED = PatternFill("solid", fgColor="2F5D9E")
MARKED_OUTSIDE = PatternFill("solid", fgColor="E67E22")
APPENDIX = PatternFill("solid", fgColor="CFDCEF")
WHITE_BOLD = Font(bold=True, color="FFFFFF")
RED = Font(color="C0392B")
RED_BOLD = Font(color="C0392B", bold=True)
YEAR_EDGE = Border(left=Side(style="thin", color="8899AA"))
CENTRE = Alignment(horizontal="center")
SHRINK = Alignment(shrink_to_fit=True)


def _cell_value(value: object, sheet: str) -> object:
    """A pandas value as a typed cell value: None, bool, int, float or text."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        raise OutputError(
            f"sheet {sheet}: a cell holds a control character Excel cannot store: {value[:40]!r}",
            file=FILE,
        )
    return value


def _put(ws: Worksheet, row: int, col: int, value: object) -> None:
    """Write a value; text stays text even when it starts with '=' (never a formula)."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def _width(values: list[object], header: str) -> float:
    longest = max([len(header), *(len(str(v)) for v in values if v is not None)])
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _table_sheet(ws: Worksheet, name: str, frame: pd.DataFrame) -> None:
    """One table: bold frozen header with filters, typed cells, widths from the content."""
    headers = list(frame.columns)
    for col, header in enumerate(headers, start=1):
        _put(ws, 1, col, header)
        ws.cell(row=1, column=col).font = BOLD
        ws.cell(row=1, column=col).fill = HEADER_FILL
    for r, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        for col, value in enumerate(row, start=1):
            _put(ws, r, col, _cell_value(value, name))
    for col, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(col)].width = _width(frame[header].tolist(), header)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A1:{last}{len(frame) + 1}"


def _readme_sheet(ws: Worksheet, tables: dict[str, pd.DataFrame], order: list[str]) -> None:
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
    for name in order:
        for column in columns(name):
            kind = column.kind + ("" if column.required else ", may be empty")
            rows.append([name, column.name, kind, column.description])
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row, start=1):
            _put(ws, r, col, value)
    for r in (1, 5, len(rows) - sum(len(columns(n)) for n in order)):
        for col in range(1, 5):
            ws.cell(row=r, column=col).font = BOLD
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for letter, width in zip("ABCD", (24, 22, 26, 110), strict=True):
        ws.column_dimensions[letter].width = width


def _timing_words(kind: object, raw: object) -> str | None:
    """The Appendix timing as printed, with its kind where no quarters can be drawn."""
    if not isinstance(kind, str):
        return None
    if kind in ("range", "point"):
        return raw if isinstance(raw, str) else None
    shown = raw if isinstance(raw, str) else "not given"
    return f"{shown} ({kind})"


def _gantt_sheet(ws: Worksheet, tables: dict[str, pd.DataFrame]) -> None:
    """Deliverables by area down the side, quarters across, marks, timing and findings."""
    programme = tables["programme"]
    seq = dict(
        zip(
            tables["annex_deliverables"].deliverable_id,
            tables["annex_deliverables"].seq,
            strict=True,
        )
    )
    marked = tables["annex_schedule"].groupby("deliverable_id").period.apply(set).to_dict()
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    first_q, last_col = 5, 5 + len(PERIODS)
    _put(ws, 1, 1, "Annex I work-plan by action area, with the GB.328 Appendix timing")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    legend = [
        ("X", MARKED, WHITE_BOLD, "quarter marked in Annex I"),
        ("X", MARKED_OUTSIDE, WHITE_BOLD, "quarter marked in Annex I outside the Appendix timing"),
        (None, APPENDIX, None, "Appendix timing (range or point); its words in column D"),
        ("2.2", None, RED_BOLD, "red: Annex I and the Appendix disagree; the kinds at the right"),
    ]
    for r, (value, fill, font, words) in enumerate(legend, start=2):
        cell = ws.cell(row=r, column=1, value=value)
        cell.alignment = CENTRE
        if fill is not None:
            cell.fill = fill
        if font is not None:
            cell.font = font
        _put(ws, r, 2, words)
    years_row, head_row = 7, 8
    for col, header in enumerate(("id", "deliverable", "status", "Appendix timing"), start=1):
        _put(ws, head_row, col, header)
    _put(ws, head_row, last_col, "discrepancies")
    for i, year in enumerate(YEARS):
        col = first_q + 4 * i
        _put(ws, years_row, col, year)
        ws.cell(row=years_row, column=col).alignment = CENTRE
        ws.merge_cells(start_row=years_row, start_column=col, end_row=years_row, end_column=col + 3)
    for i, period in enumerate(PERIODS):
        _put(ws, head_row, first_q + i, f"Q{period[-1]}")
        ws.cell(row=head_row, column=first_q + i).alignment = CENTRE
    for r in (years_row, head_row):
        for col in range(1, last_col + 1):
            ws.cell(row=r, column=col).font = BOLD
            ws.cell(row=r, column=col).fill = HEADER_FILL

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

    r = head_row + 1
    for heading, group in groups:
        _put(ws, r, 1, heading)
        for col in range(1, last_col + 1):
            ws.cell(row=r, column=col).fill = AREA_FILL
            ws.cell(row=r, column=col).font = BOLD
        r += 1
        for row in group.itertuples(index=False):
            _gantt_row(ws, r, row, marked.get(row.deliverable_id, set()), first_q, last_col)
            r += 1
    for col in range(first_q, last_col, 4):
        for rr in range(years_row, r):
            ws.cell(row=rr, column=col).border = YEAR_EDGE
    widths = {1: 7, 2: 60, 3: 14, 4: 26, last_col: 48}
    for col in range(1, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = widths.get(col, 4.2)
    ws.freeze_panes = ws.cell(row=head_row + 1, column=first_q)
    ws.print_title_rows = f"{years_row}:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _gantt_row(  # type: ignore[no-untyped-def]
    ws: Worksheet, r: int, row, marked: set[str], first_q: int, last_col: int
) -> None:
    did = row.deliverable_id if isinstance(row.deliverable_id, str) else "(none)"
    text = row.annex_text if isinstance(row.annex_text, str) else row.appendix_text
    status = row.status if row.status != "merged" else f"merged into {row.merged_into}"
    for col, value in enumerate((did, text if isinstance(text, str) else None, status), start=1):
        _put(ws, r, col, value)
    _put(ws, r, 4, _timing_words(row.appendix_timing_kind, row.appendix_timing_raw))
    # Long timing words would spill over the quarters; shrink them into their cell instead.
    ws.cell(row=r, column=4).alignment = SHRINK
    start, end = row.appendix_timing_start, row.appendix_timing_end
    dated = isinstance(start, str) and isinstance(end, str)
    for i, period in enumerate(PERIODS):
        cell = ws.cell(row=r, column=first_q + i)
        inside = dated and start <= period <= end
        if period in marked:
            cell.value = "X"
            cell.fill = MARKED if inside or not dated else MARKED_OUTSIDE
            cell.font = WHITE_BOLD
            cell.alignment = CENTRE
        elif inside:
            cell.fill = APPENDIX
    kinds = row.discrepancies if isinstance(row.discrepancies, str) else ""
    if kinds:
        # The kinds in words, as the report writes them: 'timing_outside_range' -> spaces.
        words = ", ".join(k.replace("_", " ") for k in kinds.split("; "))
        _put(ws, r, last_col, words)
        ws.cell(row=r, column=last_col).font = RED
        ws.cell(row=r, column=1).font = RED_BOLD
    else:
        ws.cell(row=r, column=1).font = BOLD


def _sheet_title(name: str) -> str:
    """Sheet names are at most 31 characters without []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def workbook(tables: dict[str, pd.DataFrame]) -> Workbook:
    """The workbook: README, programme, Gantt, then every other table by name."""
    order = [n for n in FIRST_SHEETS if n in tables] + sorted(set(tables) - set(FIRST_SHEETS))
    book = Workbook()
    readme = book.active
    readme.title = "README"
    _readme_sheet(readme, tables, order)
    for name in order:
        ws = book.create_sheet(_sheet_title(name))
        _table_sheet(ws, name, tables[name])
        if name == "programme":
            _gantt_sheet(book.create_sheet("Gantt"), tables)
    book.properties.creator = "ilo-gsc-poa"
    book.properties.title = PACKAGE_TITLE
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    return book


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """The workbook as bytes, with fixed document times and fixed zip entry times."""
    book = workbook(tables)
    raw = io.BytesIO()
    # ExcelWriter directly: openpyxl's save() stamps the current time as 'modified'.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated ZIP_TIME and the same permissions."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
