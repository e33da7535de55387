"""Annex I's table as the readers see it: its column labels and roles, and the opening phrase
and closing number that bound a deliverable's rows."""

from __future__ import annotations

import regex

from extract.readers.spec import TableSpec
from extract.readers.text import squash
from extract.records import Doc

DOC = Doc.ANNEX_I

_OPENING_PHRASE = "in response to"

ID_AT_END = regex.compile(r"\s*\(\s*(\d+\.\d+)\s*\)\s*$")


def opens_deliverable(text: str) -> bool:
    """True if a deliverable cell starts with 'In response to', or is cut off inside it."""
    start = squash(text).casefold()[: len(_OPENING_PHRASE)]
    return bool(start) and _OPENING_PHRASE.startswith(start)


def closes_deliverable(text: str) -> bool:
    """True if a deliverable's text so far ends with its number ('(2.1)'): the row is closed."""
    return bool(ID_AT_END.search(text[-80:]))


ANNEX_SPEC = TableSpec(
    name="work-plan table",
    labels={"area": "area of action", "deliverable": "deliverable", "activities": "key activities"},
    timeframe=True,
    key_role="deliverable",
    opens=opens_deliverable,
    closes=closes_deliverable,
    spanning=frozenset({"area"}),
    list_role="activities",
    row_text=regex.compile(r"In\s+response\s+to\s+ILC|\(\d+\.\d+\)", regex.IGNORECASE),
)
