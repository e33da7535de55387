"""The one joiner of printed lines into text, for every reader of PDF lines (cells, prose on a
table page, a paper's body blocks, lines meeting at a page break): each line cleaned, its
line-break hyphens decided by the document's words, each decision noted, the pieces joined."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from extract.readers.grid import GridNote
from extract.readers.hyphens import Decision, Vocabulary
from extract.readers.pdf.cut import CutWord
from extract.readers.text import clean_lines, join_pieces
from extract.records import NoteKind


@dataclass(frozen=True)
class Joined:
    """Printed lines as decided (a line emptied by a word put whole above it stays, empty),
    their joined text, and the notes on the decisions."""

    texts: tuple[str, ...]
    text: str
    notes: tuple[GridNote, ...]


def lines_to_joined(printed: Sequence[str], vocabulary: Vocabulary, page: int) -> Joined:
    """Printed lines of one text cleaned, their broken words decided (and noted), joined."""
    texts, decisions = clean_lines(list(printed), vocabulary)
    return Joined(tuple(texts), join_pieces(texts), tuple(decisions_to_notes(decisions, page)))


def cut_words_to_notes(cuts: Sequence[CutWord], page: int) -> list[GridNote]:
    return [
        GridNote(
            NoteKind.CONTINUATION_JOINED,
            page,
            None,
            f"word cut without a hyphen at its cell's edge on page {page}: printed"
            f" {cut.head!r} | {cut.tail!r}, read {cut.head + cut.tail!r} (the next letter had"
            " no room on the line, and only the joined form is a word)",
        )
        for cut in cuts
    ]


def decisions_to_notes(decisions: Sequence[Decision], page: int) -> list[GridNote]:
    """A note for each line-break hyphen removed or left undecided."""
    return [
        GridNote(
            decision.note_kind,
            page,
            None,
            decision.message(page),
        )
        for decision in decisions
        if decision.noted
    ]
