"""Writing tables: Parquet and CSV side by side, all or nothing, byte for byte repeatable."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.errors import OutputError


def write_tables(
    tables: dict[str, pd.DataFrame], out_dir: Path, files: dict[str, bytes] | None = None
) -> None:
    """Write every table (and any other files) and the marker into a fresh folder beside
    out_dir, then swap it in at once. out_dir must pass check_replaceable."""
    out_dir = Path(out_dir)
    check_replaceable(out_dir)
    parent = out_dir.parent
    staging = parent / f".{out_dir.name}.new-{os.getpid()}"
    retired = parent / f".{out_dir.name}.old-{os.getpid()}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for name in sorted(tables):
            write_table(tables[name], staging, name)
        for name, data in sorted((files or {}).items()):
            (staging / name).write_bytes(data)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8", newline="\n")
        if out_dir.exists():
            out_dir.rename(retired)
        staging.rename(out_dir)
    except OSError as exc:
        if retired.exists() and not out_dir.exists():
            retired.rename(out_dir)
        raise OutputError(f"cannot write tables: {exc}", file=out_dir.as_posix()) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)


MARKER = ".ilo-gsc-poa"
MARKER_TEXT = (
    "This folder was written by ilo-gsc-poa (`python pipeline.py run`).\n"
    "The next run into it replaces the whole folder: keep nothing else here.\n"
)
OWN_FILES = frozenset(
    {MARKER, "datapackage.json", "report.html", "audit.html", "programme.xlsx", "programme.sqlite"}
)
OWN_SUFFIXES = frozenset({".csv", ".parquet"})
SHOWN = 5


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace anything but an absent or empty folder, or one this pipeline wrote:
    it holds the marker file and nothing but the files the pipeline writes."""
    out_dir = Path(out_dir)
    if out_dir.is_symlink():
        raise OutputError(
            "is a symbolic link; refusing to replace it: choose another --out-dir",
            file=out_dir.as_posix(),
        )
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            "exists and is not a folder; refusing to replace it", file=out_dir.as_posix()
        )
    if not out_dir.exists():
        return
    try:
        entries = sorted(out_dir.iterdir())
    except OSError as exc:
        raise OutputError(f"cannot list the folder: {exc}", file=out_dir.as_posix()) from None
    if not entries:
        return
    names = {p.name for p in entries}
    ours = MARKER in names and (out_dir / MARKER).is_file()
    foreign = [
        p.name + ("/" if p.is_dir() else "")
        for p in entries
        if not ours or p.is_symlink() or not p.is_file() or not _own_name(p.name)
    ]
    if foreign:
        count = f"{len(foreign)} {'entry' if len(foreign) == 1 else 'entries'}"
        shown = ", ".join(foreign[:SHOWN])
        if len(foreign) > SHOWN:
            shown += f", and {len(foreign) - SHOWN} more"
        why = "" if ours else f" and no {MARKER} marker"
        raise OutputError(
            f"holds {count} this pipeline did not write ({shown}){why}; refusing to replace it:"
            " choose another --out-dir or empty it",
            file=out_dir.as_posix(),
        )


def _own_name(name: str) -> bool:
    return name in OWN_FILES or Path(name).suffix in OWN_SUFFIXES


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file beside it, swapped in with os.replace, so
    path holds either its old bytes or all the new ones."""
    path = Path(path)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write file: {exc}", file=path.as_posix()) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    """<name>.parquet and <name>.csv; fixed writer settings so reruns give identical bytes."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(
        table,
        folder / f"{name}.parquet",
        compression="zstd",
        use_dictionary=False,
        write_statistics=False,
    )
    frame.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
