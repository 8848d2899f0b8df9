"""`casereview serve` refuses a request body larger than any document at once, from its
Content-Length, instead of buffering up to waitress's default of 1 GB to disk before the
application can say no. A real waitress server in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from tests.cli.test_serving_behind_a_proxy import ELSEWHERE, STARTUP_SECONDS, free_port

SERVE = (
    "from casereview import cli; cli.setup_django(); cli.migrate_database(); cli.serve({!r}, {})"
)
MAX_DOCUMENT_MB = 1


@pytest.fixture(scope="module")
def port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    env = {
        **os.environ,
        "CASEREVIEW_DATA_DIR": str(tmp_path_factory.mktemp("data")),
        "CASEREVIEW_MAX_DOCUMENT_MB": str(MAX_DOCUMENT_MB),
    }
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "CASEREVIEW_PRODUCTION"):
        env.pop(name, None)
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE.format(ELSEWHERE, port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            socket.create_connection((ELSEWHERE, port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "no server"
            time.sleep(0.2)
    yield port
    server.terminate()
    server.wait(timeout=30)


def status_of_a_post_announcing(port: int, length: int) -> str:
    """Send only the headers of a POST of ``length`` bytes; the status line the server answers
    with (a server that waits for the body answers nothing before the timeout)."""
    with socket.create_connection((ELSEWHERE, port), timeout=15) as connection:
        connection.sendall(
            f"POST /repository/upload/ HTTP/1.1\r\nHost: {ELSEWHERE}\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {length}\r\n\r\n".encode()
        )
        try:
            return connection.recv(200).decode("latin-1").split("\r\n", 1)[0]
        except TimeoutError:
            return "no answer: the server waited for the body"


def test_a_body_larger_than_any_document_is_refused_from_its_length_alone(port: int) -> None:
    announced = (MAX_DOCUMENT_MB + 5) * 1024 * 1024

    assert " 413 " in status_of_a_post_announcing(port, announced)
