"""Free-text timing of the GB.328 activity matrix read as periods like '2017Q1'."""

from __future__ import annotations

import regex

from extract.documents.gb328.records import Timing, TimingKind
from extract.programme_constants import period
from extract.readers.text import squash

_MONTHS = {
    name: no
    for no, name in enumerate(
        "january february march april may june july august september october november"
        " december".split(),
        start=1,
    )
}
_DASH = r"\s*[\u2010-\u2015\u2212-]\s*"
_RANGE = regex.compile(rf"(\d{{4}}){_DASH}(\d{{2}}|\d{{4}})")
_MONTH = regex.compile(r"([A-Za-z]+)\s+(\d{4})")
_EDGE = regex.compile(
    r"(early|beginning of|start of|mid|middle of|late|end of|end)\s+(\d{4})", flags=regex.IGNORECASE
)
_RECURRING = regex.compile(r"every\s+\S+(?:\s+\S+)?", flags=regex.IGNORECASE)
_MILESTONE = regex.compile(r"\bby\s+(\d{4})\b", flags=regex.IGNORECASE)

# Mid-year is read as the quarter that ends at mid-year (Q2): 'Mid 2018' -> 2018Q2.
_EDGE_QUARTER = {
    "early": 1,
    "beginning of": 1,
    "start of": 1,
    "mid": 2,
    "middle of": 2,
    "late": 4,
    "end of": 4,
    "end": 4,
}


def parse_timing(raw: str) -> Timing:
    """Read one timing cell; text it cannot read is kept raw as 'unspecified' with a note."""
    text = squash(raw)
    if not text:
        return Timing(text, TimingKind.UNSPECIFIED, None, None, None)
    if match := _RANGE.fullmatch(text):
        first, last = int(match.group(1)), match.group(2)
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        if end >= first:
            return Timing(text, TimingKind.RANGE, period(first, 1), period(end, 4), None)
    if match := _MONTH.fullmatch(text):
        month = _MONTHS.get(match.group(1).casefold())
        if month:
            at = period(int(match.group(2)), (month - 1) // 3 + 1)
            return Timing(text, TimingKind.POINT, at, at, None)
    if match := _EDGE.fullmatch(text):
        word = squash(match.group(1)).casefold()
        at = period(int(match.group(2)), _EDGE_QUARTER[word])
        note = None
        if word in ("mid", "middle of"):
            note = f"timing {text!r} read as the quarter that ends mid-year, {at}"
        return Timing(text, TimingKind.POINT, at, at, note)
    if _RECURRING.fullmatch(text):
        return Timing(text, TimingKind.RECURRING, None, None, None)
    if len(_MILESTONE.findall(text)) >= 2:
        return Timing(text, TimingKind.MILESTONES, None, None, None)
    return Timing(
        text, TimingKind.UNSPECIFIED, None, None, f"timing {text!r} could not be read; kept raw"
    )
