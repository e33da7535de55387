"""The running account of one table read: line numbers, footnote marks seen, notes, and
the text of a cell's or a merged cell's printed lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.readers.grid import GridNote
from extract.readers.hyphens import NO_VOCABULARY, Vocabulary
from extract.readers.pdf.cut import cut_words_to_texts, lines_to_cut_words
from extract.readers.pdf.geometry import (
    Columns,
    Word,
)
from extract.readers.pdf.joining import cut_words_to_notes, lines_to_joined
from extract.readers.records import Box


@dataclass
class ReadState:
    """What reading a table's pages carries from page to page (mutable: one per read)."""

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
        joined = lines_to_joined(printed, self.vocabulary, page)
        self.hyphen_notes.extend(joined.notes)
        return list(joined.texts), joined.text
