"""Writing tables: Parquet and CSV side by side, all or nothing, byte for byte repeatable."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.errors import OutputError
from extract.output import interrupt, swap


def write_tables(
    tables: dict[str, pd.DataFrame], out_dir: Path, files: dict[str, bytes] | None = None
) -> None:
    """Write every table (and any other files) and the marker into a fresh folder beside
    out_dir, then swap it in at once. out_dir must pass check_replaceable."""
    out_dir = Path(out_dir)
    check_replaceable(out_dir)
    parent = out_dir.parent
    stem = sibling_stem(out_dir)
    staging = parent / f"{stem}.new-{os.getpid()}"
    retired = parent / f"{stem}.old-{os.getpid()}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        for stale in (staging, retired):  # a dead run's, whose process id we now have
            if _present(stale) and not remove_own_folder(stale):
                raise OutputError(
                    "exists and was not written by this pipeline; refusing to remove it",
                    file=stale.as_posix(),
                )
        staging.mkdir()
        # The marker goes in first: a run killed while staging leaves a folder that the next
        # run recognises as its own and removes.
        written = [f"{name}{suffix}" for name in tables for suffix in TABLE_SUFFIXES]
        (staging / MARKER).write_text(
            marker_text([*written, *(files or {})]), encoding="utf-8", newline="\n"
        )
        swap.checkpoint("staging started")
        for name in sorted(tables):
            write_table(tables[name], staging, name)
        for name, data in sorted((files or {}).items()):
            (staging / name).write_bytes(data)
        swap.checkpoint("staging written")
        with interrupt.deferred():  # a signal now would leave it unclear which outputs stand
            _swap_in(staging, out_dir, retired)
            for folder in (staging, retired):
                with contextlib.suppress(OSError):  # a leftover is removed by the next run
                    remove_own_folder(folder)
    except OSError as exc:
        if _present(retired) and not _present(out_dir):
            retired.rename(out_dir)
        raise OutputError(f"cannot write tables: {exc}", file=out_dir.as_posix()) from None
    finally:
        for folder in (staging, retired):
            with contextlib.suppress(OSError):
                remove_own_folder(folder)


def _swap_in(staging: Path, out_dir: Path, retired: Path) -> None:
    """Put staging in out_dir's place: one rename where out_dir is absent, else one exchange
    (staging's name then holds the previous outputs), else two renames (see extract/swap.py)."""
    if not _present(out_dir):
        staging.rename(out_dir)
    else:
        try:
            swap.exchange(staging, out_dir)
        except swap.ExchangeUnsupported:
            out_dir.rename(retired)
            swap.checkpoint("between renames")
            staging.rename(out_dir)
    swap.checkpoint("swapped")


_SIBLING_SUFFIX = len(".old-") + 10 + len(".tmp")  # the longest we add: a pid has <= 10 digits
_FALLBACK_NAME_MAX = 255  # bytes per name on ext4, xfs, btrfs, tmpfs, APFS and NTFS
_SHORT_HASH = 8  # hex digits that tell two long names apart once shortened


def name_max(path: Path) -> int:
    """The longest name, in bytes, the file system under path takes."""
    for folder in (path.parent, *path.parent.parents):
        try:
            return os.pathconf(folder, "PC_NAME_MAX")
        except (OSError, ValueError):
            continue
    return _FALLBACK_NAME_MAX


def check_name_fits(path: Path) -> None:
    """A name the file system cannot hold is said in one line (it raised ENAMETOOLONG deep
    inside a stat, a traceback)."""
    limit = name_max(path)
    for part in path.parts:
        size = len(os.fsencode(part))
        if size > limit:
            raise OutputError(
                f"a name in this path is {size} bytes long, over the file system's limit of"
                f" {limit} bytes per name: choose a shorter one",
                file=path.as_posix(),
            )


def sibling_stem(path: Path) -> str:
    """The start of the hidden names written beside path ('.NAME', then '.new-PID', '.old-PID'
    or a temporary file's suffix), shortened with a hash of the name where it would not fit."""
    stem = f".{path.name}"
    limit = name_max(path) - _SIBLING_SUFFIX
    if len(os.fsencode(stem)) <= limit:
        return stem
    digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:_SHORT_HASH]
    head = os.fsencode(stem)[: limit - _SHORT_HASH - 1].decode(errors="ignore")
    return f"{head}~{digest}"


def _present(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def remove_own_folder(folder: Path) -> bool:
    """Delete a folder this pipeline wrote (or an empty one), the marker last so that a crash
    midway leaves it recognisable; any other folder is left untouched and False returned."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    entries = list(folder.iterdir())
    if entries:
        try:
            check_replaceable(folder)  # the marker and nothing but files the pipeline writes
        except OutputError:
            return False
    for entry in entries:
        if entry.name != MARKER:
            entry.unlink()
    with contextlib.suppress(FileNotFoundError):
        (folder / MARKER).unlink()
    folder.rmdir()
    return True


_LEFTOVER = re.compile(r"\.(new|old)-(\d{1,10})")


def recover_leftovers(out_dir: Path) -> str | None:
    """Repair what a run killed while writing left beside out_dir: restore out_dir from a
    `.NAME.old-PID` if it is missing, remove our other leftovers; one note line, or None."""
    out_dir = Path(out_dir)
    prefix = sibling_stem(out_dir)
    try:
        names = sorted(p.name for p in out_dir.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return None
    stale: list[tuple[str, Path]] = []
    for name in names:
        match = _LEFTOVER.fullmatch(name[len(prefix) :])
        if match and int(match[2]) != os.getpid() and not swap.alive(int(match[2])):
            stale.append((match[1], out_dir.parent / name))
    if not stale:
        return None
    done: list[str] = []
    olds = [p for kind, p in stale if kind == "old" and _restorable(p)]
    if olds and not _present(out_dir):
        # Killed between the fallback's two renames: the previous outputs are whole in .old.
        latest = max(olds, key=lambda p: p.stat().st_mtime)
        latest.rename(out_dir)
        stale = [(kind, p) for kind, p in stale if p != latest]
        done.append(f"restored {out_dir.as_posix()}/ from {latest.name}")
    removed, kept = [], []
    for _, folder in stale:
        try:
            ours = remove_own_folder(folder)
        except OSError:
            ours = False
        (removed if ours else kept).append(folder.name)
    if removed:
        done.append(f"removed {', '.join(removed)}")
    if kept:
        done.append(f"left {', '.join(kept)} alone (not written by this pipeline)")
    where = out_dir.as_posix()
    return f"note: an earlier run was stopped while writing {where}/; {'; '.join(done)}"


def _restorable(folder: Path) -> bool:
    """A folder this pipeline wrote, marker included, so it can stand as the outputs again."""
    if folder.is_symlink() or not (folder / MARKER).is_file():
        return False
    try:
        check_replaceable(folder)
    except OutputError:
        return False
    return True


MARKER = ".ilo-gsc-poa"
MARKER_TEXT = (
    "This folder was written by ilo-gsc-poa (`python pipeline.py run`).\n"
    "The next run into it replaces the whole folder: keep nothing else here.\n"
)
# The marker lists the files its run wrote; only those are the pipeline's to replace.
_LISTED = "Files it wrote:\n"
OWN_FILES = frozenset(
    {MARKER, "datapackage.json", "report.html", "audit.html", "programme.xlsx", "programme.sqlite"}
)
TABLE_SUFFIXES = (".parquet", ".csv")
SHOWN = 5


def marker_text(names: list[str]) -> str:
    """The marker: what wrote the folder, then every file name it wrote, one a line."""
    return MARKER_TEXT + _LISTED + "".join(f"{name}\n" for name in sorted({MARKER, *names}))


def own_names(folder: Path) -> frozenset[str]:
    """The files the marker says its run wrote; a marker from before the list names the files
    of every table the pipeline writes, never any CSV or Parquet file (a user's own)."""
    try:
        text = (folder / MARKER).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    head, listed, names = text.partition(_LISTED)
    if listed:
        return frozenset(name for name in names.split("\n") if name)
    from extract.model_registry import MODELS  # only for an old marker

    tables = {f"{name}{suffix}" for name in MODELS for suffix in TABLE_SUFFIXES}
    return OWN_FILES | tables


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace anything but an absent or empty folder, or one this pipeline wrote:
    it holds the marker file and nothing but the files the pipeline writes."""
    out_dir = Path(out_dir)
    check_name_fits(out_dir)
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
    own = own_names(out_dir) if ours else frozenset()
    foreign = [
        p.name + ("/" if p.is_dir() else "")
        for p in entries
        if not ours or p.is_symlink() or not p.is_file() or p.name not in own
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


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file beside it, swapped in with os.replace, so
    path holds either its old bytes or all the new ones."""
    path = Path(path)
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        check_name_fits(path)
        fd, tmp = tempfile.mkstemp(prefix=f"{sibling_stem(path)}.", suffix=".tmp", dir=path.parent)
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
