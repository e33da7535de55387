"""Work on a PDF's pages on every core: pdfminer draws one page at a time on one core, so a
pool of forked processes takes the pages side by side and the results are joined in page
order. What a page gives does not depend on which process took it, so every output is the
same as one process going through the pages one after another."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from extract.readers.pdf.settings import PdfSettings

T = TypeVar("T")


# The default for `--limit workers`, for a machine or a test run that shares its cores (the
# test suite's own processes run one reading each): a whole number; anything else is ignored.
WORKERS_VARIABLE = "ILO_GSC_POA_WORKERS"


def _from_environment() -> int:
    text = os.environ.get(WORKERS_VARIABLE, "")
    return int(text) if text.isdigit() else 0


def workers_for(pages: int, wanted: int, settings: PdfSettings) -> int:
    """How many processes read `pages` pages: `wanted` (0: $ILO_GSC_POA_WORKERS, else one per
    core), one where the file is too small to pay for the pool or where processes cannot be
    forked."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = min(wanted or _from_environment() or cores or 1, pages // settings.pages_per_worker)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # a spawned process imports everything again: more than it saves here
    return max(jobs, 1)


# The file's bytes and the work, set before the pool forks so that each process finds them
# without a copy through the pool's pipe.
_DATA: bytes = b""
_TASK: Callable[[bytes, Sequence[int]], list[Any]] | None = None


def _quiet() -> None:
    """A worker leaves Ctrl-C and termination to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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
