"""Command line: `python pipeline.py run` writes the tables, `validate` re-checks them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from extract.build import ANNEX_FILE, GB328_FILE, build_tables
from extract.errors import PipelineError
from extract.text import DEFAULT_MAX_BYTES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline.py",
        description="ILO programme of action 2017-21 on decent work in global supply chains:"
        " Annex I and GB.328/INS/5/1(Add.1) as validated tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="extract, validate and write every table")
    run.add_argument("--raw-dir", type=Path, default=Path("raw"), help="input folder (raw)")
    run.add_argument(
        "--out-dir", type=Path, default=Path("normalized"), help="output folder (normalized)"
    )
    run.add_argument("--annex", type=Path, help=f"Annex I file instead of RAW_DIR/{ANNEX_FILE}")
    run.add_argument("--gb328", type=Path, help=f"GB.328 file instead of RAW_DIR/{GB328_FILE}")
    run.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help=f"refuse input files larger than this (default {DEFAULT_MAX_BYTES})",
    )
    check = commands.add_parser("validate", help="re-validate written tables against schemas.py")
    check.add_argument(
        "--out-dir", type=Path, default=Path("normalized"), help="folder to check (normalized)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code instead of exiting, so tests can call it."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        return _validate(args)
    except PipelineError as exc:
        print(str(exc), file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    from extract.write import write_tables

    annex = args.annex or args.raw_dir / ANNEX_FILE
    gb328 = args.gb328 or args.raw_dir / GB328_FILE
    tables = build_tables(annex, gb328, args.max_bytes)
    write_tables(tables, args.out_dir)
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in sorted(tables.items()))
    print(f"wrote {len(tables)} tables to {args.out_dir.as_posix()}/: {counts}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from extract.read import read_tables
    from schemas import validate_tables

    tables = validate_tables(read_tables(args.out_dir))
    print(f"{len(tables)} tables in {args.out_dir.as_posix()}/ are valid")
    return 0


def cli() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    sys.exit(main())
