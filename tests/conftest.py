"""Shared fixtures: the personas of the access matrix and ways to sign them in.

- Alice chairs board A; Bob is a lead reviewer on board A; Dana owns actions for the police on
  board A; Charlie manages board B (an outsider to board A); Priya sits on the national panel;
  Ada administers the system; the anonymous public has no account.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY

from casereview.accounts.models import Board, Region, Role, User
from tests.factories import BoardFactory, MembershipFactory, UserFactory, totp_device


@dataclass
class Personas:
    board_a: Board
    board_b: Board
    alice: User
    bob: User
    dana: User
    charlie: User
    priya: User
    ada: User

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """PBKDF2 at production strength costs about a second per persona; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def isolated_files(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Stored files (documents, case documents, uploads) and the saved recurrence index go to a
    temporary folder, never ./var."""
    settings.FILES_DIR = tmp_path_factory.mktemp("files")
    index_dir = tmp_path_factory.mktemp("recurrence")
    settings.RECURRENCE_INDEX_FILE = index_dir / "recurrence-index.bin"


@pytest.fixture(autouse=True)
def no_ocr_unless_asked(settings: Any) -> None:
    """OCR is slow and optional: tests go without it unless they ask (see test_ocr.py)."""
    settings.TESSERACT = "casereview-no-such-tesseract"


PERSONA_NAMES = ["anonymous", "alice", "bob", "dana", "charlie", "priya", "ada"]


@pytest.fixture
def personas(db: None) -> Personas:
    board_a = BoardFactory(
        name="Ashbourne Vale Safeguarding Children Partnership",
        slug="ashbourne-vale",
        local_authority="Ashbourne Vale",
        region=Region.NORTH_WEST,
    )
    board_b = BoardFactory(
        name="Brackenfield Safeguarding Children Partnership",
        slug="brackenfield",
        local_authority="Brackenfield",
        region=Region.SOUTH_WEST,
    )
    alice = UserFactory(email="alice@example.org", full_name="Alice Chair")
    bob = UserFactory(email="bob@example.org", full_name="Bob Reviewer")
    dana = UserFactory(email="dana@example.org", full_name="Dana Police")
    charlie = UserFactory(email="charlie@example.org", full_name="Charlie Outsider")
    priya = UserFactory(email="priya@example.org", full_name="Priya Panel", is_panel_member=True)
    ada = UserFactory(email="ada@example.org", full_name="Ada Admin", is_administrator=True)
    MembershipFactory(user=alice, board=board_a, role=Role.CHAIR)
    MembershipFactory(user=bob, board=board_a, role=Role.LEAD_REVIEWER)
    MembershipFactory(user=dana, board=board_a, role=Role.ACTION_OWNER, agency="Police")
    MembershipFactory(user=charlie, board=board_b, role=Role.BOARD_MANAGER)
    return Personas(board_a, board_b, alice, bob, dana, charlie, priya, ada)


def signed_in_client(user: User | None) -> Client:
    """A client signed in with password and two-factor, or anonymous for None."""
    client = Client()
    if user is None:
        return client
    device = totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for():
    return signed_in_client


@pytest.fixture
def empty_audit_trail_afterwards(transactional_db: None) -> Iterator[None]:
    """Let the end-of-test flush empty the append-only audit table.

    pytest-django empties every table after a live-server or transactional test. On SQLite that
    is a DELETE, which the append-only trigger refuses, so the rows go here with the trigger
    lifted for a moment.
    PostgreSQL's flush is a TRUNCATE, which row triggers do not see.
    """
    yield
    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("casereview.audit.migrations.0002_append_only")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        cursor.execute("DELETE FROM audit_event")
        for statement in migration.INSTALL["sqlite"]:
            cursor.execute(statement)
