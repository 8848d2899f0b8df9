"""Reminders: who is told, which steps call for one, and that each goes out exactly once.

The rapid review of a case notified on Wednesday 4 March 2026 is due on Wednesday 25 March
(15 working days): on track until Tuesday 17 March, due soon from Wednesday 18 March (five
working days or fewer left), overdue from Thursday 26 March.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from casereview import cli
from casereview.accounts.models import User
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD
from casereview.cases.lifecycle import State
from casereview.cases.models import Case, Reminder, ReminderKind
from casereview.cases.reminders import (
    STALE_CLAIM,
    Due,
    Recipients,
    Responsible,
    due_reminders,
    recipients,
    responsible_people,
    send_reminders,
)
from tests.cases.dates import d
from tests.cases.factories import (
    CaseFactory,
    IdentityFactory,
    ReviewerFactory,
    appoint,
    decided,
    step_met,
)
from tests.conftest import Personas
from tests.factories import MembershipFactory, UserFactory

DUE_SOON_DAY = d("2026-03-20")  # Friday: the rapid review is due in 5 days
OVERDUE_DAY = d("2026-03-27")  # Friday: 2 days overdue


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise ConnectionRefusedError("the mail server refused the connection")


@dataclass
class P:
    email: str
    is_active: bool = True


# --- who is told --------------------------------------------------------------------------


def test_a_decision_step_is_addressed_to_the_chair_with_the_managers_copied_in() -> None:
    people = {
        Responsible.CHAIR: [P("chair@example.org")],
        Responsible.MANAGERS: [P("m1@example.org"), P("m2@example.org")],
        Responsible.REVIEWERS: [P("rev@example.org")],
    }

    for step in ("rapid_review", "scr_decision", "no_review_reasons_to_panel"):
        assert recipients(step, people) == Recipients(
            ("chair@example.org",), ("m1@example.org", "m2@example.org")
        )


def test_a_review_step_goes_to_the_reviewers_and_managers_with_the_chair_copied_in() -> None:
    people = {
        Responsible.CHAIR: [P("chair@example.org")],
        Responsible.MANAGERS: [P("m1@example.org")],
        Responsible.REVIEWERS: [P("rev@example.org")],
    }

    for step in ("review_complete", "lcspr_published", "panel_copy_before_publication"):
        assert recipients(step, people) == Recipients(
            ("rev@example.org", "m1@example.org"), ("chair@example.org",)
        )


def test_other_steps_go_to_the_managers_and_never_to_reviewers() -> None:
    people = {
        Responsible.CHAIR: [P("chair@example.org")],
        Responsible.MANAGERS: [P("m1@example.org")],
        Responsible.REVIEWERS: [P("rev@example.org")],
    }

    assert recipients("sin", people) == Recipients(("m1@example.org",), ("chair@example.org",))


def test_inactive_people_get_nothing_and_nobody_is_named_twice() -> None:
    people = {
        Responsible.CHAIR: [P("Both@example.org"), P("gone@example.org", is_active=False)],
        Responsible.MANAGERS: [P("both@example.org"), P("m1@example.org")],
    }

    assert recipients("scr_decision", people) == Recipients(
        ("Both@example.org",), ("m1@example.org",)
    )


def test_the_copied_in_people_are_addressed_when_nobody_else_is() -> None:
    people = {Responsible.CHAIR: [], Responsible.MANAGERS: [P("m1@example.org")]}

    assert recipients("rapid_review", people) == Recipients(("m1@example.org",))


def test_nobody_active_means_nobody_to_send_to() -> None:
    people = {Responsible.MANAGERS: [P("m1@example.org", is_active=False)]}

    assert not recipients("sin", people)


def test_the_responsible_people_are_this_boards_chair_and_managers_and_current_reviewers(
    personas: Personas, mo: User
) -> None:
    case = CaseFactory(board=personas.board_a)
    current = ReviewerFactory(user=UserFactory(email="current@example.org"))
    former = ReviewerFactory(user=UserFactory(email="former@example.org"))
    appoint(case, current, mo)
    appoint(case, former, mo, role="co", ended_on=d("2026-03-10"), end_reason="Left the area")

    people = responsible_people(case)

    emails = {group: [p.email for p in found] for group, found in people.items()}
    # Bob leads reviews on board A but is not appointed to this case; Charlie is board B's.
    assert emails == {
        Responsible.CHAIR: ["alice@example.org"],
        Responsible.MANAGERS: ["mo@example.org"],
        Responsible.REVIEWERS: ["current@example.org"],
    }


# --- which steps call for a reminder ------------------------------------------------------


def reminders_on(today: datetime.date) -> list[tuple[str, str, str]]:
    return [(due.case.pseudonym, due.step, due.kind) for due in due_reminders(today)]


def test_a_step_due_within_five_working_days_calls_for_a_due_soon_reminder(
    personas: Personas,
) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child T")

    assert reminders_on(d("2026-03-17")) == []
    assert reminders_on(d("2026-03-18")) == [("Child T", "rapid_review", ReminderKind.DUE_SOON)]
    assert reminders_on(d("2026-03-25")) == [("Child T", "rapid_review", ReminderKind.DUE_SOON)]


def test_a_step_past_its_due_date_calls_for_an_overdue_reminder(personas: Personas) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child T")

    assert reminders_on(d("2026-03-26")) == [("Child T", "rapid_review", ReminderKind.OVERDUE)]


def test_a_met_step_calls_for_no_reminder(personas: Personas) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice, decided_on=d("2026-03-18"))
    step_met(case, "rapid_review", d("2026-03-18"), personas.alice)

    assert reminders_on(OVERDUE_DAY) == []


def test_a_closed_case_calls_for_no_reminder(personas: Personas) -> None:
    CaseFactory(board=personas.board_a, state=State.CLOSED, closed_on=d("2026-03-10"))

    assert reminders_on(OVERDUE_DAY) == []


def test_optional_sub_steps_of_the_rapid_review_call_for_no_reminder(personas: Personas) -> None:
    # On Friday 13 March the day-10 agency summaries (due 18 March) are due soon, but they are
    # a planning aid; the rapid review itself is still on track.
    CaseFactory(board=personas.board_a)

    assert reminders_on(d("2026-03-13")) == []


# --- sending ------------------------------------------------------------------------------


def test_it_emails_the_chair_about_a_rapid_review_due_soon(
    personas: Personas, mo: User, settings: Any, mailoutbox: list[Any]
) -> None:
    settings.SITE_URL = "https://casereview.example.org/"
    case = CaseFactory(board=personas.board_a, pseudonym="Child T")

    report = send_reminders(DUE_SOON_DAY)

    assert report.summary() == "Sent 1 reminder (1 due soon, 0 overdue); skipped 0 already sent."
    [email] = mailoutbox
    assert email.subject == (
        "Due in 5 days: Rapid review sent to the national panel — "
        "Child T (Ashbourne Vale Safeguarding Children Partnership)"
    )
    assert (email.to, email.cc) == (["alice@example.org"], ["mo@example.org"])
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Due: Wednesday 25 March 2026" in email.body
    assert "This step is due in 5 days." in email.body
    assert "15 working days after the notification (Wednesday 4 March 2026)" in email.body
    assert f"https://casereview.example.org/cases/{case.pk}/" in email.body
    reminder = Reminder.objects.get()
    assert (reminder.step, reminder.kind, reminder.due) == (
        "rapid_review",
        ReminderKind.DUE_SOON,
        d("2026-03-25"),
    )
    assert reminder.sent_at is not None
    assert reminder.recipients == "alice@example.org, mo@example.org"


def test_links_use_the_site_address_from_the_settings(
    personas: Personas, settings: Any, mailoutbox: list[Any]
) -> None:
    settings.SITE_URL = "https://reviews.example.org"
    case = CaseFactory(board=personas.board_a)

    send_reminders(DUE_SOON_DAY)

    assert f"https://reviews.example.org/cases/{case.pk}/\n" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("today", "start"),
    [
        ("2026-03-24", "Due tomorrow: "),
        ("2026-03-25", "Due today: "),
        ("2026-03-26", "Overdue by 1 day: "),
        ("2026-03-27", "Overdue by 2 days: "),
    ],
)
def test_the_subject_says_how_soon_or_how_late_in_plain_words(
    personas: Personas, mailoutbox: list[Any], today: str, start: str
) -> None:
    CaseFactory(board=personas.board_a)

    send_reminders(d(today))

    assert mailoutbox[0].subject.startswith(start)


def test_repeated_runs_send_each_reminder_once(personas: Personas, mailoutbox: list[Any]) -> None:
    CaseFactory(board=personas.board_a)
    CaseFactory(board=personas.board_a)

    first = send_reminders(DUE_SOON_DAY)
    second = send_reminders(DUE_SOON_DAY)
    third = send_reminders(d("2026-03-23"))

    assert len(mailoutbox) == 2
    assert len(first.sent) == 2
    assert second.summary() == "Sent 0 reminders (0 due soon, 0 overdue); skipped 2 already sent."
    assert (len(third.sent), third.already_sent) == (0, 2)
    assert Reminder.objects.count() == 2


def test_an_overdue_step_gets_its_own_reminder_after_the_due_soon_one(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    CaseFactory(board=personas.board_a)

    send_reminders(DUE_SOON_DAY)
    send_reminders(d("2026-03-26"))
    send_reminders(OVERDUE_DAY)

    assert [email.subject.split(":")[0] for email in mailoutbox] == [
        "Due in 5 days",
        "Overdue by 1 day",
    ]
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == ["due_soon", "overdue"]


def test_a_new_due_date_gets_a_new_reminder(personas: Personas, mailoutbox: list[Any]) -> None:
    case = CaseFactory(board=personas.board_a)
    send_reminders(DUE_SOON_DAY)

    # The notification date was corrected: the rapid review now falls due on 26 March.
    Case.objects.filter(pk=case.pk).update(notified_on=d("2026-03-05"))
    send_reminders(DUE_SOON_DAY)

    assert len(mailoutbox) == 2
    assert "Thursday 26 March 2026" in mailoutbox[1].body


def test_a_failed_send_leaves_no_claim_and_a_later_run_sends_it(
    personas: Personas, settings: Any, mailoutbox: list[Any]
) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child T")
    settings.EMAIL_BACKEND = "tests.cases.test_reminders.BrokenBackend"

    failed = send_reminders(DUE_SOON_DAY)

    assert not failed.ok
    assert failed.problems == [
        "Could not send the reminder about Rapid review sent to the national panel for Child T "
        "(Ashbourne Vale Safeguarding Children Partnership): the mail server refused the "
        "connection. The next run tries again."
    ]
    assert failed.summary().endswith("1 could not be sent (see above).")
    assert not Reminder.objects.exists()
    assert not Event.objects.filter(action=Action.CASE_REMINDER_SENT).exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = send_reminders(DUE_SOON_DAY)

    assert retried.ok
    assert len(retried.sent) == 1
    assert len(mail.outbox) == 1


def test_a_stale_claim_is_taken_over_and_sent(personas: Personas, mailoutbox: list[Any]) -> None:
    case = CaseFactory(board=personas.board_a)
    # A run claimed this reminder and died before sending it.
    claim = Reminder.objects.create(
        case=case,
        step="rapid_review",
        kind=ReminderKind.DUE_SOON,
        due=d("2026-03-25"),
        claimed_at=timezone.now() - STALE_CLAIM - datetime.timedelta(seconds=1),
    )

    report = send_reminders(DUE_SOON_DAY)

    assert len(report.sent) == 1
    assert len(mailoutbox) == 1
    claim.refresh_from_db()
    assert claim.sent_at is not None
    assert claim.recipients == "alice@example.org"


def test_a_claim_another_run_is_sending_now_is_left_alone(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    case = CaseFactory(board=personas.board_a)
    Reminder.objects.create(
        case=case,
        step="rapid_review",
        kind=ReminderKind.DUE_SOON,
        due=d("2026-03-25"),
        claimed_at=timezone.now() - STALE_CLAIM + datetime.timedelta(minutes=1),
    )

    report = send_reminders(DUE_SOON_DAY)

    assert mailoutbox == []
    assert report.in_progress == 1
    assert report.summary().endswith("Another run is sending 1 reminder now.")


def test_a_run_that_loses_the_race_to_claim_sends_nothing(
    personas: Personas, monkeypatch: pytest.MonkeyPatch, mailoutbox: list[Any]
) -> None:
    case = CaseFactory(board=personas.board_a)
    # Another run inserts its claim after this run looked and before it inserts its own.
    Reminder.objects.create(
        case=case, step="rapid_review", kind=ReminderKind.DUE_SOON, due=d("2026-03-25")
    )
    monkeypatch.setattr(Due, "existing", lambda self: None)

    report = send_reminders(DUE_SOON_DAY)

    assert mailoutbox == []
    assert (len(report.sent), report.in_progress) == (0, 1)
    assert Reminder.objects.count() == 1


def test_a_dry_run_sends_and_stores_nothing(
    personas: Personas, mo: User, mailoutbox: list[Any]
) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child T")

    report = send_reminders(DUE_SOON_DAY, dry_run=True)

    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert not Event.objects.filter(action=Action.CASE_REMINDER_SENT).exists()
    assert report.summary() == (
        "Would send 1 reminder (1 due soon, 0 overdue); skipped 0 already sent."
    )
    assert report.planned == [
        "Due in 5 days: Rapid review sent to the national panel — Child T (Ashbourne Vale "
        "Safeguarding Children Partnership) (to alice@example.org; copied to mo@example.org)"
    ]


def test_emails_never_contain_the_childs_identity(
    personas: Personas, mo: User, mailoutbox: list[Any]
) -> None:
    case = CaseFactory(board=personas.board_a, pseudonym="Child T")
    identity = IdentityFactory(case=case)
    CaseFactory(board=personas.board_a)

    send_reminders(OVERDUE_DAY)

    assert len(mailoutbox) == 2
    secrets = [
        identity.legal_name,
        "Tamsin",
        "Rhiannon",
        "Example-Fictional",
        "1 May 2023",
        "Imaginary Row",
        "NW0 0AA",
        identity.school,
    ]
    for email in mailoutbox:
        text = email.subject + email.body
        assert not [secret for secret in secrets if secret in text]


def test_each_sent_reminder_is_audited_as_the_system(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    case = CaseFactory(board=personas.board_a, pseudonym="Child T")

    send_reminders(OVERDUE_DAY)
    send_reminders(OVERDUE_DAY)

    [event] = Event.objects.filter(action=Action.CASE_REMINDER_SENT)
    assert (event.actor, event.board, event.object_id) == (None, personas.board_a, str(case.pk))
    assert "Child T" in mailoutbox[0].subject
    assert event.summary == f"{Action.CASE_REMINDER_SENT.label}: case {case.pk}"
    assert event.data == {
        "step": "rapid_review",
        "kind": "overdue",
        "due": WITHHELD,
        "recipients": ["alice@example.org"],
    }


def test_inactive_people_are_not_emailed(personas: Personas, mailoutbox: list[Any]) -> None:
    retired = UserFactory(email="retired@example.org", is_active=False)
    MembershipFactory(user=retired, board=personas.board_a, role="board_manager")
    CaseFactory(board=personas.board_a)

    send_reminders(DUE_SOON_DAY)

    assert (mailoutbox[0].to, mailoutbox[0].cc) == (["alice@example.org"], [])


def test_a_step_nobody_can_be_reminded_about_is_reported_and_not_claimed(
    personas: Personas, mailoutbox: list[Any]
) -> None:
    CaseFactory(board=personas.board_b, pseudonym="Child U")  # board B has no chair
    User.objects.filter(email="charlie@example.org").update(is_active=False)

    report = send_reminders(DUE_SOON_DAY)

    assert mailoutbox == []
    assert not Reminder.objects.exists()
    assert report.problems == [
        "Nobody can be reminded about Rapid review sent to the national panel for Child U "
        "(Brackenfield Safeguarding Children Partnership): the board has no active board "
        "manager or chair. Give someone that role; the next run sends it."
    ]


# --- the command --------------------------------------------------------------------------


def test_the_command_sends_and_prints_a_one_line_summary(
    personas: Personas, mailoutbox: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    CaseFactory(board=personas.board_a)
    CaseFactory(board=personas.board_a, aware_on=d("2026-02-02"), notified_on=d("2026-02-04"))

    status = cli.main(["remind", "--today", "2026-03-20"])

    assert status == 0
    assert capsys.readouterr().out == (
        "Sent 2 reminders (1 due soon, 1 overdue); skipped 0 already sent.\n"
    )
    assert len(mailoutbox) == 2


def test_the_command_in_a_dry_run_lists_what_it_would_send(
    personas: Personas, mailoutbox: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child T")

    status = cli.main(["remind", "--today", "2026-03-20", "--dry-run"])

    out = capsys.readouterr().out
    assert status == 0
    assert "  Due in 5 days: Rapid review sent to the national panel — Child T" in out
    assert out.endswith("Would send 1 reminder (1 due soon, 0 overdue); skipped 0 already sent.\n")
    assert mailoutbox == []


def test_the_command_exits_non_zero_when_a_send_fails(
    personas: Personas, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.EMAIL_BACKEND = "tests.cases.test_reminders.BrokenBackend"
    CaseFactory(board=personas.board_a)

    status = cli.main(["remind", "--today", "2026-03-20"])

    captured = capsys.readouterr()
    assert status == 1
    assert "Could not send the reminder about Rapid review" in captured.err
    assert "1 could not be sent" in captured.out


def test_the_command_refuses_a_date_in_another_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["remind", "--today", "20/03/2026"])

    assert exit_info.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err
