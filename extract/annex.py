"""Annex I, the work-plan: page rows into deliverables, activities, schedule and notes."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from extract.areas import area_no
from extract.errors import SourceError
from extract.layout import cells_of, text_to_pages
from extract.lists import skipped_numbers, split_activities
from extract.records import (
    Activity,
    Deliverable,
    FrontMatter,
    Line,
    Mark,
    Note,
    Page,
    ProseLine,
    Row,
    ScheduleEntry,
    Segment,
    SourceDocument,
    StrayMark,
    Workplan,
)
from extract.text import clean, join_pieces, lines_to_footnotes, split_footnote, squash

DOC = "annex_i"
X_MARKS = frozenset({"X", "x", "\u2713", "\u2714"})

_OPENING_PHRASE = "in response to"
_CONCLUSION = regex.compile(
    r"In\s+response\s+to\s+(?:the\s+)?ILC\s+\d{4}\s+Conclusions?\s*(\d{1,3})\s*\(\s*([A-Za-z])\s*\)\s*",
    flags=regex.IGNORECASE,
)
_ANNEX_LABEL = regex.compile(r"Annex\s+[IVX\d]+", flags=regex.IGNORECASE)
_ID_AT_END = regex.compile(r"\s*\(\s*(\d+\.\d+)\s*\)\s*$")
CONCLUSION_LETTERS = "abcdefghi"


def source_to_workplan(source: SourceDocument) -> Workplan:
    """Run every Annex I stage over a read source."""
    pages = text_to_pages(source)
    rows, prose = pages_to_rows(pages, source.path, source.boxes or {})
    blocks = rows_to_blocks(rows, source.path)
    deliverables = blocks_to_deliverables(blocks, source.path)
    activities, list_notes = blocks_to_activities(blocks, deliverables)
    schedule = blocks_to_schedule(blocks, deliverables)
    notes = (
        *blocks_to_notes(blocks, deliverables),
        *list_notes,
    )
    return Workplan(
        pages=pages,
        front=_front_matter(source, pages[0]),
        footnotes=lines_to_footnotes(
            DOC,
            source.lines,
            [Line(p.line, p.text) for p in prose if split_footnote(p.text)],
            source.path,
        ),
        deliverables=deliverables,
        activities=activities,
        schedule=schedule,
        notes=tuple(sorted(notes, key=lambda n: (n.line or 0, n.kind))),
    )


def _front_matter(source: SourceDocument, first: Page) -> FrontMatter:
    """The lines above the first page header: 'Annex I' and the title."""
    texts = [squash(line.text) for line in source.lines[: first.header_line - 1]]
    texts = [t for t in texts if t]
    label = texts[0] if texts and _ANNEX_LABEL.match(texts[0]) else None
    title = " ".join(texts[1:] if label else texts) or None
    fields = dict.fromkeys(FrontMatter.__dataclass_fields__)
    return FrontMatter(**{**fields, "label": label, "title": title})


def pages_to_rows(
    pages: Sequence[Page],
    path: str,
    boxes: dict[int, tuple[int, tuple[float, float, float, float]]] | None = None,
) -> tuple[tuple[Row, ...], tuple[ProseLine, ...]]:
    """Cells of every table row, with page and line; header and blank lines dropped. For a PDF,
    boxes gives each line's page and bounding box."""
    boxes = boxes or {}
    rows: list[Row] = []
    prose: list[ProseLine] = []
    for page in pages:
        first = True
        for line in page.body:
            if "\t" not in line.text:
                if line.text.strip():
                    prose.append(ProseLine(page.no, line.no, squash(line.text)))
                continue
            cells = cells_of(line)
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) < page.width:
                raise SourceError(
                    f"row has {len(cells)} cells; its page header (line {page.header_line})"
                    f" has {page.width}",
                    file=path,
                    line=line.no,
                    page=page.no,
                )
            page_no, bbox = boxes.get(line.no, (page.no, None))
            rows.append(_row(page, page_no, line.no, cells, first, path, bbox))
            first = False
    return tuple(rows), tuple(prose)


def _row(
    page: Page,
    page_no: int,
    line_no: int,
    cells: list[str],
    first: bool,
    path: str,
    bbox: tuple[float, float, float, float] | None,
) -> Row:
    marks, strays = [], []
    by_index = {col.index: col for col in page.quarter_cols}
    roles = {page.area_col, page.deliverable_col, page.activities_col}
    for index, cell in enumerate(cells):
        if index in roles or not cell or cell.isspace():
            continue
        value = cell.strip()
        if value not in X_MARKS:
            value = clean(value)
        column = by_index.get(index)
        if value not in X_MARKS:
            where = f"quarter cell {column.period}" if column else "cell outside the time frame"
            raise SourceError(
                f"{where} holds {value[:40]!r}; expected 'X' or empty",
                file=path,
                line=line_no,
                page=page_no,
                column=index + 1,
            )
        if column is None:
            frame = f"{page.quarter_cols[0].period}-{page.quarter_cols[-1].period}"
            strays.append(StrayMark(page_no, line_no, index + 1, frame))
        else:
            marks.append(Mark(column.year, column.quarter, page_no, line_no, index + 1))
    return Row(
        page=page_no,
        line=line_no,
        first_on_page=first,
        area=clean(cells[page.area_col]),
        deliverable=clean(cells[page.deliverable_col]),
        activities=clean(cells[page.activities_col]),
        marks=tuple(marks),
        stray_marks=tuple(strays),
        bbox=None if bbox is None else ",".join(f"{v:.1f}" for v in bbox),
    )


def rows_to_blocks(rows: Sequence[Row], path: str) -> tuple[tuple[Row, ...], ...]:
    """Group rows by deliverable: a page's first row continues the last deliverable unless it
    opens a new one ('In response to ...')."""
    blocks: list[list[Row]] = []
    for row in rows:
        if blocks and row.first_on_page and not opens_deliverable(row.deliverable):
            blocks[-1].append(row)
        else:
            blocks.append([row])
    return tuple(tuple(block) for block in blocks)


def opens_deliverable(text: str) -> bool:
    """True if a deliverable cell starts with 'In response to', or is cut off inside it."""
    start = squash(text).casefold()[: len(_OPENING_PHRASE)]
    return bool(start) and _OPENING_PHRASE.startswith(start)


def blocks_to_deliverables(blocks: Sequence[Sequence[Row]], path: str) -> tuple[Deliverable, ...]:
    """One deliverable per block: conclusion and number parsed off, area filled down."""
    deliverables: list[Deliverable] = []
    first_line: dict[str, int] = {}
    area = ""
    for seq, block in enumerate(blocks, start=1):
        opening = block[0]
        area = opening.area or area
        if not area:
            raise SourceError(
                "no area of action is printed on or above this row",
                file=path,
                line=opening.line,
                page=opening.page,
            )
        number = area_no(area)
        if number is None:
            raise SourceError(
                f"unknown area of action {area!r}", file=path, line=opening.line, page=opening.page
            )
        conclusion, deliverable_id, text = _parse_deliverable(block, path)
        if deliverable_id in first_line:
            raise SourceError(
                f"deliverable number {deliverable_id} is used again"
                f" (first at line {first_line[deliverable_id]})",
                file=path,
                line=opening.line,
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
                area_no=number,
                area_printed=bool(opening.area),
                page_first=opening.page,
                page_last=block[-1].page,
                line_first=opening.line,
                line_last=block[-1].line,
            )
        )
        for row in block[1:]:
            area = row.area or area
    return tuple(deliverables)


def _parse_deliverable(block: Sequence[Row], path: str) -> tuple[str, str, str]:
    opening = block[0]
    text = join_pieces([row.deliverable for row in block])
    conclusion = _CONCLUSION.match(text)
    if not conclusion:
        raise SourceError(
            "deliverable does not begin with 'In response to ILC 2016 Conclusion 23 (x)'"
            f": {text[:60]!r}",
            file=path,
            line=opening.line,
            page=opening.page,
        )
    letter = conclusion.group(2).lower()
    if letter not in CONCLUSION_LETTERS:
        raise SourceError(
            f"conclusion letter {conclusion.group(2)!r} is outside a-i",
            file=path,
            line=opening.line,
            page=opening.page,
        )
    body = text[conclusion.end() :]
    # The number ends the text: look only at the tail, so a huge cell costs no more.
    tail_at = max(len(body) - 80, 0)
    number = _ID_AT_END.search(body, tail_at)
    if not number:
        raise SourceError(
            f"deliverable has no number like '(2.1)' at the end of its text: ...{body[-50:]!r}",
            file=path,
            line=block[-1].line,
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
        segments = [Segment(r.activities, r.page, r.line, r.bbox) for r in block if r.activities]
        items = split_activities(segments)
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
                    DOC,
                    segments[0].page,
                    segments[0].line,
                    "list_numbers_irregular",
                    deliverable.deliverable_id,
                    f"key activities are numbered 1-{len(items)} but the text also has"
                    f" {', '.join(f'{n}.' for n in skipped)}: a number is missing or repeated,"
                    " so two activities may have been read as one",
                )
            )
        if items and not items[0].numbered_in_source:
            openers = ", ".join(repr(item.text.split(" ", 1)[0]) for item in items)
            notes.append(
                Note(
                    DOC,
                    segments[0].page,
                    segments[0].line,
                    "unnumbered_list_split",
                    deliverable.deliverable_id,
                    f"key activities carry no numbers; split into {len(items)} activities at"
                    f" the verbs that open them: {openers}",
                )
            )
    return tuple(activities), tuple(notes)


def blocks_to_schedule(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[ScheduleEntry, ...]:
    """One entry per scheduled quarter; marks of a continued row join its deliverable's."""
    entries: list[ScheduleEntry] = []
    for block, deliverable in zip(blocks, deliverables, strict=True):
        seen: set[tuple[int, int]] = set()
        bbox = {row.line: row.bbox for row in block}
        for mark in sorted(
            (m for row in block for m in row.marks), key=lambda m: (m.year, m.quarter, m.line)
        ):
            if (mark.year, mark.quarter) in seen:
                continue
            seen.add((mark.year, mark.quarter))
            entries.append(
                ScheduleEntry(
                    deliverable.deliverable_id,
                    mark.year,
                    mark.quarter,
                    mark.page,
                    mark.line,
                    mark.column,
                    bbox[mark.line],
                )
            )
    return tuple(entries)


def blocks_to_notes(
    blocks: Sequence[Sequence[Row]], deliverables: Sequence[Deliverable]
) -> tuple[Note, ...]:
    """Notes for continued rows, filled-down areas and X marks outside the time frame."""
    notes: list[Note] = []
    area_line = 0
    for block, deliverable in zip(blocks, deliverables, strict=True):
        opening = block[0]
        did = deliverable.deliverable_id
        if opening.area:
            area_line = opening.line
        else:
            notes.append(
                Note(
                    DOC,
                    opening.page,
                    opening.line,
                    "area_filled",
                    did,
                    f"area of action {deliverable.area!r} filled down from line {area_line}",
                )
            )
        for row in block[1:]:
            joined = [
                name
                for name, value in (
                    ("deliverable text", row.deliverable),
                    ("activities", row.activities),
                    ("X marks", row.marks),
                )
                if value
            ]
            notes.append(
                Note(
                    DOC,
                    row.page,
                    row.line,
                    "continuation_joined",
                    did,
                    f"row continues deliverable {did} from page {opening.page}"
                    f" (line {opening.line}) across the page break; joined: "
                    + (", ".join(joined) or "nothing (empty row)"),
                )
            )
            if row.area:
                area_line = row.line
        for row in block:
            for stray in row.stray_marks:
                notes.append(_stray_note(stray, did))
    return tuple(notes)


def _stray_note(stray: StrayMark, deliverable_id: str) -> Note:
    return Note(
        DOC,
        stray.page,
        stray.line,
        "out_of_frame_mark",
        deliverable_id,
        f"X in column {stray.column} of page {stray.page}, outside the quarters its header"
        f" labels ({stray.frame}); not scheduled",
    )
