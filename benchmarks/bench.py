"""Benchmarks for issue 8, run by hand: python benchmarks/bench.py [--runs N].

Prints medians and ratios side by side with the goals (this machine is noisy: compare the
ratios, not single times). Never a test: nothing here asserts.

1. Import floor: `python pipeline.py run` against `python -c "import pandas, pandera.pandas,
   pyarrow.parquet"`, runs alternating. Goal: run <= 1.3 x floor.
2. Scale: Annex I repeated 1x, 10x, 100x (benchmarks/scale_annex.py), `run --annex`. Goals:
   time above the 1x run grows linearly (100x vs 10x <= 12x); parse + validate + reconcile +
   write >= 1,000 pages/s (measured in process, imports excluded); peak memory at 100x < 1 GB.
3. PDF: both documents from PDF; the PDF route's extra cost over the text route against
   bare pdfplumber (extract_words and objects) over the same pages. Goal: <= 1.2x.
4. PDF run on all cores (issue 26): `python pipeline.py run` with both documents from PDF,
   audit.html included, against a bare single-process pdfplumber script (its import, then
   extract_words and objects of every page of the same files), runs alternating.
   Goal: run / bare <= 1.0.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scale_annex import scaled  # noqa: E402

PDF = ROOT / "tests" / "fixtures" / "annex_pages.pdf"
GB328 = ROOT / "raw" / "gb328_ins_5_1_add1.txt"
GB328_PDF = ROOT / "tests" / "fixtures" / "gb328" / "lo_footnotes.pdf"
# Issue 26's pair: LibreOffice prints of both documents (8 and 11 pages)
PDF_RUN_ANNEX = ROOT / "tests" / "fixtures" / "producers" / "lo_table.pdf"
PDF_RUN_GB328 = ROOT / "tests" / "fixtures" / "gb328" / "lo_footnotes.pdf"
PEAK = (
    "import resource, runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _alternate(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_wall(command))
    return {name: statistics.median(values) for name, values in times.items()}


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def import_floor(runs: int, out: Path) -> None:
    medians = _alternate(
        {
            "floor": [sys.executable, "-c", "import pandas, pandera.pandas, pyarrow.parquet"],
            "run": [sys.executable, "pipeline.py", "run", "-q", "--out-dir", str(out / "floor")],
        },
        runs,
    )
    ratio = medians["run"] / medians["floor"]
    print(f"1. import floor (median of {runs} alternating runs)")
    print(f"   floor {medians['floor']:.2f} s, run {medians['run']:.2f} s")
    print(f"   run / floor = {ratio:.2f}   goal <= 1.30: {_verdict(ratio <= 1.3)}")


def scale(runs: int, out: Path) -> None:
    text = (ROOT / "raw" / "annex_i_workplan.txt").read_text(encoding="utf-8")
    files = {}
    for copies in (1, 10, 100):
        path = out / f"annex_x{copies}.txt"
        path.write_text(scaled(text, copies), encoding="utf-8")
        files[copies] = path
    command = lambda n: [  # noqa: E731
        sys.executable,
        "pipeline.py",
        "run",
        "-q",
        "--annex",
        str(files[n]),
        "--out-dir",
        str(out / f"x{n}"),
    ]
    medians = _alternate({n: command(n) for n in files}, runs)
    print(f"2. scale (median of {runs} alternating runs of `run --annex`)")
    print("   " + ", ".join(f"{n}x ({12 * n} pages) {medians[n]:.2f} s" for n in files))

    from extract.output.write import write_tables
    from extract.runner import build_tables, output_files

    build_tables(files[1], GB328)  # imports and one-off set-up out of the measurement
    seconds: dict[int, list[float]] = {n: [] for n in files}
    for _ in range(runs):
        for n, path in files.items():
            start = time.perf_counter()
            tables = build_tables(path, GB328)
            write_tables(tables, out / f"inproc{n}", output_files(tables))
            seconds[n].append(time.perf_counter() - start)
    inproc = {n: statistics.median(v) for n, v in seconds.items()}
    above10, above100 = inproc[10] - inproc[1], inproc[100] - inproc[1]
    growth = above100 / above10
    print(
        "   in process (imports excluded): "
        + ", ".join(f"{n}x {inproc[n]:.2f} s" for n in files)
        + f"; above 1x: 10x +{above10:.2f} s, 100x +{above100:.2f} s"
    )
    print(f"   growth 100x vs 10x = {growth:.1f}x   goal <= 12x: {_verdict(growth <= 12)}")
    rate = 1200 / inproc[100]
    print(
        f"   parse + validate + reconcile + write at 100x: {rate:.0f} pages/s"
        f"   goal >= 1000: {_verdict(rate >= 1000)}"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            PEAK,
            "pipeline.py",
            "run",
            "-q",
            "--annex",
            str(files[100]),
            "--out-dir",
            str(out / "peak"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    peak_mb = int(done.stderr.strip().splitlines()[-1]) / 1024
    print(f"   peak memory at 100x: {peak_mb:.0f} MB   goal < 1024 MB: {_verdict(peak_mb < 1024)}")


def pdf(runs: int) -> None:
    import pdfplumber

    from extract.runner import build_tables, output_files

    text_annex = ROOT / "raw" / "annex_i_workplan.txt"
    pdfs = (PDF, GB328_PDF)

    def with_files(annex: Path, gb328: Path) -> None:
        output_files(build_tables(annex, gb328))

    build_tables(text_annex, GB328)
    build_tables(*pdfs)
    times: dict[str, list[float]] = {"text": [], "pdf": [], "bare": []}
    pages = 0
    for _ in range(runs):
        start = time.perf_counter()
        with_files(text_annex, GB328)
        times["text"].append(time.perf_counter() - start)
        start = time.perf_counter()
        with_files(*pdfs)
        times["pdf"].append(time.perf_counter() - start)
        start = time.perf_counter()
        pages = 0
        for path in pdfs:
            with pdfplumber.open(path) as document:
                for page in document.pages:
                    page.extract_words()
                    _ = page.objects
                    page.close()
                    pages += 1
        times["bare"].append(time.perf_counter() - start)
    med = {k: statistics.median(v) for k, v in times.items()}
    extra = med["pdf"] - med["text"]
    ratio = extra / med["bare"]
    print(
        f"3. PDF route, both documents from PDF (median of {runs} alternating in-process runs,"
        f" {pages} pages: Annex I {PDF.name}, GB.328 {GB328_PDF.name}; tables and the files"
        " beside them, the audit view excluded)"
    )
    print(
        f"   text route {med['text']:.2f} s, PDF route {med['pdf']:.2f} s, extra {extra:.2f} s;"
        f" bare pdfplumber extract_words + objects {med['bare']:.2f} s;"
        f" PDF route {pages / med['pdf']:.0f} pages/s"
    )
    print(f"   extra / bare = {ratio:.2f}   goal <= 1.20: {_verdict(ratio <= 1.2)}")


BARE = (
    "import sys, pdfplumber\n"
    "for path in sys.argv[1:]:\n"
    "    with pdfplumber.open(path) as pdf:\n"
    "        for page in pdf.pages:\n"
    "            page.extract_words(); page.objects; page.close()\n"
)


def pdf_run(runs: int, out: Path) -> None:
    pdfs = [str(PDF_RUN_ANNEX), str(PDF_RUN_GB328)]
    medians = _alternate(
        {
            "bare": [sys.executable, "-c", BARE, *pdfs],
            "run": [
                sys.executable,
                "pipeline.py",
                "run",
                "-q",
                "--annex",
                pdfs[0],
                "--gb328",
                pdfs[1],
                "--out-dir",
                str(out / "pdf_run"),
            ],
            "one core": [
                sys.executable,
                "pipeline.py",
                "run",
                "-q",
                "--limit",
                "workers=1",
                "--annex",
                pdfs[0],
                "--gb328",
                pdfs[1],
                "--out-dir",
                str(out / "pdf_run1"),
            ],
        },
        runs,
    )
    ratio = medians["run"] / medians["bare"]
    print(
        f"4. both documents from PDF, whole run with audit.html (median of {runs} alternating"
        f" runs; {PDF_RUN_ANNEX.name} and {PDF_RUN_GB328.name})"
    )
    print(
        f"   bare pdfplumber {medians['bare']:.2f} s, run {medians['run']:.2f} s"
        f" (with --limit workers=1: {medians['one core']:.2f} s)"
    )
    print(f"   run / bare = {ratio:.2f}   goal <= 1.00: {_verdict(ratio <= 1.0)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (7)")
    parser.add_argument(
        "--part", type=int, choices=(1, 2, 3, 4), action="append", help="only these parts (all)"
    )
    args = parser.parse_args()
    parts = set(args.part or (1, 2, 3, 4))
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(
        f"{date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores,"
        f" {memory:.0f} GiB, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        if 1 in parts:
            import_floor(args.runs, out)
        if 2 in parts:
            scale(max(args.runs // 2, 3), out)
        if 3 in parts:
            pdf(args.runs)
        if 4 in parts:
            pdf_run(args.runs, out)


if __name__ == "__main__":
    main()
