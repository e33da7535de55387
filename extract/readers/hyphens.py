"""Line-break hyphens decided by evidence: a hyphen a typesetter added to break a word
('effec-' | 'tiveness') is removed, a real one ('cross-' | 'border') kept.

Evidence, in order: the document's own words (the hyphenated form printed elsewhere keeps the
hyphen, the joined form printed elsewhere removes it, a capital after the break keeps it), then
an English word list (pyspellchecker's, loaded only when a hyphen gets that far). What the
evidence cannot settle is kept as printed and said so."""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import regex

from extract.records import NoteKind

_HEAD = regex.compile(r"[\p{L}\p{M}]+$")
_TAIL = regex.compile(r"[\p{L}\p{M}]+")
# A word with its own hyphens ('evidence-based'); apostrophes kept inside ('Office's').
_TOKEN = regex.compile(r"[\p{L}\p{M}]+(?:['\u2019-][\p{L}\p{M}]+)*")
# Words a suspended hyphen stands before: 'sector- and enterprise-level' keeps its space.
_SUSPENDED = regex.compile(r"(?:and|or|nor|to)\b")
# Prefixes English writes both with and without a hyphen ('Co-operation', 'cooperation'):
# a capitalized one before a word is likely a name's spelling ('Organisation for Economic
# Co-operation'), which the document's other uses of the joined word do not decide.
_OPEN_PREFIXES = frozenset(
    "co non pre re sub multi inter anti post self ex counter socio macro micro".split()
)
# A hyphen (a soft hyphen, U+2010, U+2011) ending a printed line, after a letter or digit.
_LINE_END = regex.compile(r"(?<=\w)[-\u00ad\u2010\u2011]$")
# A hyphen left by a line break inside a text line ('high- quality'), or set apart from its
# word by justification ('contrib - uted'); never a suspended one ('sector- and').
_IN_LINE = regex.compile(r"(?<=\w) ?[-\u00ad] (?!(?:and|or|nor|to)\b)(?=\w)")
SOFT_HYPHEN = "\u00ad"
# U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN print as '-' (WeasyPrint breaks words with
# U+2010): read as '-', so one printed text gives one table text on both routes.
BREAK_MARK = "\u2010"
_HYPHEN_FORMS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_CHUNK = regex.compile(r"\S+")  # the word going on after a break, with its punctuation

# British spellings the American word list lacks, as (British ending, American ending).
_SPELLINGS = (
    (regex.compile(r"our(s|ed|ing|al|able)?$"), r"or\1"),
    (regex.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (regex.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),
    (regex.compile(r"mme(s|d)?$"), r"m\1"),
    (regex.compile(r"tre(s)?$"), r"ter\1"),
)


@dataclass(frozen=True)
class HyphenSettings:
    """The hyphen rule's knobs."""

    # Times the word list saw a word: at least this often it is a common word, not a spelling
    # that turns up now and then ('followup' is seen 50 times, 'framework' 1,188).
    common: int = 500
    part: int = 3  # letters: the shortest first part of a compound ('low-wage'); less, a syllable
    # letters: typesetters leave at least two before a break (TeX's \lefthyphenmin, Word's
    # and InDesign's defaults), so a hyphen after one letter ('e-campus') is the word's own
    shortest_break: int = 2


HYPHEN_SETTINGS = HyphenSettings()


class Outcome(StrEnum):
    REMOVED = "removed"
    KEPT = "kept"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Vocabulary:
    """A document's words (case-folded), read inside printed lines, so no product of a
    line break; and the hyphenated forms among them."""

    words: frozenset[str]
    hyphenated: frozenset[str]
    # Printed line ends that break a word inside a syllable ('effec-'): the producer
    # hyphenates, so an ambiguous break is more likely its own than the word's.
    syllable_breaks: tuple[str, ...] = ()
    repeated: frozenset[str] = frozenset()  # words printed whole more than once
    # The producer marks the breaks it makes with U+2010 (WeasyPrint's hyphenate-character),
    # printing the document's own hyphens as '-': a U+2010 ending a line is its mark.
    marked_breaks: bool = False
    # Words printed broken with that mark and never ending in another hyphen form: at a
    # page's or column's foot, where the mark was read as '-' before the pages are joined.
    marked_heads: frozenset[str] = frozenset()

    def prefixes(self, first: str) -> bool:
        """The document prints `first` as a hyphenated prefix of some word ('inter-agency')."""
        head = first.casefold() + "-"
        return any(form.startswith(head) for form in self.hyphenated)

    def with_breaks(self, heads: Iterable[str], settings: HyphenSettings) -> Vocabulary:
        """This vocabulary, knowing which line-end heads ('effec', 'cross') show that the
        producer breaks words: a head of some letters that is no word."""
        found = tuple(
            sorted(
                {
                    head
                    for head in heads
                    if len(head) >= settings.part
                    and head.casefold() not in self.words
                    and not is_english_word(head)
                }
            )
        )
        return replace(self, syllable_breaks=found)


NO_VOCABULARY = Vocabulary(frozenset(), frozenset())


@dataclass(frozen=True)
class Decision:
    """What became of one line-break hyphen: the form as printed, the text given, and why."""

    printed: str
    text: str
    outcome: Outcome
    reason: str

    @property
    def noted(self) -> bool:
        """Removals and undecided cases are noted; a hyphen kept by evidence is not."""
        return self.outcome != Outcome.KEPT

    @property
    def note_kind(self) -> NoteKind:
        """The kind of the note a noted decision gets."""
        removed = self.outcome == Outcome.REMOVED
        return NoteKind.HYPHEN_REMOVED if removed else NoteKind.HYPHEN_UNDECIDED

    def message(self, page: int | None = None) -> str:
        where = f" on page {page}" if page is not None else ""
        if self.outcome == Outcome.REMOVED:
            return (
                f"line-break hyphen removed{where}: printed {self.printed!r}, read {self.text!r}"
                f" ({self.reason})"
            )
        return f"line-break hyphen kept as printed{where}: {self.printed!r} ({self.reason})"


def unicode_hyphens_to_ascii(text: str) -> str:
    """U+2010 and U+2011, which print as '-', read as '-'."""
    return text if text.isascii() else text.translate(_HYPHEN_FORMS)


def texts_to_vocabulary(texts: Iterable[str]) -> Vocabulary:
    """The words of texts that hold no line break: each word, each hyphenated form and its
    parts, case-folded."""
    words: set[str] = set()
    hyphenated: set[str] = set()
    repeated: set[str] = set()
    for text in texts:
        for token in _TOKEN.findall(unicode_hyphens_to_ascii(text)):
            folded = token.casefold()
            if "-" in folded:
                hyphenated.add(folded)
                words.update(folded.split("-"))
            else:
                if folded in words:
                    repeated.add(token)  # as printed: a name's capitals count
                words.add(folded)
    return Vocabulary(frozenset(words), frozenset(hyphenated), repeated=frozenset(repeated))


def text_lines_to_vocabulary(lines: Iterable[str]) -> Vocabulary:
    """A text export's vocabulary: the words either side of a line-break remnant ('high-
    quality') are left out, being what the break made."""
    return texts_to_vocabulary(
        _IN_LINE_WORDS.sub(" ", unicode_hyphens_to_ascii(line)) for line in lines
    )


_IN_LINE_WORDS = regex.compile(r"[\p{L}\p{M}]+ ?- (?!(?:and|or|nor|to)\b)[\p{L}\p{M}]+")


@functools.cache
def _word_list() -> str:
    """pyspellchecker's English words with their counts, one '"word": count,' a line in key
    order, as its file holds them; read once, on first need (0.03 s: no JSON parsed)."""
    from importlib.resources import files

    data = (files("spellchecker") / "resources" / "en.json.gz").read_bytes()
    return gzip.decompress(data).decode("utf-8")


def _count_in(text: str, word: str) -> int:
    """A word's count in the sorted word list, by binary search over its lines; 0 if absent."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind("\n", 0, mid) + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if not line.startswith('"'):  # '{' opens the file, '}' closes it
            if line.startswith("{"):
                lo = end + 1
            else:
                hi = start
            continue
        quote = line.find('"', 1)
        key = line[1:quote]
        if key < word:
            lo = end + 1
        elif key > word:
            hi = start
        else:
            return int(line[quote + 2 :].strip(" :,") or 0)
    return 0


def word_count(word: str) -> int:
    """How often the word list saw the word, as spelt or in its American spelling
    ('programmes', 'labour'); 0 for no word."""
    folded = word.casefold()
    text = _word_list()
    found = _count_in(text, folded)
    if found:
        return found
    return max(
        (
            _count_in(text, pattern.sub(american, folded))
            for pattern, american in _SPELLINGS
            if pattern.search(folded)
        ),
        default=0,
    )


def is_english_word(word: str) -> bool:
    """In the word list, as spelt or in its American spelling."""
    return word_count(word) > 0


def resolve_line_break_hyphen(
    left: str, right: str, vocabulary: Vocabulary, settings: HyphenSettings = HYPHEN_SETTINGS
) -> Decision:
    """Decide the hyphen between a word's part before a break (`left`, without the hyphen)
    and its part after (`right`); the parts may carry punctuation ('(effec', 'tiveness),')."""
    head = _HEAD.search(left)
    tail = _TAIL.match(right)
    if head is None or tail is None:  # a number or a sign, not a word broken
        return Decision(f"{left}-{right}", f"{left}-{right}", Outcome.KEPT, "not a word")
    first, second = head.group(), tail.group()
    printed, joined = f"{first}-{second}", first + second
    kept = Decision(printed, printed, Outcome.KEPT, "")
    # No typesetter breaks after one letter ('e-campus'); the same form printed elsewhere.
    if len(first) < settings.shortest_break or _printed(printed, vocabulary.hyphenated):
        return kept
    # A capital after a full stop opens a sentence ('Re-search'), not a name.
    sentence = _SENTENCE_END.search(left[: head.start()])
    if (
        first[0].isupper()
        and not sentence
        and first.casefold() in _OPEN_PREFIXES
        and (second.casefold() in vocabulary.words or is_english_word(second))
    ):
        # A name may spell the prefix its own way ('Economic Co-operation' beside
        # 'cooperation'): only the joined word printed more than once, in a document that
        # breaks words by itself, settles it.
        if vocabulary.syllable_breaks and joined in vocabulary.repeated:
            reason = (
                f"{joined!r} is printed elsewhere more than once and the document breaks words"
                f" inside a syllable ({vocabulary.syllable_breaks[0]!r}-)"
            )
            return Decision(printed, joined, Outcome.REMOVED, reason)
        reason = f"{first!r} is a prefix a name may spell with a hyphen"
        return Decision(printed, printed, Outcome.UNDECIDED, reason)
    if _printed(joined, vocabulary.words):
        return Decision(printed, joined, Outcome.REMOVED, f"{joined!r} is printed elsewhere")
    if first.isupper() and second.isupper():  # 'AC-TRAV' or 'ILO-OECD': no word to go by
        syllables = [h for h in vocabulary.syllable_breaks if h.casefold() != first.casefold()]
        if syllables and not any(p.casefold() in vocabulary.words for p in (first, second)):
            # 'ILO-OECD' joins names the document prints on their own; parts printed nowhere
            # are syllables, in a document that breaks words by itself.
            reason = (
                f"neither {first!r} nor {second!r} is printed on its own and the document"
                f" breaks words inside a syllable ({syllables[0]!r}-)"
            )
            return Decision(printed, joined, Outcome.REMOVED, reason)
        reason = f"{joined!r} and {printed!r} are both printed nowhere else, in capitals"
        return Decision(printed, printed, Outcome.UNDECIDED, reason)
    if second[0].isupper():  # a capital opens a word: 'non-State', 'ILO-Member'
        return kept

    is_joined = is_english_word(joined)
    # A first part of one or two letters ('de', 're', 'un') is a syllable, not a compound's
    # word; a short second part may be one ('follow-up', 'lock-in').
    parts = len(first) >= settings.part and all(
        p.casefold() in vocabulary.words or is_english_word(p) for p in (first, second)
    )
    if is_joined and not parts:
        return Decision(printed, joined, Outcome.REMOVED, f"{joined!r} is a word")
    if parts and not is_joined:
        return kept
    if parts and word_count(joined) >= settings.common:
        reason = f"{joined!r} is a common word, though its parts are words too"
        return Decision(printed, joined, Outcome.REMOVED, reason)
    others = [h for h in vocabulary.syllable_breaks if h.casefold() != first.casefold()]
    # 'inter-governmental' where 'inter-agency' is printed: a prefix the document hyphenates.
    # A word of its own ('home-based') says nothing of its other compounds ('homeworkers').
    if first.casefold() in _OPEN_PREFIXES and vocabulary.prefixes(first):
        return kept
    if others and parts and is_joined and first.casefold() not in _OPEN_PREFIXES:
        # 'dis-proportionately': a word either way; a document that breaks words by itself
        # breaks many more words like this than it prints compounds that are also words.
        reason = (
            f"{joined!r} is a word and the document breaks words inside a syllable ({others[0]!r}-)"
        )
        return Decision(printed, joined, Outcome.REMOVED, reason)
    if (
        others
        and not parts
        and not _a_word(first, vocabulary)
        and first.casefold() not in _OPEN_PREFIXES
    ):
        # 'corpo-' | 'rates': no compound opens with a part that is no word, and this
        # document breaks words inside syllables elsewhere ('effec-').
        reason = (
            f"{first!r} is no word and the document breaks words inside a syllable ({others[0]!r}-)"
        )
        return Decision(printed, joined, Outcome.REMOVED, reason)
    reason = (
        f"{joined!r} and its parts are all words"
        if parts
        else f"neither {joined!r} nor its parts are known words"
    )
    return Decision(printed, printed, Outcome.UNDECIDED, reason)


_SENTENCE_END = regex.compile(r"[.!?]\s+$")
# Endings a word takes ('frameworks', 'disaggregated'): the document printing the stem whole
# ('framework') or hyphenated is evidence for the inflected form too.
_INFLECTIONS = ("s", "es", "d", "ed", "ing")


def _printed(form: str, printed: frozenset[str]) -> bool:
    """The form, or its stem without a common ending, is among the printed ones."""
    folded = form.casefold()
    return folded in printed or any(
        folded.endswith(end) and folded[: -len(end)] in printed for end in _INFLECTIONS
    )


def _a_word(part: str, vocabulary: Vocabulary) -> bool:
    return part.casefold() in vocabulary.words or is_english_word(part)


def repair_in_line(text: str, vocabulary: Vocabulary) -> tuple[str, list[Decision]]:
    """Line-break remnants inside a line ('high- quality', 'contrib - uted') decided: the
    hyphen removed, or kept and the space dropped; a spaced hyphen not removed stays as is."""
    decisions: list[Decision] = []

    def decide(match: regex.Match[str]) -> str:
        before, after = text[: match.start()], text[match.end() :]
        decision = resolve_line_break_hyphen(before, after, vocabulary)
        apart = match.group()[0] == " "  # 'x - y' is more often a dash: noted only if removed
        if decision.noted and (not apart or decision.outcome == Outcome.REMOVED):
            decisions.append(decision)
        if decision.outcome == Outcome.REMOVED:
            return ""
        # A hyphen set apart by justification stays as printed; a remnant loses its space.
        return match.group().replace(SOFT_HYPHEN, "-") if apart else "-"

    return _IN_LINE.sub(decide, text), decisions


def join_broken_lines(
    lines: Sequence[str], vocabulary: Vocabulary
) -> tuple[list[str], list[Decision]]:
    """Printed lines of one text with each word broken at a line end decided: a removed
    hyphen's word is put whole on the line where it begins (the next line keeps the rest; it
    may be left empty); a kept hyphen stays at the line end, where joining keeps it. A soft
    hyphen at a line end is the producer's hyphenation point, and so is a U+2010 where the
    vocabulary says the producer marks its breaks with it: removed. U+2010 and U+2011 left
    read as '-'."""
    out = list(lines)
    decisions: list[Decision] = []
    for i in range(len(out) - 1):
        line, following = out[i], out[i + 1]
        if not _LINE_END.search(line) or not following or _SUSPENDED.match(following):
            continue
        tail = _TAIL.match(following)
        if tail is None:
            continue
        head = line[:-1]
        start = _HEAD.search(head)
        first = start.group() if start else ""
        marked = vocabulary.marked_breaks and (
            line.endswith(BREAK_MARK)
            or (line.endswith("-") and first.casefold() in vocabulary.marked_heads)
        )
        if line.endswith(SOFT_HYPHEN) or marked:
            reason = (
                "printed as U+2010, which the producer prints only where it breaks a word;"
                " the document's own hyphens are '-'"
                if marked
                else "printed as a soft hyphen, a hyphenation point"
            )
            decision = Decision(
                f"{first}-{tail.group()}", first + tail.group(), Outcome.REMOVED, reason
            )
        else:
            decision = resolve_line_break_hyphen(head, following, vocabulary)
        if decision.noted:
            decisions.append(decision)
        if decision.outcome == Outcome.REMOVED:
            chunk = _CHUNK.match(following)
            assert chunk is not None  # the line opens with a letter
            out[i] = head + chunk.group()
            out[i + 1] = following[chunk.end() :].lstrip()
    return [unicode_hyphens_to_ascii(line) for line in out], decisions
