"""Benchmark for issue 17, run by hand: python benchmarks/outputs.py [--runs N].

The analyst files' cost: for the 1x and 100x tables (built once with build_tables, 100x from
benchmarks/scale_annex.py), the median of several runs of xlsx_bytes, sqlite_bytes and
report_html; and each module's import time in a fresh interpreter (pandas and the project's
own modules already imported, so only what the module adds is counted). Goals beside the
figures. Never a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_annex import scaled  # noqa: E402

ANNEX = ROOT / "raw" / "annex_i_workplan.txt"
GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"
# Goals in seconds: (1x, 100x); None where the issue sets none.
GOALS = {
    "xlsx_bytes": (None, 0.4),
    "sqlite_bytes": (None, 0.15),
    "report_html": (None, None),
}
IMPORT_AND_BUILD_GOAL = 0.1  # xlsx + sqlite at 1x, imports included
# Everything a run has imported before the output modules: only their own cost is timed.
BEFORE = "import pandas, extract.model_registry, extract.output.package, extract.errors"
IMPORT = (
    "import sys, time\n"
    f"sys.path.insert(0, {str(ROOT)!r})\n"
    f"{BEFORE}\n"
    "start = time.perf_counter()\n"
    "import {module}\n"
    "print(time.perf_counter() - start)\n"
)


def median_time(function: Callable[[], object], runs: int) -> float:
    function()  # warm: first-call set-up out of the measurement
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_time(module: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", IMPORT.format(module=module)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        times.append(float(done.stdout.strip()))
    return statistics.median(times)


def _goal(seconds: float, goal: float | None) -> str:
    if goal is None:
        return ""
    return f"   goal < {goal:.2f} s: {'met' if seconds < goal else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (5)")
    args = parser.parse_args()

    from extract.output.report import report_html
    from extract.output.sqlite import sqlite_bytes
    from extract.output.xlsx import xlsx_bytes
    from extract.runner import build_tables

    functions = {"xlsx_bytes": xlsx_bytes, "sqlite_bytes": sqlite_bytes, "report_html": report_html}
    with tempfile.TemporaryDirectory() as folder:
        scaled_annex = Path(folder) / "annex_x100.txt"
        scaled_annex.write_text(scaled(ANNEX.read_text(encoding="utf-8"), 100), encoding="utf-8")
        tables = {1: build_tables(ANNEX, GB328), 100: build_tables(scaled_annex, GB328)}

    medians: dict[tuple[str, int], float] = {}
    for copies, built in tables.items():
        rows = sum(len(frame) for frame in built.values())
        print(f"{copies}x ({12 * copies} pages, {rows} rows in all), median of {args.runs} runs")
        for name, function in functions.items():
            seconds = median_time(lambda f=function, t=built: f(t), args.runs)
            medians[name, copies] = seconds
            goal = GOALS[name][0 if copies == 1 else 1]
            print(f"   {name:<13} {seconds:7.3f} s{_goal(seconds, goal)}")

    print(f"imports in a fresh interpreter (after {BEFORE.removeprefix('import ')})")
    imports = {}
    for module in ("extract.output.xlsx", "extract.output.sqlite"):
        imports[module] = import_time(module, args.runs)
        print(f"   {module:<22} {imports[module]:7.3f} s")
    together = sum(imports.values()) + medians["xlsx_bytes", 1] + medians["sqlite_bytes", 1]
    print(
        f"xlsx + sqlite at 1x, imports included: {together:.3f} s"
        f"{_goal(together, IMPORT_AND_BUILD_GOAL)}"
    )


if __name__ == "__main__":
    main()
