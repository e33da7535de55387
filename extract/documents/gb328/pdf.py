"""GB.328/INS/5/1(Add.1) from its PDF: the body's printed lines into blocks (front-matter
lines, headings, a paragraph's part on a page, footnotes) for the paper parser, and the
Appendix activity matrix through the table reader.

A block is what the text export prints as one line: printed lines joined while they stand one
under the other at the line spacing, in the same size and style, and no new paragraph number
or footnote mark opens the next. Running heads and page numbers are furniture. Every word of a
body page lands in exactly one block or furniture line; the matrix pages are the table
reader's, which keeps the same account.

A footnote is the smaller print under a separator rule (or at the foot of the page or column)
whose first line opens with a note's number: raised and glued to the first word ('¹As'), raised
or on the baseline before a gap ('1  As'). A page set in two columns (a gutter of no words down
the body) is read column by column, left then right, full-width lines where they stand.

Here the pages are put together; pdf_blocks.py makes a page's blocks, pdf_columns.py finds
a gutter, pdf_settings.py names the knobs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from extract.documents.gb328.matrix import MATRIX_SPEC
from extract.documents.gb328.pdf_blocks import SUPERSCRIPTS, check_words_placed, page_to_blocks
from extract.documents.gb328.pdf_columns import straddling_line, words_to_regions
from extract.documents.gb328.pdf_settings import PAPER_SETTINGS, PaperSettings
from extract.errors import SourceError
from extract.limits import LIMITS, Limits
from extract.readers.boxes import union
from extract.readers.grid import (
    Grid,
    GridNote,
)
from extract.readers.hyphens import Vocabulary
from extract.readers.pdf import (
    PAGE_NUMBER,
    SETTINGS,
    Geometry,
    Header,
    PdfSettings,
    furniture_notes,
    furniture_words,
    geometries_to_grid,
    geometry_to_header,
    is_running_line,
    note_mark,
    pdf_to_geometries,
    repeated_margin_lines,
    words_box,
    words_to_text,
)
from extract.readers.pdf.geometry import geometries_to_vocabulary
from extract.readers.pdf.joining import lines_to_joined
from extract.readers.records import Box, Line
from extract.readers.text import pop_footnote_marks, split_footnote
from extract.records import NoteKind

_NOTES_HEADING_WORDS = 3  # 'Notes', 'Endnotes': a heading above endnotes after the matrix


@dataclass(frozen=True)
class PaperPdf:
    """The paper's body as blocks (`Line`s with page and box), its matrix as a grid, and the
    body reader's notes (furniture dropped, pages)."""

    body: tuple[Line, ...]
    grid: Grid
    notes: tuple[GridNote, ...]
    furniture: tuple[tuple[int, Box], ...]


def pdf_to_paper_parts(
    data: bytes,
    path: str,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
    log: Callable[[str], None] | None = None,
    limits: Limits = LIMITS,
) -> PaperPdf:
    """Read a GB paper's PDF into body blocks and the activity matrix."""
    return geometries_to_paper_parts(
        pdf_to_geometries(data, path, settings, log, limits), path, settings, paper
    )


def geometries_to_paper_parts(
    geometries: Sequence[Geometry],
    path: str,
    settings: PdfSettings = SETTINGS,
    paper: PaperSettings = PAPER_SETTINGS,
) -> PaperPdf:
    """Body pages up to the matrix header; from the header on, the matrix. The body may end on
    the page where the matrix begins: the words above its header are body text."""
    start, header = _matrix_start(geometries, path, settings)
    repeated = repeated_margin_lines(geometries, settings)
    head = geometries[start]
    # A word whose foot is this close under the header's top is above it (rounding).
    header_top = header.top + settings.slack
    above = replace(head, words=tuple(w for w in head.words if w.bottom <= header_top))
    below = replace(head, words=tuple(w for w in head.words if w.bottom > header_top))
    body_pages = [*geometries[:start], above]
    body_size = _body_size(body_pages, paper)
    vocabulary = geometries_to_vocabulary(geometries, settings)
    marks = "".join(c for geo in body_pages for w in geo.words for c in w.text if c in SUPERSCRIPTS)
    blocks: list[Line] = []
    notes: list[GridNote] = []
    furniture: list[tuple[int, Box]] = []
    previous: float | None = None  # the gutter of the page before, if set in columns
    for index, geo in enumerate(body_pages):
        if not geo.words:
            if geo.images and geo is not above:
                raise SourceError("no text layer (scanned?); OCR it first", file=path, page=geo.no)
            if geo is not above:
                notes.append(GridNote(NoteKind.PAGE_SKIPPED, geo.no, None, "blank page skipped"))
            continue
        dropped = [
            line
            for line in furniture_words(geo, repeated, settings)
            # The symbol in page 1's front matter is no running head unless it stands where
            # the running head stands on the other pages.
            if index > 0
            or PAGE_NUMBER.fullmatch(words_to_text(line))
            or is_running_line(line, repeated)
        ]
        notes.extend(furniture_notes(geo, dropped))
        furniture.extend((geo.no, words_box(line)) for line in dropped)
        gone = {id(w) for line in dropped for w in line}
        kept = [w for w in geo.words if id(w) not in gone]
        regions, gutter = words_to_regions(kept, body_size, settings, paper, previous)
        previous = gutter
        if gutter is not None:
            notes.append(
                GridNote(
                    NoteKind.COLUMNS_READ,
                    geo.no,
                    None,
                    f"page read as two columns, left then right, parted at x={gutter:.1f}",
                )
            )
            straddling = straddling_line(regions, gutter, settings, paper)
            if straddling:
                raise SourceError(
                    f"a line stands on both sides of the columns' gutter (x={gutter:.1f}) too"
                    f" close to read apart and in neither column: {straddling[:60]!r}",
                    file=path,
                    page=geo.no,
                )
        page_blocks = [
            block
            for region in regions
            for block in page_to_blocks(geo, region, body_size, marks, settings, paper)
        ]
        check_words_placed(geo, kept, page_blocks, path)
        for _, printed in page_blocks:
            joined = lines_to_joined([p.text for p in printed], vocabulary, geo.no)
            notes.extend(joined.notes)
            box = union([p.box for p in printed])
            blocks.append(Line(len(blocks) + 1, joined.text, geo.no, box))
    last_no = len(blocks)
    blocks, broken = join_block_page_breaks(blocks, vocabulary)
    notes.extend(broken)
    grid = geometries_to_grid(
        [below, *geometries[start + 1 :]],
        path,
        MATRIX_SPEC,
        settings,
        repeated,
        first_line=last_no,
        vocabulary=vocabulary,
    )
    extra = _notes_after_the_body(grid, marks, path)
    pages = tuple(replace(page, prose=()) for page in grid.pages)
    grid = replace(grid, pages=pages, before=(), after=(), page_count=len(geometries))
    return PaperPdf((*blocks, *extra), grid, tuple(notes), tuple(furniture))


def join_block_page_breaks(
    blocks: Sequence[Line], vocabulary: Vocabulary
) -> tuple[list[Line], list[GridNote]]:
    """A word broken at the foot of a page or column ('strength-' | 'ening') and going on in the
    next text block (the next page's first, or the next column's) is decided as at any line
    end; footnotes between are passed over."""
    out = list(blocks)
    notes: list[GridNote] = []
    text_at = [i for i, block in enumerate(out) if not split_footnote(block.text)]
    for a, b in zip(text_at, text_at[1:], strict=False):
        upper, lower = out[a], out[b]
        # Consecutive text blocks on one page (a column's last, the next column's first) or
        # on consecutive pages; within a column the page reader joined wrapped lines already.
        if upper.page is None or lower.page not in (upper.page, upper.page + 1):
            continue
        pair = [upper.text, lower.text]
        joined = lines_to_joined(pair, vocabulary, upper.page)
        notes.extend(joined.notes)
        texts = list(joined.texts)
        if texts != pair:
            out[a], out[b] = replace(upper, text=texts[0]), replace(lower, text=texts[1])
    return [block for block in out if block.text], notes


def _notes_after_the_body(grid: Grid, marks: str, path: str) -> list[Line]:
    """Text the matrix pages hold outside the table: footnotes (and a short heading above
    endnotes) go to the body; anything else cannot be placed and stops the run."""
    lines = [*grid.before, *(p for page in grid.pages for p in page.prose), *grid.after]
    out = []
    for prose in sorted(lines, key=lambda p: p.line):
        text = note_mark(prose.text, marks)
        if not split_footnote(text) and len(text.split()) > _NOTES_HEADING_WORDS:
            raise SourceError(
                f"text outside the activity matrix is neither a footnote nor a heading:"
                f" {text[:60]!r}",
                file=path,
                page=prose.page,
            )
        out.append(Line(prose.line, text, prose.page, prose.box))
    return out


def check_marks_answered(body: Sequence[Line], path: str) -> None:
    """Every footnote mark printed in the body has its footnote: a mark left over means the
    notes were not read."""
    notes = {note[0] for line in body if (note := split_footnote(line.text))}
    for line in body:
        if split_footnote(line.text):
            continue
        for mark in pop_footnote_marks(line.text)[1]:
            if mark not in notes:
                raise SourceError(
                    f"footnote mark {mark} in {line.text[:40]!r} has no footnote in the PDF",
                    file=path,
                    page=line.page,
                )


def _matrix_start(
    geometries: Sequence[Geometry], path: str, settings: PdfSettings
) -> tuple[int, Header]:
    """The first page with the activity matrix's header, and that header."""
    for i, geo in enumerate(geometries):
        header = geometry_to_header(geo, MATRIX_SPEC, path, settings) if geo.words else None
        if header is not None:
            return i, header
    raise SourceError(
        "no activity matrix found: no page has the header "
        + " | ".join(repr(label) for label in MATRIX_SPEC.labels.values()),
        file=path,
    )


def _body_size(geometries: Sequence[Geometry], paper: PaperSettings = PAPER_SETTINGS) -> float:
    """The commonest font size of the body pages' characters: the paragraphs' size."""
    sizes: Counter[float] = Counter()
    for geo in geometries:
        for word in geo.words:
            sizes[round(word.size, 1)] += len(word.text)
    return sizes.most_common(1)[0][0] if sizes else paper.default_size
