"""Swapping a written folder in: one renameat2(RENAME_EXCHANGE) on Linux, and test checkpoints.

Where the kernel, the filesystem or libc cannot exchange (ENOSYS, EINVAL, EOPNOTSUPP, no
renameat2), write_tables falls back to two renames. That is still safe against crashes, as the
next run restores the previous outputs from `.NAME.old-PID`, but for an instant between the two
renames a reader finds no folder; refusing to write at all on such filesystems would be worse.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}


class ExchangeUnsupported(OSError):
    """This system cannot exchange two paths in one step; nothing was changed."""


def checkpoint(step: str) -> None:
    """Called at each step of write_tables; does nothing. Tests replace it in a child process
    to kill or signal the writer there ('staging started', 'staging written',
    'between renames', 'swapped')."""


@cache
def _renameat2() -> Callable[..., int] | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a libc older than glibc 2.28
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> None:
    """Swap the two existing paths a and b atomically: each name then holds the other's folder.
    Raises ExchangeUnsupported, having changed nothing, where the system cannot."""
    function = _renameat2()
    if function is None:
        raise ExchangeUnsupported(errno.ENOSYS, "renameat2 is not available", str(a))
    if function(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return
    code = ctypes.get_errno()
    kind = ExchangeUnsupported if code in _UNSUPPORTED else OSError
    raise kind(code, os.strerror(code), str(a), None, str(b))


def alive(pid: int) -> bool:
    """Whether a process with this id runs (one of another user's counts); a reused id reads as
    alive, which only leaves its folders alone."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return True  # not a usable id: treat as not ours to judge
    return True
