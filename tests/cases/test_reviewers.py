"""The reviewer pool and appointments: the board appoints from the pool, a conflict of interest
needs a recorded justification, and a reviewer sees only the reviews they are appointed to."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError
from django.urls import reverse

from casereview.accounts import permissions
from casereview.accounts.models import Role
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases import access as case_access
from casereview.cases import reviewers
from casereview.cases.lifecycle import DecisionOutcome, State
from casereview.cases.models import Appointment, Conflict
from casereview.cases.services import Refused
from tests.cases.factories import CaseFactory, IdentityFactory, ReviewerFactory, appoint, decided
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, verified

ON = datetime.date(2026, 4, 1)


def decided_case(personas: Personas, **fields: Any) -> Any:
    return decided(CaseFactory(board=personas.board_a, **fields), personas.alice)


def test_the_board_appoints_a_reviewer_from_the_pool_and_it_is_audited(
    personas: Personas, actor_as: Any
) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory(user=personas.bob)

    appointment = reviewers.appoint(
        actor_as(personas.alice), case, reviewer, role="lead", appointed_on=ON
    )

    assert (appointment.case, appointment.reviewer, appointment.conflict) == (case, reviewer, "")
    event = Event.objects.get(action=Action.CASE_REVIEWER_APPOINTED)
    assert (event.actor, event.board, event.data["role"]) == (
        personas.alice,
        personas.board_a,
        "lead",
    )


def test_a_declared_conflict_needs_a_justification_and_the_refusal_says_so(
    personas: Personas, actor_as: Any
) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory(user__full_name="Rowan Reviewer")
    Conflict.objects.create(
        reviewer=reviewer, board=personas.board_a, nature="Was its head of service until 2024"
    )

    with pytest.raises(Refused) as refused:
        reviewers.appoint(actor_as(personas.alice), case, reviewer, role="lead", appointed_on=ON)
    appointment = reviewers.appoint(
        actor_as(personas.alice),
        case,
        reviewer,
        role="lead",
        appointed_on=ON,
        justification="No other reviewer with this expertise; the panel agreed.",
    )

    assert refused.value.reasons == [
        "Rowan Reviewer has declared a conflict with Ashbourne Vale Safeguarding Children "
        "Partnership: Was its head of service until 2024. To appoint them regardless, record why "
        "the appointment is still right."
    ]
    assert appointment.conflict.startswith("declared a conflict with Ashbourne Vale")
    assert appointment.conflict_justification.startswith("No other reviewer")
    assert Event.objects.get(action=Action.CASE_REVIEWER_APPOINTED).data["justification"]


def test_holding_a_role_on_the_board_is_a_conflict_too(
    personas: Personas, actor_as: Any, mo: Any
) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory(user=mo)

    with pytest.raises(Refused) as refused:
        reviewers.appoint(actor_as(personas.alice), case, reviewer, role="lead", appointed_on=ON)

    assert (
        "holds a role on Ashbourne Vale Safeguarding Children Partnership (board manager)"
        in (refused.value.reasons[0])
    )


def test_the_database_refuses_a_conflict_without_a_justification(personas: Personas) -> None:
    case = decided_case(personas)

    with pytest.raises(IntegrityError):
        appoint(case, ReviewerFactory(), personas.alice, conflict="Worked there")


def test_no_appointments_before_a_decision_to_review_or_after_one_not_to(
    personas: Personas, actor_as: Any
) -> None:
    undecided = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)
    no_review = decided(
        CaseFactory(board=personas.board_a), personas.alice, DecisionOutcome.NO_REVIEW
    )

    for case in (undecided, no_review):
        with pytest.raises(Refused) as refused:
            reviewers.appoint(
                actor_as(personas.alice), case, ReviewerFactory(), role="lead", appointed_on=ON
            )
        assert refused.value.reasons == [
            "Reviewers are appointed once the decision to hold a review is recorded."
        ]
    assert not Appointment.objects.exists()


def test_only_the_board_appoints(personas: Personas, actor_as: Any) -> None:
    case = decided_case(personas)

    for outsider in (personas.priya, personas.charlie, personas.bob):
        with pytest.raises(Refused):
            reviewers.appoint(
                actor_as(outsider), case, ReviewerFactory(), role="lead", appointed_on=ON
            )
    assert not Appointment.objects.exists()


def test_unavailable_or_already_appointed_reviewers_are_refused(
    personas: Personas, actor_as: Any
) -> None:
    case = decided_case(personas)
    away = ReviewerFactory(is_available=False, user__full_name="Away Reviewer")
    busy = ReviewerFactory(user__full_name="Busy Reviewer")
    appoint(case, busy, personas.alice)

    with pytest.raises(Refused) as first:
        reviewers.appoint(actor_as(personas.alice), case, away, role="co", appointed_on=ON)
    with pytest.raises(Refused) as second:
        reviewers.appoint(actor_as(personas.alice), case, busy, role="co", appointed_on=ON)

    assert first.value.reasons == ["Away Reviewer is not taking new reviews at the moment."]
    assert second.value.reasons == ["Busy Reviewer is already appointed to this case."]


def test_a_reviewer_sees_only_the_cases_they_are_appointed_to(personas: Personas) -> None:
    mine = decided_case(personas)
    IdentityFactory(case=mine)
    other = decided_case(personas)
    reviewer = ReviewerFactory(user=personas.bob)
    appoint(mine, reviewer, personas.alice)
    bob = signed_in_client(personas.bob)

    assert list(case_access.visible_cases(verified(personas.bob))) == [mine]
    assert bob.get(reverse("cases:detail", kwargs={"pk": mine.pk})).status_code == 200
    assert bob.get(reverse("cases:documents", kwargs={"pk": mine.pk})).status_code == 200
    assert bob.get(reverse("cases:detail", kwargs={"pk": other.pk})).status_code == 404
    # The child's identity stays with the board and the panel.
    assert bob.get(reverse("cases:identity", kwargs={"pk": mine.pk})).status_code == 404
    listing = bob.get(reverse("cases:list")).content.decode()
    assert mine.pseudonym in listing
    assert other.pseudonym not in listing


def test_a_board_role_alone_opens_no_case_to_a_reviewer(personas: Personas) -> None:
    case = decided_case(personas)

    assert Role.LEAD_REVIEWER in permissions.roles_on(verified(personas.bob), personas.board_a)
    assert not case_access.visible_cases(verified(personas.bob)).exists()
    assert Role.LEAD_REVIEWER not in case_access.case_roles(verified(personas.bob), case)


def test_ending_an_appointment_closes_the_case_to_the_reviewer(
    personas: Personas, actor_as: Any
) -> None:
    case = decided_case(personas)
    appointment = appoint(case, ReviewerFactory(user=personas.bob), personas.alice)

    reviewers.end_appointment(
        actor_as(personas.alice), appointment, on=datetime.date(2026, 6, 1), reason="Left."
    )

    assert not case_access.visible_cases(verified(personas.bob)).exists()
    response = signed_in_client(personas.bob).get(reverse("cases:detail", kwargs={"pk": case.pk}))
    assert response.status_code == 404
    assert Event.objects.filter(action=Action.CASE_REVIEWER_APPOINTMENT_ENDED).count() == 1


def test_the_reviewers_page_appoints_and_shows_conflicts(personas: Personas) -> None:
    case = decided_case(personas)
    reviewer = ReviewerFactory(user__full_name="Rowan Reviewer")
    Conflict.objects.create(reviewer=reviewer, board=personas.board_a, nature="Worked there")
    url = reverse("cases:reviewers", kwargs={"pk": case.pk})
    alice = signed_in_client(personas.alice)
    form = {
        "reviewer": reviewer.pk,
        "role": "lead",
        "appointed_on-day": "1",
        "appointed_on-month": "4",
        "appointed_on-year": "2026",
    }

    page = alice.get(url).content.decode()
    refused = alice.post(url, form)
    done = alice.post(url, {**form, "justification": "The panel advised it."})

    assert "Conflict of interest" in page
    assert refused.status_code == 400
    assert "record why the appointment is still right" in refused.content.decode()
    assert done.status_code == 302
    assert Appointment.objects.get().conflict_justification == "The panel advised it."


def test_administrators_keep_the_pool(personas: Personas) -> None:
    ada = signed_in_client(personas.ada)

    added = ada.post(
        reverse("cases:reviewer-add"),
        {
            "email": "bob@example.org",
            "expertise": "Neglect",
            "region": "london",
            "is_available": "on",
        },
    )
    reviewer = personas.bob.reviewer
    conflict = ada.post(
        reverse("cases:conflict-add", kwargs={"reviewer": reviewer.pk}),
        {
            "board": personas.board_b.pk,
            "nature": "Sister works there",
            "declared_on-day": "2",
            "declared_on-month": "1",
            "declared_on-year": "2026",
        },
    )
    unknown = ada.post(
        reverse("cases:reviewer-add"),
        {"email": "nobody@example.org", "expertise": "x", "region": "london"},
    )

    assert (added.status_code, conflict.status_code) == (302, 302)
    assert list(reviewer.conflicts.values_list("board__slug", flat=True)) == ["brackenfield"]
    assert unknown.status_code == 400
    assert "create the person&#39;s account first" in unknown.content.decode()
    assert {e.action for e in Event.objects.all()} >= {
        Action.REVIEWER_ADDED,
        Action.REVIEWER_CONFLICT_DECLARED,
    }


def test_a_board_manager_who_is_also_a_reviewer_elsewhere_keeps_their_board(
    personas: Personas,
) -> None:
    elsewhere = CaseFactory(board=personas.board_b)
    MembershipFactory(user=personas.bob, board=personas.board_b, role=Role.BOARD_MANAGER)

    assert list(case_access.visible_cases(verified(personas.bob))) == [elsewhere]
