"""A move, a decision or a notification that fails part-way (here, its audit write) leaves
nothing behind: no half-moved case, no decision without its event."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from casereview.cases import services
from casereview.cases.lifecycle import State
from casereview.cases.models import Case, CaseIdentity, CaseMove, Decision
from tests.cases.factories import CaseFactory, ReviewerFactory, appoint, decided
from tests.conftest import Personas


class AuditDown(Exception):
    pass


@pytest.fixture
def failing_audit(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AuditDown

    monkeypatch.setattr(services, "record", refuse)


@pytest.mark.usefixtures("failing_audit")
def test_a_move_whose_audit_write_fails_leaves_the_case_where_it_was(
    personas: Personas, actor_as: Any
) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    appoint(case, ReviewerFactory(), personas.alice)

    with pytest.raises(AuditDown):
        services.move_case(
            actor_as(personas.alice),
            case,
            State.REVIEWERS_APPOINTED,
            {"date": datetime.date(2026, 4, 1), "reviewers": "Rowan Reviewer"},
        )

    case.refresh_from_db()
    assert (case.state, case.initiated_on, case.reviewers) == (State.DECISION_RECORDED, None, "")
    assert not CaseMove.objects.exists()


@pytest.mark.usefixtures("failing_audit")
def test_a_decision_whose_audit_write_fails_is_not_kept(personas: Personas, actor_as: Any) -> None:
    case = CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)

    with pytest.raises(AuditDown):
        services.record_decision(
            actor_as(personas.alice),
            case,
            {
                "decided_on": datetime.date(2026, 3, 18),
                "options_considered": "LCSPR or none",
                "outcome": "lcspr",
                "reasons": "Criteria met.",
                "followed_panel_advice": "no_response",
            },
        )

    case.refresh_from_db()
    assert (case.state, case.decided_on) == (State.RAPID_REVIEW, None)
    assert not Decision.objects.exists()


@pytest.mark.usefixtures("failing_audit")
def test_a_notification_whose_audit_write_fails_opens_no_case(
    personas: Personas, actor_as: Any
) -> None:
    values = {
        "pseudonym": "Child Q",
        "aware_on": datetime.date(2026, 3, 2),
        "notified_on": datetime.date(2026, 3, 4),
        "incident_on": datetime.date(2026, 3, 1),
        "outcome": "death",
        "abuse_types": ["neglect"],
        "abuse_certainty": "known",
        "age_years": 1,
        "sex": "male",
        "ethnicity": "",
        "disability": "no",
        "child_protection_plan": "no",
        "child_in_need": "yes",
        "looked_after": "no",
        "agencies": [],
    }

    with pytest.raises(AuditDown):
        services.notify_case(actor_as(personas.alice), personas.board_a, values, {})

    assert not Case.objects.exists()
    assert not CaseIdentity.objects.exists()


def test_a_refused_move_changes_nothing(personas: Personas, actor_as: Any) -> None:
    case = CaseFactory(board=personas.board_a)

    with pytest.raises(services.Refused):
        services.move_case(
            actor_as(personas.alice),
            case,
            State.CLOSED,
            {"date": datetime.date(2026, 4, 1), "reasons": "Done"},
        )

    case.refresh_from_db()
    assert (case.state, case.closed_on) == (State.NOTIFIED, None)
    assert not CaseMove.objects.exists()
