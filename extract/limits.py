"""What the reader admits: each input beyond a limit is refused with one line naming it, so
memory stays bounded (under 1 GB for anything admitted). `--limit NAME=VALUE` raises one for a
stress run; the file size has its own flag, --max-bytes."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Limits:
    """Each limit with its unit, and why it is where it is."""

    # lines of a text export: the real ones have under 2,000; a line costs the reader ~400 B
    lines: int = 100_000
    # pages of a PDF: the real ones have 12 and 11
    pages: int = 1_000
    # pt, a page's width or height: A0 is 3,370 pt; the audit view draws every page
    page_side: float = 5_000.0
    # bytes, a page's content streams and the forms it draws, decoded: the largest fixture
    # page decodes to 150 kB; pdfminer holds ~2.3 kB per character drawn, and a page of
    # 384 kB of `(text) Tj` peaks at 0.9 GB
    page_content: int = 384 * 2**10
    # words kept across a PDF's pages: the real ones have under 10,000; ~0.5 kB each
    words: int = 500_000
    # processes drawing a PDF's pages at once; 0 is one per core. Pages drawn side by side
    # share the page_content budget, so memory stays that of one process drawing alone
    workers: int = 0


LIMITS = Limits()


def limit_setting(setting: str) -> tuple[str, int | float]:
    """One 'NAME=VALUE' as (name, number); ValueError says what is wrong with it."""
    known = {f.name: f.type for f in fields(Limits)}
    name, sep, value = setting.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or name not in known:
        raise ValueError(
            f"{setting!r}: expected NAME=VALUE with NAME one of {', '.join(sorted(known))}"
        )
    try:
        number = float(value) if known[name] == "float" else int(value)
    except ValueError:
        raise ValueError(f"{setting!r}: {value!r} is not a number") from None
    if not math.isfinite(number):  # nan would pass every comparison and turn the limit off
        raise ValueError(f"{setting!r}: a limit must be a finite number")
    if number <= 0 and name != "workers":
        raise ValueError(f"{setting!r}: a limit must be positive")
    if number < 0:
        raise ValueError(f"{setting!r}: workers is 0 (one per core) or more")
    return name, number


def limits_with(base: Limits, settings: Iterable[tuple[str, int | float]]) -> Limits:
    """`base` with each (name, number) of limit_setting applied, the last of a name winning."""
    return replace(base, **dict(settings))
