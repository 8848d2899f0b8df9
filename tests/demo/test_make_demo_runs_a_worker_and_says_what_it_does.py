"""`casereview demo` (what `make demo` runs) says each stage while it builds, gives the address
it really serves on, runs a background worker beside the server so that uploads are read, and
stops that worker with the server: on SIGTERM, and on Ctrl+C (SIGINT to the process group).
Real demos in subprocesses, with a small corpus."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from casereview.cli import DEMO_PORT

HOST = "127.0.0.1"
# Generous: a new demo creates its database, writes and reads its reports before it serves.
STARTUP_SECONDS = 300
STOP_SECONDS = 60
SERVING = "casereview is serving on "
STAGES = [
    "Creating the database…",
    "Loading boards and people…",
    "Loading fictional cases…",
    "Writing 2 fictional reports (0/2)…",
    "Writing 2 fictional reports (2/2)…",
    "Reading reports into the repository…",
    "Reading reports into the repository (2/2)…",
    "casereview demo data is ready.",
]


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


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    running = start_demo(tmp_path_factory.mktemp("demo"), "--port", "0")
    running.served_port()
    yield running
    kill_group(running)


def test_it_says_each_stage_in_order_while_it_builds(demo: Demo) -> None:
    positions = [
        next((n for n, line in enumerate(demo.lines) if line == stage), -1) for stage in STAGES
    ]

    assert -1 not in positions, demo.output()
    assert positions == sorted(positions), demo.output()


def test_the_banner_gives_the_port_it_really_listens_on(demo: Demo) -> None:
    port = demo.served_port()

    assert port != 0
    assert f"Sign in at http://{HOST}:{port}/sign-in/" in demo.output()
    assert answers(port) in (200, 302)


def test_a_casereview_worker_runs_beside_the_server(demo: Demo) -> None:
    worker = demo.worker_pid()

    assert worker in children(demo.process.pid)
    command = Path(f"/proc/{worker}/cmdline").read_bytes().split(b"\0")
    assert b"casereview.cli" in command
    assert b"worker" in command


def test_sigterm_stops_the_server_and_its_worker(demo: Demo) -> None:
    worker = demo.worker_pid()

    demo.process.send_signal(signal.SIGTERM)

    assert_all_stopped(demo, worker)
    # Stopped cleanly: the worker removed its own heartbeat.
    assert worker_beats(demo.data_dir) == []


def test_with_its_port_busy_it_serves_on_a_free_one_and_ctrl_c_stops_it_all(
    tmp_path: Path,
) -> None:
    holder = socket.socket()
    try:
        holder.bind((HOST, DEMO_PORT))
        holder.listen()
    except OSError:
        pass  # already busy: all the better
    running = start_demo(tmp_path / "data")
    try:
        port = running.served_port()
        worker = running.worker_pid()

        assert port != DEMO_PORT
        assert f"Port {DEMO_PORT} is in use" in running.output()
        assert f"Sign in at http://{HOST}:{port}/sign-in/" in running.output()

        os.killpg(running.process.pid, signal.SIGINT)

        assert_all_stopped(running, worker)
    finally:
        holder.close()
        kill_group(running)


def test_a_demo_killed_outright_takes_its_worker_with_it(tmp_path: Path) -> None:
    running = start_demo(tmp_path / "data", "--port", "0")
    try:
        running.served_port()
        worker = running.worker_pid()

        # SIGKILL to the demo alone: it gets no chance to stop its worker itself.
        running.process.kill()

        assert_all_stopped(running, worker)
    finally:
        kill_group(running)


def test_it_refuses_a_port_in_use_before_loading_anything(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind((HOST, 0))
        holder.listen()
        busy = holder.getsockname()[1]
        running = start_demo(tmp_path / "data", "--port", str(busy))
        try:
            running.process.wait(timeout=STARTUP_SECONDS)
            running.wait_for("is already in use", seconds=5)
        finally:
            kill_group(running)

    assert running.process.returncode == 2
    assert "choose another port with --port" in running.output()
    assert "Loading boards and people" not in running.output()
