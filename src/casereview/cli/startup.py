"""Starting a command: Django set up, and the database created and migrated once, under a lock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    import django

    django.setup()


# Databases this process has already brought up to date.
_MIGRATED: set[tuple[str, str]] = set()


# The file in the data folder that commands on one machine lock while they create and migrate
# the database, so that two started at once take turns instead of both creating tables.
MIGRATE_LOCK_FILE = "migrate.lock"


# The PostgreSQL advisory lock held while migrating, for commands on different machines sharing
# one database: any fixed number no other application on that database uses ("casrev" in ASCII).
MIGRATE_ADVISORY_LOCK = 0x636173726576


def migrate_database() -> None:
    """Apply any unapplied migrations, once per process and database: building the migration
    graph and reading what is applied costs 10 to 30 ms, which a command run again in the same
    process (the benchmarks, the tests) need not pay each time. Locked (see `_migration_lock`),
    and the plan read under the lock, so a command that waited finds nothing left to do."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    key = (connection.vendor, str(connection.settings_dict.get("NAME")))
    if key in _MIGRATED:
        return
    with _migration_lock():
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
    _MIGRATED.add(key)


@contextmanager
def _migration_lock() -> Iterator[None]:
    """Held while the database is created and migrated: a lock on a file in the data folder
    (taken before the first connection, which creates an SQLite database), then on PostgreSQL
    an advisory lock in the database itself."""
    import fcntl

    from django.conf import settings
    from django.db import connection

    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / MIGRATE_LOCK_FILE, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            if connection.vendor != "postgresql":
                yield
                return
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_ADVISORY_LOCK])
            try:
                yield
            finally:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_ADVISORY_LOCK])
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def ready() -> None:
    setup_django()
    migrate_database()
