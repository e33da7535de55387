"""Text similarity between the two documents' deliverables: words, weights, ranked candidates."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from extract.cross.records import Match
from extract.documents.annex_i.records import Workplan
from extract.documents.gb328.records import AppendixRow

# Abbreviations the two documents use for the same words (Annex I: 'GSCs', the Appendix:
# 'global supply chains').
ABBREVIATIONS = {
    "gsc": "global supply chain",
    "gscs": "global supply chains",
    "mne": "multinational enterprise",
    "mnes": "multinational enterprises",
    "osh": "occupational safety health",
    "fprw": "fundamental principles rights work",
    "epz": "export processing zone",
    "epzs": "export processing zones",
    "ppp": "public private partnership",
    "ppps": "public private partnerships",
    "ncp": "national contact point",
    "ncps": "national contact points",
    "guf": "global union federation",
    "gufs": "global union federations",
    "ntsd": "national tripartite social dialogue",
    "ntsdi": "national tripartite social dialogue institutions",
}


_STOP = frozenset(
    """a an the of to in on at by for with and or nor from into under as via per than its their
    this that these those be is are was were been being will can could may should would which
    who what how such well also all any each other new including particularly notably e g i ii
    iii through across along within between""".split()
)


# Letters and digits (as regex's [\p{L}\p{N}]); the standard re module scans it faster.
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> frozenset[str]:
    """Content words, abbreviations expanded, cut to 6 letters so 'assess'/'assessment' meet."""
    out: set[str] = set()
    for word in _WORD.findall(text.casefold()):
        out.update(_stems(word))
    return frozenset(out)


@functools.cache
def _stems(folded: str) -> tuple[str, ...]:
    """The stems one case-folded word stands for (several for an abbreviation); memoised, as
    the same words recur across thousands of texts."""
    stems = []
    for part in ABBREVIATIONS.get(folded, folded).split():
        if part in _STOP or (len(part) < 4 and part.isdigit()):
            continue
        stem = part[:6]
        stems.append(stem[:-1] if len(stem) > 3 and stem[-1] == "s" else stem)
    return tuple(stems)


def surface_words(text: str) -> dict[str, str]:
    """Each content-word stem of a text with the first word that gave it, for evidence."""
    out: dict[str, str] = {}
    for word in _WORD.findall(text):
        folded = word.casefold()
        expanded = folded in ABBREVIATIONS
        for stem, part in zip(_stems(folded), _kept_parts(folded), strict=True):
            out.setdefault(stem, part if expanded else word)
    return out


@functools.cache
def _kept_parts(folded: str) -> tuple[str, ...]:
    return tuple(
        part
        for part in ABBREVIATIONS.get(folded, folded).split()
        if not (part in _STOP or (len(part) < 4 and part.isdigit()))
    )


@dataclass(frozen=True)
class Vocabulary:
    """Inverse document frequencies over every text unit of both documents."""

    idf: dict[str, float]

    @classmethod
    def of(cls, units: Iterable[frozenset[str]]) -> Vocabulary:
        units = list(units)
        counts = Counter(word for unit in units for word in unit)
        n = len(units)
        return cls({w: math.log((n + 1) / (c + 1)) + 1 for w, c in counts.items()})

    def weight(self, bag: Iterable[str]) -> float:
        # fsum is exactly rounded, so the result does not depend on the set's order.
        return math.fsum(self.idf.get(word, 1.0) for word in bag)

    def jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        total = self.weight(a | b)
        return self.weight(a & b) / total if total else 0.0


@dataclass(frozen=True)
class Sides:
    annex_text: dict[str, frozenset[str]]
    annex_all: dict[str, frozenset[str]]
    appendix: dict[str, frozenset[str]]
    surface: dict[str, dict[str, str]]
    vocabulary: Vocabulary
    keys: tuple[str, ...]
    key_rank: np.ndarray
    # word -> positions in keys of the Annex I deliverables that carry it (all / as new words)
    index: dict[str, np.ndarray]
    new_index: dict[str, np.ndarray]


def plan_to_sides(plan: Workplan, rows: Sequence[AppendixRow]) -> Sides:
    activities: dict[str, list[str]] = {}
    for activity in plan.activities:
        activities.setdefault(activity.deliverable_id, []).append(activity.text)
    annex_text = {d.deliverable_id: words(d.text) for d in plan.deliverables}
    units = {
        d.deliverable_id: [annex_text[d.deliverable_id]]
        + [words(t) for t in activities.get(d.deliverable_id, [])]
        for d in plan.deliverables
    }
    surface = {r.deliverable_id: surface_words(r.text) for r in rows if r.deliverable_id}
    appendix = {key: frozenset(found) for key, found in surface.items()}
    vocabulary = Vocabulary.of([*(u for us in units.values() for u in us), *appendix.values()])
    annex_all = {key: frozenset().union(*us) for key, us in units.items()}
    keys = tuple(annex_all)
    index: dict[str, list[int]] = {}
    new_index: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        own = appendix.get(key, frozenset())
        for word in annex_all[key]:
            index.setdefault(word, []).append(position)
            if word not in own:
                new_index.setdefault(word, []).append(position)
    return Sides(
        annex_text,
        annex_all,
        appendix,
        surface,
        vocabulary,
        keys,
        np.argsort(np.argsort(np.array(keys, dtype=object))),
        {w: np.array(p, dtype=np.int64) for w, p in index.items()},
        {w: np.array(p, dtype=np.int64) for w, p in new_index.items()},
    )


def candidates(text: frozenset[str], sides: Sides, top: int | None = None) -> list[Match]:
    """Annex I deliverables that share a word with an Appendix text, ranked by how much of it
    they carry. Scores add up along a word index (one bincount per text), so the cost grows
    with the postings of the text's words, not with every pair of texts."""
    vocab = sides.vocabulary
    total = vocab.weight(text)
    ordered = [w for w in sorted(text) if w in sides.index]
    if not total or not ordered:
        return []
    carried = _accumulate(ordered, sides.index, vocab, len(sides.keys))
    novel = _accumulate(ordered, sides.new_index, vocab, len(sides.keys))
    hits = np.flatnonzero(carried)
    # Rank in numpy (scores to 3 places, then new-word share, then the id); round the few
    # kept in Python so the printed figures are exactly rounded.
    order = np.lexsort(
        (
            sides.key_rank[hits],
            -np.round(novel[hits] / total, 3),
            -np.round(carried[hits] / total, 3),
        )
    )
    kept = hits[order][:top]
    scored = [
        (round(float(carried[i]) / total, 3), round(float(novel[i]) / total, 3), sides.keys[i])
        for i in kept
    ]
    return [
        Match(
            key,
            score,
            new,
            tuple(sorted(text & sides.annex_all[key], key=lambda w: (-vocab.idf.get(w, 1.0), w))),
        )
        for score, new, key in scored[:top]
    ]


def _accumulate(
    ordered: list[str], index: dict[str, np.ndarray], vocab: Vocabulary, size: int
) -> np.ndarray:
    """Per Annex I deliverable, the summed weights of the words it carries."""
    postings = [index[w] for w in ordered if w in index]
    if not postings:
        return np.zeros(size)
    weights = [vocab.idf.get(w, 1.0) for w in ordered if w in index]
    return np.bincount(
        np.concatenate(postings),
        weights=np.repeat(weights, [len(p) for p in postings]),
        minlength=size,
    )
