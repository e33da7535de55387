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

from extract.errors import PipelineError

T = TypeVar("T")


# The default for `--limit workers`, for a machine or a test run that shares its cores (the
# test suite's own processes run one reading each): a whole number; anything else is ignored.
WORKERS_VARIABLE = "ILO_GSC_POA_WORKERS"


def _from_environment() -> int:
    text = os.environ.get(WORKERS_VARIABLE, "")
    return int(text) if text.isdigit() else 0


def workers_for(pages: int, wanted: int, per_worker: int) -> int:
    """How many processes take `pages` pages: `wanted` (0: $ILO_GSC_POA_WORKERS, else one per
    core), no more than one per `per_worker` pages (fewer do not pay for a process), and one
    where processes cannot be forked."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = min(wanted or _from_environment() or cores or 1, pages // per_worker)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1  # a spawned process imports everything again: more than it saves here
    return max(jobs, 1)


# The file's bytes and the work, set before the processes fork so that each finds them
# without a copy through a pipe.
_DATA: bytes = b""
_TASK: Callable[[bytes, Sequence[int]], list[Any]] | None = None


ONE_PROCESS = "--limit workers=1 reads the pages in one process"


class WorkerLost(PipelineError):
    """A page worker ended without sending its pages (killed, or out of memory)."""


def _work(nos: Sequence[int], conn: Any) -> None:
    """A worker: Ctrl-C and termination are the parent's to handle; send the pages' results,
    or the error that stopped them, and end."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    assert _TASK is not None
    try:
        conn.send(("ok", _TASK(_DATA, nos)))
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent, as in one process
        try:
            conn.send(("raise", exc))
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled: its words
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def pages_in_pool(
    data: bytes, nos: Sequence[int], task: Callable[[bytes, Sequence[int]], list[T]], jobs: int
) -> list[T]:
    """`task(data, pages)` for every jobs-th page of `nos` in each of `jobs` forked
    processes (neighbouring pages cost alike, so this balances them), the results in the
    order of `nos`; a task may stop early, and its pages' results then end there. What a
    task raises is raised here; a worker that dies without an answer raises WorkerLost
    instead of being waited for."""
    global _DATA, _TASK
    context = multiprocessing.get_context("fork")
    _DATA, _TASK = data, task
    workers = []
    try:
        for k in range(jobs):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_work, args=(nos[k::jobs], send), daemon=True)
            process.start()
            send.close()  # the worker's end: closed here, so its death is an EOF here
            workers.append((process, receive))
        results: list[list[T]] = []
        for process, receive in workers:
            try:
                status, value = receive.recv()
            except EOFError:
                process.join()
                raise WorkerLost(
                    f"a page worker ended without its pages (exit {process.exitcode}; killed,"
                    " or out of memory?)"
                ) from None
            if status == "raise":
                raise value  # what the task raised, as one process would have raised it
            if status != "ok":
                raise WorkerLost(f"a page worker failed: {value}")
            results.append(value)
        return [
            results[i % jobs][i // jobs]
            for i in range(len(nos))
            if i // jobs < len(results[i % jobs])
        ]
    finally:
        for process, receive in workers:
            if process.is_alive():
                process.terminate()  # on Ctrl-C or an error: at once
            process.join()
            receive.close()
        _DATA, _TASK = b"", None
