"""`casereview serve` in production mode behind a TLS-terminating proxy: the proxy's
X-Forwarded-Proto: https is believed (no redirect loop), nobody else's is, and plain http is
still sent to https. Real waitress servers in subprocesses; requests from two loopback addresses,
one of them the trusted proxy's."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest
from django.test import override_settings

from casereview.config.checks import deploy_problems
from tests.cli.test_check_deploy import POSTGRES, SAFE

PROXY = "127.0.0.2"
ELSEWHERE = "127.0.0.1"
HOST = "reviews.example.org"
# Generous: a new server creates and migrates its database before it listens.
STARTUP_SECONDS = 120

SERVE = (
    "from casereview import cli; cli.setup_django(); cli.migrate_database(); cli.serve({!r}, {})"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((ELSEWHERE, 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def start_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str | None], int]]:
    """Start a production-mode server trusting the given proxy address (or none); its port."""
    servers: list[subprocess.Popen[bytes]] = []

    def start(trusted_proxy: str | None) -> int:
        port = free_port()
        env = {
            **os.environ,
            "CASEREVIEW_DATA_DIR": str(tmp_path_factory.mktemp("data")),
            "CASEREVIEW_PRODUCTION": "1",
            "SECRET_KEY": str(SAFE["SECRET_KEY"]),
            "ALLOWED_HOSTS": HOST,
        }
        for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "CASEREVIEW_TRUSTED_PROXY"):
            env.pop(name, None)
        if trusted_proxy:
            env["CASEREVIEW_TRUSTED_PROXY"] = trusted_proxy
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE.format(ELSEWHERE, port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers.append(server)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection((ELSEWHERE, port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"The server did not start (exit status {server.poll()}).")

    yield start
    for server in servers:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(scope="module")
def trusting_the_proxy(start_server: Callable[[str | None], int]) -> int:
    return start_server(PROXY)


@pytest.fixture(scope="module")
def trusting_no_proxy(start_server: Callable[[str | None], int]) -> int:
    return start_server(None)


def get(port: int, *, source: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(ELSEWHERE, port, timeout=60, source_address=(source, 0))
    connection.request("GET", "/", headers={"Host": HOST, **headers})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_a_request_the_trusted_proxy_forwards_as_https_is_served_without_a_redirect(
    trusting_the_proxy: int,
) -> None:
    response = get(trusting_the_proxy, source=PROXY, headers={"X-Forwarded-Proto": "https"})
    assert response.status == 200


def test_the_same_header_from_any_other_address_is_not_believed(trusting_the_proxy: int) -> None:
    response = get(trusting_the_proxy, source=ELSEWHERE, headers={"X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_the_header_is_not_believed_when_no_proxy_is_trusted(trusting_no_proxy: int) -> None:
    response = get(trusting_no_proxy, source=PROXY, headers={"X-Forwarded-Proto": "https"})
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_plain_http_through_the_trusted_proxy_is_redirected_to_https(
    trusting_the_proxy: int,
) -> None:
    response = get(trusting_the_proxy, source=PROXY, headers={})
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/"


def test_check_deploy_asks_for_the_trusted_proxy_while_redirecting_to_https() -> None:
    with override_settings(**SAFE, SECURE_SSL_REDIRECT=True, TRUSTED_PROXY=""):
        problems = deploy_problems(database_engine=POSTGRES)
    assert len(problems) == 1
    assert "CASEREVIEW_TRUSTED_PROXY is not set" in problems[0]
    with override_settings(**SAFE, SECURE_SSL_REDIRECT=True, TRUSTED_PROXY=PROXY):
        assert deploy_problems(database_engine=POSTGRES) == []
