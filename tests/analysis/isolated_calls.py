"""Calls for tests/analysis/test_isolated_children_are_bounded.py to run in a child process (the
child imports them by module name, so they live in a module of their own)."""

from __future__ import annotations

import os
import signal


def allocate(gigabytes: int) -> int:
    return len(bytearray(gigabytes * 1024**3))


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def double(n: int) -> int:
    return 2 * n
