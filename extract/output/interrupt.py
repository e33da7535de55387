"""Ctrl-C and SIGTERM: the run stops with one line and exit status 128 + the signal number."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)

_deferring = False
_pending: int | None = None


class Interrupted(BaseException):
    """A signal stopped the run. A BaseException, so no `except Exception` swallows it."""

    def __init__(self, signum: int, *, replaced: bool = False) -> None:
        self.signum = signum
        self.replaced = replaced
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if self.replaced:  # the signal came while the new folder was being swapped in
            return "interrupted; the new outputs were already in place"
        return "interrupted; outputs left as they were"

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum: int, frame: FrameType | None) -> None:
    global _pending
    if _deferring:
        _pending = _pending or signum
        return
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """Inside the block SIGINT and SIGTERM raise Interrupted (main thread only: Python lets no
    other thread set handlers); the previous handlers come back after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a signal that arrives inside the block (the swap and its cleanup) until the block
    has finished, then raise it as Interrupted(replaced=True)."""
    global _deferring, _pending
    _deferring, _pending = True, None
    try:
        yield
    finally:
        _deferring = False
    signum, _pending = _pending, None
    if signum is not None:
        raise Interrupted(signum, replaced=True)
