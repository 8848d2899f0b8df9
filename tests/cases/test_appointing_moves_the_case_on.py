"""Appointing from the pool is one form (issue 17, item 4): it offers only reviewers who may be
appointed, asks for the date once, and, when the case's next move needs nothing but that date,
moves the case on in the same submission — both or neither."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases import lifecycle, services
from casereview.cases.lifecycle import Record, State
from casereview.cases.models import Appointment, Case, CaseMove
from tests.cases.factories import CaseFactory, ReviewerFactory, appoint, decided
from tests.conftest import Personas, signed_in_client

ON = datetime.date(2026, 4, 1)


def decided_case(personas: Personas) -> Case:
    return decided(CaseFactory(board=personas.board_a), personas.alice)


def reviewers_url(case: Case) -> str:
    return reverse("cases:reviewers", kwargs={"pk": case.pk})


def offered(page: str) -> set[int]:
    """The reviewers the page's form lets one choose (their radio buttons' values)."""
    inputs = re.findall(r"<input[^>]*>", page)
    return {
        int(value)
        for tag in inputs
        if 'name="reviewer"' in tag
        for value in re.findall(r'value="(\d+)"', tag)
    }


def appointment_form(reviewer: Any, on: datetime.date = ON, **extra: str) -> dict[str, Any]:
    return {
        "reviewer": reviewer.pk,
        "role": "lead",
        "appointed_on-day": str(on.day),
        "appointed_on-month": str(on.month),
        "appointed_on-year": str(on.year),
        **extra,
    }


def test_a_reviewer_already_appointed_to_the_case_is_not_offered_again(
    personas: Personas,
) -> None:
    case = decided_case(personas)
    busy = ReviewerFactory(user__full_name="Busy Reviewer")
    free = ReviewerFactory(user__full_name="Free Reviewer")
    appoint(case, busy, personas.alice)
    alice = signed_in_client(personas.alice)

    page = alice.get(reviewers_url(case)).content.decode()
    posted_anyway = alice.post(reviewers_url(case), appointment_form(busy, role="co"))

    assert offered(page) == {free.pk}
    assert posted_anyway.status_code == 400
    assert "Busy Reviewer is already appointed to this case." in posted_anyway.content.decode()
    assert Appointment.objects.filter(reviewer=busy).count() == 1


def test_the_form_asks_for_the_date_once_and_offers_to_move_the_case_on(
    personas: Personas,
) -> None:
    case = decided_case(personas)
    ReviewerFactory()

    page = signed_in_client(personas.alice).get(reviewers_url(case)).content.decode()

    assert re.findall(r'name="([\w-]+)-day"', page) == ["appointed_on"]
    checkbox = re.search(r'<input[^>]*name="move_on"[^>]*>', page)
    assert checkbox is not None
    assert "checked" in checkbox.group(0)
    assert "Move the case to “Reviewers appointed”" in page
    assert "date the review was commissioned" in page


def test_one_post_appoints_the_lead_and_moves_the_case_on_with_the_one_date(
    personas: Personas,
) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory(user__full_name="Rowan Reviewer")

    response = signed_in_client(personas.alice).post(
        reviewers_url(case), appointment_form(reviewer, move_on="on")
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"pk": case.pk})
    case.refresh_from_db()
    appointment = Appointment.objects.get()
    move = CaseMove.objects.get()
    assert (appointment.reviewer, appointment.appointed_on) == (reviewer, ON)
    assert (case.state, case.initiated_on, case.reviewers) == (
        State.REVIEWERS_APPOINTED,
        ON,
        "Rowan Reviewer",
    )
    assert (move.source, move.target, move.happened_on, move.moved_by) == (
        State.DECISION_RECORDED,
        State.REVIEWERS_APPOINTED,
        ON,
        personas.alice,
    )
    assert [e.action for e in Event.objects.order_by("pk")] == [
        Action.CASE_REVIEWER_APPOINTED,
        Action.CASE_MOVED,
    ]


def test_unticking_the_box_appoints_without_moving_the_case(personas: Personas) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory()

    response = signed_in_client(personas.alice).post(
        reviewers_url(case), appointment_form(reviewer)
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert Appointment.objects.count() == 1
    assert (case.state, case.initiated_on) == (State.DECISION_RECORDED, None)
    assert not CaseMove.objects.exists()


def test_a_co_reviewer_cannot_move_the_case_on_alone_and_nothing_is_saved(
    personas: Personas,
) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory(user__full_name="Rowan Reviewer")

    response = signed_in_client(personas.alice).post(
        reviewers_url(case), appointment_form(reviewer, role="co", move_on="on")
    )

    case.refresh_from_db()
    assert response.status_code == 400
    assert (
        "The case moves to “Reviewers appointed” only once it has a lead reviewer"
        in response.content.decode()
    )
    assert not Appointment.objects.exists()
    assert (case.state, case.initiated_on) == (State.DECISION_RECORDED, None)
    assert not Event.objects.filter(action=Action.CASE_REVIEWER_APPOINTED).exists()


def test_a_date_before_the_case_reached_its_stage_refuses_both(personas: Personas) -> None:
    case = decided_case(personas)
    decided_on = case.decided_on
    assert decided_on is not None
    CaseMove.objects.create(
        case=case,
        source=State.RAPID_REVIEW,
        target=State.DECISION_RECORDED,
        happened_on=decided_on,
        moved_by=personas.alice,
    )
    early = decided_on - datetime.timedelta(days=1)

    response = signed_in_client(personas.alice).post(
        reviewers_url(case), appointment_form(ReviewerFactory(), on=early, move_on="on")
    )

    case.refresh_from_db()
    assert response.status_code == 400
    assert "when the case reached “Decision recorded”" in response.content.decode()
    assert not Appointment.objects.exists()
    assert case.state == State.DECISION_RECORDED


class AuditDown(Exception):
    pass


def test_a_move_that_fails_part_way_takes_the_appointment_with_it(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory()

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AuditDown

    # The move's audit write fails after the appointment has been written.
    monkeypatch.setattr(services, "record", refuse)
    with pytest.raises(AuditDown):
        signed_in_client(personas.alice).post(
            reviewers_url(case), appointment_form(reviewer, move_on="on")
        )

    case.refresh_from_db()
    assert not Appointment.objects.exists()
    assert not Event.objects.exists()
    assert (case.state, case.initiated_on) == (State.DECISION_RECORDED, None)


def test_a_move_that_needs_more_than_the_date_is_linked_not_offered(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs_reasons = tuple(
        lifecycle.Transition(
            t.source, t.target, t.roles, (*t.records, Record.REASONS), decisions=t.decisions
        )
        if t.target == State.REVIEWERS_APPOINTED
        else t
        for t in lifecycle.TRANSITIONS
    )
    monkeypatch.setattr(lifecycle, "TRANSITIONS", needs_reasons)
    case = decided_case(personas)
    reviewer = ReviewerFactory()
    alice = signed_in_client(personas.alice)

    page = alice.get(reviewers_url(case)).content.decode()
    response = alice.post(reviewers_url(case), appointment_form(reviewer, move_on="on"))

    assert 'name="move_on"' not in page
    assert "Moving the case to “Reviewers appointed” also needs the reasons" in page
    assert reverse("cases:move", kwargs={"pk": case.pk, "key": "reviewers_appointed"}) in page
    case.refresh_from_db()
    assert response.status_code == 302
    assert Appointment.objects.count() == 1
    assert case.state == State.DECISION_RECORDED


@pytest.mark.parametrize(("who", "status"), [("priya", 400), ("bob", 404), ("charlie", 404)])
def test_only_the_board_appoints_and_moves(personas: Personas, who: str, status: int) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory()
    client: Client = signed_in_client(getattr(personas, who))

    page = client.get(reviewers_url(case))
    response = client.post(reviewers_url(case), appointment_form(reviewer, move_on="on"))

    assert response.status_code == status
    assert 'name="move_on"' not in page.content.decode()
    case.refresh_from_db()
    assert not Appointment.objects.exists()
    assert case.state == State.DECISION_RECORDED


def test_the_move_page_sends_someone_without_a_lead_to_the_one_form(personas: Personas) -> None:
    case = decided_case(personas)
    url = reverse("cases:move", kwargs={"pk": case.pk, "key": "reviewers_appointed"})
    alice = signed_in_client(personas.alice)

    sent = alice.get(url)
    page = alice.get(sent["Location"]).content.decode()

    assert (sent.status_code, sent["Location"]) == (302, reviewers_url(case))
    assert "Appoint a lead reviewer to move" in page
    assert 'name="move_on"' in page


def test_the_move_page_asks_for_the_date_once_a_lead_is_appointed(personas: Personas) -> None:
    case = decided_case(personas)
    appoint(case, ReviewerFactory(), personas.alice)
    url = reverse("cases:move", kwargs={"pk": case.pk, "key": "reviewers_appointed"})

    page = signed_in_client(personas.alice).get(url)

    assert page.status_code == 200
    assert "Date the review was commissioned" in page.content.decode()
