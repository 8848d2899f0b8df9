"""`casereview demo` (what `make demo` runs) says each stage while it builds, gives the address
it really serves on, runs a background worker beside the server so that uploads are read, and
stops that worker with the server: on SIGTERM, and on Ctrl+C (SIGINT to the process group).
Real demos in subprocesses, with a small corpus."""

from __future__ import annotations

import os
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from casereview.cli import DEMO_PORT
from tests.demo.running import (
    HOST,
    STARTUP_SECONDS,
    Demo,
    answers,
    assert_all_stopped,
    children,
    kill_group,
    start_demo,
    worker_beats,
)

STAGES = [
    "Creating the database…",
    "Loading boards and people…",
    "Loading fictional cases…",
    "Writing 2 fictional reports (0/2)…",
    "Writing 2 fictional reports (2/2)…",
    "Reading reports into the repository…",
    "Reading reports into the repository (2/2)…",
    "Redacting identifying details and publishing the reports (0/2)…",
    "Redacting identifying details and publishing the reports (2/2)…",
    "casereview demo data is ready.",
]


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
