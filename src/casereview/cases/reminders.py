"""Email reminders before a step of a case's clocks falls due and when it is overdue.

`casereview remind` calls :func:`send_reminders` every few minutes, possibly from several
machines at once. The database, not timing, stops a reminder going out twice: a run first
inserts the reminder's row (unique per case, step, kind and due date) in a short transaction of
its own, and sends only when that insert succeeded. A send that fails deletes its row, so a later
run tries again; a row claimed but never marked sent (the process died in between) may be
claimed again once it is :data:`STALE_CLAIM` old, by exactly one run (a conditional update).

Emails name the child only by the case's pseudonym, never by the restricted identity record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from casereview.accounts.models import Membership, Role
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.cases.case_clocks import CaseClock, open_clocks
from casereview.cases.clocks import RAG
from casereview.cases.lifecycle import State
from casereview.cases.models import Case, Reminder, ReminderKind
from casereview.cases.rules import Event

Date = datetime.date

# Longer than any one send takes (an SMTP server that hangs times out well within it), short
# enough that a reminder whose sender died between claiming and sending is at most this late.
STALE_CLAIM: Final = datetime.timedelta(minutes=15)

# Links in emails point to settings.SITE_URL (CASEREVIEW_SITE_URL), or here without it.
DEFAULT_SITE_URL: Final = "http://127.0.0.1:8000"

# The clock states that call for a reminder, and the reminder each one sends.
KIND_FOR_STATE: Final[Mapping[RAG, ReminderKind]] = {
    RAG.DUE_SOON: ReminderKind.DUE_SOON,
    RAG.OVERDUE: ReminderKind.OVERDUE,
}


class Responsible(StrEnum):
    """The groups of people a reminder can go to."""

    CHAIR = "chair"
    MANAGERS = "managers"
    REVIEWERS = "reviewers"


@dataclass(frozen=True)
class Addressing:
    to: tuple[Responsible, ...]
    cc: tuple[Responsible, ...]
    rationale: str


# Who each step's reminder is addressed to and who is copied in, by step key in the rules table.
ADDRESSING: Final[Mapping[str, Addressing]] = {
    "rapid_review": Addressing(
        (Responsible.CHAIR,),
        (Responsible.MANAGERS,),
        "The rapid review ends in the chair's decision on a local review.",
    ),
    "scr_decision": Addressing(
        (Responsible.CHAIR,),
        (Responsible.MANAGERS,),
        "The chair decides whether to start a serious case review.",
    ),
    "no_review_reasons_to_panel": Addressing(
        (Responsible.CHAIR,),
        (Responsible.MANAGERS,),
        "The chair's reasons for not reviewing go to the national panel.",
    ),
    "review_complete": Addressing(
        (Responsible.REVIEWERS, Responsible.MANAGERS),
        (Responsible.CHAIR,),
        "The appointed reviewers write the review; the business unit runs it.",
    ),
    "lcspr_published": Addressing(
        (Responsible.REVIEWERS, Responsible.MANAGERS),
        (Responsible.CHAIR,),
        "The review must be finished by its reviewers and published by the business unit.",
    ),
    "panel_copy_before_publication": Addressing(
        (Responsible.REVIEWERS, Responsible.MANAGERS),
        (Responsible.CHAIR,),
        "The business unit sends the reviewers' final report to the national panel.",
    ),
}
DEFAULT_ADDRESSING: Final = Addressing(
    (Responsible.MANAGERS,),
    (Responsible.CHAIR,),
    "The business unit runs the clocks; the chair is kept informed.",
)

# How an email names the event a step counts from ("15 working days after the notification").
EVENT_WORDS: Final[Mapping[Event, str]] = {
    Event.AWARE: "the board became aware of the incident",
    Event.NOTIFIED: "the notification",
    Event.DECIDED: "the decision",
    Event.INITIATED: "the review started",
    Event.PUBLISHED: "publication",
}


class Person(Protocol):
    email: str
    is_active: bool


@dataclass(frozen=True)
class Recipients:
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()

    @property
    def everyone(self) -> tuple[str, ...]:
        return self.to + self.cc

    def __bool__(self) -> bool:
        return bool(self.to)


def recipients(step: str, people: Mapping[Responsible, Iterable[Person]]) -> Recipients:
    """Who to email about ``step``, given the people in each responsible group.

    Inactive people get nothing, nobody is named twice, and when no one is left to address the
    copied-in people are addressed instead.
    """
    addressing = ADDRESSING.get(step, DEFAULT_ADDRESSING)
    seen: set[str] = set()

    def addresses(groups: Sequence[Responsible]) -> tuple[str, ...]:
        found: list[str] = []
        for group in groups:
            for person in people.get(group, ()):
                key = person.email.strip().lower()
                if person.is_active and key and key not in seen:
                    seen.add(key)
                    found.append(person.email.strip())
        return tuple(found)

    to = addresses(addressing.to)
    cc = addresses(addressing.cc)
    return Recipients(to, cc) if to else Recipients(cc)


def responsible_people(case: Case) -> dict[Responsible, list[Person]]:
    """The case's board's chairs and managers, and the reviewers appointed to it now."""
    memberships = Membership.objects.filter(
        board_id=case.board_id, role__in=[Role.CHAIR, Role.BOARD_MANAGER]
    ).select_related("user")
    appointments = case.appointments.filter(ended_on__isnull=True).select_related("reviewer__user")
    return {
        Responsible.CHAIR: [m.user for m in memberships if m.role == Role.CHAIR],
        Responsible.MANAGERS: [m.user for m in memberships if m.role == Role.BOARD_MANAGER],
        Responsible.REVIEWERS: [a.reviewer.user for a in appointments],
    }


@dataclass(frozen=True)
class Due:
    """A reminder a step calls for today (sent or not)."""

    case: Case
    clock: CaseClock
    kind: ReminderKind

    @property
    def step(self) -> str:
        return self.clock.deadline.step

    def existing(self) -> Reminder | None:
        return Reminder.objects.filter(
            case=self.case, step=self.step, kind=self.kind, due=self.clock.due
        ).first()

    def describe(self) -> str:
        return f"{self.clock.label} for {self.case.pseudonym} ({self.case.board.name})"


def due_reminders(today: Date) -> Iterator[Due]:
    """Every reminder the open cases' required steps call for on ``today``."""
    cases = Case.objects.exclude(state=State.CLOSED).select_related("board").order_by("pk")
    for case in cases:
        for clock in open_clocks(case, today):
            kind = KIND_FOR_STATE.get(clock.state) if clock.state else None
            if kind is not None:
                yield Due(case, clock, kind)


@dataclass(frozen=True)
class Email:
    subject: str
    body: str


def site_url() -> str:
    """The address people reach the service at, for links in emails."""
    return str(getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def long_date(day: Date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _when(days_left: int) -> str:
    if days_left < 0:
        return f"Overdue by {_days(-days_left)}"
    if days_left == 0:
        return "Due today"
    if days_left == 1:
        return "Due tomorrow"
    return f"Due in {_days(days_left)}"


def compose(due: Due, base_url: str) -> Email:
    """The reminder's subject and plain-text body."""
    clock, case = due.clock, due.case
    deadline = clock.deadline
    days_left = clock.days_left if clock.days_left is not None else 0
    where = f"{case.pseudonym} ({case.board.name})"
    subject = f"{_when(days_left)}: {clock.label} — {where}"
    if due.kind == ReminderKind.OVERDUE:
        status = f"This step is overdue. It was due {_days(-days_left)} ago."
        ask = (
            "If it has been done, record it on the case so the clock stops. "
            "If not, please do it as soon as you can."
        )
    else:
        status = (
            "This step is due today."
            if days_left == 0
            else f"This step is due in {_days(days_left)}."
        )
        ask = "When it is done, record it on the case so the clock stops."
    link = base_url + reverse("cases:detail", args=[case.pk])
    body = "\n".join(
        [
            f"Case: {case.pseudonym}",
            f"Board: {case.board.name}",
            f"Step: {clock.label}",
            f"Due: {long_date(clock.due)}",
            "",
            status,
            ask,
            "",
            f"The limit is {deadline.limit} {EVENT_WORDS[deadline.counts_from]} "
            f"({long_date(deadline.event_date)}).",
            deadline.rationale,
            "",
            "Open the case:",
            link,
            "",
            "You get this email because you are responsible for this step as the board's "
            "chair or manager, or as a reviewer appointed to the case. casereview sends one "
            "reminder when a step is due soon and one when it is overdue.",
        ]
    )
    return Email(subject, body)


@dataclass
class RemindReport:
    """What one run did: sent, skipped because another run has it, or could not send."""

    dry_run: bool = False
    sent: list[Due] = field(default_factory=list)
    already_sent: int = 0
    in_progress: int = 0
    problems: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    """In a dry run, one line per reminder that would be sent."""

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        soon = sum(1 for due in self.sent if due.kind == ReminderKind.DUE_SOON)
        overdue = len(self.sent) - soon
        verb = "Would send" if self.dry_run else "Sent"
        noun = "reminder" if len(self.sent) == 1 else "reminders"
        text = (
            f"{verb} {len(self.sent)} {noun} ({soon} due soon, {overdue} overdue); "
            f"skipped {self.already_sent} already sent."
        )
        if self.in_progress:
            many = "reminders" if self.in_progress != 1 else "reminder"
            text += f" Another run is sending {self.in_progress} {many} now."
        if self.problems:
            text += f" {len(self.problems)} could not be sent (see above)."
        return text


def send_reminders(today: Date, *, dry_run: bool = False) -> RemindReport:
    """Send every reminder due on ``today`` that no run has sent yet.

    In a dry run nothing is claimed, sent or recorded: the report lists what would be sent.
    """
    report = RemindReport(dry_run=dry_run)
    base_url = site_url()
    for due in due_reminders(today):
        existing = due.existing()
        if existing is not None and existing.sent_at is not None:
            report.already_sent += 1
            continue
        if existing is not None and existing.claimed_at >= timezone.now() - STALE_CLAIM:
            report.in_progress += 1
            continue
        people = recipients(due.step, responsible_people(due.case))
        if not people:
            report.problems.append(
                f"Nobody can be reminded about {due.describe()}: the board has no active "
                "board manager or chair. Give someone that role; the next run sends it."
            )
            continue
        email = compose(due, base_url)
        if dry_run:
            report.sent.append(due)
            who = f"to {', '.join(people.to)}"
            if people.cc:
                who += f"; copied to {', '.join(people.cc)}"
            report.planned.append(f"{email.subject} ({who})")
            continue
        _send_one(due, people, email, existing, report)
    return report


def _send_one(
    due: Due, people: Recipients, email: Email, existing: Reminder | None, report: RemindReport
) -> None:
    try:
        claim = _claim(due, people, existing)
    except DatabaseError as error:
        # SQLite's "database is locked" after its timeout, or a lost connection: nothing was
        # claimed, so nothing was sent, and the next run tries again.
        report.problems.append(
            f"Could not reserve the reminder about {due.describe()} ({error}). "
            "The next run tries again."
        )
        return
    if claim is None:
        report.in_progress += 1
        return
    message = EmailMessage(
        email.subject,
        email.body,
        settings.DEFAULT_FROM_EMAIL,
        to=list(people.to),
        cc=list(people.cc),
    )
    try:
        message.send(fail_silently=False)
    except Exception as error:  # any failure of the mail backend: SMTP, socket, disk
        _release(claim)
        report.problems.append(
            f"Could not send the reminder about {due.describe()}: {error}. "
            "The next run tries again."
        )
        return
    try:
        _mark_sent(due, claim, people, email)
    except DatabaseError as error:
        report.problems.append(
            f"Sent the reminder about {due.describe()} but could not record it ({error}): "
            f"it may be sent again after {STALE_CLAIM.total_seconds() // 60:.0f} minutes."
        )
        return
    report.sent.append(due)


def _claim(due: Due, people: Recipients, existing: Reminder | None) -> Reminder | None:
    """This run's claim on the reminder, or None when another run has it."""
    now = timezone.now()
    addresses = ", ".join(people.everyone)
    if existing is None:
        try:
            with transaction.atomic():
                return Reminder.objects.create(
                    case=due.case,
                    step=due.step,
                    kind=due.kind,
                    due=due.clock.due,
                    recipients=addresses,
                    claimed_at=now,
                )
        except IntegrityError:
            return None
    # Claimed earlier but never marked sent: take it over only if that claim has gone stale,
    # and only if no other run took it over first (the filter and update are one statement).
    with transaction.atomic():
        won = Reminder.objects.filter(
            pk=existing.pk, sent_at=None, claimed_at__lt=now - STALE_CLAIM
        ).update(claimed_at=now, recipients=addresses)
    if not won:
        return None
    existing.claimed_at, existing.recipients = now, addresses
    return existing


def _release(claim: Reminder) -> None:
    """Give up a claim whose email failed, so that a later run sends it."""
    try:
        with transaction.atomic():
            Reminder.objects.filter(pk=claim.pk, sent_at=None).delete()
    except DatabaseError:
        # The claim stays and goes stale: a run after STALE_CLAIM sends the reminder.
        pass


def _mark_sent(due: Due, claim: Reminder, people: Recipients, email: Email) -> None:
    with transaction.atomic():
        sent_at = timezone.now()
        Reminder.objects.filter(pk=claim.pk).update(sent_at=sent_at)
        record(
            Action.CASE_REMINDER_SENT,
            obj=due.case,
            board=due.case.board,
            summary=email.subject,
            data={
                "step": due.step,
                "kind": due.kind.value,
                "due": due.clock.due,
                "recipients": list(people.everyone),
            },
        )
