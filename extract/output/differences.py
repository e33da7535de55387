"""Differences listed as a reader can take them in: the first ones, then a count."""

from __future__ import annotations

from collections.abc import Iterable

SHOWN = 20  # differences listed per table or file; the rest are counted


def listed(differences: Iterable[str], more: str) -> list[str]:
    """The first differences, then `more` (with '{}' for the count) for the rest."""
    out = []
    hidden = 0
    for line in differences:
        if len(out) < SHOWN:
            out.append(line)
        else:
            hidden += 1
    return [*out, more.format(hidden)] if hidden else out
