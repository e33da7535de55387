"""Command line: `run` writes the tables, `validate` re-checks them, `docs` writes the data
dictionary."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import fields
from pathlib import Path
from types import FrameType


def _stopped_while_starting(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C or SIGTERM while the libraries load, before main() sets the run's handlers:
    one line and 128 + the signal, as later (Python would print a traceback)."""
    sys.stderr.write("interrupted; outputs left as they were\n")
    sys.stderr.flush()
    os._exit(128 + signum)


# Only as a program (a script or the console script), never when a test imports main().
if __name__ == "__main__" or Path(sys.argv[0]).name == "ilo-gsc-poa":
    for _signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(_signum, _stopped_while_starting)

from extract.documents import DOCUMENTS  # noqa: E402  (after the handlers above)
from extract.documents.base import Log  # noqa: E402
from extract.errors import PipelineError, SourceError  # noqa: E402
from extract.limits import LIMITS, Limits, limit_setting, limits_with  # noqa: E402
from extract.output import interrupt  # noqa: E402
from extract.readers.text import DEFAULT_MAX_BYTES  # noqa: E402
from extract.runner import Inputs, Result, publish, run  # noqa: E402

DOCS_FILE = Path("docs") / "tables.md"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ilo-gsc-poa")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="ILO programme of action 2017-21 on decent work in global supply chains:"
        " Annex I and GB.328/INS/5/1(Add.1) as validated tables.",
        epilog="Run `%(prog)s COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="extract, validate and write every table, datapackage.json and report.html",
        description="Read Annex I and GB.328 (text exports or PDFs), check every table against"
        " schemas.py and write them as Parquet and CSV with datapackage.json, report.html,"
        " programme.xlsx, programme.sqlite and, for a PDF, audit.html.",
        epilog="examples:\n  %(prog)s\n  %(prog)s --annex workplan.pdf --gb328 paper.pdf"
        " --out-dir out\n  %(prog)s -v --gb328 paper.pdf",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _inputs(run)
    run.add_argument(
        "--out-dir",
        type=Path,
        metavar="DIR",
        default=Path("normalized"),
        help="output folder (normalized); replaced whole, so it must be absent, empty or"
        " written by an earlier run",
    )
    talk = run.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    talk.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="explain each stage with its time, and each PDF page as it is read",
    )
    check = commands.add_parser(
        "validate",
        help="re-validate written tables against schemas.py",
        description="Check the tables a run wrote against schemas.py again.",
        epilog="example:\n  %(prog)s --out-dir normalized",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "--out-dir",
        type=Path,
        metavar="DIR",
        default=Path("normalized"),
        help="folder to check (normalized)",
    )
    docs = commands.add_parser(
        "docs",
        help=f"write the data dictionary {DOCS_FILE.as_posix()}",
        description="Write the data dictionary (every table and column, from schemas.py).",
        epilog=f"example:\n  %(prog)s --out {DOCS_FILE.as_posix()}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _inputs(docs)
    docs.add_argument(
        "--out", type=Path, metavar="FILE", default=DOCS_FILE, help=f"({DOCS_FILE.as_posix()})"
    )
    docs.add_argument(
        "--force",
        action="store_true",
        help="overwrite --out even if it is a file this command did not write",
    )
    return parser


def _inputs(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--raw-dir", type=Path, metavar="DIR", default=Path("raw"), help="input folder (raw)"
    )
    for document in DOCUMENTS:
        command.add_argument(
            document.flag,
            dest=document.doc.value,
            type=Path,
            metavar="FILE",
            help=f"{document.name} text or PDF instead of RAW_DIR/{document.default_file}",
        )
    command.add_argument(
        "--max-bytes",
        type=_positive_bytes,
        metavar="BYTES",
        default=DEFAULT_MAX_BYTES,
        help=f"refuse input files larger than this (default {DEFAULT_MAX_BYTES // 2**20} MB)",
    )
    command.add_argument(
        "--limit",
        type=_limit,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="raise one of the reader's limits for a stress run (repeatable): "
        + ", ".join(f"{f.name} (default {getattr(LIMITS, f.name)})" for f in fields(Limits)),
    )


def _limit(text: str) -> tuple[str, int | float]:
    """--limit: NAME=VALUE naming a known limit and a positive number, read once."""
    try:
        return limit_setting(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _positive_bytes(text: str) -> int:
    """--max-bytes: a whole number above zero (0 would refuse every file)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of bytes, not {text!r}")
    return value


def _quiet_libraries() -> None:
    """The PDF libraries log warnings that Python prints on stderr around the run's one line
    ('Could not get FontBBox…'). What matters in them the reader hears and acts on while it
    reads pages (readers/pdf/damage.py); the rest stays off stderr."""
    import logging

    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())  # once, though tests call main() often
        logger.propagate = False


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting, so tests can call it. SIGINT and
    SIGTERM print one line and return 128 + the signal number (130, 143)."""
    args = _parser(prog).parse_args(argv)
    _quiet_libraries()
    with interrupt.handled():
        try:
            if args.command == "run":
                return _run(args)
            if args.command == "docs":
                return _docs(args)
            return _validate(args)
        except PipelineError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        except interrupt.Interrupted as exc:  # Ctrl-C 130, SIGTERM 143
            print(exc.message, file=sys.stderr)
            return exc.exit_code


def _build(args: argparse.Namespace, log: Log | None = None) -> Result:
    given = {d.doc.value: getattr(args, d.doc.value) for d in DOCUMENTS}
    inputs = Inputs.from_raw_dir(
        args.raw_dir,
        args.max_bytes,
        limits_with(LIMITS, args.limit),
        **{k: v for k, v in given.items() if v},
    )
    for document in DOCUMENTS:
        path = inputs.paths[document.doc]
        if given[document.doc.value] is None and not path.exists():
            raise SourceError(
                "not found (run from the project folder, or give --raw-dir DIR or"
                f" {document.flag} FILE)",
                file=path.as_posix(),
            )
    return run(inputs) if log is None else run(inputs, log)


class _Say:
    """-v lines on stderr: each stage with the time it took; a PDF's page lines overwrite one
    another on a terminal (a progress line) and stay plain lines when piped."""

    def __init__(self) -> None:
        self.last = time.perf_counter()
        self.progress = False

    def __call__(self, message: str) -> None:
        now = time.perf_counter()
        took, self.last = now - self.last, now
        if _PAGE_LINE.search(message) and sys.stderr.isatty():
            print(f"\r\033[K{message}", end="", file=sys.stderr, flush=True)
            self.progress = True
            return
        if self.progress:
            print(file=sys.stderr)
            self.progress = False
        print(f"{message} ({took:.2f} s)", file=sys.stderr)


_PAGE_LINE = re.compile(r": page \d+/\d+: ")


def _run(args: argparse.Namespace) -> int:
    from extract.output.write import check_replaceable, recover_leftovers

    say = _Say()

    note = recover_leftovers(args.out_dir)  # a killed run's folders, before anything is judged
    if note:
        print(note, file=sys.stderr)
    check_replaceable(args.out_dir)  # refuse before the build, not after it
    result = _build(args, say if args.verbose else None)
    tables = result.tables
    files = publish(result, args.out_dir)
    out = args.out_dir.as_posix()
    if args.verbose:
        say(f"write: {len(tables)} tables as Parquet and CSV, {', '.join(sorted(files))} -> {out}/")
    if not args.quiet:
        print(_summary(tables, out, "audit.html" in files))
    return 0


def _summary(tables: dict, out: str, audit: bool) -> str:
    """The run in a few short lines: what was found, what to look at."""
    n = {name: len(frame) for name, frame in tables.items()}
    notes = int(len(tables["extraction_notes"]))
    lines = [
        f"wrote {len(tables)} tables to {out}/ (Parquet and CSV)",
        f"Annex I: {n['annex_deliverables']} deliverables, {n['annex_activities']} activities,"
        f" {n['annex_schedule']} scheduled quarters",
        f"GB.328: {n['paragraphs']} paragraphs, {n['appendix_deliverables']} matrix rows",
        f"{n['discrepancies']} discrepancies between them, {notes} extraction notes",
        f"report: {out}/report.html; data package: {out}/datapackage.json",
        f"for Excel and SQL: {out}/programme.xlsx, {out}/programme.sqlite",
    ]
    if audit:
        lines.append(f"how each PDF was read: {out}/audit.html")
    return "\n".join(lines)


def _validate(args: argparse.Namespace) -> int:
    from extract.output.verify import verify_folder

    tables = verify_folder(args.out_dir)
    print(
        f"{len(tables)} tables in {args.out_dir.as_posix()}/ are valid: Parquet against the"
        " schemas, each CSV equal to its Parquet, datapackage.json matching the files,"
        " programme.sqlite whole and programme.xlsx cell for cell equal to them"
    )
    return 0


def _docs(args: argparse.Namespace) -> int:
    from extract.errors import OutputError
    from extract.output.package import tables_markdown
    from extract.output.write import write_file_atomically

    out: Path = args.out
    if out.is_dir():
        raise OutputError("is a folder; --out takes a file path", file=out.as_posix())
    if out.exists() and not args.force:
        # Ours if its first line is the one the data dictionary starts with, exactly.
        first = tables_markdown({}).split("\n", 1)[0].encode("utf-8")
        try:
            with out.open("rb") as handle:
                ours = handle.readline(len(first) + 3) in (first + b"\n", first + b"\r\n")
        except OSError:
            ours = False
        if not ours:
            raise OutputError(
                "exists and was not written by `pipeline.py docs`; refusing to overwrite it:"
                " choose another --out or add --force",
                file=out.as_posix(),
            )
    text = tables_markdown(_build(args).tables)
    write_file_atomically(out, text.encode("utf-8"))
    print(f"wrote {out.as_posix()}")
    return 0


def without_data_synthesis() -> None:
    """Keep pandera from importing hypothesis. Where hypothesis is installed (the test extra),
    pandera imports it for data synthesis, which the CLI never uses: 0.25 s, most of a run's
    cost above the import floor (benchmarks/bench.py)."""
    # pandera has no supported switch for this (checked in 0.35): no setting or environment
    # variable in pandera/config.py, and pandera/strategies/base_strategies.py runs
    # `try: from hypothesis.strategies import ...` at import, setting HAS_HYPOTHESIS (its
    # slow import with optional extras is unionai-oss/pandera#1644). A None entry in
    # sys.modules makes that import raise ImportError, the path pandera takes without
    # hypothesis installed, so only documented behaviour is used.
    sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]


def cli() -> None:
    """Console-script entry point: its help says its own name."""
    without_data_synthesis()
    sys.exit(main(prog="ilo-gsc-poa"))


if __name__ == "__main__":
    without_data_synthesis()
    # `python -m pipeline` sets __spec__; `python pipeline.py` does not.
    sys.exit(main(prog="python -m pipeline" if __spec__ is not None else None))
