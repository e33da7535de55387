"""The programme's constants, spelled once: its years and quarters, action areas, the
conclusion letters its deliverables cite and the glyphs that mark a scheduled quarter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def period(year: int, quarter: int) -> str:
    """A quarter as the tables spell it: '2017Q1'."""
    return f"{year}Q{quarter}"


@dataclass(frozen=True)
class Programme:
    """What the programme of action 2017-21 is, as every stage needs it."""

    first_year: int = 2017
    last_year: int = 2021
    quarters: tuple[int, ...] = (1, 2, 3, 4)
    # Names as in the GB.328 headings "Action area N: ..."; Annex I prints the same names
    # (tests/test_gb328.py checks both documents against this table).
    areas: Mapping[int, str] = field(
        default_factory=lambda: MappingProxyType(
            {
                1: "Knowledge generation and dissemination",
                2: "Capacity building",
                3: "Effective advocacy for decent work in global supply chains",
                4: "Policy advice and technical assistance",
                5: "Partnerships and policy coherence",
            }
        )
    )
    # Paragraph 23 of the conclusions has points (a) to (i); deliverables cite them.
    conclusion_letters: str = "abcdefghi"
    # Glyphs that mark a quarter in the Gantt grid: X, x and the check marks.
    mark_glyphs: frozenset[str] = frozenset({"X", "x", "\u2713", "\u2714"})

    @property
    def letter_class(self) -> str:
        """The conclusion letters as a regex character class body: 'a-i'."""
        return f"{self.conclusion_letters[0]}-{self.conclusion_letters[-1]}"

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def periods(self) -> tuple[str, ...]:
        return tuple(period(y, q) for y in self.years for q in self.quarters)


PROGRAMME = Programme()
