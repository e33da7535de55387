"""Words a producer cut without a hyphen at a narrow cell's edge ('disseminati' | 'on'): a word
wider than its cell is broken where the line is full (LibreOffice, Word), so its rest begins
the next line as if it were a word of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from extract.readers.hyphens import Vocabulary, is_english_word
from extract.readers.pdf.geometry import SETTINGS, PdfSettings, Word, words_to_text
from extract.readers.records import Box

_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_LAST_LETTERS = regex.compile(r"[\p{L}\p{M}]+$")


@dataclass(frozen=True)
class CutWord:
    """Line `line`'s one word `head` goes on with `tail`, the first word of the next line."""

    line: int
    head: str
    tail: str


def lines_to_cut_words(
    lines: Sequence[Sequence[Word]],
    box: Box,
    vocabulary: Vocabulary,
    settings: PdfSettings = SETTINGS,
) -> tuple[CutWord, ...]:
    """The cell's lines whose one word fills the line and goes on at the next line's start:
    the next line's first letter would not have fitted beside it, the head alone is no English
    word and head and tail together are a word (printed elsewhere in the document, or English)."""
    if len(lines) < 2:
        return ()
    x0, _, x1, _ = box
    # The cell's text stands as far in from its right edge as from its left.
    pad = max(0.0, min(w.x0 for line in lines for w in line) - x0)
    room = x1 - pad
    found = []
    for i, (line, after) in enumerate(zip(lines, lines[1:], strict=False)):
        head, tail = words_to_text(line, settings), after[0].text
        stem, rest = _LAST_LETTERS.search(head), _LETTERS.match(tail)
        if " " in head or stem is None or stem.end() < len(head) or rest is None:
            continue
        if not tail[:1].islower() or (found and found[-1].line == i - 1):
            continue
        glyph = (after[0].x1 - after[0].x0) / len(tail)
        if line[-1].x1 + glyph < room - settings.cut_slack:
            continue  # the next letter had room: the line ended at a word's end
        # The document's own words hold the cut heads too: only the word list tells.
        if is_english_word(stem.group()):
            continue  # 'work' | 'place' at a full line's end may be two words: kept as printed
        if _is_word(stem.group() + rest.group(), vocabulary):
            found.append(CutWord(i, head, tail))
    return tuple(found)


def cut_words_to_texts(
    lines: Sequence[Sequence[Word]], cuts: Sequence[CutWord], settings: PdfSettings = SETTINGS
) -> list[str]:
    """The lines' texts with each cut word put whole on the line it began."""
    texts = [words_to_text(line, settings) for line in lines]
    for cut in cuts:
        texts[cut.line] += cut.tail
        texts[cut.line + 1] = words_to_text(lines[cut.line + 1][1:], settings)
    return texts


def _is_word(text: str, vocabulary: Vocabulary) -> bool:
    return text.casefold() in vocabulary.words or is_english_word(text)
