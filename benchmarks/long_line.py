"""How long the parsers take over a 1 MB single line (run by hand: python benchmarks/long_line.py).

Reports the median of several runs of the parse stages alone (no validation, no writing) for
each place a huge line can stand, beside the same parse of the unaltered file.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from extract.documents.annex_i.parse import source_to_workplan
from extract.documents.gb328.paper import source_to_paper
from extract.errors import PipelineError
from extract.readers.text import decode, text_to_lines
from extract.records import SourceDocument

ROOT = Path(__file__).resolve().parent.parent
ANNEX = (ROOT / "raw" / "annex_i_workplan.txt").read_text(encoding="utf-8")
GB328 = (ROOT / "raw" / "gb328_ins_5_1_add1.txt").read_text(encoding="utf-8")
BIG = "decent work in GSCs (2.1) 3. x " * 33_000
RUNS = 5


def _source(text: str, doc: str) -> SourceDocument:
    return SourceDocument(doc, doc, "0" * 64, text_to_lines(decode(text.encode(), doc)))


def _median(parse: Callable[[SourceDocument], object], text: str, doc: str) -> tuple[float, str]:
    times, outcome = [], "ok"
    for _ in range(RUNS):
        start = time.perf_counter()
        try:
            parse(_source(text, doc))
        except PipelineError as exc:
            outcome = f"error: {str(exc)[:60]}"
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def main() -> None:
    cases = {
        "annex, unaltered": (source_to_workplan, ANNEX, "annex"),
        "annex, 1 MB activities cell": (
            source_to_workplan,
            ANNEX.replace("1. Compile and analyze", "1. " + BIG, 1),
            "annex",
        ),
        "annex, 1 MB deliverable cell": (
            source_to_workplan,
            ANNEX.replace("An evidence-based body", BIG, 1),
            "annex",
        ),
        "annex, 1 MB line without tabs": (source_to_workplan, BIG + "\n" + ANNEX, "annex"),
        "gb328, unaltered": (source_to_paper, GB328, "gb328"),
        "gb328, 1 MB paragraph": (
            source_to_paper,
            GB328.replace("1. The conclusions", "1. " + BIG, 1),
            "gb328",
        ),
    }
    print(f"line of {len(BIG):,} characters; median of {RUNS} runs; goal: well under 1 s")
    for name, (parse, text, doc) in cases.items():
        seconds, outcome = _median(parse, text, doc)
        print(f"{name:32} {seconds * 1000:8.1f} ms  {outcome}")


if __name__ == "__main__":
    main()
