"""The text around Annex I's table: the front matter above it, its footnotes (each mark checked
against the table), and the lines that are neither (noted, not lost)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.documents.annex_i.spec import DOC
from extract.errors import SourceError
from extract.readers.grid import (
    Grid,
    GridNote,
    ProseLine,
)
from extract.readers.records import Line
from extract.readers.text import (
    footnote_text,
    has_footnote_mark,
    lines_to_footnotes,
    pop_footnote_marks,
    read_footnote_lines,
    split_footnote,
)
from extract.records import Footnote, FrontMatter, Note, NoteKind

_PLAIN_MARK = regex.compile(r"(?<!\S)(\d{1,2})(?!\S)")

# A running head stands at each page break; three prints tell it from a title and a heading
# that happen to repeat once.
_RUNNING_HEAD_REPEATS = 3
_ANNEX_LABEL = regex.compile(r"Annex\s+[IVX\d]+", flags=regex.IGNORECASE)


@dataclass(frozen=True)
class Prose:
    """What the text around the table gives: front matter, footnotes, notes on lines left out."""

    front: FrontMatter
    footnotes: tuple[Footnote, ...]
    notes: tuple[Note, ...]


def grid_to_prose(grid: Grid) -> Prose:
    """Footnotes read from the prose around the table, every mark checked both ways; the lines
    above the first header that are no footnote give the front matter."""
    path = grid.path
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
    notes = tuple(
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
    heads = _running_heads(prose)
    above = [p for p in grid.before if p.line not in taken]
    dropped = tuple(
        Note(
            doc=DOC,
            page=p.page or None,  # text input has no pages
            line=p.line,
            kind=NoteKind.FURNITURE_DROPPED,
            message=f"running head repeated at page breaks, no part of the title: {p.text!r}",
        )
        for p in above
        if p.text.strip() in heads
    )
    front = _front_matter([p for p in above if p.text.strip() not in heads], grid.notes)
    return Prose(front=front, footnotes=footnotes, notes=(*dropped, *notes))


def _running_heads(prose: Sequence[ProseLine]) -> frozenset[str]:
    """Lines printed again and again outside the table (a running head a re-export left at
    each page break, as 'GB.328/INS/5/1(Add.1)'): the same text on three lines or more. The
    title is printed once."""
    counts: dict[str, int] = {}
    for line in prose:
        text = line.text.strip()
        if text:
            counts[text] = counts.get(text, 0) + 1
    return frozenset(text for text, n in counts.items() if n >= _RUNNING_HEAD_REPEATS)


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
