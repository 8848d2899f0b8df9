"""Two `casereview remind` processes running at the same time send each reminder exactly once.

The processes share one database: a SQLite file in a temporary data folder, or, when the suite
runs on PostgreSQL (``DATABASE_URL`` is set), a throwaway database on the same server. They
write their emails through :class:`SlowFileBackend`, one file per message, and each holds its
first send until the other has claimed a reminder too, so the two runs certainly overlap.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.mail.backends.base import BaseEmailBackend

REPO = Path(__file__).resolve().parents[2]
DUE_SOON = 20  # cases whose rapid review is due on Wednesday 25 March 2026
OVERDUE = 20  # cases whose rapid review was due on Wednesday 25 February 2026
TODAY = "2026-03-20"
SEND_SECONDS = 0.05  # a slow mail server, so that the runs interleave
PARTNER_WAIT_SECONDS = 60

SET_UP = f"""
import datetime
from casereview.cli import ready
ready()
from casereview.accounts.models import Board, Membership, Role, User
from casereview.cases.models import Case, CaseIdentity

board = Board.objects.create(
    name="Ashbourne Vale Safeguarding Children Partnership", slug="ashbourne-vale",
    local_authority="Ashbourne Vale", region="north-west",
)
for email, role in [("alice@example.org", Role.CHAIR), ("mo@example.org", Role.BOARD_MANAGER)]:
    user = User.objects.create_user(email, None, full_name=email.split("@")[0].title())
    Membership.objects.create(user=user, board=board, role=role)
for n in range({DUE_SOON + OVERDUE}):
    notified = datetime.date(2026, 3, 4) if n < {DUE_SOON} else datetime.date(2026, 2, 4)
    case = Case.objects.create(
        board=board, pseudonym=f"Child {{n:02d}}", regime="CSPR",
        aware_on=notified - datetime.timedelta(days=2), notified_on=notified,
        incident_on=notified - datetime.timedelta(days=4), outcome="serious_harm",
        abuse_certainty="suspected", sex="female", disability="no",
        child_protection_plan="no", child_in_need="no", looked_after="no",
    )
    CaseIdentity.objects.create(case=case, legal_name=f"Secret Name {{n:02d}}")
"""


class SlowFileBackend(BaseEmailBackend):
    """Each message to a file of its own under $REMIND_TEST_OUT/mail, after a pause.

    A process's first send waits (up to a minute) until another process has reached its first
    send as well: the other process has then claimed a reminder while this one holds its own.
    """

    partner_seen = False

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        out = Path(os.environ["REMIND_TEST_OUT"])
        if not SlowFileBackend.partner_seen:
            (out / "ready" / str(os.getpid())).touch()
            deadline = time.monotonic() + PARTNER_WAIT_SECONDS
            while len(list((out / "ready").iterdir())) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            SlowFileBackend.partner_seen = True
        for message in email_messages:
            time.sleep(SEND_SECONDS)
            (out / "mail" / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment variables that point every process at one fresh, empty database."""
    env = {"CASEREVIEW_DATA_DIR": str(tmp_path / "data")}
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        yield env
        return
    if not urlsplit(url).scheme.startswith("postgres"):
        pytest.skip(f"the concurrency test runs on SQLite or PostgreSQL, not {url.split(':')[0]}")
    import psycopg

    name = f"casereview_remind_{uuid.uuid4().hex[:12]}"
    server = _with_database(url, "postgres")
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**env, "DATABASE_URL": _with_database(url, name)}
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(shared_database: dict[str, str], out: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(shared_database)
    env.update(
        EMAIL_BACKEND=f"{__name__}.SlowFileBackend",
        REMIND_TEST_OUT=str(out),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    return env


def _remind(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "casereview.cli", "remind", "--today", TODAY],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=300)
    return process.returncode, out, err


def _sent(summary: str) -> int:
    found = re.search(r"^Sent (\d+) reminders? ", summary, re.MULTILINE)
    assert found, summary
    return int(found.group(1))


@pytest.mark.slow
def test_two_runs_at_the_same_time_send_each_reminder_once(
    tmp_path: Path, shared_database: dict[str, str]
) -> None:
    out = tmp_path / "out"
    (out / "mail").mkdir(parents=True)
    (out / "ready").mkdir()
    env = _environment(shared_database, out)
    set_up = subprocess.run(
        [sys.executable, "-c", SET_UP],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert set_up.returncode == 0, set_up.stderr

    first, second = _remind(env), _remind(env)
    runs = [_finish(first), _finish(second)]

    for status, _, stderr in runs:
        assert status == 0, stderr
        assert "database is locked" not in stderr
    sent = [_sent(stdout) for _, stdout, _ in runs]
    # Both runs sent some: they really ran side by side, and neither waited for the other.
    assert all(n > 0 for n in sent), runs
    assert sum(sent) == DUE_SOON + OVERDUE

    messages = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in (out / "mail").iterdir()
    ]
    subjects = sorted(" ".join(str(message["subject"]).split()) for message in messages)
    expected = sorted(
        f"Due in 5 days: Rapid review sent to the national panel — Child {n:02d} "
        "(Ashbourne Vale Safeguarding Children Partnership)"
        for n in range(DUE_SOON)
    ) + sorted(
        f"Overdue by 23 days: Rapid review sent to the national panel — Child {n:02d} "
        "(Ashbourne Vale Safeguarding Children Partnership)"
        for n in range(DUE_SOON, DUE_SOON + OVERDUE)
    )
    assert subjects == sorted(expected)
    assert not [m for m in messages if "Secret Name" in m.as_string()]

    if "DATABASE_URL" in env:
        assert not (tmp_path / "data" / "casereview.sqlite3").exists()

    status, stdout, stderr = _finish(_remind(env))
    assert status == 0, stderr
    assert stdout.strip().endswith(
        f"Sent 0 reminders (0 due soon, 0 overdue); skipped {DUE_SOON + OVERDUE} already sent."
    )
    assert len(list((out / "mail").iterdir())) == DUE_SOON + OVERDUE
