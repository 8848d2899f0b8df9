"""The `casereview` command's contract: its help, its set-up on first use, and its errors."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from casereview import cli
from casereview.accounts.models import Membership, Role, User
from casereview.audit.events import Action
from casereview.audit.models import Event

CONTRACT_COMMANDS = ["demo", "serve", "worker", "createuser", "check-deploy", "demo-corpus"]


def test_its_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in CONTRACT_COMMANDS:
        assert command in out


def test_it_creates_and_migrates_a_new_database_on_first_use(tmp_path: Path) -> None:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "casereview.cli",
            "createuser",
            "new@example.org",
            "--name",
            "New",
            "--administrator",
            "--password-stdin",
        ],
        input="a-Strong-password-42\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Created New <new@example.org>" in result.stdout
    assert (tmp_path / "data" / "casereview.sqlite3").exists()


@pytest.mark.django_db
def test_createuser_gives_a_board_role_and_audits_it(
    personas: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-Strong-password-42\n"))
    status = cli.main(
        [
            "createuser",
            "eve@example.org",
            "--name",
            "Eve Owner",
            "--board",
            "ashbourne-vale",
            "--role",
            "action_owner",
            "--agency",
            "Housing",
            "--password-stdin",
        ]
    )
    assert status == 0
    user = User.objects.get(email="eve@example.org")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.agency) == (Role.ACTION_OWNER, "Housing")
    assert Event.objects.filter(action=Action.USER_CREATED, object_id=str(user.pk)).exists()
    assert Event.objects.filter(action=Action.MEMBERSHIP_ADDED).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("extra", "password", "message"),
    [
        (["--role", "chair"], "a-Strong-password-42", "Give --board and --role together"),
        (["--board", "nowhere", "--role", "chair"], "a-Strong-password-42", "no board"),
        (
            ["--board", "ashbourne-vale", "--role", "action_owner"],
            "a-Strong-password-42",
            "needs --agency",
        ),
        ([], "short", "too short"),
        ([], "passwordpassword", "mix letters with numbers or symbols"),
    ],
)
def test_createuser_refuses_bad_input_plainly_and_saves_nothing(
    personas: object,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    password: str,
    message: str,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    status = cli.main(
        ["createuser", "eve@example.org", "--name", "Eve", "--password-stdin", *extra]
    )
    err = capsys.readouterr().err
    assert status == 1
    assert message in err
    assert "Nothing was saved." in err
    assert not User.objects.filter(email="eve@example.org").exists()


@pytest.mark.django_db
def test_createuser_refuses_an_email_already_in_use(
    personas: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-Strong-password-42\n"))
    status = cli.main(["createuser", "alice@example.org", "--name", "Alice", "--password-stdin"])
    assert status == 1
    assert "already a user" in capsys.readouterr().err


def test_worker_in_batch_mode_sets_up_a_new_database_and_stops_when_the_queue_is_empty(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(tmp_path / "data")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "casereview.cli", "worker", "--batch", "--interval", "0"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Starting worker" in result.stderr
    assert (tmp_path / "data" / "casereview.sqlite3").exists()
