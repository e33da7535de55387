"""Pages into the typed grid: each page classed, its furniture, header, prose and rows read,
every word placed once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from extract.errors import SourceError
from extract.limits import LIMITS, Limits
from extract.readers.grid import (
    Grid,
    GridNote,
    GridPage,
    ProseLine,
)
from extract.readers.hyphens import Vocabulary
from extract.readers.pdf.breaks import carry_foot_rows, join_page_breaks
from extract.readers.pdf.classify import check_no_rows, check_no_table_after_gap, classify_pages
from extract.readers.pdf.extent import body_top_of, table_bottom_of
from extract.readers.pdf.furniture import (
    furniture_notes,
    furniture_words,
    inside_table_rules,
    is_margin_line_word,
    repeated_margin_lines,
)
from extract.readers.pdf.geometry import (
    MARK_GLYPHS,
    SETTINGS,
    Geometry,
    Header,
    PdfSettings,
    geometries_to_vocabulary,
    words_box,
    words_joined,
    words_to_lines,
)
from extract.readers.pdf.prose import (
    check_prose_is_no_row,
    naming_notes,
    prose_lines,
    prose_words,
    table_reach,
    trailing_lines,
)
from extract.readers.pdf.reading import pdf_to_geometries
from extract.readers.pdf.rows import words_to_rows
from extract.readers.pdf.state import ReadState
from extract.readers.spec import TableSpec
from extract.records import NoteKind


def geometries_to_grid(
    geometries: Sequence[Geometry],
    path: str,
    spec: TableSpec,
    settings: PdfSettings = SETTINGS,
    repeated: frozenset[str] | None = None,
    first_line: int = 0,
    vocabulary: Vocabulary | None = None,
) -> Grid:
    """Every page read against its header (or the last one seen); non-table pages noted.
    repeated: running heads found over the whole file when these pages are part of it;
    first_line: the reading-order line numbers go on from there; vocabulary: the whole
    file's words, which decide line-break hyphens (else read from these pages)."""
    if vocabulary is None:
        vocabulary = geometries_to_vocabulary(geometries, settings)
    state = ReadState(line=first_line, vocabulary=vocabulary)
    if repeated is None:
        repeated = repeated_margin_lines(geometries, settings)
    pages: list[GridPage] = []
    before: list[ProseLine] = []
    notes: list[GridNote] = []
    skipped_prose: list[ProseLine] = []
    after: list[ProseLine] = []
    worded = {geo.no for geo in geometries if geo.words}
    headers = classify_pages(geometries, spec, path, settings, repeated)
    last = max((no for no, (_, table) in headers.items() if table), default=0)
    for geo in geometries:
        if not geo.words:
            if geo.images:
                raise SourceError("no text layer (scanned?); OCR it first", file=path, page=geo.no)
            notes.append(GridNote(NoteKind.PAGE_SKIPPED, geo.no, None, "blank page skipped"))
            continue
        header, table = headers[geo.no]
        if not table:
            check_no_rows(geo, spec, path, settings, bool(pages))
            words = len(geo.words)
            first = words_joined(geo.words[:8])
            notes.append(
                GridNote(
                    NoteKind.PAGE_SKIPPED,
                    geo.no,
                    None,
                    f"page {geo.no} holds no {spec.name} ({words} words of prose, beginning"
                    f" {first!r}); skipped as a table page, its text read as"
                    + (" notes after the table" if pages else " front matter"),
                )
            )
            dropped = furniture_words(geo, repeated, settings)
            notes.extend(furniture_notes(geo, dropped))
            kept = [w for w in geo.words if not any(w in line for line in dropped)]
            if pages:
                after.extend(prose_lines(geo, kept, state, settings))
            else:  # a cover: its lines may be the label and the title, each on its own
                skipped_prose.extend(
                    ProseLine(geo.no, state.next_line(), words_joined(line), words_box(line))
                    for line in words_to_lines(kept, settings)
                )
            continue
        page, page_before, page_notes = geometry_to_page(
            geo, header, state, spec, path, settings, repeated, geo.no == last
        )
        if not pages:  # the title above the table, else a cover's lines; the other is noted
            before.extend(page_before or skipped_prose)
            after.extend(skipped_prose if page_before else ())
        elif page_before:  # text above a repeated header: noted with the page's prose
            page = replace(page, prose=(*page_before, *page.prose))
        pages.append(page)
        notes.extend(page_notes)
    if not pages:
        raise SourceError(
            f"no {spec.name} found: no page has the header"
            f" {' | '.join(repr(label) for label in spec.labels.values())}",
            file=path,
        )
    skipped = [n.page for n in notes if n.kind == NoteKind.PAGE_SKIPPED and n.page in worded]
    check_no_table_after_gap(pages, skipped, path)
    pages, carried = carry_foot_rows(pages, spec)
    notes.extend(carried)
    pages = join_page_breaks(pages, spec, state, settings)
    notes.extend(state.hyphen_notes)
    notes.extend(state.row_notes)
    return Grid(
        path, tuple(pages), tuple(before), tuple(notes), len(geometries), True, tuple(after)
    )


def geometry_to_page(
    geo: Geometry,
    header: Header | None,
    state: ReadState,
    spec: TableSpec,
    path: str,
    settings: PdfSettings = SETTINGS,
    repeated: frozenset[str] = frozenset(),
    last: bool = False,
) -> tuple[GridPage, list[ProseLine], list[GridNote]]:
    """One table page: rows as bands of the key column, cells as band × column."""
    notes: list[GridNote] = []
    if header is not None:
        state.columns = header.columns
    columns = state.columns
    assert columns is not None
    header_ids = {id(w) for w in header.words} if header else set()
    if header is not None:
        _check_header_has_no_marks(geo, header, path)
    if header is not None and header.wrapped:
        notes.append(_wrapped_header_note(header, geo.no))
    content = [w for w in geo.words if not is_margin_line_word(w, geo, repeated, settings)]
    body_top = body_top_of(geo, header, content, settings)
    furniture_lines = [
        line
        for line in furniture_words(geo, repeated, settings)
        if not any(id(w) in header_ids for w in line)
        and not any(inside_table_rules(geo, w) for w in line)
    ]
    furniture = [w for line in furniture_lines for w in line]
    notes.extend(furniture_notes(geo, furniture_lines))
    furniture_ids = {id(w) for w in furniture}
    above = [
        w
        for w in geo.words
        if id(w) not in header_ids
        and id(w) not in furniture_ids
        and w.bottom <= body_top + settings.slack
    ]
    body = [
        w
        for w in geo.words
        if id(w) not in header_ids
        and id(w) not in furniture_ids
        and w.bottom > body_top + settings.slack
    ]
    bottom = table_bottom_of(geo, columns, body_top, last, settings)
    below = {id(w) for w in body if bottom is not None and w.top >= bottom - settings.slack}
    prose_ids = below | prose_words(
        [w for w in body if id(w) not in below], columns, settings, geo.vrules, state.text_starts
    )
    if last and bottom is None:
        prose_ids |= trailing_lines(
            [w for w in body if id(w) not in prose_ids], columns, spec, state.text_starts, settings
        )
    after = [w for w in body if id(w) in prose_ids]
    check_prose_is_no_row(geo, after, table_reach(body, columns, bottom), spec, path, settings)
    cells = [w for w in body if id(w) not in prose_ids]
    header_line = state.next_line() if header else None
    state.marks += "".join(
        c for w in geo.words if id(w) not in prose_ids for c in w.text if c in "⁰¹²³⁴⁵⁶⁷⁸⁹"
    )
    before_lines = [
        ProseLine(geo.no, state.next_line(), words_joined(line), words_box(line))
        for line in words_to_lines(above, settings)
    ]
    notes.extend(naming_notes(geo, before_lines, above, spec, settings))
    table_bottom = min((w.top for w in after), default=geo.height)
    placed: set[int] = set()
    rows = words_to_rows(
        geo, cells, columns, body_top, table_bottom, state, spec, path, settings, placed
    )
    prose = prose_lines(geo, after, state, settings)
    lost = [w for w in cells if id(w) not in placed]
    if lost:
        raise SourceError(
            f"{len(lost)} word(s) of the table fit no cell: {words_joined(lost[:8])!r}",
            file=path,
            page=geo.no,
        )
    page = GridPage(
        no=geo.no,
        header_line=header_line,
        width=columns.width,
        roles={role: i for i, role in enumerate(columns.roles)},
        quarter_cols=tuple(col for col, _, _ in columns.quarters),
        rows=tuple(rows),
        prose=tuple(prose),
        box=(columns.left, body_top, columns.right, table_bottom),
        header_text=header.text if header else "",
        header_box=(columns.left, header.top, columns.right, body_top) if header else None,
    )
    return page, before_lines, notes


def _wrapped_header_note(header: Header, page: int) -> GridNote:
    """The note for header words read on lines below the labels."""
    return GridNote(
        NoteKind.HEADER_WRAPPED,
        page,
        None,
        f"header text {header.wrapped[:60]!r} on the line(s) under the header labels, in their"
        " font and leading, read as the rest of the header",
    )


def _check_header_has_no_marks(geo: Geometry, header: Header, path: str) -> None:
    """A mark glyph inside the header band is a row's mark the header would swallow."""
    quarters = header.columns.quarters
    if not quarters:
        return
    x0, x1 = quarters[0][1], quarters[-1][2]
    marks = [w for w in header.words if w.text in MARK_GLYPHS and x0 <= w.xc < x1]
    if marks:
        raise SourceError(
            f"{len(marks)} mark(s) stand inside the page header's quarter labels",
            file=path,
            page=geo.no,
        )


def pdf_to_grid(
    data: bytes,
    path: str,
    spec: TableSpec,
    settings: PdfSettings = SETTINGS,
    log: Callable[[str], None] | None = None,
    limits: Limits = LIMITS,
) -> Grid:
    """Read a PDF's table into the typed grid, page by page."""
    geometries = pdf_to_geometries(data, path, settings, log, limits)
    return geometries_to_grid(geometries, path, spec, settings)
