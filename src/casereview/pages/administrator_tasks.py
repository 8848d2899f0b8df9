"""What waits for an administrator, for their dashboard: people who cannot sign in yet, accounts
locked now, boards nobody manages, no background worker, no clock rules in force.

Everything is counted from what is stored when the page is asked for (accounts, two-factor
devices, django-axes' failed attempts, worker heartbeats, rules sets); nothing is saved.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlencode

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Max, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Board, Role, User
from casereview.audit.events import Action
from casereview.cases.clocks import ClockError, rule_set_in_force
from casereview.worker.presence import worker_presence

# The people or boards a task names on the dashboard before pointing to the full list: enough to
# act on straight away, short enough that the page stays a summary.
NAMES_SHOWN: Final = 10


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Task:
    """One kind of work: how many things need it, what to do, and where to do it."""

    key: str
    title: str
    count: int
    advice: str
    items: Sequence[Link] = field(default_factory=tuple)
    more: Link | None = None
    clear: str = ""
    """What the dashboard says when the count is 0."""


def _person(user: User) -> Link:
    return Link(user.full_name or user.email, reverse("accounts:user-detail", args=[user.pk]))


def _people(people: QuerySet[User]) -> tuple[int, list[Link], Link | None]:
    """How many, the first few linked to their pages, and the list of users for the rest."""
    count = people.count()
    shown = [_person(p) for p in people.order_by("full_name", "email")[:NAMES_SHOWN]]
    users = Link("Go to the list of users", reverse("accounts:manage-users"))
    return count, shown, users if count else None


def _without_a_password() -> Q:
    return Q(password__startswith=UNUSABLE_PASSWORD_PREFIX)


def waiting_for_a_password() -> Task:
    count, shown, more = _people(User.objects.filter(_without_a_password(), is_active=True))
    return Task(
        key="set-up",
        title="People who have not chosen a password yet",
        count=count,
        advice="Their set-up link may have expired or gone astray: open their page to create "
        "a new one and send it to them.",
        items=shown,
        more=more,
        clear="Everyone has chosen a password.",
    )


def waiting_for_two_factor() -> Task:
    with_device = Q(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id")) | Q(
        pk__in=StaticDevice.objects.filter(confirmed=True).values("user_id")
    )
    people = User.objects.filter(is_active=True).exclude(_without_a_password() | with_device)
    count, shown, more = _people(people)
    return Task(
        key="two-factor",
        title="People who have not set up two-factor authentication",
        count=count,
        advice="They have a password, so they will be asked to set up two-factor authentication "
        "when they next sign in; this includes anyone whose two-factor authentication was reset.",
        items=shown,
        more=more,
        clear="Everyone with a password has set up two-factor authentication.",
    )


def locked_out(now: datetime.datetime) -> Task:
    """Accounts django-axes refuses now: enough failures within the cool-off period."""
    cool_off = get_cool_off() or datetime.timedelta(0)
    recent = (
        AccessAttempt.objects.filter(attempt_time__gte=now - cool_off)
        .values("username")
        .annotate(failures=Max("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    )
    emails = {str(row["username"]).strip().lower() for row in recent if row["username"]}
    count, shown, _ = _people(User.objects.filter(email__in=emails))
    audit = f"{reverse('audit:events')}?{urlencode({'action': Action.LOCKED_OUT.value})}"
    minutes = int(cool_off.total_seconds() // 60)
    return Task(
        key="locked",
        title="Accounts locked after repeated failed sign-ins",
        count=count,
        advice=f"Each unlocks by itself {minutes} minutes after its last failed attempt. If the "
        "person has forgotten their password, open their page to create a set-up link; if "
        "they say the attempts were not theirs, the audit trail lists each lockout.",
        items=shown,
        more=Link("See lockouts in the audit trail", audit) if count else None,
        clear="No account is locked.",
    )


def boards_without_a_manager() -> Task:
    boards = Board.objects.exclude(memberships__role=Role.BOARD_MANAGER).order_by("name")
    users = reverse("accounts:manage-users")
    shown = [Link(b.name, f"{users}?{urlencode({'board': b.slug})}") for b in boards[:NAMES_SHOWN]]
    count = boards.count()
    return Task(
        key="no-manager",
        title="Boards with no board manager",
        count=count,
        advice="Board managers notify cases and keep them moving; these boards have none. Each "
        "link lists the people with a role on the board: open a person's page to give them "
        "the board manager role.",
        items=shown,
        more=Link("Go to the list of boards", reverse("accounts:manage-boards")) if count else None,
        clear="Every board has a board manager.",
    )


def no_worker(now: datetime.datetime) -> Task:
    presence = worker_presence(now)
    seen = (
        "No background worker has been seen."
        if presence.silent_minutes is None
        else f"No background worker has been seen for {presence.silent_minutes} minutes."
    )
    return Task(
        key="worker",
        title="Background worker not running",
        count=0 if presence.running else 1,
        advice=f"{seen} Uploaded documents wait until one runs: start it on the server with the "
        "command casereview worker.",
        clear="A background worker is running.",
    )


def no_rules_in_force(today: datetime.date) -> Task:
    try:
        rule_set_in_force(today)
        missing = False
    except ClockError:
        missing = True
    return Task(
        key="rules",
        title="No clock rules in force today",
        count=int(missing),
        advice="Cases' deadlines cannot be worked out until a rules set is in force: load one "
        "or bring a withdrawn one back into use.",
        items=[Link("Go to the clock rules", reverse("cases:rules"))] if missing else [],
        clear="A clock rules set is in force today.",
    )


def administrator_tasks(now: datetime.datetime | None = None) -> list[Task]:
    """Every task, the most urgent first; a task with a count of 0 is done."""
    now = now or timezone.now()
    return [
        locked_out(now),
        waiting_for_a_password(),
        waiting_for_two_factor(),
        boards_without_a_manager(),
        no_worker(now),
        no_rules_in_force(timezone.localdate(now)),
    ]
