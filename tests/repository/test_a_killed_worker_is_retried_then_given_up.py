"""A worker killed (kill -9) while reading an upload does not leave it "running" for ever: another
worker tries it again, and after MAX_ATTEMPTS stopped attempts it is refused with the reason. The
status page says which.

Real `casereview worker` processes share one database: a SQLite file in a temporary data folder,
or, when the suite runs on PostgreSQL (``DATABASE_URL`` is set), a throwaway database on the same
server. The held upload is a named pipe, so a worker reading it waits, RUNNING, until the test
writes the report into the pipe (or kills the worker): the kill always lands mid-task.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

from casereview.repository.tasks import gave_up_reason
from casereview.worker.recovery import MAX_ATTEMPTS, SILENT_BEATS, give_up_message

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
# A quick heartbeat, so a killed worker is taken for gone after SILENT_BEATS * 0.25 = 3 seconds.
BEAT_SECONDS = 0.25
# Generous: workers start (about a second each) and the machine is shared.
WAIT_SECONDS = 60 + BEAT_SECONDS * SILENT_BEATS
REPORT = b"Review of Child U.\n\nThe family moved house often and neglect was not recognised."

SET_UP = """
import os
from casereview.cli import ready
ready()
from casereview.accounts.models import Board, Membership, Role, User
from casereview.audit.actors import Actor
from casereview.repository import services
from casereview.repository.tasks import ingest_upload

board, _ = Board.objects.get_or_create(
    slug="ashbourne-vale",
    defaults={
        "name": "Ashbourne Vale Safeguarding Children Partnership",
        "local_authority": "Ashbourne Vale", "region": "north-west",
    },
)
mo = User.objects.filter(email="mo@example.org").first()
if mo is None:
    mo = User.objects.create_user("mo@example.org", None, full_name="Mo Manager")
    Membership.objects.create(user=mo, board=board, role=Role.BOARD_MANAGER)
"""

UPLOAD = (
    SET_UP
    + """
upload = services.accept_upload(b"not yet", "child-u.txt", board=board, actor=Actor(user=mo))
held = services.files_dir() / upload.pending_name
held.unlink()
os.mkfifo(held)
ingest_upload.enqueue(upload.pk)
print(upload.pk, held)
"""
)

STATUS_PAGE = """
import sys
from casereview.cli import ready
ready()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.urls import reverse
from casereview.accounts.models import User
from tests.conftest import signed_in_client

client = signed_in_client(User.objects.get(email="mo@example.org"))
print(client.get(reverse("repository:upload-status", args=[int(sys.argv[1])])).content.decode())
"""


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(scope="module")
def shared_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment variables that point every process at one fresh database, made once for the
    module (migrating it is the slowest step); each test adds its own upload."""
    env = {"CASEREVIEW_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield env
        return
    if not urlsplit(url).scheme.startswith("postgres"):
        pytest.skip(f"this test runs on SQLite or PostgreSQL, not {url.split(':')[0]}")
    import psycopg

    name = f"casereview_worker_{uuid.uuid4().hex[:12]}"
    server = _with_database(url, "postgres")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": _with_database(url, name)}
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """The shared database and the worker processes this test started."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        }
        self.env.update(env)
        self.env.update(
            CASEREVIEW_WORKER_BEAT_SECONDS=str(BEAT_SECONDS),
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        )
        self.workers: list[subprocess.Popen[str]] = []

    def python(self, script: str, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start_worker(self) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "casereview.cli", "worker", "--interval", "0.1"],
            cwd=REPO,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.workers.append(process)
        return process

    def kill(self, process: subprocess.Popen[str]) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.workers:
            process.terminate()
        for process in self.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.workers.clear()

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        if "DATABASE_URL" in self.env:
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as connection:
                return list(connection.execute(sql).fetchall())
        path = Path(self.env["CASEREVIEW_DATA_DIR"]) / "casereview.sqlite3"
        database = sqlite3.connect(path, timeout=30)
        try:
            return database.execute(sql).fetchall()
        finally:
            database.close()

    def task(self) -> tuple[str, list[str], str, str]:
        """The latest task (each test queues one): status, worker ids, error class and text."""
        ((status, worker_ids, error, traceback),) = self.rows(
            "SELECT status, worker_ids, exception_class_path, traceback "
            "FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at DESC LIMIT 1"
        )
        ids = json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids
        return status, ids, error, traceback

    def upload(self, pk: int) -> tuple[str, str, int]:
        ((status, reason, interruptions),) = self.rows(
            f"SELECT status, reason, interruptions FROM repository_upload WHERE id = {pk}"
        )
        return status, reason, interruptions

    def status_page(self, pk: int) -> str:
        return " ".join(self.python(STATUS_PAGE, str(pk)).split())


def wait_for(what: str, check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def running_attempt(site: Site, attempt: int) -> Callable[[], bool]:
    def check() -> bool:
        status, worker_ids, _, _ = site.task()
        return status == "RUNNING" and len(worker_ids) == attempt

    return check


def write_into_pipe(pipe: Path, data: bytes) -> None:
    """Hand the report to the worker reading the pipe (opening waits for a reader)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as error:
            assert error.errno == errno.ENXIO, error
            assert time.monotonic() < deadline, "no worker opened the held upload"
            time.sleep(0.05)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as pipe_end:
        pipe_end.write(data)


@pytest.fixture
def site(shared_database: dict[str, str]) -> Iterator[Site]:
    running = Site(shared_database)
    try:
        yield running
    finally:
        running.stop_all()


def set_up_upload(site: Site) -> tuple[int, Path]:
    pk, held = site.python(UPLOAD).split()
    return int(pk), Path(held)


def documents(site: Site) -> int:
    ((count,),) = site.rows("SELECT COUNT(*) FROM repository_document")
    return int(count)


def kill_the_worker_on_attempt(site: Site, worker: subprocess.Popen[str], attempt: int) -> None:
    wait_for(f"attempt {attempt} to be running", running_attempt(site, attempt))
    site.kill(worker)


def test_a_task_whose_worker_was_killed_is_tried_again_and_finishes(site: Site) -> None:
    pk, held = set_up_upload(site)
    before = documents(site)

    kill_the_worker_on_attempt(site, site.start_worker(), 1)
    site.start_worker()
    wait_for("another worker to try again", running_attempt(site, 2))
    retrying = site.status_page(pk)
    write_into_pipe(held, REPORT)
    wait_for("the task to finish", lambda: site.task()[0] != "RUNNING")

    assert site.task()[0] == "SUCCESSFUL"
    assert site.upload(pk) == ("added", "", 1)
    assert documents(site) == before + 1
    ingested = "SELECT COUNT(*) FROM audit_event WHERE action = 'document.ingested'"
    assert site.rows(ingested) == [(before + 1,)]
    assert not held.exists()
    assert "Being read again" in retrying
    assert f"it is being read again: attempt 2 of {MAX_ATTEMPTS}" in retrying


def test_a_task_whose_worker_is_killed_every_time_is_failed_with_the_reason(site: Site) -> None:
    pk, held = set_up_upload(site)
    before = documents(site)

    for attempt in range(1, MAX_ATTEMPTS + 1):
        kill_the_worker_on_attempt(site, site.start_worker(), attempt)
    site.start_worker()
    wait_for("the task to be given up", lambda: site.task()[0] != "RUNNING")

    status, worker_ids, error, traceback = site.task()
    assert (status, len(worker_ids)) == ("FAILED", MAX_ATTEMPTS)
    assert error == "casereview.worker.recovery.WorkerStopped"
    assert traceback == give_up_message(MAX_ATTEMPTS)
    assert site.upload(pk) == ("rejected", gave_up_reason(MAX_ATTEMPTS), MAX_ATTEMPTS)
    assert documents(site) == before
    assert not held.exists()
    page = site.status_page(pk)
    assert "Refused" in page
    assert f"The worker stopped while reading this file, {MAX_ATTEMPTS} times" in page
