"""A PDF's pages read on every core: pdfminer draws one page at a time on one core, so a
pool of forked processes draws the pages side by side and the results are merged in page
order. What a page gives does not depend on which process drew it, so the geometries (and
every output) are the same as one process reading the pages one after another."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from extract.readers.pdf.settings import PdfSettings

if TYPE_CHECKING:
    from extract.readers.pdf.geometry import Geometry

T = TypeVar("T")


@dataclass(frozen=True)
class PageRead:
    """One page as a process read it: its geometry, what the library reported while drawing
    it, or the error that stopped the reading (as words: exceptions do not travel well)."""

    no: int
    geometry: Geometry | None = None
    heard: tuple[str, ...] = ()
    failure: str | None = None  # "unreadable PDF: <kind>: <detail>"


def workers_for(pages: int, wanted: int, settings: PdfSettings) -> int:
    """How many processes read `pages` pages: `wanted` (0: one per core), one where the file
    is too small to pay for the pool or where processes cannot be forked."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = min(wanted or cores or 1, pages // settings.pages_per_worker)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # a spawned process imports everything again: more than it saves here
    return max(jobs, 1)


def read_page(page: Any, no: int, settings: PdfSettings, heard: list[str]) -> PageRead:
    """One page drawn, with what the library said while drawing it."""
    from extract.readers.pdf.geometry import page_to_geometry

    before = len(heard)
    try:
        geo = page_to_geometry(page, no, settings)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        detail = str(exc) or " ".join(str(a) for a in exc.args) or "no detail"
        return PageRead(no, failure=f"unreadable PDF: {type(exc).__name__}: {detail}")
    finally:
        page.close()
    return PageRead(no, geo, tuple(heard[before:]))


# The file's bytes and the work, set before the pool forks so that each process finds them
# without a copy through the pool's pipe.
_DATA: bytes = b""
_TASK: Callable[[bytes, Sequence[int]], list[Any]] | None = None


def _quiet() -> None:
    """A worker leaves Ctrl-C and termination to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _read_share(data: bytes, nos: Sequence[int], settings: PdfSettings) -> list[PageRead]:
    """A worker's pages in order, stopping at the first that cannot be read."""
    import io

    import pdfplumber

    from extract.readers.pdf.damage import library_watched

    out = []
    with library_watched() as heard, pdfplumber.open(io.BytesIO(data)) as pdf:
        for no in nos:
            read = read_page(pdf.pages[no - 1], no, settings, heard)
            out.append(read)
            if read.failure or read.heard:
                break
    return out


def pages_in_pool(
    data: bytes, nos: Sequence[int], task: Callable[[bytes, Sequence[int]], list[T]], jobs: int
) -> list[T]:
    """`task(data, pages)` for every jobs-th page of `nos` in each of `jobs` forked
    processes, the results joined (each task returns its pages' results in its own order).
    Neighbouring pages cost alike, so every-jobs-th balances the processes."""
    global _DATA, _TASK
    _DATA, _TASK = data, task
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet)
    try:
        results = pool.map(_run_task, [nos[k::jobs] for k in range(jobs)], chunksize=1)
        pool.close()
    finally:
        pool.terminate()  # at once on Ctrl-C or an error; a no-op after close and map
        pool.join()
        _DATA, _TASK = b"", None
    return [item for share in results for item in share]


def _run_task(nos: Sequence[int]) -> list[Any]:
    assert _TASK is not None
    return _TASK(_DATA, nos)


def read_in_pool(
    data: bytes, nos: Sequence[int], settings: PdfSettings, jobs: int
) -> dict[int, PageRead]:
    """Pages `nos` drawn by `jobs` forked processes, by page number. Each process stops at
    its first failing page, so the lowest failing page is the one a single process reading
    in order would have stopped at."""
    reads = pages_in_pool(data, nos, partial(_read_share, settings=settings), jobs)
    return {read.no: read for read in reads}
