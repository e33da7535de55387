"""Writing tables: Parquet and CSV side by side, all or nothing, byte for byte repeatable."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from extract.errors import OutputError


def write_tables(
    tables: dict[str, pd.DataFrame], out_dir: Path, files: dict[str, bytes] | None = None
) -> None:
    """Write every table (and any other files) into a fresh folder beside out_dir, then swap
    it in at once."""
    out_dir = Path(out_dir)
    _check_replaceable(out_dir)
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


OWN_FILES = frozenset({"datapackage.json", "report.html"})


def _check_replaceable(out_dir: Path) -> None:
    """Refuse to replace anything but a folder of this pipeline's own outputs."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError("exists and is not a folder; refusing to replace it", file=str(out_dir))
    foreign = sorted(
        p.name
        for p in out_dir.iterdir()
        if not (p.is_file() and (p.suffix in {".csv", ".parquet"} or p.name in OWN_FILES))
    )
    if foreign:
        raise OutputError(
            f"holds files this pipeline did not write ({', '.join(foreign[:5])}); refusing to"
            " replace it: choose another --out-dir",
            file=out_dir.as_posix(),
        )


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
