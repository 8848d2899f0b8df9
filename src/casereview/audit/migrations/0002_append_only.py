"""Make the audit trail append-only in the database itself, not only in the model.

The model already refuses ``save()`` of an existing row and queryset ``update()``/``delete()``,
but raw SQL, ``_base_manager`` and future code could slip past Python. Triggers refuse any
UPDATE or DELETE on ``audit_event`` whichever way it arrives. Both vendors report the refusal as
an integrity error, so callers and tests see the same exception class.

PostgreSQL's TRUNCATE fires no row triggers and needs its own privilege; it is left to the
database's grants (the application never truncates).
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

MESSAGE = "audit events are append-only"

INSTALL: dict[str, list[str]] = {
    "sqlite": [
        f"""
        CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_event
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END
        """,
        f"""
        CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END
        """,
    ],
    "postgresql": [
        f"""
        CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger
        LANGUAGE plpgsql AS $body$
        BEGIN
            RAISE EXCEPTION USING
                ERRCODE = 'restrict_violation',
                MESSAGE = '{MESSAGE}: ' || TG_OP || ' refused';
        END
        $body$
        """,
        "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event",
        """
        CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
        """,
    ],
}

UNINSTALL: dict[str, list[str]] = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_event_no_update",
        "DROP TRIGGER IF EXISTS audit_event_no_delete",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event",
        "DROP FUNCTION IF EXISTS audit_event_refuse_change()",
    ],
}


def _run(statements: dict[str, list[str]], schema_editor: Any) -> None:
    # casereview supports SQLite and PostgreSQL only (DESIGN §8); elsewhere the model guard stays.
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, None)


def install(apps: Any, schema_editor: Any) -> None:
    _run(INSTALL, schema_editor)


def uninstall(apps: Any, schema_editor: Any) -> None:
    _run(UNINSTALL, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
