"""Every row of the lifecycle table, tried by every role: allowed for the roles it names and
refused for the others with a reason that says who may do it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from casereview.accounts.models import Role, User
from casereview.audit.actors import Actor
from casereview.cases import access as case_access
from casereview.cases import services
from casereview.cases.lifecycle import (
    PANEL,
    REVIEW_OUTCOMES,
    TRANSITIONS,
    DecisionOutcome,
    Record,
    State,
    Transition,
)
from casereview.cases.models import Case, CaseMove
from casereview.cases.rules import Regime
from casereview.publication.services import add_improvements_summary, publish_standalone
from casereview.repository.models import Document
from casereview.repository.services import ingest_file
from tests.cases.factories import CaseFactory, ReviewerFactory, appoint, decided
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, UserFactory, verified

ROLES = [Role.BOARD_MANAGER, Role.CHAIR, Role.LEAD_REVIEWER, Role.ACTION_OWNER, PANEL]
ROWS = [
    pytest.param(t, role, id=f"{t.source}-to-{t.target}-by-{role}")
    for t in TRANSITIONS
    for role in ROLES
]


def person_with(role: str, personas: Personas) -> User:
    if role == PANEL:
        return personas.priya
    user = UserFactory()
    agency = "Police" if role == Role.ACTION_OWNER else ""
    MembershipFactory(user=user, board=personas.board_a, role=role, agency=agency)
    return user


def case_ready_for(transition: Transition, personas: Personas) -> Case:
    """A case on board A where only the person's role can stand in the way of this move."""
    regime = transition.regime or Regime.CSPR
    notified = datetime.date(2026, 3, 4) if regime == Regime.CSPR else datetime.date(2019, 3, 4)
    case = CaseFactory(
        board=personas.board_a,
        regime=regime,
        notified_on=notified,
        aware_on=notified,
        incident_on=notified,
    )
    if transition.decisions is not None:
        outcome = sorted(transition.decisions)[0]
        decided(case, personas.alice, outcome)
    case.state = transition.source
    case.save()
    if Record.REVIEWERS in transition.records:
        appoint(case, ReviewerFactory(), personas.alice)
    if Record.REPORT in transition.records:
        # Its final report in the repository, and the copy to the national panel long before.
        report = f"Final report of {case.pseudonym}, a fictional review.".encode()
        document = ingest_file(report, "final.txt", board=personas.board_a).document
        assert document is not None
        document.case = case
        document.save(update_fields=["case"])
        case.panel_copy_sent_on = datetime.date(2026, 8, 3)
        case.save()
    if transition.target == State.IMPROVEMENTS_PUBLISHED:
        # Not publishing the report: its summary of improvements is published first.
        chair = Actor(user=verified(personas.alice))
        summary = add_improvements_summary(chair, case, f"Improvements after {case.pseudonym}.")
        publish_standalone(chair, summary)
    return case


def values_for(transition: Transition, case: Case) -> dict[str, Any]:
    return {
        "date": datetime.date(2026, 10, 1),
        "reviewers": "Rowan Reviewer",
        "reasons": "Plain reasons.",
        "document": Document.objects.filter(case=case).first(),
    }


@pytest.mark.parametrize(("transition", "role"), ROWS)
def test_each_move_is_allowed_only_to_the_roles_the_table_names(
    transition: Transition, role: str, personas: Personas, actor_as: Any
) -> None:
    case = case_ready_for(transition, personas)
    user = person_with(role, personas)
    if role == Role.LEAD_REVIEWER:
        # A reviewer acts on a case through an appointment to it, not through a board role.
        appoint(case, ReviewerFactory(user=user), personas.alice)
    reasons = case_access.move_refusals(verified(user), case, transition.key)

    if role in transition.roles:
        assert reasons == []
        if Record.DECISION not in transition.records:
            services.move_case(actor_as(user), case, transition.key, values_for(transition, case))
            case.refresh_from_db()
            assert case.state == transition.target
            assert CaseMove.objects.filter(case=case, target=transition.target).exists()
    else:
        assert reasons == [f"Only {transition.who()} of the case's board may make this move."]
        with pytest.raises(services.Refused):
            services.move_case(actor_as(user), case, transition.key, values_for(transition, case))
        case.refresh_from_db()
        assert case.state == transition.source


def test_a_move_that_is_not_in_the_table_is_refused_saying_where_the_case_can_go(
    personas: Personas,
) -> None:
    case = CaseFactory(board=personas.board_a)

    reasons = case_access.move_refusals(verified(personas.alice), case, State.PUBLISHED)

    assert reasons == [
        "A case at “Notified” cannot move to “Published”. From here it can move to "
        "rapid review or awaiting the chair's decision."
    ]


def test_a_cspr_case_cannot_go_to_the_chairs_scr_decision(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a, regime=Regime.CSPR)

    reasons = case_access.move_refusals(verified(personas.alice), case, State.CHAIR_DECISION)

    assert reasons == [
        "Only SCR cases move from “Notified” to “Awaiting the chair's decision”; "
        "this case is under the CSPR regime."
    ]


def test_a_case_decided_against_review_cannot_have_reviewers_appointed(
    personas: Personas,
) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice, DecisionOutcome.NO_REVIEW)

    reasons = case_access.move_refusals(verified(personas.alice), case, State.REVIEWERS_APPOINTED)

    assert len(reasons) == 1
    assert "the case's decision is “No review”" in reasons[0]
    assert all(o.label in reasons[0] for o in REVIEW_OUTCOMES)


def test_a_move_without_what_it_must_record_is_refused_naming_what_is_missing(
    personas: Personas, actor_as: Any
) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)

    with pytest.raises(services.Refused) as refused:
        services.move_case(
            actor_as(personas.alice), case, State.REVIEWERS_APPOINTED, {"date": None}
        )

    assert refused.value.reasons == ["This move must record the date it happened."]


def test_reviewers_are_appointed_only_once_a_lead_reviewer_is_appointed_from_the_pool(
    personas: Personas, actor_as: Any
) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    on = {"date": datetime.date(2026, 4, 1)}

    with pytest.raises(services.Refused) as refused:
        services.move_case(actor_as(personas.alice), case, State.REVIEWERS_APPOINTED, on)
    appoint(case, ReviewerFactory(user__full_name="Rowan Reviewer"), personas.alice)
    services.move_case(actor_as(personas.alice), case, State.REVIEWERS_APPOINTED, on)

    assert refused.value.reasons == [
        "Appoint a lead reviewer from the reviewer pool first, on the reviewers page."
    ]
    case.refresh_from_db()
    assert (case.state, case.reviewers) == (State.REVIEWERS_APPOINTED, "Rowan Reviewer")


def test_the_move_page_shows_the_panel_why_it_may_not_move_a_case(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)
    url = reverse("cases:move", kwargs={"pk": case.pk, "key": State.RAPID_REVIEW})

    page = signed_in_client(personas.priya).get(url).content.decode()
    refused = signed_in_client(personas.priya).post(url, {})

    assert "You cannot do this now" in page
    assert "Only the board manager or the independent chair of the case&#39;s board" in page
    assert refused.status_code == 400
    case.refresh_from_db()
    assert case.state == State.NOTIFIED


def test_the_chair_moves_a_case_through_the_move_page(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)
    url = reverse("cases:move", kwargs={"pk": case.pk, "key": State.RAPID_REVIEW})

    response = signed_in_client(personas.alice).post(
        url, {"date-day": "5", "date-month": "3", "date-year": "2026"}
    )

    case.refresh_from_db()
    assert response.status_code == 302
    assert case.state == State.RAPID_REVIEW
