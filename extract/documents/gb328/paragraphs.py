"""GB.328's body: numbered paragraphs, the headings above them, action areas and objectives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from extract.areas import AREA_NAMES
from extract.documents.gb328.records import (
    DOC,
    ActionArea,
    Paragraph,
)
from extract.errors import SourceError
from extract.readers.hyphens import Decision, Vocabulary, text_lines_to_vocabulary
from extract.readers.records import Line
from extract.readers.text import (
    clean_noted,
    join_pieces,
    pop_footnote_marks,
    read_footnote_lines,
    split_footnote,
    squash,
    strip_emphasis,
)
from extract.records import Note, NoteKind

PARA_NUMBER = regex.compile(r"(?:[-\u2022]\s+)?(?:\*\*)?(\d{1,3})\.(?:\*\*)?\s+(\S.*)")
# The number as an editor may leave it: '37 .', '37)', or alone on its line before the text.
# Read only where the number is the next one expected.
_LOOSE_NUMBER = regex.compile(
    r"(?:[-\u2022]\s+)?(?:\*\*)?(\d{1,3})(?:\s*[.)]|\s+\.)(?:\*\*)?(?:\s+(\S.*))?|(?:\*\*)?(\d{1,3})(?:\*\*)?"
)
# Parts of a paper that stand alone on a line ('Appendix'): a heading, never a paragraph's rest.
_PART = regex.compile(r"(?:Appendix|Annex)(?:\s+[IVXLC\d]+)?", flags=regex.IGNORECASE)


_AREA_HEADING = regex.compile(r"Action\s+area\s+(\d)\s*:\s*(\S.*)", flags=regex.IGNORECASE)


_OBJECTIVE = regex.compile(r"Objective\s*:\s*(\S.*)", flags=regex.IGNORECASE)


OPEN_END = regex.compile(r"[^.:;!?\u201d\")]$")


_HEADING_WORDS = 15


@dataclass
class _Draft:
    """A paragraph being gathered: its number, heading, area and the lines read so far."""

    no: int
    section: str
    area_no: int | None
    lines: list[Line]
    head: str  # the text after the number
    head_lines: int = 1  # lines the number and that text took (2: the number stood alone)


def body_to_paragraphs(
    lines: Sequence[Line], above: Sequence[Line] = ()
) -> tuple[tuple[Paragraph, ...], tuple[ActionArea, ...], tuple[Line, ...], tuple[Note, ...]]:
    """Numbered paragraphs joined across page breaks and footnotes, with their headings;
    `above` (the front matter) may hold footnote marks too."""
    pieces: list[_Draft] = []
    areas: list[ActionArea] = []
    notes: list[Note] = []
    section, area, expected, open_para = "", None, 1, False
    last_line: Line | None = None  # the last heading-level line, to continue an objective
    # Marks set apart in the text: a footnote may then open with a plain '2 ' as well.
    known = {
        m.group().translate(_DIGITS)
        for line in (*above, *lines)
        for m in _ORPHAN_MARK.finditer(line.text)
    }
    # Footnotes kept as printed best ('² text'), so later stages read '[2]' or '2 ' alike; a
    # text export's footnote wrapped by the converter goes on in the lines right below it.
    text_input = all(line.page is None for line in lines)
    # A text export's words decide its line-break remnants; a PDF's blocks come decided.
    vocabulary = text_lines_to_vocabulary(line.text for line in lines) if text_input else None
    found, taken = read_footnote_lines(lines, known, text_input, _wraps_footnote)
    footnotes = list(found)
    opened = {note.no for note in found}
    for line in lines:
        text = squash(line.text)
        if line.no in taken:
            if line.no not in opened:
                notes.append(_joined(line, f"a footnote continues on line {line.no}; joined"))
            continue
        match = PARA_NUMBER.fullmatch(text)
        loose = None if match else _LOOSE_NUMBER.fullmatch(text)
        if loose and int(loose.group(1) or loose.group(3)) != expected:
            loose = None
        if match and pieces and _wraps_into(pieces[-1], match, expected):
            # '38. per cent …' inside paragraph 37: a wrapped line, not paragraph 38.
            notes.append(
                _joined(
                    line,
                    f"line opening {match.group(1)}. goes on with paragraph {pieces[-1].no}"
                    " (it ends mid-sentence and the line goes on in lower case); joined",
                )
            )
            pieces[-1].lines.append(line)
            continue
        if match or loose:
            number = int(match.group(1)) if match else expected
            if number != expected:
                raise SourceError(
                    f"paragraph {number} out of order; expected {expected}",
                    line=line.no,
                )
            if not section:
                raise SourceError(f"paragraph {expected} stands under no heading", line=line.no)
            head = match.group(2) if match else (loose.group(2) or "")
            pieces.append(_Draft(expected, section, area, [line], head))
            if loose:
                written = text[: len(text) - len(head)].strip()
                notes.append(
                    Note(
                        doc=DOC,
                        page=line.page,
                        line=line.no,
                        kind=NoteKind.NUMBER_READ,
                        message=f"paragraph number written {written!r} read as {expected}",
                    )
                )
            expected += 1
            open_para, last_line = True, None
            continue
        if pieces and open_para and not pieces[-1].head:  # the number stood alone on its line
            pieces[-1].lines.append(line)
            pieces[-1].head, pieces[-1].head_lines = text, 2
            continue
        if pieces and open_para and continues_paragraph(pieces[-1].lines[-1].text, text):
            no = pieces[-1].no
            broke = pieces[-1].lines[-1]
            where = (
                f"on page {line.page} (it broke off on page {broke.page})"
                if line.page is not None and broke.page is not None
                else f"at line {line.no} after a page break or footnote (it broke off at line"
                f" {broke.no})"
            )
            notes.append(_joined(line, f"paragraph {no} continues {where}; joined"))
            pieces[-1].lines.append(line)
            continue
        open_para = False
        objective_open, last_line = last_line, line
        if (
            objective_open is not None
            and areas
            and areas[-1].objective
            and _OBJECTIVE.fullmatch(squash(objective_open.text))
            and (OPEN_END.search(areas[-1].objective) or text[:1].islower())
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
                raise SourceError(f"action area {area} is outside 1-5 or comes twice", line=line.no)
            areas.append(ActionArea(area, squash(heading.group(2)), "", line.no))
        elif objective := _OBJECTIVE.fullmatch(text):
            if not areas or areas[-1].objective:
                raise SourceError("'Objective:' line outside an action area", line=line.no)
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
                line=action_area.line,
            )
    known = {mark for mark, _ in filter(None, (split_footnote(f.text) for f in footnotes))}
    paragraphs = []
    for draft in pieces:
        no, heading_text, area_no, para_lines = draft.no, draft.section, draft.area_no, draft.lines
        # A superscript that no footnote answers (m³) is part of the text.
        joined, decided = _text(draft, vocabulary)
        text, marks = pop_footnote_marks(joined, known)
        first, last = para_lines[0], para_lines[-1]
        notes.extend(
            Note(
                doc=DOC,
                page=first.page,
                line=first.no,
                kind=d.note_kind,
                message=f"paragraph {no}: {d.message()}",
            )
            for d in decided
            if d.noted
        )
        if orphan := _ORPHAN_MARK.search(text):
            raise SourceError(
                f"paragraph {no} carries the footnote mark {orphan.group()} but no footnote"
                f" {orphan.group().translate(_DIGITS)} was found",
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


def _wraps_into(draft: _Draft, match: regex.Match[str], expected: int) -> bool:
    """A line opening with the next paragraph's number that only continues the last one: the
    paragraph broke off mid-sentence and the line goes on in lower case."""
    previous = squash(strip_emphasis(draft.lines[-1].text))
    return (
        int(match.group(1)) == expected
        and bool(OPEN_END.search(previous))
        and match.group(2)[:1].islower()
    )


def _wraps_footnote(note: str, text: str) -> bool:
    """A line that goes on with the footnote above it: the footnote has not ended its
    sentence and the line opens neither a paragraph nor a heading."""
    return (
        bool(OPEN_END.search(strip_emphasis(note)))
        and not PARA_NUMBER.fullmatch(text)
        and not _AREA_HEADING.fullmatch(strip_emphasis(text))
    )


def _joined(line: Line, message: str) -> Note:
    """The note for a piece of text joined to the one it continues."""
    return Note(
        doc=DOC,
        page=line.page,
        line=line.no,
        kind=NoteKind.CONTINUATION_JOINED,
        message=message,
    )


def continues_paragraph(previous: str, text: str) -> bool:
    """Whether an unnumbered line after a paragraph goes on with it rather than heading a
    section: headings are short, capitalised and end without punctuation."""
    if _AREA_HEADING.fullmatch(strip_emphasis(text)) or _OBJECTIVE.fullmatch(text):
        return False
    if _PART.fullmatch(strip_emphasis(text)):
        return False
    if OPEN_END.search(squash(strip_emphasis(previous))) or text[:1].islower():
        return True
    return len(text.split()) > _HEADING_WORDS or text.endswith((".", ",", ";", ":"))


def _text(draft: _Draft, vocabulary: Vocabulary | None) -> tuple[str, list[Decision]]:
    """A paragraph's text: number and emphasis dropped, pieces cleaned as every cell is (a
    text export's 'implemen- tation' decided by the paper's words), then joined."""
    parts = [draft.head, *(line.text for line in draft.lines[draft.head_lines :])]
    pieces, decided = [], []
    for part in parts:
        piece, found = clean_noted(strip_emphasis(part), vocabulary)
        pieces.append(piece)
        decided.extend(found)
    return join_pieces(pieces), decided


# A mark set apart from the word before it ('chains ² and'); one glued to it is text (m³).
_ORPHAN_MARK = regex.compile(r"(?<=\s)[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]+(?=[\s.,;:]|$)")


_DIGITS = str.maketrans(
    "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "0123456789"
)
