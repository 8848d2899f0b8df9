"""An administrator's dashboard lists the work waiting for them, each with how many and a link
to where they act: locked accounts, people without a password or two-factor, boards with no
board manager, no background worker, no clock rules in force. Nothing tells them to ask
themselves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import User
from casereview.cases.models import RuleSet
from casereview.worker.models import WorkerBeat
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db


def dashboard(user: User) -> str:
    return signed_in_client(user).get(reverse("accounts:dashboard")).content.decode()


def task(page: str, key: str) -> str:
    """The card of one task, or "" when the task has nothing waiting."""
    start = page.find(f'id="task-{key}"')
    if start == -1:
        return ""
    end = page.find('class="govuk-summary-card"', start)
    return page[start : end if end != -1 else len(page)]


def test_an_administrator_sees_their_tasks_not_advice_to_ask_an_administrator(
    personas: Personas,
) -> None:
    page = dashboard(personas.ada)

    assert "Your tasks as an administrator" in page
    assert "Ask your system administrator" not in page


def test_no_one_else_sees_an_administrators_tasks(personas: Personas) -> None:
    for person in (personas.alice, personas.priya):
        assert "Your tasks as an administrator" not in dashboard(person)


def test_it_links_each_person_still_to_choose_a_password_to_their_page(
    personas: Personas,
) -> None:
    newcomer = User.objects.create_user("newcomer@example.org", None, full_name="Nia Newcomer")

    card = task(dashboard(personas.ada), "set-up")

    assert "People who have not chosen a password yet: 1" in card
    assert f'href="{reverse("accounts:user-detail", args=[newcomer.pk])}">Nia Newcomer</a>' in card


def test_it_names_people_with_a_password_but_no_two_factor(personas: Personas) -> None:
    card = task(dashboard(personas.ada), "two-factor")

    # Signing Ada in gave her a device; the other personas have never set one up.
    assert f'href="{reverse("accounts:user-detail", args=[personas.bob.pk])}">' in card
    assert "Ada Admin" not in card


def test_it_lists_an_account_locked_now_with_the_lockouts_in_the_audit_trail(
    personas: Personas,
) -> None:
    assert task(dashboard(personas.ada), "locked") == ""
    for _ in range(5):
        Client().post("/sign-in/", {"email": "alice@example.org", "password": "wrong-Password-1"})

    card = task(dashboard(personas.ada), "locked")

    assert "Accounts locked after repeated failed sign-ins: 1" in card
    assert f'href="{reverse("accounts:user-detail", args=[personas.alice.pk])}">Alice Chair' in card
    assert f'href="{reverse("audit:events")}?action=auth.locked_out"' in card


def test_it_lists_boards_with_no_board_manager(personas: Personas) -> None:
    card = task(dashboard(personas.ada), "no-manager")

    # Board A has a chair, a lead reviewer and an action owner; board B has Charlie, its manager.
    assert "Boards with no board manager: 1" in card
    assert f'href="{reverse("accounts:manage-users")}?board=ashbourne-vale"' in card
    assert "Brackenfield" not in card


def test_it_says_when_no_background_worker_is_running(personas: Personas) -> None:
    card = task(dashboard(personas.ada), "worker")
    assert "No background worker has been seen." in card

    WorkerBeat.objects.create(worker_id="w1", host="here", pid=1, beaten_at=timezone.now())
    page = dashboard(personas.ada)

    assert task(page, "worker") == ""
    assert "A background worker is running." in page


def test_it_says_how_long_a_silent_worker_has_been_silent(personas: Personas) -> None:
    WorkerBeat.objects.create(
        worker_id="w1", host="here", pid=1, beaten_at=timezone.now() - timedelta(minutes=42)
    )

    assert "has been seen for 42 minutes" in task(dashboard(personas.ada), "worker")


def test_it_says_when_no_clock_rules_are_in_force(personas: Personas) -> None:
    assert "A clock rules set is in force today." in dashboard(personas.ada)
    RuleSet.objects.update(is_active=False)

    card = task(dashboard(personas.ada), "rules")

    assert "No clock rules in force today: 1" in card
    assert f'href="{reverse("cases:rules")}"' in card
