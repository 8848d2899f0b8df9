"""A real `casereview demo` in a subprocess, for the tests that drive one: its output, the
port it serves on, its worker, and stopping it."""

from __future__ import annotations

import http.client
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
# Generous: a new demo creates its database, writes and reads its reports before it serves.
STARTUP_SECONDS = 300
STOP_SECONDS = 60
SERVING = "casereview is serving on "


@dataclass
class Demo:
    process: subprocess.Popen[str]
    data_dir: Path
    lines: list[str] = field(default_factory=list)

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, text: str, seconds: float = STARTUP_SECONDS) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [line for line in list(self.lines) if text in line]
            if found:
                return found[0]
            if self.process.poll() is not None:
                time.sleep(0.5)  # the last lines
                break
            time.sleep(0.2)
        raise AssertionError(f"The demo never said {text!r}; it said:\n{self.output()}")

    def served_port(self) -> int:
        url = self.wait_for(SERVING).split(SERVING)[1].split()[0]
        return int(url.rstrip("/").rsplit(":", 1)[1])

    def worker_pid(self) -> int:
        """The `casereview worker` child of the demo, once its heartbeat is in the database."""
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            beats = worker_beats(self.data_dir)
            if beats:
                return beats[0]
            time.sleep(0.5)
        raise AssertionError(f"No worker beat in the demo's database:\n{self.output()}")


def worker_beats(data_dir: Path) -> list[int]:
    database = sqlite3.connect(data_dir / "casereview.sqlite3", timeout=30)
    try:
        return [pid for (pid,) in database.execute("SELECT pid FROM worker_workerbeat")]
    finally:
        database.close()


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    # A zombie has stopped; only its exit status is left for a parent to collect.
    return "\nState:\tZ" not in status


def start_demo(data_dir: Path, *args: str) -> Demo:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(data_dir), "CASEREVIEW_DEMO_WAIVE_2FA": "1"}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "casereview.cli", "demo", "--reports", "2", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        # A process group of its own, as a terminal gives a command: Ctrl+C signals the group.
        start_new_session=True,
    )
    demo = Demo(process, data_dir)

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            demo.lines.append(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return demo


def answers(port: int) -> int:
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status
    finally:
        connection.close()


def assert_all_stopped(demo: Demo, worker: int) -> None:
    demo.process.wait(timeout=STOP_SECONDS)
    deadline = time.monotonic() + STOP_SECONDS
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(worker), "The worker outlived the demo."


def kill_group(demo: Demo) -> None:
    if demo.process.poll() is None:
        os.killpg(demo.process.pid, signal.SIGKILL)
        demo.process.wait()
