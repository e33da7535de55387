"""Splitting a list cell into its items, numbered or not; a list printed without numbers is
split at the words the document says open an item (its `openers`)."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from extract.readers.boxes import union
from extract.readers.grid import BARE_ITEM
from extract.readers.records import Box, ListItem, Segment
from extract.readers.text import clean, glue

# A running number '3.' standing alone: '4.1', 'No. 144' and '(see 8.1)' never match.
_NUMBER = regex.compile(r"(?<!\S)(\d{1,3})\.(?=\s|$)")
# Other ways a re-export numbers a list: '3)', '(3)', '3.Compile' (glued to its verb), '3 .'
# (a space before the point), 'c.', 'c)', '(c)'. Each counts 1, 2, 3 … (a, b, c …) from the
# start of the cell.
_MARKERS = (
    regex.compile(r"(?<!\S)(\d{1,3})(?:[.)](?=\s|$)|\.(?=\p{Lu}\p{Ll}))"),
    regex.compile(r"(?<!\S)(\d{1,3}) \.(?=\s)"),
    regex.compile(r"(?<!\S)\((\d{1,3})\)(?=\s)"),
    regex.compile(r"(?<!\S)([a-z])[.)](?=\s)"),
    regex.compile(r"(?<!\S)\(([a-z])\)(?=\s)"),
)
# A bulleted list: the cell opens with the bullet, and each bullet standing alone opens an item.
_BULLETS = "\u2022\u25aa\u25e6\u2023\u25cf\u2013\u2014-*"
_WORD = regex.compile(r"\S+")

# Words that never stand before a verb opening a new item: a capitalised word after them is a
# name inside the sentence ('the Office', 'with Global Union Federations'), not an opener.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for with and or nor from into under as via per than".split()
)


def split_list_items(segments: Sequence[Segment], openers: frozenset[str]) -> tuple[ListItem, ...]:
    """Split the joined list text of one cell (one logical row's) into items with provenance;
    an unnumbered list is split before each of `openers` (capitalised words)."""
    text, starts = _mark_bare_items(*_join(segments))
    if not text:
        return ()
    numbered = _continued(text, starts, _numbered_starts(text))
    if numbered:
        bounds = numbered
    else:
        bounds = [(0, 0), *((s, s) for s in _unnumbered_starts(text, openers))]
    items = []
    for i, (start, body) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        first = _segment_at(starts, start)
        last = _segment_at(starts, max(end - 1, start))
        segment = segments[first]
        items.append(
            ListItem(
                text=text[body:end].strip(),
                numbered_in_source=bool(numbered) and text[start] not in _BULLETS,
                page=segment.page,
                line=segment.line,
                bbox=_span_box(segments[first : last + 1], segment.page),
            )
        )
    return tuple(items)


def _mark_bare_items(text: str, starts: list[int]) -> tuple[str, list[int]]:
    """`<li>` items of a list opened on an earlier page (grid.BARE_ITEM) take the list's next
    number, or its bullet; segment starts move with the characters added."""
    if BARE_ITEM not in text:
        return text, starts
    out, at, n = [], 0, 0
    added: list[tuple[int, int]] = []  # (offset in the old text, characters added there)
    for match in regex.finditer(rf"(?<!\S)(\d{{1,3}})[.)](?=\s)|{BARE_ITEM}", text):
        if match.group(0) != BARE_ITEM:
            n += int(match.group(1)) == n + 1
            continue
        n += 1
        marker = text[0] if text[:1] in _BULLETS else f"{n}."
        out.append(text[at : match.start()] + marker)
        added.append((match.start(), len(marker) - 1))
        at = match.end()
    moved = [start + sum(k for offset, k in added if offset < start) for start in starts]
    return "".join(out) + text[at:], moved


def _join(segments: Sequence[Segment]) -> tuple[str, list[int]]:
    """Join cleaned segment texts, remembering where each begins in the joined text."""
    text, starts = "", []
    for segment in segments:
        piece = clean(segment.text)
        sep = glue(text, piece) if text and piece else ""
        starts.append(len(text) + len(sep))
        text += sep + piece
    return text, starts


def _span_box(segments: Sequence[Segment], page: int) -> Box | None:
    """The box of an item's lines on the page where it begins."""
    return union([s.bbox for s in segments if s.page == page])


def _segment_at(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _numbered_starts(text: str) -> list[tuple[int, int]]:
    """(item start, text start) for each running marker 1., 2., 3. … (or 1), (1), a., (a)
    …, or a bullet); [] if the list has no markers. The style giving most items wins."""
    best: list[tuple[int, int]] = []
    for marker in _MARKERS:
        found = _running(text, marker)
        if len(found) > len(best):
            best = found
    return best or _bulleted(text)


def _running(text: str, marker: regex.Pattern[str]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    expected = 1
    for match in marker.finditer(text):
        value = match.group(1)
        if (int(value) if value.isdigit() else ord(value) - ord("a") + 1) != expected:
            continue
        if expected == 1 and text[: match.start()].strip():
            return []
        found.append((match.start(), match.end()))
        expected += 1
    return found


# A number opening a segment (the list's text on the next page, or the next line): '5.', '5)'.
_OPENING_NUMBER = regex.compile(r"(\d{1,3})[.)](?=\s)")
_RUNNING_NUMBER = regex.compile(r"(?<!\S)(\d{1,3})[.)](?=\s)")


def _continued(
    text: str, starts: list[int], bounds: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """A marked list that goes on over a page break in another style (bullets on one page,
    '5.' '6.' on the next, as a converter may write it): a segment that opens with the number
    of the list's next item opens that item; it was read as part of the item before."""
    if not bounds:
        return bounds
    out = list(bounds)
    for start in starts[1:]:
        if any(begin == start for begin, _ in out):
            continue
        opening = _OPENING_NUMBER.match(text, start)
        expected = sum(1 for b, _ in out if b < start) + 1
        if not opening or int(opening.group(1)) != expected:
            continue
        found = [(start, opening.end())]
        # The numbers after it run on from there: '5. … 6. …' in one cell on the next page.
        for later in _RUNNING_NUMBER.finditer(text, opening.end()):
            if int(later.group(1)) == expected + len(found):
                found.append((later.start(), later.end()))
        kept = [b for b in out if b[0] < start]
        out = sorted([*kept, *found, *(b for b in out if b[0] > found[-1][0])])
    return out


def _bulleted(text: str) -> list[tuple[int, int]]:
    if len(text) < 2 or text[0] not in _BULLETS or not text[1].isspace():
        return []
    bullet = regex.escape(text[0])
    return [(m.start(), m.end()) for m in regex.finditer(rf"(?<!\S){bullet}(?=\s)", text)]


def skipped_numbers(segments: Sequence[Segment]) -> tuple[int, ...]:
    """List numbers that break the running sequence ('1. a 3. b' skips 2): the items around
    them were joined, so a reader should check them."""
    text, starts = _join(segments)
    used = len(_continued(text, starts, _numbered_starts(text)))
    if not used:
        return ()
    numbers = [int(m.group(1)) for m in _NUMBER.finditer(text)]
    return tuple(sorted({n for n in numbers if used + 1 < n <= used + 3}))


def _unnumbered_starts(text: str, openers: frozenset[str]) -> list[int]:
    """Offsets where an unnumbered item begins, after the first."""
    starts = []
    previous = None
    for match in _WORD.finditer(text):
        word = match.group()
        if (
            previous is not None
            and word in openers
            and previous.casefold() not in _FUNCTION_WORDS
            and previous[-1].isalnum() | (previous[-1] in ").")
        ):
            starts.append(match.start())
        previous = word
    return starts
