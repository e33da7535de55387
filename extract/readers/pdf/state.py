"""The running account of one table read: line numbers, footnote marks seen, notes, and
the text of printed lines with their line-break hyphens decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.readers.grid import (
    GridNote,
)
from extract.readers.hyphens import NO_VOCABULARY, Decision, Vocabulary
from extract.readers.pdf.cut import CutWord, cut_words_to_texts, lines_to_cut_words
from extract.readers.pdf.geometry import (
    Columns,
    Word,
)
from extract.readers.text import clean_lines, join_pieces
from extract.records import Box, NoteKind


@dataclass
class ReadState:
    columns: Columns | None = None
    text_starts: dict[int, float] = field(default_factory=dict)
    marks: str = ""  # footnote marks (superscript digits) seen in headers and cells
    line: int = 0
    span: int = 0
    vocabulary: Vocabulary = NO_VOCABULARY  # the document's words, for line-break hyphens
    hyphen_notes: list[GridNote] = field(default_factory=list)
    row_notes: list[GridNote] = field(default_factory=list)  # judgements on rows' bounds

    def next_line(self) -> int:
        self.line += 1
        return self.line

    def lines_text(
        self, lines: Sequence[Sequence[Word]], page: int, box: Box | None = None
    ) -> tuple[list[str], str]:
        """Printed lines of one text cleaned, its broken words decided (and noted), joined;
        in a cell (its box given), words cut without a hyphen at its edge put whole."""
        cuts = lines_to_cut_words(lines, box, self.vocabulary) if box else ()
        self.hyphen_notes.extend(cut_words_to_notes(cuts, page))
        printed = cut_words_to_texts(lines, cuts)
        texts, decisions = clean_lines(printed, self.vocabulary)
        self.hyphen_notes.extend(decisions_to_notes(decisions, page))
        return texts, join_pieces(texts)


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
