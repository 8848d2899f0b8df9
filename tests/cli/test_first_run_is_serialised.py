"""Commands started at the same moment on a new data folder (or a new PostgreSQL database) take
turns to create and migrate the database, instead of both migrating and one crashing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.postgres import new_postgres_database

# A command that migrates on first use and is cheap afterwards.
COMMAND = ["deadlines", "SCR", "notified", "2024-01-05"]
ATTEMPTS = 3
# Migrating a new PostgreSQL database takes several seconds more.
POSTGRES_ATTEMPTS = 2


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


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", range(POSTGRES_ATTEMPTS))
def test_two_machines_starting_at_once_on_a_new_postgresql_database_both_succeed(
    tmp_path: Path, attempt: int
) -> None:
    # Each has its own data folder, as on two machines: only the database can make them wait.
    with new_postgres_database() as url:
        assert_all_succeed([start(tmp_path / "machine-1", url), start(tmp_path / "machine-2", url)])
