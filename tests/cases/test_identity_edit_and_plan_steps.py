"""The identity record's edit page (the board only; the audit names the parts changed, never
their values) and the rapid review plan's steps, recorded as done on the case page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD
from casereview.cases import services
from casereview.cases.case_clocks import case_clocks
from casereview.cases.clocks import RAG
from casereview.cases.lifecycle import State
from casereview.cases.models import CaseIdentity, StepMet
from tests.cases.factories import CaseFactory, IdentityFactory
from tests.conftest import Personas, signed_in_client


def test_the_board_changes_the_identity_and_the_audit_keeps_no_values(personas: Personas) -> None:
    identity = IdentityFactory(case__board=personas.board_a)
    url = reverse("cases:identity-edit", kwargs={"pk": identity.case.pk})
    alice = signed_in_client(personas.alice)

    shown = alice.get(url)
    saved = alice.post(
        url,
        {
            "legal_name": "Tamsin Changed-Fictional",
            "family_members": identity.family_members,
            "dates_of_birth": identity.dates_of_birth,
            "addresses": "2 Imaginary Row",
            "school": identity.school,
        },
    )

    assert shown.status_code == 200
    assert "Tamsin Example-Fictional" in shown.content.decode()
    assert saved.status_code == 302
    identity.refresh_from_db()
    assert identity.legal_name == "Tamsin Changed-Fictional"
    assert identity.addresses == "2 Imaginary Row"
    event = Event.objects.get(action=Action.CASE_IDENTITY_UPDATED)
    assert event.data == {"fields_changed": ["legal_name", "addresses"]}
    assert "Changed-Fictional" not in str(event.changes) + str(event.data) + event.summary
    # Opening the edit page shows the record, so it is a view like any other.
    assert Event.objects.filter(action=Action.CASE_IDENTITY_VIEWED).count() == 1


def test_the_panel_reads_the_identity_but_does_not_change_it(
    personas: Personas, actor_as: Any
) -> None:
    identity = IdentityFactory(case__board=personas.board_a)
    url = reverse("cases:identity-edit", kwargs={"pk": identity.case.pk})

    assert signed_in_client(personas.priya).get(url).status_code == 404
    with pytest.raises(services.Refused):
        services.update_identity(actor_as(personas.priya), identity.case, {"legal_name": "X"})
    assert CaseIdentity.objects.get().legal_name == "Tamsin Example-Fictional"


def test_saving_an_unchanged_record_writes_no_event(personas: Personas, actor_as: Any) -> None:
    identity = IdentityFactory(case__board=personas.board_a)
    values = {f: getattr(identity, f) for f in services.IDENTITY_FIELDS}

    services.update_identity(actor_as(personas.alice), identity.case, values)

    assert not Event.objects.filter(action=Action.CASE_IDENTITY_UPDATED).exists()


def plan(case: Any, today: datetime.date) -> dict[str, Any]:
    return {
        c.deadline.step: c
        for c in case_clocks(case, today, include_optional=True)
        if c.deadline.parent_step
    }


def test_the_rapid_review_plan_runs_from_the_notification(personas: Personas) -> None:
    # Notified Wednesday 4 March 2026: day 10 is 18 March, day 12 is 20 March (working days).
    case = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)

    steps = plan(case, datetime.date(2026, 3, 19))

    assert steps["rapid_review_agency_summaries"].due == datetime.date(2026, 3, 18)
    assert steps["rapid_review_agency_summaries"].state == RAG.OVERDUE
    assert steps["rapid_review_panel_meeting"].due == datetime.date(2026, 3, 20)


def test_recording_a_step_meets_its_clock_and_is_audited(personas: Personas, actor_as: Any) -> None:
    case = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)

    step_key = "rapid_review_agency_summaries"
    services.record_step_met(actor_as(personas.alice), case, step_key, datetime.date(2026, 3, 17))
    services.record_step_met(actor_as(personas.alice), case, step_key, datetime.date(2026, 3, 16))

    step = plan(case, datetime.date(2026, 3, 19))["rapid_review_agency_summaries"]
    assert (step.met_on, step.state) == (datetime.date(2026, 3, 16), RAG.MET)
    assert StepMet.objects.count() == 1
    events = Event.objects.filter(action=Action.CASE_STEP_MET).order_by("pk")
    assert [e.changes for e in events] == [{"met_on": [WITHHELD, WITHHELD]}] * 2


def test_steps_the_rules_table_says_another_date_meets_are_not_recorded_this_way(
    personas: Personas, actor_as: Any
) -> None:
    case = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)

    with pytest.raises(services.Refused):
        services.record_step_met(actor_as(personas.alice), case, "sin", datetime.date(2026, 3, 17))
    url = reverse("cases:step", kwargs={"pk": case.pk, "step": "sin"})
    assert signed_in_client(personas.alice).get(url).status_code == 404


def test_the_case_page_shows_the_plan_with_links_to_record_steps(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)
    step_url = reverse("cases:step", kwargs={"pk": case.pk, "step": "rapid_review_panel_meeting"})
    alice = signed_in_client(personas.alice)

    page = alice.get(reverse("cases:detail", kwargs={"pk": case.pk})).content.decode()
    posted = alice.post(step_url, {"met_on-day": "19", "met_on-month": "3", "met_on-year": "2026"})
    early = alice.post(step_url, {"met_on-day": "1", "met_on-month": "3", "met_on-year": "2026"})

    assert "Rapid review plan" in page
    assert step_url in page
    assert posted.status_code == 302
    assert early.status_code == 400
    assert "on or after 4 March 2026" in early.content.decode()
    assert signed_in_client(personas.priya).get(step_url).status_code == 404
