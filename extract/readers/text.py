"""Reading source files and cleaning cell text: decoding, markup, spaces, hyphenation."""

from __future__ import annotations

import html
import os
import stat
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from pathlib import Path

import regex

from extract.errors import SourceError
from extract.limits import LIMITS, Limits
from extract.readers.hyphens import (
    BREAK_MARK,
    SOFT_HYPHEN,
    Decision,
    Vocabulary,
    join_broken_lines,
    repair_in_line,
    unicode_hyphens_to_ascii,
)
from extract.readers.records import Line
from extract.readers.sniff import not_text, not_utf8, sha256
from extract.records import Footnote, SourceDocument

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

# Bounded so that a stray '<' in a very long line cannot make the scan quadratic.
# A page number as printed ('7', '- 7 -', '– 7 –', 'Page 7 of 11', '7/11'): one form for
# both routes; the PDF reader looks for it in the margins, the text route on a line alone.
PAGE_NUMBER = regex.compile(
    r"(?:page\s+)?[-\u2013]?\s*\d{1,4}\s*[-\u2013]?(?:\s*(?:of|/)\s*\d{1,4})?", regex.IGNORECASE
)
_MARKUP = regex.compile(r"</?[A-Za-z][^<>\n]{0,300}?>")
# \s covers NBSP and the other Unicode spaces; zero-width ones are spaces here too.
_SPACES = regex.compile(r"[\s\u200b\u2060\ufeff]+")
# A hyphen left by a PDF line break ('high- quality'); not a suspended one ('sector- and').
_BROKEN_HYPHEN = regex.compile(r"(?<=\w)- (?!(?:and|or|nor|to)\b)(?=\w)")
_LEADING_MARK = regex.compile(r"^[\d\u00b9\u00b2\u00b3\u2070-\u2079\s]+")
_HYPHEN_END = regex.compile(r"\w-$")
# A line ending in a slash goes on without a space: 'knowledge/' | 'lessons'.
# A slash or an en dash set close to its word ('knowledge/', '2018–'): the line broke inside
# one token, so it goes on without a space (a spaced dash, 'pillar 3 –', keeps it).
_CLOSE_END = regex.compile(r"\w[/\u2013]$")
_HYPHEN_CONTINUES = regex.compile(r"(?!(?:and|or|nor|to)\b)\w")


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refused above max_bytes."""
    shown = path.as_posix()
    if not str(path) or str(path) == ".":
        raise SourceError("the path is empty; give the input file's path", file=shown)
    if path.is_dir():
        raise SourceError("is a folder; give the input file inside it", file=shown)
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            raise SourceError(
                f"is {_special_kind(mode)}, not a regular file; give the input file itself",
                file=shown,
            )
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            # Read one byte past the limit: a file that grew after stat is still refused.
            data = handle.read(max_bytes + 1) if size <= max_bytes else b""
        if size > max_bytes or len(data) > max_bytes:
            size = max(size, len(data))
            raise SourceError(
                f"file is {_mb(size)} ({size} bytes), over the limit of {_mb(max_bytes)};"
                " raise --max-bytes to read it",
                file=shown,
            )
        return data
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", file=shown) from None


def _special_kind(mode: int) -> str:
    """A non-regular file's kind in words (reading a FIFO hangs, a device never ends)."""
    for test, kind in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 // 10 else f"{size} bytes"


def read_source(path: Path, doc: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Read a text file, check size and encoding, and return its lines."""
    return text_source(read_bytes(path, max_bytes), path.as_posix(), doc)


def text_source(data: bytes, path: str, doc: str, limits: Limits = LIMITS) -> SourceDocument:
    """A text document's lines and the sha256 of its bytes; more lines than the limit are
    refused before they are split (each line costs the reader ~400 bytes)."""
    ends = b"\n" if b"\n" in data else b"\r"  # CR alone: an old Mac's line ends
    lines = data.count(ends) + (not data.endswith(ends))
    if lines > limits.lines:
        raise SourceError(
            f"has {lines} lines, over the limit of {limits.lines}; raise it with"
            f" --limit lines={lines} for a stress run",
            file=path,
        )
    return SourceDocument(
        doc=doc,
        path=path,
        sha256=sha256(data),
        lines=text_to_lines(decode(data, path)),
    )


# C0 controls but tab, line and page breaks, and DEL: bytes of a damaged or binary file.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, path: str) -> str:
    """Decode strict UTF-8 (a BOM allowed) and normalise line endings to LF; a file that is
    no text (Word, an image, UTF-16, empty) is named for what it is."""
    if (kind := not_text(data)) is not None:
        raise SourceError(kind, file=path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start};"
            f" {not_utf8(data, exc.start)}",
            file=path,
            line=line,
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if (bad := _CONTROL.search(text)) is not None:
        raise SourceError(
            f"holds the control character U+{ord(bad.group()):04X}"
            f"{' (NUL)' if bad.group() == chr(0) else ''}, which no text export"
            " prints: the file is damaged or is no text",
            file=path,
            line=text.count("\n", 0, bad.start()) + 1,
        )
    return text


def text_to_lines(text: str) -> tuple[Line, ...]:
    """Number the lines from 1, dropping trailing spaces but never trailing tabs."""
    return tuple(
        Line(no, raw.rstrip(" \u00a0\u2000\u2001\u2002\u2003\u2009\u202f\u3000"))
        for no, raw in enumerate(text.split("\n"), start=1)
    )


def label_columns(cells: Sequence[str], labels: dict[str, str]) -> dict[str, int]:
    """Where each header label stands: the first cell whose cleaned text starts with it.
    A leading footnote mark ('1 Deliverable', as a PDF may give it) is ignored."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if not cell.strip():
            continue
        text = _LEADING_MARK.sub("", clean(cell)).casefold()
        for role, label in labels.items():
            if role not in found and text.startswith(label):
                found[role] = index
    return found


def strip_markup(text: str) -> str:
    """Replace HTML-like tags left by the conversion with a space."""
    return _MARKUP.sub(" ", text)


def squash(text: str) -> str:
    """Collapse every run of (Unicode) whitespace into one space and trim."""
    # str.split() knows the Unicode spaces and runs in C; only zero-width ones need help.
    if "\u200b" in text or "\u2060" in text or "\ufeff" in text:
        text = _SPACES.sub(" ", text)
    return " ".join(text.split())


def repair_hyphens(text: str) -> str:
    """Join words split by a line-break hyphen: 'cross- border' -> 'cross-border'."""
    return _BROKEN_HYPHEN.sub("-", text)


def clean(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Markup removed, HTML entities decoded (`&amp;`, `&#39;`, `&nbsp;`), whitespace
    collapsed, U+2010/U+2011 read as '-', line-break hyphenation repaired (decided by the
    document's vocabulary when given, else the hyphen kept)."""
    return clean_noted(text, vocabulary)[0]


def clean_noted(text: str, vocabulary: Vocabulary | None = None) -> tuple[str, list[Decision]]:
    """`clean`, and the line-break hyphens it decided by the vocabulary that want a note."""
    # Most cells hold neither markup, entities nor broken hyphens: skip their regexes.
    stripped = strip_markup(text) if "<" in text else text
    if "&" in stripped:
        stripped = html.unescape(stripped)
    squashed = unicode_hyphens_to_ascii(squash(stripped))
    if "- " not in squashed and SOFT_HYPHEN + " " not in squashed:
        return squashed, []
    if vocabulary is None:
        return repair_hyphens(squashed), []
    repaired, decisions = repair_in_line(squashed, vocabulary)
    return repaired, [d for d in decisions if d.noted]


def clean_lines(lines: Sequence[str], vocabulary: Vocabulary) -> tuple[list[str], list[Decision]]:
    """The printed lines of one text (a PDF cell, a paragraph's part on a page) cleaned as the
    text route cleans a cell, with every word broken at a line end decided; lines emptied by
    putting a broken word whole on the line before are kept, empty."""
    cleaned: list[str] = []
    decisions: list[Decision] = []
    for line in lines:
        text, found = clean_noted(line, vocabulary)
        if vocabulary.marked_breaks and line.rstrip().endswith(BREAK_MARK):
            text = text[:-1] + BREAK_MARK  # the producer's mark, for join_broken_lines to see
        cleaned.append(text)
        decisions.extend(found)
    joined, found = join_broken_lines(cleaned, vocabulary)
    return joined, [*decisions, *found]


def glue(left: str, right: str) -> str:
    """The separator for two pieces of one text: none after a line-break hyphen, or a slash or
    en dash close to its word, else a space."""
    if _HYPHEN_END.search(left) and _HYPHEN_CONTINUES.match(right):
        return ""
    if _CLOSE_END.search(left) and right[:1].isalnum():
        return ""
    return " "


def join_pieces(pieces: list[str]) -> str:
    """Join cleaned pieces of one text split across rows or pages."""
    text = ""
    for piece in pieces:
        if piece:
            if text.endswith(SOFT_HYPHEN):  # a hyphenation point: the word goes on
                text = text[:-1] + piece
                continue
            text += (glue(text, piece) if text else "") + piece
    return text


_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_SET = frozenset(_SUPERSCRIPTS)
_SUPERSCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
_MARKS = regex.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_FOOTNOTE = regex.compile(r"([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*([^\s\d⁰¹²³⁴⁵⁶⁷⁸⁹].*)")
_BRACKETED = regex.compile(r"\[(\d{1,2})\]\s*(\S.*)")
_PLAIN = regex.compile(r"(\d{1,2})\s+(\S.*)")
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPTS)
_EMPHASIS = regex.compile(r"\*+")


def strip_emphasis(text: str) -> str:
    """Drop Markdown-like emphasis markers the conversion added (`**First**`, `*title*`)."""
    return _EMPHASIS.sub("", text)


def has_footnote_mark(text: str) -> bool:
    """Cheap test before the regex: most lines carry no superscript digit."""
    return not _SUPERSCRIPT_SET.isdisjoint(text)


def pop_footnote_marks(
    text: str, known: Collection[str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """Move superscript marks out of a text: 'chains ² and' -> ('chains and', ('2',)). With
    known, only marks of existing footnotes move; other superscripts stay text."""
    if not has_footnote_mark(text):
        return squash(text), ()
    marks: list[str] = []

    def move(match: regex.Match[str]) -> str:
        mark = match.group(1).translate(_SUPERSCRIPT_DIGITS)
        if known is not None and mark not in known:
            return match.group(0)
        marks.append(mark)
        return ""

    return squash(_MARKS.sub(move, text)), tuple(marks)


def split_footnote(text: str, known: Collection[str] = ()) -> tuple[str, str] | None:
    """('1', text) for a footnote line: opening with a superscript mark or '[1]', or with a
    plain '1 ' where mark 1 is known to stand in the text (else '2 GB.328/...', a running head,
    would be a footnote); None otherwise."""
    squashed = squash(text)
    match = _FOOTNOTE.fullmatch(squashed) or _BRACKETED.fullmatch(squashed)
    if match is None and known:
        match = _PLAIN.fullmatch(squashed)
        if match is not None and match.group(1) not in known:
            return None
    if match is None:
        return None
    return match.group(1).translate(_SUPERSCRIPT_DIGITS), squash(strip_emphasis(match.group(2)))


def footnote_text(mark: str, text: str) -> str:
    """A footnote line as the source prints it best: '¹ text'."""
    return f"{mark.translate(_TO_SUPERSCRIPT)} {text}"


def read_footnote_lines(
    lines: Sequence[Line],
    known: Collection[str],
    joins: bool,
    continues: Callable[[str, str], bool] = lambda note, text: True,
) -> tuple[list[Line], set[int]]:
    """The footnotes among lines, each one line '¹ text' where it opens (page and box kept),
    and the numbers of the lines they take. A footnote may open '1 ' (a known mark) or '[1]';
    the lines right after it that `continues(note, line)` accepts are its text wrapped: with
    joins (text input) those with no blank line between, else (PDF blocks) those on its page,
    which the page reader did not join (an endnote going on in another style)."""
    notes: list[Line] = []
    taken: set[int] = set()
    last: int | None = None  # the line the footnote being read ends on
    for line in lines:
        note = split_footnote(line.text, known)
        if note is not None:
            notes.append(replace(line, text=footnote_text(*note)))
        elif (
            last is not None
            and (joins or (line.page is not None and line.page == notes[-1].page))
            and line.no == last + 1
            and continues(notes[-1].text, squash(line.text))
        ):
            notes[-1] = replace(notes[-1], text=join_pieces([notes[-1].text, squash(line.text)]))
        else:
            last = None
            continue
        taken.add(line.no)
        last = line.no
    return notes, taken


def lines_to_footnotes(
    doc: str, lines: Sequence[Line], footnote_lines: Sequence[Line], path: str = "<input>"
) -> tuple[Footnote, ...]:
    """Each footnote with the line where its mark is first referenced."""
    skip = {line.no for line in footnote_lines}
    first_ref: dict[str, int] = {}
    for line in lines:
        if line.no in skip or not has_footnote_mark(line.text):
            continue
        for mark in pop_footnote_marks(line.text)[1]:
            first_ref.setdefault(mark, line.no)
    notes: dict[str, Footnote] = {}
    for note_line in footnote_lines:
        mark, text = split_footnote(note_line.text) or ("", "")
        if mark in notes:
            raise SourceError(
                f"footnote {mark} appears again (first at line {notes[mark].line})",
                file=path,
                line=note_line.no,
            )
        notes[mark] = Footnote(doc, mark, text, note_line.no, first_ref.get(mark))
    return tuple(notes.values())
