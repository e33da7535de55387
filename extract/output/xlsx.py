"""normalized/programme.xlsx: a README sheet, the programme, a Gantt sheet and every table,
with typed cells, and the same bytes on every run.

The SpreadsheetML is written directly into a zip (openpyxl's import cost more than writing
the whole workbook at 1x, and going cell by cell through it was the slow part at 100x).
XlsxWriter, measured for issue 25 by benchmarks/xlsxwriter_bench.py: first recorded as
0.16-0.20 s over this writer at 1x, re-measured on 2026-12-04 at +0.03-0.04 s (import
0.015-0.019 s), under the issue's 0.1 s bar; the switch is issue 25's open item.
tests/test_xlsx_libreoffice.py checks LibreOffice opens the result.

Table sheets are written a column at a time: each distinct value's cell XML is
made once, text goes into the shared strings, and a row is one template filled with its
columns' cells. The styles are the ones the workbook had when openpyxl wrote it."""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from string import ascii_uppercase

import pandas as pd

from extract.cross.gantt import tables_to_gantt
from extract.errors import OutputError
from extract.model_registry import MODELS, PRIMARY_KEYS, columns
from extract.output.package import PACKAGE_TITLE

FILE = "programme.xlsx"
# Any fixed instant will do: the workbook must not say when it was written.
FIXED_TIME = "2017-02-23T00:00:00Z"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
# zlib's level 4 is half the time of its default 6 for a file about 5% larger.
COMPRESSION = 4
YEARS = range(2017, 2022)
PERIODS = [f"{y}Q{q}" for y in YEARS for q in range(1, 5)]
FIRST_SHEETS = ["programme"]
MAX_WIDTH, MIN_WIDTH = 60, 6
# Control characters XML 1.0 cannot carry, so no workbook can hold them.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037]")

# styles.xml's fonts, fills and borders, by index; a cell's style is one of each plus an
# alignment, and each distinct combination gets one <xf> in order of first use.
NORMAL, BOLD, TITLE, WHITE_BOLD, RED_BOLD, RED = range(6)
FONTS = (
    '<font><name val="Calibri"/><family val="2"/><sz val="11"/></font>',
    '<font><b val="1"/></font>',
    '<font><b val="1"/><sz val="14"/></font>',
    '<font><b val="1"/><color rgb="00FFFFFF"/></font>',
    '<font><b val="1"/><color rgb="00C0392B"/></font>',
    '<font><color rgb="00C0392B"/></font>',
)
NO_FILL, _GRAY, HEADER_FILL, AREA_FILL, MARKED, MARKED_OUTSIDE, APPENDIX = range(7)
FILLS = (
    "<fill><patternFill/></fill>",
    '<fill><patternFill patternType="gray125"/></fill>',  # Excel reserves the second fill
    *(
        f'<fill><patternFill patternType="solid"><fgColor rgb="00{rgb}"/></patternFill></fill>'
        for rgb in ("E4E9F2", "EEF1F6", "2F5D9E", "E67E22", "CFDCEF")
    ),
)
NO_BORDER, YEAR_EDGE = range(2)
BORDERS = (
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    '<border><left style="thin"><color rgb="008899AA"/></left></border>',
)
ALIGNMENTS = {
    "": "",
    "centre": '<alignment horizontal="center"/>',
    "shrink": ('<alignment shrinkToFit="1"/>'),
}
PLAIN = (NORMAL, NO_FILL, NO_BORDER, "")

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
MARGINS = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'


class Book:
    """What the sheets share: the cell formats, (font, fill, border, alignment) -> <xf>
    index, and the shared strings, text -> index in sharedStrings.xml."""

    def __init__(self) -> None:
        self.formats: dict[tuple[int, int, int, str], int] = {PLAIN: 0}
        self.strings: dict[str, int] = {}
        self._tails: dict[tuple[type, object], str | None] = {}

    def style(
        self, font: int = NORMAL, fill: int = NO_FILL, border: int = NO_BORDER, align: str = ""
    ) -> int:
        key = (font, fill, border, align)
        if key not in self.formats:
            self.formats[key] = len(self.formats)
        return self.formats[key]

    def text_tails(self, texts: list[str], sheet: str) -> list[str]:
        """The tails of text cells after their references: shared strings, never formulas."""
        if ILLEGAL_CHARACTERS_RE.search("".join(texts)):
            bad = next(t for t in texts if ILLEGAL_CHARACTERS_RE.search(t))
            raise OutputError(
                f"sheet {sheet}: a cell holds a control character Excel cannot store: {bad[:40]!r}",
                file=FILE,
            )
        strings = self.strings
        return [f' t="s"><v>{strings.setdefault(t, len(strings))}</v></c>' for t in texts]

    def tail(self, value: object, sheet: str) -> str | None:
        """The tail of a cell holding value (after r="..." and s="..."), None when missing."""
        if value is None or value is pd.NA:
            return None
        key = (type(value), value)
        if key not in self._tails:
            self._tails[key] = (
                self.text_tails([value], sheet)[0]
                if isinstance(value, str)
                else _number_tail(value, sheet)
            )
        return self._tails[key]

    def styles_xml(self) -> str:
        xfs = []
        for font, fill, border, align in self.formats:
            attrs = f'numFmtId="0" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"'
            if align:
                xfs.append(f'<xf {attrs} applyAlignment="1">{ALIGNMENTS[align]}</xf>')
            else:
                xfs.append(f"<xf {attrs}/>")
        return (
            f'<styleSheet xmlns="{NS}">'
            f'<fonts count="{len(FONTS)}">{"".join(FONTS)}</fonts>'
            f'<fills count="{len(FILLS)}">{"".join(FILLS)}</fills>'
            f'<borders count="{len(BORDERS)}">{"".join(BORDERS)}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )

    def strings_xml(self) -> str:
        """sharedStrings.xml; all the texts escaped at once (NUL cannot be in them, so it
        parts them)."""
        texts = list(self.strings)
        escaped = _escape("\x00".join(texts)).replace("\r", "&#13;").split("\x00")
        items = (
            "".join(
                f"<si><t{PRESERVE if text != text.strip() else ''}>{xml}</t></si>"
                for text, xml in zip(texts, escaped, strict=True)
            )
            if texts
            else ""
        )
        return f'<sst xmlns="{NS}" uniqueCount="{len(texts)}">{items}</sst>'


@dataclass
class Sheet:
    """One worksheet's parts, ready to be written out."""

    title: str
    rows: list[str]  # each a whole <row> element
    last_col: int
    last_row: int
    widths: list[float]
    frozen: str | None = None  # the top-left cell that scrolls, e.g. A2
    filtered: bool = False  # an auto filter over the whole used range
    merges: list[str] = field(default_factory=list)
    print_titles: str | None = None  # rows repeated on each printed page, e.g. 7:8
    landscape_fit_width: bool = False


def _letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


# Column letters A to ZZ by number (LETTERS[1] == "A"); wider sheets call _letter.
LETTERS = ["", *ascii_uppercase, *(a + b for a in ascii_uppercase for b in ascii_uppercase)]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


PRESERVE = ' xml:space="preserve"'  # text with spaces at either end keeps them


def _number_tail(value: object, sheet: str) -> str | None:
    """The tail of a cell holding a boolean or a number, None when missing (NaN)."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            raise OutputError(
                f"sheet {sheet}: a cell holds {value}, which Excel cannot store", file=FILE
            )
        if value.is_integer() and abs(value) < 2**53:
            value = int(value)  # 1.0 is written 1: Excel has one number type
    if isinstance(value, int | float):
        return f"><v>{value!r}</v></c>"
    raise OutputError(f"sheet {sheet}: cannot store a {type(value).__name__} in a cell", file=FILE)


def _cell(r: int, col: int, value: object, style: int, sheet: str, book: Book) -> str:
    """One <c> element; a styled empty cell keeps its style, an unstyled one is left out."""
    styled = f' s="{style}"' if style else ""
    letter = LETTERS[col] if col < len(LETTERS) else _letter(col)
    tail = book.tail(value, sheet)
    if tail is not None:
        return f'<c r="{letter}{r}"{styled}{tail}'
    return f'<c r="{letter}{r}"{styled}/>' if style else ""


def _row(r: int, cells: dict[int, tuple[object, int]], sheet: str, book: Book) -> str:
    """A row from {column: (value, style)}."""
    body = "".join(_cell(r, c, v, style, sheet, book) for c, (v, style) in sorted(cells.items()))
    return f'<row r="{r}">{body}</row>'


def _column_tails(series: pd.Series, sheet: str, book: Book) -> tuple[list[str], int]:
    """A column's cell tails from row 2 down ('/>' where missing: an empty cell) and its
    longest value's length. Each distinct value's XML is made once."""
    if series.dtype == object:
        # Object columns key by type too: True == 1 but a boolean is not a number.
        index: dict[tuple[type, object], int] = {}
        codes = [
            -1 if gone else index.setdefault((type(v), v), len(index))
            for v, gone in zip(series.tolist(), series.isna().tolist(), strict=True)
        ]
        distinct = [v for _, v in index]
    else:
        found, uniques = pd.factorize(series)
        codes, distinct = found.tolist(), uniques.tolist()
    texts = [i for i, v in enumerate(distinct) if isinstance(v, str)]
    tails: list[str | None] = [None] * len(distinct)
    if texts:
        for i, tail in zip(
            texts, book.text_tails([distinct[i] for i in texts], sheet), strict=True
        ):
            tails[i] = tail
    for i, value in enumerate(distinct):
        if tails[i] is None:
            tails[i] = book.tail(value, sheet)
    longest = max((len(str(v)) for v in distinct), default=0)
    ends = [t or "/>" for t in tails] + ["/>"]  # the last for code -1, a missing value
    return list(map(ends.__getitem__, codes)), longest


def _table_sheet(title: str, name: str, frame: pd.DataFrame, book: Book) -> Sheet:
    """One table: bold frozen header with filters, typed cells, widths from the content.
    Every row has every column's cell, so one template makes a row from its tails."""
    headers = [str(h) for h in frame.columns]
    head = book.style(BOLD, HEADER_FILL)
    rows = [_row(1, {c: (h, head) for c, h in enumerate(headers, start=1)}, name, book)]
    tails, widths = [], []
    for col, header in enumerate(headers, start=1):
        column, longest = _column_tails(frame.iloc[:, col - 1], name, book)
        tails.append(column)
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, max(len(header), longest) + 2))))
    template = "".join(f'<c r="{_letter(c)}{{0}}"{{{c}}}' for c in range(1, len(headers) + 1))
    rows += map(f'<row r="{{0}}">{template}</row>'.format, range(2, len(frame) + 2), *tails)
    return Sheet(title, rows, len(headers), len(frame) + 1, widths, frozen="A2", filtered=True)


def _readme_sheet(tables: dict[str, pd.DataFrame], order: list[str], book: Book) -> Sheet:
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
    bold_rows = {1, 5, len(rows) - described}
    bold, title = book.style(BOLD), book.style(TITLE)
    out = []
    for r, row in enumerate(rows, start=1):
        cells = {c: (v, 0) for c, v in enumerate(row, start=1)}
        if r in bold_rows:
            cells = {c: (cells.get(c, (None, 0))[0], bold) for c in range(1, 5)}
        if r == 1:
            cells[1] = (cells[1][0], title)
        if cells:
            out.append(_row(r, cells, "README", book))
    return Sheet("README", out, 4, len(rows), [24, 22, 26, 110])


def _objects(series: pd.Series) -> list[object]:
    """A column as Python values, None where missing."""
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _gantt_sheet(tables: dict[str, pd.DataFrame], book: Book) -> Sheet:
    """Deliverables by area down the side, quarters across, marks, timing and findings."""
    # Plain Python values: iterating arrow-backed columns a value at a time is slow.
    shown = [
        "deliverable_id", "status", "merged_into", "annex_area_no", "annex_text",
        "appendix_text", "discrepancies",
    ]  # fmt: skip
    programme = tables["programme"][shown].astype(object)
    deliverables = tables["annex_deliverables"]
    seq = dict(zip(_objects(deliverables.deliverable_id), _objects(deliverables.seq), strict=True))
    view = dict(zip(programme.index, tables_to_gantt(tables), strict=True))
    names = dict(zip(tables["action_areas"].area_no, tables["action_areas"].name, strict=True))
    first_q, last_col = 5, 5 + len(PERIODS)
    years_row, head_row = 7, 8
    # Each year's first quarter has a thin line at its left from the years row down.
    edges = set(range(first_q, last_col, 4))
    edge = {col: (YEAR_EDGE if col in edges else NO_BORDER) for col in range(1, last_col + 1)}

    rows = [
        _row(
            1,
            {
                1: (
                    "Annex I work-plan by action area, with the GB.328 Appendix timing",
                    book.style(TITLE),
                )
            },
            "Gantt",
            book,
        )
    ]
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
    for r, (value, fill, font, words) in enumerate(legend, start=2):
        rows.append(
            _row(
                r,
                {1: (value, book.style(font, fill, align="centre")), 2: (words, 0)},
                "Gantt",
                book,
            )
        )

    years: dict[int, tuple[object, int]] = {}
    heads: dict[int, tuple[object, int]] = {}
    for col in range(1, last_col + 1):
        quarter = first_q <= col < last_col
        align = "centre" if quarter else ""
        year = YEARS[(col - first_q) // 4] if quarter and col in edges else None
        years[col] = (year, book.style(BOLD, HEADER_FILL, edge[col], "centre" if year else ""))
        words = (
            ("id", "deliverable", "status", "Appendix timing")[col - 1]
            if col < first_q
            else (f"Q{PERIODS[col - first_q][-1]}" if quarter else "discrepancies")
        )
        heads[col] = (words, book.style(BOLD, HEADER_FILL, edge[col], align))
    rows.append(_row(years_row, years, "Gantt", book))
    rows.append(_row(head_row, heads, "Gantt", book))

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

    area = {col: book.style(BOLD, AREA_FILL, edge[col]) for col in range(1, last_col + 1)}
    # A quarter's cell after its reference, by column: marked (inside or outside the
    # Appendix timing), Appendix timing only, or nothing but the year's edge.
    x = book.tail("X", "Gantt")
    marks = {
        (col, fill): f' s="{book.style(WHITE_BOLD, fill, edge[col], "centre")}"{x}'
        for col in range(first_q, last_col)
        for fill in (MARKED, MARKED_OUTSIDE)
    }
    timing = {
        col: f' s="{book.style(fill=APPENDIX, border=edge[col])}"/>'
        for col in range(first_q, last_col)
    }
    bare = {col: f' s="{book.style(border=edge[col])}"/>' for col in edges}
    quarters = [(first_q + i, LETTERS[first_q + i], period) for i, period in enumerate(PERIODS)]
    first_font = {True: book.style(RED_BOLD), False: book.style(BOLD)}
    shrink, red = book.style(align="shrink"), book.style(RED)
    r = head_row + 1
    for heading, group in groups:
        cells = {col: (None, area[col]) for col in range(1, last_col + 1)}
        cells[1] = (heading, area[1])
        rows.append(_row(r, cells, "Gantt", book))
        r += 1
        for row in group.itertuples():
            gantt = view[row.Index]
            did = row.deliverable_id if isinstance(row.deliverable_id, str) else "(none)"
            text = row.annex_text if isinstance(row.annex_text, str) else row.appendix_text
            status = row.status if row.status != "merged" else f"merged into {row.merged_into}"
            kinds = row.discrepancies if isinstance(row.discrepancies, str) else ""
            # Long timing words would spill over the quarters; shrink them into their cell.
            words = gantt.words or None
            parts = [
                f'<row r="{r}">',
                _cell(r, 1, did, first_font[bool(kinds)], "Gantt", book),
                _cell(r, 2, text if isinstance(text, str) else None, 0, "Gantt", book),
                _cell(r, 3, status, 0, "Gantt", book),
                _cell(r, 4, words, shrink, "Gantt", book),
            ]
            for (col, letter, _), quarter in zip(quarters, gantt.quarters, strict=True):
                if quarter.marked:
                    piece = marks[col, MARKED_OUTSIDE if quarter.outside else MARKED]
                elif quarter.inside:
                    piece = timing[col]
                elif col in bare:
                    piece = bare[col]
                else:
                    continue
                parts.append(f'<c r="{letter}{r}"{piece}')
            if kinds:
                # The kinds in words, as the report writes them: 'timing_outside_range'.
                found = ", ".join(k.replace("_", " ") for k in kinds.split("; "))
                parts.append(_cell(r, last_col, found, red, "Gantt", book))
            parts.append("</row>")
            rows.append("".join(parts))
            r += 1
    widths = {1: 7, 2: 60, 3: 14, 4: 26, last_col: 48}
    return Sheet(
        "Gantt",
        rows,
        last_col,
        r - 1,
        [widths.get(col, 4.2) for col in range(1, last_col + 1)],
        frozen=f"{_letter(first_q)}{head_row + 1}",
        merges=[f"{_letter(c)}{years_row}:{_letter(c + 3)}{years_row}" for c in sorted(edges)],
        print_titles=f"{years_row}:{head_row}",
        landscape_fit_width=True,
    )


def _sheet_title(name: str) -> str:
    """Sheet names are at most 31 characters without []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]


def _pane(frozen: str) -> str:
    """The frozen pane above and left of cell frozen, as a <sheetView>."""
    match = re.fullmatch(r"([A-Z]+)(\d+)", frozen)
    assert match is not None
    letters, row = match.groups()
    x_split = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
    y_split = int(row) - 1
    if x_split and y_split:
        split, pane = f'xSplit="{x_split}" ySplit="{y_split}"', "bottomRight"
        selections = '<selection pane="topRight"/><selection pane="bottomLeft"/>'
    elif y_split:
        split, pane, selections = f'ySplit="{y_split}"', "bottomLeft", ""
    else:
        split, pane, selections = f'xSplit="{x_split}"', "topRight", ""
    return (
        f'<pane {split} topLeftCell="{frozen}" activePane="{pane}" state="frozen"/>'
        f'{selections}<selection pane="{pane}" activeCell="A1" sqref="A1"/>'
    )


def _sheet_xml(sheet: Sheet) -> str:
    used = f"A1:{_letter(sheet.last_col)}{sheet.last_row}"
    view = _pane(sheet.frozen) if sheet.frozen else '<selection activeCell="A1" sqref="A1"/>'
    fit = '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if sheet.landscape_fit_width else ""
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{w:g}" customWidth="1"/>'
        for c, w in enumerate(sheet.widths, start=1)
    )
    after = f'<autoFilter ref="{used}"/>' if sheet.filtered else ""
    if sheet.merges:
        merged = "".join(f'<mergeCell ref="{m}"/>' for m in sheet.merges)
        after += f'<mergeCells count="{len(sheet.merges)}">{merged}</mergeCells>'
    after += MARGINS
    if sheet.landscape_fit_width:
        after += '<pageSetup orientation="landscape" paperSize="9" fitToHeight="0" fitToWidth="1"/>'
    return (
        f'<worksheet xmlns="{NS}">{fit}<dimension ref="{used}"/>'
        f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
        f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/><cols>{cols}</cols>'
        f"<sheetData>{''.join(sheet.rows)}</sheetData>{after}</worksheet>"
    )


def _workbook_xml(sheets: list[Sheet]) -> str:
    listed = "".join(
        f'<sheet name="{_attr(s.title)}" sheetId="{i}" r:id="rId{i}"/>'
        for i, s in enumerate(sheets, start=1)
    )
    names = []
    for i, s in enumerate(sheets):
        quoted = "'" + _attr(s.title).replace("'", "''") + "'"
        if s.filtered:
            last = f"${_letter(s.last_col)}${s.last_row}"
            names.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
                f"{quoted}!$A$1:{last}</definedName>"
            )
        if s.print_titles:
            first, last = s.print_titles.split(":")
            names.append(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                f"{quoted}!${first}:${last}</definedName>"
            )
    return (
        f'<workbook xmlns="{NS}" xmlns:r="{REL}"><workbookPr/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{listed}</sheets><definedNames>{''.join(names)}</definedNames>"
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _package_parts(sheets: list[Sheet], book: Book) -> list[tuple[str, str]]:
    """Every part of the zip but the worksheets, in the order they are written."""
    worksheet = f"{CT}.worksheet+xml"
    overrides = [
        ("/xl/workbook.xml", f"{CT}.sheet.main+xml"),
        ("/xl/styles.xml", f"{CT}.styles+xml"),
        ("/xl/sharedStrings.xml", f"{CT}.sharedStrings+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
        *((f"/xl/worksheets/sheet{i}.xml", worksheet) for i in range(1, len(sheets) + 1)),
    ]
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
        + "</Types>"
    )
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = (
        f'<Relationships xmlns="{PKG_REL}">'
        f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{PKG_REL}/metadata/core-properties"'
        ' Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{office}/extended-properties"'
        ' Target="docProps/app.xml"/></Relationships>'
    )
    book_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{office}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    n = len(sheets)
    book_rels = (
        f'<Relationships xmlns="{PKG_REL}">{book_rels}'
        f'<Relationship Id="rId{n + 1}" Type="{office}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId{n + 2}" Type="{office}/sharedStrings"'
        ' Target="sharedStrings.xml"/></Relationships>'
    )
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:creator>ilo-gsc-poa</dc:creator><dc:title>{_escape(PACKAGE_TITLE)}</dc:title>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>ilo-gsc-poa</Application></Properties>'
    )
    return [
        ("[Content_Types].xml", types),
        ("_rels/.rels", rels),
        ("docProps/app.xml", app),
        ("docProps/core.xml", core),
        ("xl/workbook.xml", _workbook_xml(sheets)),
        ("xl/_rels/workbook.xml.rels", book_rels),
        ("xl/styles.xml", book.styles_xml()),
        ("xl/sharedStrings.xml", book.strings_xml()),
    ]


def sheets(tables: dict[str, pd.DataFrame], book: Book) -> list[Sheet]:
    """The sheets in order: README, programme, Gantt, then every other table by name."""
    order = [n for n in FIRST_SHEETS if n in tables] + sorted(set(tables) - set(FIRST_SHEETS))
    out = [_readme_sheet(tables, order, book)]
    for name in order:
        out.append(_table_sheet(_sheet_title(name), name, tables[name], book))
        if name == "programme":
            out.append(_gantt_sheet(tables, book))
    return out


def xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """The workbook as bytes, with fixed document times and fixed zip entry times."""
    book = Book()
    written = sheets(tables, book)  # first: the sheets fill the shared strings
    parts = [(f"xl/worksheets/sheet{i}.xml", _sheet_xml(s)) for i, s in enumerate(written, 1)]
    parts = _package_parts(written, book) + parts
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            archive.writestr(entry, text.encode("utf-8"), compresslevel=COMPRESSION)
    return raw.getvalue()
