"""Commands started at the same moment on a new data folder (or a new PostgreSQL database) take
turns to create and migrate the database, instead of both migrating and one crashing."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.db import connection

# A command that migrates on first use and is cheap afterwards.
COMMAND = ["deadlines", "SCR", "notified", "2024-01-05"]
ATTEMPTS = 3


def start(data_dir: Path, database_url: str | None) -> subprocess.Popen[str]:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.Popen(
        [sys.executable, "-m", "casereview.cli", *COMMAND],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def assert_all_succeed(processes: list[subprocess.Popen[str]]) -> None:
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "decision whether to start" in out


@pytest.mark.parametrize("attempt", range(ATTEMPTS))
def test_two_commands_started_at_once_on_a_new_data_folder_both_succeed(
    tmp_path: Path, attempt: int
) -> None:
    data_dir = tmp_path / "data"
    assert_all_succeed([start(data_dir, None), start(data_dir, None)])
    assert (data_dir / "casereview.sqlite3").exists()


@pytest.fixture
def new_postgres_database() -> Iterator[str]:
    """The address of a new, empty database on the PostgreSQL server the tests run on."""
    if connection.vendor != "postgresql":
        pytest.skip("runs when the tests run on PostgreSQL (DATABASE_URL)")
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"casereview_first_run_{uuid.uuid4().hex[:12]}"
    admin = psycopg.connect(
        host=server["HOST"] or None,
        port=server["PORT"] or None,
        user=server["USER"] or None,
        password=server["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield os.environ["DATABASE_URL"].rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", range(ATTEMPTS))
def test_two_machines_starting_at_once_on_a_new_postgresql_database_both_succeed(
    tmp_path: Path, new_postgres_database: str, attempt: int
) -> None:
    # Each has its own data folder, as on two machines: only the database can make them wait.
    assert_all_succeed(
        [
            start(tmp_path / "machine-1", new_postgres_database),
            start(tmp_path / "machine-2", new_postgres_database),
        ]
    )
