"""The five action areas of GB.328/INS/5/1(Add.1) and the names the documents use for them."""

from __future__ import annotations

from extract.text import squash

# Names as in the GB.328 headings "Action area N: ..."; Annex I prints the same names.
AREA_NAMES: dict[int, str] = {
    1: "Knowledge generation and dissemination",
    2: "Capacity building",
    3: "Effective advocacy for decent work in global supply chains",
    4: "Policy advice and technical assistance",
    5: "Partnerships and policy coherence",
}

# Other spellings met in the documents (the GB.328 appendix swaps area 5's words).
AREA_ALIASES: dict[str, int] = {
    "Policy coherence and partnerships": 5,
}


def _key(name: str) -> str:
    return squash(name).casefold()


_LOOKUP: dict[str, int] = {
    **{_key(name): no for no, name in AREA_NAMES.items()},
    **{_key(name): no for name, no in AREA_ALIASES.items()},
}


def area_no(name: str) -> int | None:
    """The area number for a name or alias, case and spacing ignored; None if unknown."""
    return _LOOKUP.get(_key(name))
