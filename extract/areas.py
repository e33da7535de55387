"""The five action areas of GB.328/INS/5/1(Add.1) and the names the documents use for them."""

from __future__ import annotations

from collections.abc import Mapping

import regex

from extract.programme_constants import PROGRAMME
from extract.readers.text import squash

AREA_NAMES: Mapping[int, str] = PROGRAMME.areas


# 'Capacity-building' and 'Capacity building' are one name; hyphens become spaces one for one,
# so positions in a key are positions in the squashed text.
_HYPHENS = str.maketrans(dict.fromkeys("-\u2010\u2011", " "))


def _key(name: str) -> str:
    return squash(name).casefold().translate(_HYPHENS)


def name_variants(name: str) -> tuple[str, ...]:
    """A name and, for 'A and B', its swapped form 'B and A' (the appendix writes area 5 so)."""
    parts = regex.split(r" and ", squash(name), flags=regex.IGNORECASE)  # 'A AND B' too
    if len(parts) != 2:
        return (squash(name),)
    swapped = f"{parts[1]} and {parts[0]}".lower()
    return (squash(name), swapped[:1].upper() + swapped[1:].lower())


def _lookup(names: Mapping[int, str]) -> dict[str, int]:
    return {_key(v): no for no, name in names.items() for v in name_variants(name)}


_DEFAULT = _lookup(AREA_NAMES)


_UNSPACED = {key.replace(" ", ""): no for key, no in _DEFAULT.items()}


def area_no(name: str) -> int | None:
    """The area number for a name or its swapped form, case and spacing ignored (a narrow
    merged cell may break a word without a hyphen: 'disseminati on')."""
    key = _key(name)
    return _DEFAULT.get(key) or _UNSPACED.get(key.replace(" ", ""))


def printed_area(name: str) -> str:
    """The name as printed, or the area's own name where only a word broken over a line kept
    it from matching."""
    if _key(name) in _DEFAULT:
        return squash(name)
    number = area_no(name)
    return AREA_NAMES[number] if number is not None else squash(name)


def split_areas(
    cell: str, names: Mapping[int, str] = AREA_NAMES
) -> tuple[tuple[int, ...], tuple[str, ...], str]:
    """Split a cell of run-together area names; returns (area numbers, spellings, leftover)."""
    lookup = sorted(_lookup(names).items(), key=lambda kv: -len(kv[0]))
    text, folded = squash(cell), _key(cell)
    found: list[int] = []
    spellings: list[str] = []
    leftover: list[str] = []
    at = 0
    while at < len(folded):
        for key, no in lookup:
            end = at + len(key)
            if folded.startswith(key, at) and (end == len(folded) or folded[end] == " "):
                if no not in found:
                    found.append(no)
                spellings.append(text[at:end])
                at = end + 1
                break
        else:
            nxt = folded.find(" ", at)
            nxt = len(folded) if nxt < 0 else nxt
            leftover.append(text[at:nxt])
            at = nxt + 1
    return tuple(found), tuple(spellings), " ".join(leftover)
