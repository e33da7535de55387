"""A document's table described for any reader: header labels, roles, and the knobs that say
how its rows open, close and span. Readers take it; each document declares its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import regex

from extract.programme_constants import PROGRAMME


@dataclass(frozen=True, eq=False)  # hashed by identity: specs are module constants
class TableSpec:
    """What a document's table looks like, for any reader: one record of knobs.

    labels: each role's header label (matched as a case-folded prefix of the header cell);
    the first one opens a page's header. timeframe: a years line and a Q1-Q4 line follow the
    label line. key_role: the column whose text opens a row (`opens`) and, for PDF bands,
    ends it (`closes`). spanning: roles whose cells may be merged over several rows."""

    name: str
    labels: Mapping[str, str]
    timeframe: bool = False
    key_role: str | None = None
    opens: Callable[[str], bool] | None = None
    closes: Callable[[str], bool] | None = None
    spanning: frozenset[str] = field(default_factory=frozenset)
    # Text only a table row holds: found in prose or on a skipped page, it means a row was
    # not read as one, and the reader stops rather than lose it.
    row_text: regex.Pattern[str] | None = None
    first_years: tuple[int, int] = (PROGRAMME.first_year, PROGRAMME.last_year)
    # A row may leave the key cell empty (GB.328's unnumbered last row): in a ruled table,
    # every rule across the key column then bounds a row, not only the rules above openings.
    keyless_rows: bool = False
    # A row may hold its key cell alone (GB.328's deliverable 4.4, without timing or area): in
    # an unruled table a printed key number opens a row even with nothing beside it.
    lone_key_rows: bool = False
    # Text that opens a new cell of the spanning column (GB.328's '6. Strengthen …'): in an
    # unruled table, a line opening so at a row's top starts a merged cell though set close.
    span_opens: Callable[[str], bool] | None = None
    # The column holding a list (Annex I's key activities): its <li> items keep their starts.
    list_role: str | None = None

    @property
    def first_role(self) -> str:
        return next(iter(self.labels))
