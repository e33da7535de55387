"""Command line: `run` writes the tables, `validate` re-checks them, `docs` writes the data
dictionary."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from extract.build import ANNEX_FILE, GB328_FILE, Built, Log, build, output_files
from extract.errors import PipelineError
from extract.text import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    pass

DOCS_FILE = Path("docs") / "tables.md"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline.py",
        description="ILO programme of action 2017-21 on decent work in global supply chains:"
        " Annex I and GB.328/INS/5/1(Add.1) as validated tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run", help="extract, validate and write every table, datapackage.json and report.html"
    )
    _inputs(run)
    run.add_argument(
        "--out-dir",
        type=Path,
        default=Path("normalized"),
        help="output folder (normalized); replaced whole, so it must be absent, empty or"
        " written by an earlier run",
    )
    talk = run.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    talk.add_argument("-v", "--verbose", action="store_true", help="explain each stage")
    check = commands.add_parser("validate", help="re-validate written tables against schemas.py")
    check.add_argument(
        "--out-dir", type=Path, default=Path("normalized"), help="folder to check (normalized)"
    )
    docs = commands.add_parser("docs", help=f"write the data dictionary {DOCS_FILE.as_posix()}")
    _inputs(docs)
    docs.add_argument("--out", type=Path, default=DOCS_FILE, help=f"file ({DOCS_FILE.as_posix()})")
    docs.add_argument(
        "--force",
        action="store_true",
        help="overwrite --out even if it is a file this command did not write",
    )
    return parser


def _inputs(command: argparse.ArgumentParser) -> None:
    command.add_argument("--raw-dir", type=Path, default=Path("raw"), help="input folder (raw)")
    command.add_argument(
        "--annex", type=Path, help=f"Annex I text or PDF instead of RAW_DIR/{ANNEX_FILE}"
    )
    command.add_argument(
        "--gb328", type=Path, help=f"GB.328 text or PDF instead of RAW_DIR/{GB328_FILE}"
    )
    command.add_argument(
        "--max-bytes",
        type=_positive_bytes,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse input files larger than this (default {DEFAULT_MAX_BYTES})",
    )


def _positive_bytes(text: str) -> int:
    """--max-bytes: a whole number above zero (0 would refuse every file)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of bytes, not {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting, so tests can call it."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "docs":
            return _docs(args)
        return _validate(args)
    except PipelineError as exc:
        print(str(exc), file=sys.stderr)
        return 1


def _build(args: argparse.Namespace, log: Log | None = None) -> Built:
    annex = args.annex or args.raw_dir / ANNEX_FILE
    gb328 = args.gb328 or args.raw_dir / GB328_FILE
    if log is None:
        return build(annex, gb328, args.max_bytes)
    return build(annex, gb328, args.max_bytes, log)


def _run(args: argparse.Namespace) -> int:
    from extract.write import check_replaceable, write_tables

    def say(message: str) -> None:
        print(message, file=sys.stderr)

    check_replaceable(args.out_dir)  # refuse before the build, not after it
    built = _build(args, say if args.verbose else None)
    tables = built.tables
    files = output_files(tables, built)
    write_tables(tables, args.out_dir, files)
    out = args.out_dir.as_posix()
    if args.verbose:
        say(f"write: {len(tables)} tables as Parquet and CSV, {', '.join(sorted(files))} -> {out}/")
    if not args.quiet:
        counts = ", ".join(f"{name} {len(frame)}" for name, frame in sorted(tables.items()))
        print(f"wrote {len(tables)} tables to {out}/: {counts}")
        notes = tables["extraction_notes"].kind.value_counts().sort_index()
        print(
            f"{len(tables['discrepancies'])} discrepancies, {int(notes.sum())} extraction notes"
            f" ({', '.join(f'{k} {v}' for k, v in notes.items())})"
        )
        print(f"report: {out}/report.html; data package: {out}/datapackage.json")
        if "audit.html" in files:
            print(f"how the PDF was read, page by page: {out}/audit.html")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from extract.read import read_tables
    from schemas import validate_tables

    tables = validate_tables(read_tables(args.out_dir))
    print(f"{len(tables)} tables in {args.out_dir.as_posix()}/ are valid")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from extract.errors import OutputError
    from extract.package import tables_markdown
    from extract.write import write_file_atomically

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
    sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]


def cli() -> None:
    """Console-script entry point."""
    without_data_synthesis()
    sys.exit(main())


if __name__ == "__main__":
    without_data_synthesis()
    sys.exit(main())
