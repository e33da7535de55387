"""programme.xlsx checked against the tables beside it: the workbook they give, sheet by
sheet and cell by cell, each cell's value and type (text, number, true/false)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from extract.output.differences import listed

_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

Cell = tuple[str, str]  # (type as the workbook marks it, value as written)


def _strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")) for si in root]


def _cells(xml: bytes, strings: list[str]) -> dict[str, Cell]:
    """Every cell with a value, by reference, e.g. {'B2': ('text', 'Research')}."""
    out = {}
    for c in ElementTree.fromstring(xml).iter(f"{{{_NS['m']}}}c"):
        kind = c.get("t", "n")
        v = c.find("m:v", _NS)
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(f"{{{_NS['m']}}}t"))
            out[c.get("r", "")] = ("text", text)
        elif v is not None and v.text is not None:
            if kind == "s":
                out[c.get("r", "")] = ("text", strings[int(v.text)])
            elif kind in ("str", "e"):
                out[c.get("r", "")] = ("text" if kind == "str" else "error", v.text)
            else:
                out[c.get("r", "")] = ("true/false" if kind == "b" else "number", v.text)
    return out


def workbook_sheets(data: bytes) -> dict[str, dict[str, Cell]]:
    """Sheet name -> cells, in the workbook's order."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        strings = _strings(book)
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        sheets = {}
        for sheet in workbook.iterfind("m:sheets/m:sheet", _NS):
            target = targets.get(sheet.get(_REL), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            sheets[sheet.get("name", "")] = _cells(book.read(part), strings)
        return sheets


SHOWN_CHARACTERS = 80  # a long text is shown by its start


def _shown(cell: Cell | None) -> str:
    if cell is None:
        return "empty"
    kind, value = cell
    if len(value) > SHOWN_CHARACTERS:
        return f"{value[: SHOWN_CHARACTERS - 3]!r}... ({len(value)} characters, {kind})"
    return f"{value!r} ({kind})"


def _writer(data: bytes) -> str:
    """What the workbook says wrote it (its description), '' when unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            core = ElementTree.fromstring(book.read("docProps/core.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return ""
    found = core.find("{http://purl.org/dc/elements/1.1/}description")
    return (found.text or "") if found is not None else ""


def xlsx_failures(out_dir: Path, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Where programme.xlsx says something other than the workbook the tables give."""
    from extract.output.xlsx import FILE, xlsx_bytes

    path = out_dir / FILE
    if not path.exists():
        return [f"{FILE}: missing"]
    written = path.read_bytes()
    expected = xlsx_bytes(tables)
    if written == expected:
        return []
    try:
        got = workbook_sheets(written)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, IndexError) as exc:
        return [f"{FILE}: not a readable workbook ({type(exc).__name__}: {exc})"]
    want = workbook_sheets(expected)
    if list(got) != list(want):
        return [f"{FILE}: the sheets are {list(got)}, the tables give {list(want)}"]
    failures = listed(
        (
            f"{FILE}: sheet {sheet} cell {ref}: {_shown(got[sheet].get(ref))}, where the"
            f" tables give {_shown(cells.get(ref))}"
            for sheet, cells in want.items()
            for ref in sorted(set(cells) | set(got[sheet]), key=_order)
            if got[sheet].get(ref) != cells.get(ref)
        ),
        f"{FILE}: {{}} more cells differ",
    )
    if failures:
        return failures
    theirs, ours = _writer(written), _writer(expected)
    if theirs != ours:
        said = " ".join(theirs.split())[:SHOWN_CHARACTERS]  # one line, however it was edited
        return [
            f"{FILE}: same cells as the tables give, written by {said or 'another writer'}"
            f" where this install writes with {ours}: run the pipeline again to rewrite it"
        ]
    # Same cells, other bytes: the styles, widths or parts a run writes were changed.
    return [f"{FILE}: same cells as the tables give, but other formatting or parts"]


def _order(ref: str) -> tuple[int, int, str]:
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    column = 0
    for ch in letters:
        column = column * 26 + ord(ch) - 64
    return (int(digits) if digits else 0, column, ref)
