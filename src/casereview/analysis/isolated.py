"""Running an analysis in a child process that is stopped at a time limit.

A Python thread cannot be stopped from outside, so an analysis of text a person sent, run in a
server thread, would hold that thread for as long as it takes. `run` instead hands the call to
a fresh Python process (`python -m casereview.analysis.isolated`), which imports only this
package, and kills it when the time is up: `TookTooLong` then says so.

The call and its result pass through the child's standard input and output as pickles: both
ends are this module, on the same machine, run by the same user.

Each child may use at most `MEMORY_LIMIT_BYTES` of address space, and at most
`CONCURRENT_CHILDREN` run at once in one process: a flood of requests waits its turn (within its
own time limit) instead of starting one child per server thread. A child that dies (out of
memory, killed) is `AnalysisFailed`, said in plain words like any unreadable document.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from importlib import import_module
from typing import Any, TypeVar, cast

from casereview.analysis.model import UnreadableDocument

T = TypeVar("T")

# How much of the child's error output to keep (for the operator's log) when it fails outright.
STDERR_TAIL_CHARS = 2000
# Address space a child may use: reading a 100 MB document takes well under a gigabyte; above
# this the child fails alone instead of pushing the server's own process out of memory.
MEMORY_LIMIT_BYTES = 2 * 1024**3
# Children running at once per server process: one per core of a small server; more would only
# share the same cores, each taking longer to reach its time limit.
CONCURRENT_CHILDREN = 2
_TURNS = threading.BoundedSemaphore(CONCURRENT_CHILDREN)


class TookTooLong(Exception):
    """The call did not finish within `seconds`; the child process was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"The analysis took longer than {seconds:g} seconds and was stopped.")
        self.seconds = seconds


class AnalysisFailed(UnreadableDocument):
    """The child process died before it answered (out of memory, killed); ``detail`` holds the
    end of its error output for the operator's log."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            "The analysis stopped before it finished, perhaps because it needed more memory "
            "than it may use. Send a smaller file, or split the text into parts."
        )
        self.detail = detail


def run(function: Callable[..., T], *args: Any, seconds: float) -> T:
    """`function(*args)` run in a child process; its exception is raised here as it was raised
    there, `TookTooLong` if it has not returned after `seconds` (waiting for a turn included)
    and `AnalysisFailed` if the child died."""
    call = pickle.dumps((function.__module__, function.__qualname__, args))
    started = time.monotonic()
    if not _TURNS.acquire(timeout=seconds):
        raise TookTooLong(seconds)
    try:
        done = subprocess.run(
            [sys.executable, "-m", __name__],
            input=call,
            capture_output=True,
            timeout=max(seconds - (time.monotonic() - started), 0.001),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TookTooLong(seconds) from None
    finally:
        _TURNS.release()
    if done.returncode != 0 or not done.stdout:
        tail = done.stderr.decode("utf-8", errors="replace")[-STDERR_TAIL_CHARS:]
        raise AnalysisFailed(f"exit code {done.returncode}: {tail}")
    failed, value = pickle.loads(done.stdout)
    if isinstance(value, MemoryError):
        raise AnalysisFailed("out of memory") from value
    if failed:
        raise value
    return cast(T, value)


def _main() -> None:
    # Set by the child itself, first: a preexec_fn is unsafe in a server's threaded process.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    # Anything a library prints goes to standard error: standard output carries the result.
    result = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    module, name, args = pickle.load(sys.stdin.buffer)
    function: Any = import_module(module)
    for part in name.split("."):
        function = getattr(function, part)
    try:
        outcome: tuple[bool, Any] = (False, function(*args))
    except Exception as exc:  # every failure goes back to the caller, who decides
        outcome = (True, exc)
    result.write(pickle.dumps(outcome))
    result.close()


if __name__ == "__main__":
    _main()
