"""A new, empty database on the PostgreSQL server the tests run on, for tests whose subprocesses
must start from nothing (the test database is already migrated)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import dj_database_url
import psycopg
import pytest
from django.db import connection


@contextmanager
def new_postgres_database() -> Iterator[str]:
    """The new database's address, dropped afterwards. The test is skipped unless the tests run
    on PostgreSQL (DATABASE_URL)."""
    if connection.vendor != "postgresql":
        pytest.skip("runs when the tests run on PostgreSQL (DATABASE_URL)")
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = f"casereview_new_{uuid.uuid4().hex[:12]}"
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
