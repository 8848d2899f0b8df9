"""The background worker that `casereview demo` runs beside its server, and how it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Set by `casereview demo` on the worker it starts: that worker stops when the demo does, even
# when the demo is killed outright (SIGKILL) and cannot stop it.
PARENT_ENV = "CASEREVIEW_WORKER_PARENT"


def stop_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when the process that started it dies (the
    worker's SIGTERM is its ordinary "finish the task in hand and stop")."""
    parent = os.environ.pop(PARENT_ENV, "")
    if not parent.isdigit() or not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != int(parent):
        # The parent died before the request was made: nothing would send the signal.
        raise SystemExit(0)


# A worker asked to stop finishes the task in hand first; reading one large upload can take
# this long. After it the worker is killed, and its task is read again when a worker next runs.
WORKER_STOP_SECONDS = 30


@contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes]]:
    """A `casereview worker` child for as long as the block runs, then stopped and waited for:
    the demo's uploads are read within seconds, and no worker outlives the demo."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "casereview.cli", "worker"],
        env={**os.environ, PARENT_ENV: str(os.getpid())},
    )
    try:
        yield worker
    finally:
        stop_worker(worker)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    # A second Ctrl+C while waiting must not leave the worker running.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        # After Ctrl+C the worker has had the terminal's SIGINT too: an idle one is already
        # going, and a second signal would cut a busy one's task short.
        worker.wait(timeout=1)
        return
    except subprocess.TimeoutExpired:
        pass
    worker.terminate()
    try:
        worker.wait(timeout=WORKER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
