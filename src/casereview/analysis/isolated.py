"""Running an analysis in a child process that is stopped at a time limit.

A Python thread cannot be stopped from outside, so an analysis of text a person sent, run in a
server thread, would hold that thread for as long as it takes. `run` instead hands the call to
a fresh Python process (`python -m casereview.analysis.isolated`), which imports only this
package, and kills it when the time is up: `TookTooLong` then says so.

The call and its result pass through the child's standard input and output as pickles: both
ends are this module, on the same machine, run by the same user.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any, TypeVar, cast

T = TypeVar("T")

# How much of the child's error output to keep in the message when it fails outright.
STDERR_TAIL_CHARS = 2000


class TookTooLong(Exception):
    """The call did not finish within `seconds`; the child process was stopped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"The analysis took longer than {seconds:g} seconds and was stopped.")
        self.seconds = seconds


def run(function: Callable[..., T], *args: Any, seconds: float) -> T:
    """`function(*args)` run in a child process; its exception is raised here as it was raised
    there, and `TookTooLong` if it has not returned after `seconds`."""
    call = pickle.dumps((function.__module__, function.__qualname__, args))
    try:
        done = subprocess.run(
            [sys.executable, "-m", __name__],
            input=call,
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TookTooLong(seconds) from None
    if done.returncode != 0 or not done.stdout:
        tail = done.stderr.decode("utf-8", errors="replace")[-STDERR_TAIL_CHARS:]
        raise RuntimeError(f"The analysis process failed (exit code {done.returncode}): {tail}")
    failed, value = pickle.loads(done.stdout)
    if failed:
        raise value
    return cast(T, value)


def _main() -> None:
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
