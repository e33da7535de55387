"""Annex I, the work-plan: page rows into deliverables, activities, schedule and notes."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.areas import area_no, printed_area
from extract.documents.annex_i.records import (
    Activity,
    Deliverable,
    Mark,
    MarkKind,
    Row,
    ScheduleEntry,
    StrayMark,
    Workplan,
)
from extract.errors import SourceError, located
from extract.programme import PROGRAMME
from extract.readers.grid import (
    Cell,
    Grid,
    GridNote,
    GridPage,
    GridRow,
    ProseLine,
    lines_to_grid,
    missing_header,
)
from extract.readers.lists import skipped_numbers, split_list_items
from extract.readers.spec import TableSpec
from extract.readers.text import (
    footnote_text,
    has_footnote_mark,
    join_pieces,
    lines_to_footnotes,
    pop_footnote_marks,
    read_footnote_lines,
    split_footnote,
    squash,
)
from extract.records import (
    Doc,
    Footnote,
    FrontMatter,
    Line,
    Note,
    NoteKind,
    Segment,
    SourceDocument,
)

DOC = Doc.ANNEX_I

_OPENING_PHRASE = "in response to"
_CONCLUSION = regex.compile(
    r"In\s+response\s+to\s+(?:the\s+)?ILC\s+\d{4}\s+Conclusions?\s*(\d{1,3})\s*\(\s*([A-Za-z])\s*\)\s*",
    flags=regex.IGNORECASE,
)
_CITATION = regex.compile(
    r"\bILC\s+\d{4}\s+Conclusions?\s*\d{1,3}\s*\(\s*[A-Za-z]\s*\)", flags=regex.IGNORECASE
)
_PLAIN_MARK = regex.compile(r"(?<!\S)(\d{1,2})(?!\S)")
_ANNEX_LABEL = regex.compile(r"Annex\s+[IVX\d]+", flags=regex.IGNORECASE)
# Words that open an activity in lists printed without numbers: the imperative verbs of the
# work-plan (and 'Based on ...', which opens one in 5.3). A capitalised verb mid-sentence is
# rare in these lists, and the preceding-word check of readers/lists.py rules out names like
# 'the Office' or 'with Global Union Federations'.
ACTIVITY_VERBS = frozenset(
    """Adapt Analyse Analyze Appoint Assess Based Build Collect Combine Commission Compile
    Conduct Convene Coordinate Create Design Develop Disseminate Document Do Encourage Enhance
    Establish Evaluate Explore Facilitate Gather Generate Host Identify Implement Include Involve
    Launch Leverage Map Monitor Organise Organize Pilot Prepare Produce Promote Provide Publish
    Review Set Share Strengthen Support Train Undertake Update Use""".split()
)
_ID_AT_END = regex.compile(r"\s*\(\s*(\d+\.\d+)\s*\)\s*$")
_SECOND_ID = regex.compile(r"\(\s*(\d+\.\d+)\s*\)(?=\s+\p{Lu})")


def _opens_row(text: str) -> bool:
    return opens_deliverable(text)


def _closes_row(text: str) -> bool:
    return bool(_ID_AT_END.search(text[-80:]))


ANNEX_SPEC = TableSpec(
    name="work-plan table",
    labels={"area": "area of action", "deliverable": "deliverable", "activities": "key activities"},
    timeframe=True,
    key_role="deliverable",
    opens=_opens_row,
    closes=_closes_row,
    spanning=frozenset({"area"}),
    list_role="activities",
    row_text=regex.compile(r"In\s+response\s+to\s+ILC|\(\d+\.\d+\)", regex.IGNORECASE),
)


def source_to_workplan(source: SourceDocument) -> Workplan:
    """Every Annex I stage over a text source."""
    return grid_to_workplan(lines_to_grid(source.lines, ANNEX_SPEC, source.path))


def grid_to_workplan(grid: Grid) -> Workplan:
    """Run every Annex I stage over a read grid (from text or PDF); errors name its file."""
    with located(grid.path):
        return _stages(grid)


def _stages(grid: Grid) -> Workplan:
    path = grid.path
    rows = grid_to_rows(grid.pages)
    blocks = rows_to_blocks(rows)
    deliverables = blocks_to_deliverables(blocks)
    if not deliverables:
        raise SourceError(f"no deliverable found in the {ANNEX_SPEC.name}")
    activities, list_notes = blocks_to_activities(blocks, deliverables)
    schedule, mark_notes = blocks_to_schedule(blocks, deliverables)
    if not schedule and grid.is_pdf:  # in text every non-empty quarter cell is checked
        raise SourceError(
            f"no quarter of the time frame is marked for any of the {len(deliverables)}"
            " deliverables: the marks may be drawn in a way the reader does not know"
            " (X, check marks, shaded cells and crossed lines are read)",
        )
    check_marks_conserved(rows, schedule, mark_notes)
    notes = (
        *blocks_to_notes(blocks, deliverables),
        *mark_notes,
        *list_notes,
        *(_grid_note(note) for note in grid.notes),
    )
    prose = [*grid.before, *(line for page in grid.pages for line in page.prose), *grid.after]
    # Marks in the table (header and cells); prose holds the footnotes themselves.
    known = {
        mark
        for page in grid.pages
        for text in (page.header_text, *(c.text for row in page.rows for c in row.cells))
        for mark in _marks_in(text)
    }
    # A label line holds no numbers but marks: '1 Deliverable', as a PDF may give it.
    known |= {m for page in grid.pages for m in _PLAIN_MARK.findall(page.header_text)}
    footnote_lines, taken = read_footnote_lines(
        [Line(p.line, p.text, p.page, p.box) for p in prose], known, joins=not grid.is_pdf
    )
    # Text outside the table that is neither front matter nor a footnote is noted, not lost.
    notes = (
        *notes,
        *(
            Note(
                doc=DOC,
                page=line.page,
                line=line.line,
                kind=NoteKind.LINE_SKIPPED,
                message=(
                    f"text outside the table on page {line.page} is no footnote; left out:"
                    f" {line.text[:80]!r}"
                ),
            )
            for line in (*(p for page in grid.pages for p in page.prose), *grid.after)
            if line.line not in taken
        ),
    )
    references = [line for line in _reference_lines(grid) if line.no not in taken]
    footnotes = lines_to_footnotes(DOC, references, footnote_lines, path)
    # A mark in the header refers to a footnote; in a cell a superscript may be text ('m²').
    headers = [Line(p.header_line, p.header_text) for p in grid.pages if p.header_line]
    check_footnote_marks(headers, footnote_lines, footnotes, grid.is_pdf)
    for footnote in footnotes:
        if footnote.mark not in known:  # its mark was lost, or the line is no footnote
            raise SourceError(
                f"footnote {footnote.mark} ({footnote.text[:40]!r}) has no mark"
                f" {footnote_text(footnote.mark, '').strip()} in the table or its header",
                line=None if grid.is_pdf else footnote.line,
            )
    return Workplan(
        pages=grid.pages,
        front=_front_matter([p for p in grid.before if p.line not in taken], grid.notes),
        footnotes=footnotes,
        deliverables=deliverables,
        activities=activities,
        schedule=schedule,
        notes=tuple(sorted(notes, key=lambda n: (n.line or 0, n.kind))),
    )


def _marks_in(text: str) -> tuple[str, ...]:
    return pop_footnote_marks(text)[1] if has_footnote_mark(text) else ()


def check_footnote_marks(
    references: Sequence[Line],
    footnote_lines: Sequence[Line],
    footnotes: Sequence[Footnote],
    pdf: bool,
) -> None:
    """Every footnote mark printed in the table or its header has its footnote."""
    skip = {line.no for line in footnote_lines}
    have = {note.mark for note in footnotes}
    for line in references:
        if line.no in skip or not has_footnote_mark(line.text):
            continue
        missing = [m for m in pop_footnote_marks(line.text)[1] if m not in have]
        if missing:
            raise SourceError(
                f"footnote mark {missing[0]} is printed ({line.text[:40]!r}) but no footnote"
                f" {missing[0]} was found on any page",
                line=None if pdf else line.no,
            )


def _grid_note(note: GridNote) -> Note:
    return Note(
        doc=DOC,
        page=note.page,
        line=note.line,
        kind=note.kind,
        message=note.message,
    )


def _reference_lines(grid: Grid) -> list[Line]:
    """Where footnote marks stand: header labels, prose and cells that carry one (the
    others cannot refer to a footnote, and at scale most cells carry none)."""
    lines = [Line(p.line, p.text) for p in (*grid.before, *grid.after)]
    for page in grid.pages:
        if page.header_line is not None:
            lines.append(Line(page.header_line, page.header_text))
        lines.extend(Line(p.line, p.text) for p in page.prose)
        lines.extend(
            Line(row.line, cell.text)
            for row in page.rows
            for cell in row.cells
            if has_footnote_mark(cell.text)
        )
    return sorted(lines, key=lambda line: line.no)


def _front_matter(before: Sequence[ProseLine], notes: Sequence[GridNote] = ()) -> FrontMatter:
    """The lines above the first page header: 'Annex I' and the title; an introduction the
    reader judged prose naming the columns (noted) is no part of the title."""
    intro = min(
        (n.line for n in notes if n.kind == NoteKind.PROSE_NAMES_COLUMNS and n.line is not None),
        default=None,
    )
    texts = [
        p.text
        for p in before
        if p.text and not split_footnote(p.text) and (intro is None or p.line < intro)
    ]
    label = texts[0] if texts and _ANNEX_LABEL.match(texts[0]) else None
    title = " ".join(texts[1:] if label else texts) or None
    fields = dict.fromkeys(FrontMatter.__dataclass_fields__)
    return FrontMatter(**{**fields, "label": label, "title": title})


def grid_to_rows(pages: Sequence[GridPage]) -> tuple[Row, ...]:
    """Each grid row read as the work-plan's columns: area, deliverable, activities, marks.
    Where the time frame is marked with glyphs, shading is decoration (zebra rows, shaded
    years), not a mark."""
    quarter_cells = [
        (row, row.cell(col.index))
        for page in pages
        for row in page.rows
        for col in page.quarter_cols
    ]
    glyphs = any(cell.text in PROGRAMME.mark_glyphs for _, cell in quarter_cells)
    shaded = [row for row, cell in quarter_cells if "fill" in cell.evidence and not cell.text]
    if glyphs and shaded:
        raise SourceError(
            f"the time frame is marked with X glyphs but {len(shaded)} quarter cell(s) are shaded"
            " without one, first in a row on this page: shading is neither clearly a mark nor"
            " clearly decoration",
            page=shaded[0].page,
        )
    return tuple(_row(page, row, not glyphs) for page in pages for row in page.rows)


def _mark_kind(cell: Cell, fills_mark: bool) -> MarkKind | None:
    if cell.text in PROGRAMME.mark_glyphs:
        return MarkKind.X if cell.text in "Xx" else MarkKind.CHECK
    if cell.text:
        return None
    if "drawn" in cell.evidence:
        return MarkKind.DRAWN
    if "fill" in cell.evidence and fills_mark:
        return MarkKind.FILL
    return None


def _row(page: GridPage, row: GridRow, fills_mark: bool) -> Row:
    marks, strays = [], []
    by_index = {col.index: col for col in page.quarter_cols}
    roles = set(page.roles.values())
    for index, cell in enumerate(row.cells):
        if index in roles or cell.empty:
            continue
        kind = _mark_kind(cell, fills_mark)
        if kind is None and not cell.text:
            continue  # shading only, where the marks are glyphs
        column = by_index.get(index)
        if kind is None:
            where = f"quarter cell {column.period}" if column else "cell outside the time frame"
            raise SourceError(
                f"{where} holds {cell.text[:40]!r}; expected 'X' or empty",
                line=None if row.box else row.line,
                page=row.page,
                column=index + 1,
            )
        if column is None:
            frame = f"{page.quarter_cols[0].period}-{page.quarter_cols[-1].period}"
            strays.append(StrayMark(row.page, row.line, index + 1, frame))
        else:
            marks.append(
                Mark(column.year, column.quarter, row.page, row.line, index + 1, kind, cell.box)
            )
    area = row.cell(page.roles["area"])
    deliverable = row.cell(page.roles["deliverable"])
    activities = row.cell(page.roles["activities"])
    return Row(
        page=row.page,
        line=row.line,
        first_on_page=row.first_on_page,
        area=area.text,
        area_printed=bool(area.text) and area.printed,
        area_span=area.span,
        deliverable=deliverable.text,
        deliverable_box=deliverable.box,
        activity_lines=tuple(
            Segment(line.text, row.page, row.line, line.box) for line in activities.lines
        ),
        marks=tuple(marks),
        stray_marks=tuple(strays),
        bbox=row.box,
    )


def check_marks_conserved(
    rows: Sequence[Row], schedule: Sequence[ScheduleEntry], repeats: Sequence[Note]
) -> None:
    """Every mark read in a quarter column is scheduled or noted as a repeat (marks outside
    the time frame are noted by blocks_to_notes)."""
    seen = sum(len(row.marks) for row in rows)
    if seen != len(schedule) + len(repeats):
        raise SourceError(
            f"{seen} quarter marks were read but {len(schedule)} scheduled and"
            f" {len(repeats)} noted as repeats",
        )


def _line(row: Row) -> int | None:
    """A row's line for messages: text lines only (a PDF's rows are named by page)."""
    return None if row.bbox else row.line


def rows_to_blocks(rows: Sequence[Row]) -> tuple[tuple[Row, ...], ...]:
    """Group rows by deliverable: a page's first row continues the last deliverable unless it
    opens a new one ('In response to ...'), or the last one is closed by its number and the
    row has deliverable text of its own."""
    blocks: list[list[Row]] = []
    text = ""  # the last block's deliverable text so far
    for row in rows:
        # The opening phrase alone would glue a row whose phrase is misspelt ('In reponse
        # to') into a closed deliverable before it: a lost deliverable read as a merged one.
        continues = (
            blocks
            and row.first_on_page
            and not opens_deliverable(row.deliverable)
            and not (row.deliverable and _closes_row(text))
        )
        if blocks and not continues and not row.first_on_page and not row.bbox:
            _check_not_headless(blocks[-1][-1], row)
        if continues:
            blocks[-1].append(row)
            text = join_pieces([text, row.deliverable])
        else:
            blocks.append([row])
            text = row.deliverable
    return tuple(tuple(block) for block in blocks)


def _check_not_headless(before: Row, row: Row) -> None:
    """A row continuing a deliverable stands first on a page; one that follows other lines
    (a page break) inside a page block means that page lost its whole header."""
    if row.line > before.line + 1 and not opens_deliverable(row.deliverable):
        raise SourceError(
            f"{missing_header(row.page + 1, row.line - 1, ANNEX_SPEC)}: the row here continues"
            f" a deliverable, which only a page's first row does",
            line=row.line,
            page=row.page + 1,
        )


def opens_deliverable(text: str) -> bool:
    """True if a deliverable cell starts with 'In response to', or is cut off inside it."""
    start = squash(text).casefold()[: len(_OPENING_PHRASE)]
    return bool(start) and _OPENING_PHRASE.startswith(start)


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
                line=_line(row),
                page=row.page,
            )
        if area_no(area) is None:
            raise SourceError(
                f"unknown area of action {area!r}",
                line=_line(row),
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


def blocks_to_deliverables(blocks: Sequence[Sequence[Row]]) -> tuple[Deliverable, ...]:
    """One deliverable per block: conclusion and number parsed off, area resolved."""
    rows = [row for block in blocks for row in block]
    areas = dict(zip((id(row) for row in rows), rows_to_areas(rows), strict=True))
    deliverables: list[Deliverable] = []
    first_line: dict[str, int] = {}
    for seq, block in enumerate(blocks, start=1):
        opening = block[0]
        area = areas[id(opening)]
        conclusion, deliverable_id, text = _parse_deliverable(block, seq == len(blocks))
        if deliverable_id in first_line:
            raise SourceError(
                f"deliverable number {deliverable_id} is used again"
                f" (first at line {first_line[deliverable_id]})",
                line=_line(opening),
                page=opening.page,
            )
        first_line[deliverable_id] = opening.line
        deliverables.append(
            Deliverable(
                deliverable_id=deliverable_id,
                seq=seq,
                conclusion=conclusion,
                text=text,
                area=area,
                area_no=area_no(area) or 0,
                area_printed=opening.area_printed,
                page_first=opening.page,
                page_last=block[-1].page,
                line_first=opening.line,
                line_last=block[-1].line,
                boxes=tuple(
                    (row.page, row.deliverable_box) for row in block if row.deliverable_box
                ),
            )
        )
    return tuple(deliverables)


def _parse_deliverable(block: Sequence[Row], last: bool = False) -> tuple[str, str, str]:
    opening = block[0]
    text = join_pieces([row.deliverable for row in block])
    conclusion = _CONCLUSION.match(text)
    if not conclusion:
        raise SourceError(
            "deliverable does not begin with 'In response to ILC 2016 Conclusion 23 (x)'"
            f": {text[:60]!r}",
            line=_line(opening),
            page=opening.page,
        )
    letter = conclusion.group(2).lower()
    if letter not in PROGRAMME.conclusion_letters:
        raise SourceError(
            f"conclusion letter {conclusion.group(2)!r} is outside a-i",
            line=_line(opening),
            page=opening.page,
        )
    body = text[conclusion.end() :]
    # A number inside the text followed by a new sentence ends a deliverable; one followed by
    # more of the sentence or another number is a reference ('based on (4.1) (2.1)').
    inner = [m.group(1) for m in _SECOND_ID.finditer(body) if m.end() < len(body.rstrip())]
    # A second opening is known by its citation even where its phrase is misspelt.
    second = _CONCLUSION.search(body) or _CITATION.search(body)
    if second or (inner and _ID_AT_END.search(body[-80:])):
        numbers = ", ".join([*inner, *(m.group(1) for m in [_ID_AT_END.search(body)] if m)])
        where = (
            "one deliverable cell holds"
            if len(block) == 1
            else f"the deliverable text joined across the page break (line {block[-1].line}) holds"
        )
        raise SourceError(
            f"{where} two deliverables"
            + (f" (numbers {numbers})" if inner else " (a second 'In response to ...')")
            + "; a row rule or an opening phrase is missing between them",
            line=_line(opening),
            page=opening.page,
        )
    # The number ends the text: look only at the tail, so a huge cell costs no more.
    tail_at = max(len(body) - 80, 0)
    number = _ID_AT_END.search(body, tail_at)
    if not number:
        raise SourceError(
            f"deliverable has no number like '(2.1)' at the end of its text: ...{body[-50:]!r}"
            # The last row of a whole table closes its deliverable; one left open is a cut.
            + ("; the table ends here, inside it: is the document cut short?" if last else ""),
            line=_line(block[-1]),
            page=block[-1].page,
        )
    return f"{conclusion.group(1)}({letter})", number.group(1), body[: number.start()].strip()


def blocks_to_activities(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[tuple[Activity, ...], tuple[Note, ...]]:
    """Split each deliverable's key activities; unnumbered lists leave a note."""
    activities: list[Activity] = []
    notes: list[Note] = []
    for block, deliverable in zip(blocks, deliverables, strict=True):
        segments = [segment for row in block for segment in row.activity_lines if segment.text]
        items = split_list_items(segments, ACTIVITY_VERBS)
        for no, item in enumerate(items, start=1):
            activities.append(
                Activity(
                    deliverable.deliverable_id,
                    no,
                    item.text,
                    item.numbered_in_source,
                    item.page,
                    item.line,
                    item.bbox,
                )
            )
        skipped = skipped_numbers(segments)
        if skipped:
            notes.append(
                Note(
                    doc=DOC,
                    page=segments[0].page,
                    line=segments[0].line,
                    kind=NoteKind.LIST_NUMBERS_IRREGULAR,
                    deliverable_id=deliverable.deliverable_id,
                    message=(
                        f"key activities are numbered 1-{len(items)} but the text also has"
                        f" {', '.join(f'{n}.' for n in skipped)}: a number is missing or repeated,"
                        " so two activities may have been read as one"
                    ),
                )
            )
        if items and not items[0].numbered_in_source:
            openers = ", ".join(repr(item.text.split(" ", 1)[0]) for item in items)
            notes.append(
                Note(
                    doc=DOC,
                    page=segments[0].page,
                    line=segments[0].line,
                    kind=NoteKind.UNNUMBERED_LIST_SPLIT,
                    deliverable_id=deliverable.deliverable_id,
                    message=(
                        f"key activities carry no numbers; split into {len(items)} activities at"
                        f" the verbs that open them: {openers}"
                    ),
                )
            )
    return tuple(activities), tuple(notes)


def blocks_to_schedule(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[tuple[ScheduleEntry, ...], tuple[Note, ...]]:
    """One entry per scheduled quarter; marks of a continued row join its deliverable's, and a
    quarter marked again there (a shaded cell printed on both sides of a page break) is noted."""
    entries: list[ScheduleEntry] = []
    notes: list[Note] = []
    for block, deliverable in zip(blocks, deliverables, strict=True):
        seen: dict[tuple[int, int], Mark] = {}
        for mark in sorted(
            (m for row in block for m in row.marks), key=lambda m: (m.year, m.quarter, m.line)
        ):
            first = seen.get((mark.year, mark.quarter))
            if first is not None:
                notes.append(
                    Note(
                        doc=DOC,
                        page=mark.page,
                        line=mark.line,
                        kind=NoteKind.MARK_REPEATED,
                        deliverable_id=deliverable.deliverable_id,
                        message=(
                            f"{mark.period} is marked again on page {mark.page} in the row"
                            f" continued from page {first.page}; scheduled once"
                        ),
                    )
                )
                continue
            seen[(mark.year, mark.quarter)] = mark
            entries.append(
                ScheduleEntry(
                    deliverable.deliverable_id,
                    mark.year,
                    mark.quarter,
                    mark.page,
                    mark.line,
                    mark.column,
                    mark.box,
                    mark.kind,
                )
            )
    return tuple(entries), tuple(notes)


def blocks_to_notes(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[Note, ...]:
    """Notes for continued rows, filled-down areas and X marks outside the time frame."""
    notes: list[Note] = []
    area_line, area_page = 0, 0
    for block, deliverable in zip(blocks, deliverables, strict=True):
        opening = block[0]
        did = deliverable.deliverable_id
        if opening.area_printed:
            area_line, area_page = opening.line, opening.page
        else:
            where = (
                f"carried from the merged cell printed on page {area_page}"
                if opening.bbox
                else f"filled down from line {area_line}"
            )
            notes.append(
                Note(
                    doc=DOC,
                    page=opening.page,
                    line=opening.line,
                    kind=NoteKind.AREA_FILLED,
                    deliverable_id=did,
                    message=f"area of action {deliverable.area!r} {where}",
                )
            )
        for row in block[1:]:
            joined = [
                name
                for name, value in (
                    ("deliverable text", row.deliverable),
                    ("activities", row.activity_lines),
                    ("X marks", row.marks),
                )
                if value
            ]
            notes.append(
                Note(
                    doc=DOC,
                    page=row.page,
                    line=row.line,
                    kind=NoteKind.CONTINUATION_JOINED,
                    deliverable_id=did,
                    message=(
                        f"row continues deliverable {did} from page {opening.page}"
                        f" (line {opening.line}) across the page break; joined: "
                        + (", ".join(joined) or "nothing (empty row)")
                    ),
                )
            )
            if row.area_printed:
                area_line, area_page = row.line, row.page
        for row in block:
            for stray in row.stray_marks:
                notes.append(_stray_note(stray, did))
    return tuple(notes)


def _stray_note(stray: StrayMark, deliverable_id: str) -> Note:
    return Note(
        doc=DOC,
        page=stray.page,
        line=stray.line,
        kind=NoteKind.OUT_OF_FRAME_MARK,
        deliverable_id=deliverable_id,
        message=(
            f"X in column {stray.column} of page {stray.page}, outside the quarters its header"
            f" labels ({stray.frame}); not scheduled"
        ),
    )
