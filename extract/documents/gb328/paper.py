"""GB.328/INS/5/1(Add.1): front matter, paragraphs, footnotes, action areas, activity matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from extract.areas import AREA_NAMES, name_variants, split_areas
from extract.documents.gb328.records import (
    ActionArea,
    AppendixRow,
    FollowUpItem,
    Paper,
    Paragraph,
    TimingKind,
)
from extract.documents.gb328.timing import parse_timing
from extract.errors import SourceError
from extract.programme import PROGRAMME
from extract.readers.grid import Grid, GridRow, TableSpec, lines_to_grid, rows_to_blocks
from extract.readers.text import (
    clean,
    join_pieces,
    lines_to_footnotes,
    pop_footnote_marks,
    split_footnote,
    squash,
    strip_emphasis,
)
from extract.records import Box, Doc, FrontMatter, Line, Note, NoteKind, SourceDocument

DOC = Doc.GB328

_PARA = regex.compile(r"(?:[-\u2022]\s+)?(?:\*\*)?(\d{1,3})\.(?:\*\*)?\s+(\S.*)")
_AREA_HEADING = regex.compile(r"Action\s+area\s+(\d)\s*:\s*(\S.*)", flags=regex.IGNORECASE)
_OBJECTIVE = regex.compile(r"Objective\s*:\s*(\S.*)", flags=regex.IGNORECASE)
_OPEN_END = regex.compile(r"[^.:;!?\u201d\")]$")
_HEADING_WORDS = 15
_SESSION = regex.compile(r"(\d+(?:st|nd|rd|th)\s+Session)\s*,\s*([^,]+?)\s*,\s*(\S.*)")
_SYMBOL = regex.compile(r"GB\.\d+/\S+")
_DATE = regex.compile(r"Date\s*:\s*(\S.*)", flags=regex.IGNORECASE)
_ORIGINAL = regex.compile(r"Original\s*:\s*(\S.*)", flags=regex.IGNORECASE)
_AGENDA = regex.compile(r"\S.*\bITEM\s+ON\s+THE\s+AGENDA", flags=regex.IGNORECASE)
_SECTION = regex.compile(r"\S.*\bSection")
_SECTION_CODE = regex.compile(r"[A-Z]{2,6}")
_ITEM = regex.compile(r"(\d{1,2})\.\s+(\S.*?)\s*\(\s*(\d+)\s*\(\s*([A-Za-z])\s*\)\s*\)\s*")
_DELIVERABLE = regex.compile(r"(\d+\.\d+)\.?\s*(.*)")
_DELIVERABLE_START = regex.compile(r"\d+\.\d+\b")
_ITEM_START = regex.compile(r"\d{1,2}\.\s")
# As printed, '1.1. A focused …'; a number inside the text ('Alliance 8.7 (joint …') that a
# line happens to begin with has no closing dot.
_DELIVERABLE_OPENS = regex.compile(r"\d{1,2}\.\d{1,2}\.\s")
_COLUMNS = {
    "item": "follow-up item",
    "deliverable": "deliverables",
    "timing": "timing",
    "area": "area of action",
}


MATRIX_SPEC = TableSpec(
    name="activity matrix",
    labels=_COLUMNS,
    key_role="deliverable",
    opens=lambda text: bool(_DELIVERABLE_OPENS.match(text)),
    spanning=frozenset({"item"}),
    keyless_rows=True,
    row_text=regex.compile(rf"\(\s*23\s*\(\s*[{PROGRAMME.letter_class}]\s*\)\s*\)|^\d\.\d\.\s"),
)


@dataclass(frozen=True)
class _MatrixRow:
    """One logical matrix row: its role texts, joined over a page break if it broke there."""

    page: int
    line: Line
    cells: dict[str, str]
    boxes: tuple[tuple[int, Box], ...] = ()


@dataclass(frozen=True)
class _Matrix:
    rows: tuple[_MatrixRow, ...]
    notes: tuple[Note, ...]
    pages: int


def source_to_paper(source: SourceDocument) -> Paper:
    """Run every GB.328 stage over a text source."""
    grid = lines_to_grid(source.lines, MATRIX_SPEC, source.path)
    header_line = grid.pages[0].header_line or 0
    body = [line for line in source.lines[: header_line - 1] if line.text.strip()]
    # Endnotes gathered after the matrix are the body's footnotes, not lines to skip.
    endnotes = [
        Line(p.line, p.text) for page in grid.pages for p in page.prose if split_footnote(p.text)
    ]
    pages = tuple(
        replace(page, prose=tuple(p for p in page.prose if not split_footnote(p.text)))
        for page in grid.pages
    )
    body, furniture = drop_text_furniture(body)
    body, unwrapped = unwrap_lines(body)
    paper = body_and_grid_to_paper([*body, *endnotes], replace(grid, pages=pages))
    return replace(paper, notes=(*furniture, *unwrapped, *paper.notes))


# A mark set apart from the word before it ('chains ² and'); one glued to it is text (m³).
_ORPHAN_MARK = regex.compile(r"(?<=\s)[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+(?=[\s.,;:]|$)")
_DIGITS = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"
)
_WRAP_WIDTH = 120  # a body whose longest line is this short was wrapped by a converter
_FULL_LINES = 10  # ... and has at least this many lines filled to the width


def unwrap_lines(lines: Sequence[Line]) -> tuple[list[Line], list[Note]]:
    """A body hard-wrapped at a fixed width (80 columns, as `pdftotext` or an editor leaves
    it) back into one line per paragraph, heading and footnote: a line joins the one before
    when that one was full (the next word would not have fitted) and it opens no numbered
    paragraph or footnote."""
    width = max((len(line.text) for line in lines), default=0)
    full = sum(len(line.text) >= 0.8 * width for line in lines)
    if not lines or width > _WRAP_WIDTH or full < _FULL_LINES:
        return list(lines), []
    out: list[Line] = []
    last: Line | None = None  # the physical line that ends out[-1]
    joined = 0
    for line in lines:
        text = line.text.strip()
        first = text.split(" ", 1)[0]
        if (
            last is not None
            and line.no == last.no + 1  # no blank line between them
            and len(last.text.rstrip()) + 1 + len(first) > width - 2
            and not _PARA.fullmatch(squash(text))
            and not split_footnote(text)
        ):
            out[-1] = Line(out[-1].no, join_pieces([out[-1].text.strip(), text]))
            joined += 1
        else:
            out.append(line)
        last = line
    note = Note(
        doc=DOC,
        page=None,
        line=lines[0].no,
        kind=NoteKind.CONTINUATION_JOINED,
        deliverable_id=None,
        message=(
            f"the body is wrapped at {width} columns; {joined} wrapped lines were joined to the"
            " line before them"
        ),
    )
    return out, [note]


_PAGE_LINE = regex.compile(r"(?:page\s+)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?", regex.IGNORECASE)


def drop_text_furniture(lines: Sequence[Line]) -> tuple[list[Line], list[Note]]:
    """Running heads and page numbers a converter left at page breaks: a line that is only the
    document's symbol (after its first, front-matter, appearance) or only a page number, with
    or without the other beside it."""
    kept: list[Line] = []
    notes: list[Note] = []
    symbol_seen = False
    for line in lines:
        text = squash(line.text)
        symbol = _SYMBOL.search(text)
        rest = (text[: symbol.start()] + text[symbol.end() :]).strip() if symbol else text
        head = symbol is not None and (not rest or _PAGE_LINE.fullmatch(rest) is not None)
        if head and not symbol_seen:  # the front matter's own symbol line
            symbol_seen = True
            kept.append(line)
        elif head or _PAGE_LINE.fullmatch(text):
            notes.append(
                Note(
                    doc=DOC,
                    page=None,
                    line=line.no,
                    kind=NoteKind.FURNITURE_DROPPED,
                    deliverable_id=None,
                    message=f"page furniture {text!r} at line {line.no} left out",
                )
            )
        else:
            kept.append(line)
    return kept, notes


def body_and_grid_to_paper(body: Sequence[Line], grid: Grid) -> Paper:
    """Every GB.328 stage over the paper's body lines (text lines, or a PDF's blocks) and the
    activity matrix as a typed grid."""
    path = grid.path
    matrix = _matrix(grid)
    front_lines, rest = _split_front_matter(body, path)
    paragraphs, areas, footnote_lines, para_notes = body_to_paragraphs(rest, path)
    footnotes = lines_to_footnotes(DOC, [*front_lines, *rest], footnote_lines, path)
    for footnote in footnotes:
        if footnote.ref_line is None:  # its mark was lost (a converter dropped a superscript)
            raise SourceError(
                f"footnote {footnote.mark} has no mark {footnote.mark} anywhere in the text",
                file=path,
                line=footnote.line,
            )
    items, rows, row_notes = matrix_to_rows(matrix, areas, path)
    aliases = _aliases_seen(areas, rows)
    front, front_notes = lines_to_front_matter(front_lines)
    return Paper(
        front=front,
        paragraphs=paragraphs,
        footnotes=footnotes,
        areas=areas,
        aliases=aliases,
        items=items,
        rows=rows,
        matrix_pages=matrix.pages,
        notes=(*front_notes, *para_notes, *row_notes),
        page_count=grid.page_count if grid.is_pdf else None,
    )


def _split_front_matter(
    body: Sequence[Line], path: str
) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """Front matter is everything before the heading that stands above paragraph 1."""
    for i, line in enumerate(body):
        match = _PARA.fullmatch(squash(line.text))
        if match and match.group(1) == "1":
            start = i - 1 if i and not _PARA.fullmatch(squash(body[i - 1].text)) else i
            return tuple(body[:start]), tuple(body[start:])
    raise SourceError("no paragraph '1.' found before the activity matrix", file=path)


def lines_to_front_matter(lines: Sequence[Line]) -> tuple[FrontMatter, tuple[Note, ...]]:
    """Read the heading block by its patterns; title, label and subtitle follow the agenda item."""
    unread: list[Note] = []
    texts = [pop_footnote_marks(squash(line.text))[0] for line in lines]
    found: dict[str, str | None] = dict.fromkeys(FrontMatter.__dataclass_fields__, None)
    agenda_at = None
    used: set[int] = set()
    for i, text in enumerate(texts):
        used.add(i)
        if match := _SESSION.fullmatch(text):
            found["session"], found["place"], found["dates"] = match.groups()
        elif _SYMBOL.fullmatch(text):
            found["symbol"] = text
        elif match := _DATE.fullmatch(text):
            found["date"] = _iso_date(match.group(1))
            if found["date"] is None:
                unread.append(
                    Note(
                        doc=DOC,
                        page=lines[i].page,
                        line=lines[i].no,
                        kind=NoteKind.FRONT_MATTER_UNREAD,
                        deliverable_id=None,
                        message=(
                            f"document date {match.group(1)!r} is in no known form; left empty"
                        ),
                    )
                )
        elif match := _ORIGINAL.fullmatch(text):
            found["original_language"] = match.group(1)
        elif _AGENDA.fullmatch(text):
            found["agenda_item"], agenda_at = text, i
        elif _SECTION.fullmatch(text):
            found["section"] = text
        elif _SECTION_CODE.fullmatch(text) and found["section"]:
            found["section_code"] = text
        elif i == 0:
            found["organ"] = text
        else:
            used.discard(i)
    if agenda_at is not None:
        tail = texts[agenda_at + 1 :]
        for key, value in zip(("title", "label", "subtitle"), tail, strict=False):
            found[key] = value
        used.update(range(agenda_at + 1, min(len(texts), agenda_at + 4)))
    unread.extend(
        Note(
            doc=DOC,
            page=line.page,
            line=line.no,
            kind=NoteKind.LINE_SKIPPED,
            deliverable_id=None,
            message=(
                f"front-matter line {texts[i][:60]!r} fits no field of the heading block; left out"
            ),
        )
        for i, line in enumerate(lines)
        if i not in used
    )
    return FrontMatter(**found), tuple(unread)


_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d %b. %Y", "%B %d, %Y", "%Y-%m-%d")


def _iso_date(text: str) -> str | None:
    """The document date as YYYY-MM-DD; None if no known form reads it."""
    for form in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(squash(text), form).date().isoformat()
        except ValueError:
            continue
    return None


def body_to_paragraphs(
    lines: Sequence[Line], path: str
) -> tuple[tuple[Paragraph, ...], tuple[ActionArea, ...], tuple[Line, ...], tuple[Note, ...]]:
    """Numbered paragraphs joined across page breaks and footnotes, with their headings."""
    pieces: list[tuple[int, str, int | None, list[Line]]] = []
    areas: list[ActionArea] = []
    footnotes: list[Line] = []
    notes: list[Note] = []
    section, area, expected, open_para = "", None, 1, False
    last_line: Line | None = None  # the last heading-level line, to continue an objective
    for line in lines:
        text = squash(line.text)
        if split_footnote(text):
            footnotes.append(line)
            continue
        match = _PARA.fullmatch(text)
        if match:
            if int(match.group(1)) != expected:
                raise SourceError(
                    f"paragraph {match.group(1)} out of order; expected {expected}",
                    file=path,
                    line=line.no,
                )
            if not section:
                raise SourceError(
                    f"paragraph {expected} stands under no heading", file=path, line=line.no
                )
            pieces.append((expected, section, area, [line]))
            expected += 1
            open_para, last_line = True, None
            continue
        if pieces and open_para and continues_paragraph(pieces[-1][3][-1].text, text):
            no = pieces[-1][0]
            broke = pieces[-1][3][-1]
            where = (
                f"on page {line.page} (it broke off on page {broke.page})"
                if line.page is not None and broke.page is not None
                else f"at line {line.no} after a page break or footnote (it broke off at line"
                f" {broke.no})"
            )
            notes.append(_joined(line, f"paragraph {no} continues {where}; joined"))
            pieces[-1][3].append(line)
            continue
        open_para = False
        objective_open, last_line = last_line, line
        if (
            objective_open is not None
            and areas
            and areas[-1].objective
            and _OBJECTIVE.fullmatch(squash(objective_open.text))
            and (_OPEN_END.search(areas[-1].objective) or text[:1].islower())
            and not _AREA_HEADING.fullmatch(strip_emphasis(text))
        ):
            # An objective broken by a page break: its rest is no heading.
            last = areas[-1]
            rest = squash(strip_emphasis(text))
            areas[-1] = replace(last, objective=join_pieces([last.objective, rest]))
            on_page = f" on page {line.page}" if line.page is not None else ""
            notes.append(
                _joined(
                    line,
                    f"the objective of action area {last.area_no} continues at line"
                    f" {line.no}{on_page}; joined",
                )
            )
            continue
        if heading := _AREA_HEADING.fullmatch(strip_emphasis(text)):
            section, area = strip_emphasis(text), int(heading.group(1))
            if area not in AREA_NAMES or any(a.area_no == area for a in areas):
                raise SourceError(
                    f"action area {area} is outside 1-5 or comes twice", file=path, line=line.no
                )
            areas.append(ActionArea(area, squash(heading.group(2)), "", line.no))
        elif objective := _OBJECTIVE.fullmatch(text):
            if not areas or areas[-1].objective:
                raise SourceError(
                    "'Objective:' line outside an action area", file=path, line=line.no
                )
            last = areas[-1]
            areas[-1] = ActionArea(
                last.area_no, last.name, squash(strip_emphasis(objective.group(1))), last.line
            )
        else:
            section, area = strip_emphasis(text), None
    for action_area in areas:
        if not action_area.objective:
            raise SourceError(
                f"action area {action_area.area_no} has no 'Objective:' line",
                file=path,
                line=action_area.line,
            )
    known = {mark for mark, _ in filter(None, (split_footnote(f.text) for f in footnotes))}
    paragraphs = []
    for no, heading_text, area_no, para_lines in pieces:
        # A superscript that no footnote answers (m³) is part of the text.
        text, marks = pop_footnote_marks(_text(para_lines), known)
        first, last = para_lines[0], para_lines[-1]
        if orphan := _ORPHAN_MARK.search(text):
            raise SourceError(
                f"paragraph {no} carries the footnote mark {orphan.group()} but no footnote"
                f" {orphan.group().translate(_DIGITS)} was found",
                file=path,
                line=first.no,
                page=first.page,
            )
        paragraphs.append(
            Paragraph(
                no,
                text,
                heading_text,
                area_no,
                marks,
                first.no,
                last.no,
                first.page,
                last.page,
                tuple((line.page, line.box) for line in para_lines if line.page and line.box),
            )
        )
    return tuple(paragraphs), tuple(areas), tuple(footnotes), tuple(notes)


def _joined(line: Line, message: str) -> Note:
    """The note for a piece of text joined to the one it continues."""
    return Note(
        doc=DOC,
        page=line.page,
        line=line.no,
        kind=NoteKind.CONTINUATION_JOINED,
        deliverable_id=None,
        message=message,
    )


def continues_paragraph(previous: str, text: str) -> bool:
    """Whether an unnumbered line after a paragraph goes on with it rather than heading a
    section: headings are short, capitalised and end without punctuation."""
    if _AREA_HEADING.fullmatch(strip_emphasis(text)) or _OBJECTIVE.fullmatch(text):
        return False
    if _OPEN_END.search(squash(strip_emphasis(previous))) or text[:1].islower():
        return True
    return len(text.split()) > _HEADING_WORDS or text.endswith((".", ",", ";", ":"))


def _text(lines: Sequence[Line]) -> str:
    """A paragraph's text: number and emphasis dropped, pieces joined."""
    first = _PARA.fullmatch(squash(lines[0].text))
    head = first.group(2) if first else lines[0].text
    parts = [head, *(line.text for line in lines[1:])]
    return join_pieces([clean(strip_emphasis(part)) for part in parts])


def _matrix(grid: Grid) -> _Matrix:
    """The matrix rows page by page; a page's first row without a number of its own continues
    the row before the page break. A merged item cell's text counts once, on its first row."""
    notes: list[Note] = [
        Note(
            doc=DOC,
            page=line.page,
            line=line.line,
            kind=NoteKind.LINE_SKIPPED,
            deliverable_id=None,
            message=(
                f"line without cells on activity-matrix page {line.page} is no matrix"
                f" row; left out: {line.text[:60]!r}"
            ),
        )
        for page in grid.pages
        for line in page.prose
    ]
    roles = {page.no: page.roles for page in grid.pages}
    rows = [row for page in grid.pages for row in page.rows]
    seen_spans: set[int] = set()

    def cells(row: GridRow) -> dict[str, str]:
        out = {}
        for role, index in roles[row.page].items():
            cell = row.cell(index)
            if cell.span is not None:  # a PDF's merged cell, carried to every row it spans
                out[role] = "" if cell.span in seen_spans else cell.text
                seen_spans.add(cell.span)
            else:
                out[role] = cell.text
        return out

    texts = {id(row): cells(row) for row in rows}
    joined: list[_MatrixRow] = []
    for block in rows_to_blocks(rows, lambda row: not _continues_row(texts[id(row)])):
        first = block[0]
        pieces = [texts[id(row)] for row in block]
        merged = {role: join_pieces([piece[role] for piece in pieces]) for role in pieces[0]}
        boxes = tuple((row.page, row.box) for row in block if row.box is not None)
        joined.append(_MatrixRow(first.page, Line(first.line, ""), merged, boxes))
        match = _DELIVERABLE.match(pieces[0]["deliverable"])
        notes.extend(
            Note(
                doc=DOC,
                page=row.page,
                line=row.line,
                kind=NoteKind.CONTINUATION_JOINED,
                deliverable_id=match.group(1) if match else None,
                message=(
                    f"matrix row continues the row at line {first.line} across the"
                    " page break; its cells are joined to it"
                ),
            )
            for row in block[1:]
        )
    notes.extend(_join_item_fragments(joined))
    notes.sort(key=lambda note: note.line or 0)
    return _Matrix(tuple(joined), tuple(notes), len(grid.pages))


def _join_item_fragments(rows: list[_MatrixRow]) -> list[Note]:
    """A merged item cell whose text runs over a page break shows its rest beside the next
    page's first row, without an item number: it goes back to the item it continues."""
    notes = []
    last: int | None = None
    for i, row in enumerate(rows):
        text = row.cells["item"]
        if not text:
            continue
        if last is not None and not _ITEM_START.match(text):
            head = rows[last]
            rows[last] = replace(
                head, cells={**head.cells, "item": join_pieces([head.cells["item"], text])}
            )
            rows[i] = replace(row, cells={**row.cells, "item": ""})
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line.no,
                    kind=NoteKind.CONTINUATION_JOINED,
                    deliverable_id=None,
                    message=(
                        f"follow-up item text {text[:40]!r} on page {row.page} continues the item"
                        f" cell of the row at line {rows[last].line.no} across the page break;"
                        " joined"
                    ),
                )
            )
        else:
            last = i
    return notes


def _continues_row(row: dict[str, str]) -> bool:
    """A page's first row goes on with the last one when it has neither a follow-up item
    number nor a deliverable number of its own, and either deliverable text or no timing: a
    fragment holding only the rest of the area cell continues; the unnumbered row (its own
    timing and areas) does not."""
    return (
        any(row.values())
        and not _ITEM_START.match(row["item"])
        and not _DELIVERABLE_START.match(row["deliverable"])
        and (bool(row["deliverable"]) or not row["timing"])
    )


def matrix_to_rows(
    matrix: _Matrix, areas: Sequence[ActionArea], path: str
) -> tuple[tuple[FollowUpItem, ...], tuple[AppendixRow, ...], tuple[Note, ...]]:
    """Follow-up items and one appendix row per deliverable, item carried down."""
    names = _area_names(areas)
    items: list[FollowUpItem] = []
    rows: list[AppendixRow] = []
    notes: list[Note] = list(matrix.notes)
    seen: dict[str, int] = {}
    for matrix_row in matrix.rows:
        page, line, cells = matrix_row.page, matrix_row.line, matrix_row.cells
        item_text = clean(cells["item"])
        if item_text:
            items.append(_item(item_text, line, len(items) + 1, path, page))
        if not items:
            raise SourceError(
                "activity matrix row comes before the first follow-up item",
                file=path,
                line=line.no,
                page=page,
            )
        deliverable = clean(cells["deliverable"])
        match = _DELIVERABLE.fullmatch(deliverable)
        deliverable_id = match.group(1) if match else None
        text = match.group(2) if match else deliverable
        if deliverable_id and deliverable_id.split(".")[0] != str(items[-1].item_no):
            raise SourceError(
                f"deliverable {deliverable_id} stands under follow-up item"
                f" {items[-1].item_no}; a row was split or joined wrongly",
                file=path,
                line=line.no,
                page=page,
            )
        if deliverable_id in seen:
            raise SourceError(
                f"deliverable number {deliverable_id} is used again (first at line"
                f" {seen[deliverable_id]})",
                file=path,
                line=line.no,
                page=page,
            )
        row_no = len(rows) + 1
        timing = parse_timing(cells["timing"])
        area_nos, _, leftover = split_areas(cells["area"], names)
        rows.append(
            AppendixRow(
                row_no,
                deliverable_id,
                items[-1].item_no,
                text,
                timing,
                squash(cells["area"]),
                area_nos,
                page,
                line.no,
                matrix_row.boxes,
            )
        )
        if deliverable_id:
            seen[deliverable_id] = line.no
        else:
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=NoteKind.UNNUMBERED_ROW,
                    deliverable_id=None,
                    message=(
                        f"appendix row {row_no} has no deliverable number"
                        f" ({'text: ' + repr(text[:60]) if text else 'deliverable cell empty'});"
                        f" kept under follow-up item {items[-1].item_no} with timing"
                        f" {timing.raw!r} and areas {squash(cells['area'])!r}"
                    ),
                )
            )
        if timing.note:
            unread = timing.kind == TimingKind.UNSPECIFIED
            kind = NoteKind.TIMING_UNREADABLE if unread else NoteKind.TIMING_INTERPRETED
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=kind,
                    deliverable_id=deliverable_id,
                    message=timing.note,
                )
            )
        if leftover:
            notes.append(
                Note(
                    doc=DOC,
                    page=page,
                    line=line.no,
                    kind=NoteKind.AREA_UNMATCHED,
                    deliverable_id=deliverable_id,
                    message=(f"area cell text {leftover!r} matches no action area; left out"),
                )
            )
    return tuple(items), tuple(rows), tuple(notes)


def _item(text: str, line: Line, expected: int, path: str, page: int) -> FollowUpItem:
    match = _ITEM.fullmatch(text)
    if not match:
        raise SourceError(
            f"follow-up item does not read 'N. text (23(x))': {text[:60]!r}",
            file=path,
            line=line.no,
            page=page,
        )
    number, body, conclusion, letter = match.groups()
    if int(number) != expected:
        raise SourceError(
            f"follow-up item {number} out of order; expected {expected}",
            file=path,
            line=line.no,
            page=page,
        )
    if letter.lower() not in PROGRAMME.conclusion_letters:
        raise SourceError(
            f"conclusion letter {letter!r} is outside a-i", file=path, line=line.no, page=page
        )
    return FollowUpItem(expected, f"{conclusion}({letter.lower()})", body, line.no)


def _area_names(areas: Sequence[ActionArea]) -> dict[int, str]:
    """The paper's own area headings, the five known names where a heading is missing."""
    return {**AREA_NAMES, **{area.area_no: area.name for area in areas}}


def _aliases_seen(
    areas: Sequence[ActionArea], rows: Sequence[AppendixRow]
) -> dict[int, tuple[str, ...]]:
    """Spellings of an area in the matrix other than its heading name."""
    names = _area_names(areas)
    seen: dict[int, list[str]] = {no: [] for no in names}
    for row in rows:
        _, spellings, _ = split_areas(row.areas_raw, names)
        for spelling in spellings:
            for no, name in names.items():
                variants = [v.casefold() for v in name_variants(name)]
                if (
                    spelling.casefold() in variants
                    and spelling.casefold() != name.casefold()
                    and spelling not in seen[no]
                ):
                    seen[no].append(spelling)
    return {no: tuple(spellings) for no, spellings in seen.items()}
