"""Write Annex I repeated N times with unique deliverable numbers (2.1 -> 2.1001, 2.1002, ...).

Usage: python benchmarks/scale_annex.py N OUT.txt. The title and the footnote stay once; every
page block is repeated, so N copies have 12 * N pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
NUMBER = regex.compile(r"\((\d+)\.(\d+)\)")


def scaled(text: str, copies: int) -> str:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Area of action\t"))
    head, body = lines[:first], lines[first:]
    out = list(head)
    for copy in range(1, copies + 1):
        for line in body:
            if line.startswith("\u00b9") and copy > 1:
                continue
            if copies > 1:
                line = NUMBER.sub(lambda m, c=copy: f"({m.group(1)}.{m.group(2)}{c:03d})", line)
            out.append(line)
    return "\n".join(out)


def main() -> None:
    copies, out = int(sys.argv[1]), Path(sys.argv[2])
    source = (ROOT / "raw" / "annex_i_workplan.txt").read_text(encoding="utf-8")
    out.write_text(scaled(source, copies), encoding="utf-8")


if __name__ == "__main__":
    main()
