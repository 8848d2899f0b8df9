"""The chair records a decision on whether to review; every decision, even not to review, needs
its reasons, the options considered and a decision open to the case's regime."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD
from casereview.cases import services
from casereview.cases.lifecycle import State
from casereview.cases.models import Decision
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client


def decision_form(**overrides: str) -> dict[str, str]:
    form = {
        "decided_on-day": "18",
        "decided_on-month": "3",
        "decided_on-year": "2026",
        "options_considered": "An LCSPR; a single-agency review; no review",
        "outcome": "no_review",
        "reasons": "The learning is already being taken forward by the health trust.",
        "followed_panel_advice": "yes",
        "panel_response": "The panel agreed that no review is needed.",
    }
    form.update(overrides)
    return form


@pytest.fixture
def case(personas: Personas) -> Any:
    return CaseFactory(board=personas.board_a, state=State.RAPID_REVIEW)


def test_the_chair_records_a_decision_not_to_review_with_its_reasons(
    personas: Personas, case: Any
) -> None:
    response = signed_in_client(personas.alice).post(
        reverse("cases:decision", kwargs={"pk": case.pk}), decision_form()
    )

    case.refresh_from_db()
    decision = Decision.objects.get(case=case)
    assert response.status_code == 302
    assert case.state == State.DECISION_RECORDED
    assert case.decided_on == datetime.date(2026, 3, 18)
    assert (decision.decided_by, decision.outcome, decision.followed_panel_advice) == (
        personas.alice,
        "no_review",
        "yes",
    )
    event = Event.objects.get(action=Action.CASE_DECISION_RECORDED)
    # The reasons stay in the decision; the audit trail says only that they were given.
    assert decision.reasons.startswith("The learning")
    assert event.changes["reasons"] == [WITHHELD, WITHHELD]
    assert Event.objects.filter(action=Action.CASE_MOVED, object_id=str(case.pk)).count() == 1


@pytest.mark.parametrize("reasons", ["", "   "])
def test_a_decision_without_reasons_is_refused_and_nothing_changes(
    personas: Personas, case: Any, reasons: str
) -> None:
    response = signed_in_client(personas.alice).post(
        reverse("cases:decision", kwargs={"pk": case.pk}), decision_form(reasons=reasons)
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the reasons for the decision, including a decision not to review" in page
    assert 'href="#reasons"' in page
    case.refresh_from_db()
    assert case.state == State.RAPID_REVIEW
    assert not Decision.objects.exists()


def test_a_decision_not_open_to_the_cases_regime_is_refused(personas: Personas, case: Any) -> None:
    response = signed_in_client(personas.alice).post(
        reverse("cases:decision", kwargs={"pk": case.pk}), decision_form(outcome="initiate_scr")
    )

    assert "Select a decision open to a CSPR case" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_service_refuses_a_decision_without_reasons_whatever_the_form_says(
    personas: Personas, case: Any, actor_as: Any
) -> None:
    with pytest.raises(services.Refused) as refused:
        services.record_decision(
            actor_as(personas.alice),
            case,
            {
                "decided_on": datetime.date(2026, 3, 18),
                "options_considered": "LCSPR or none",
                "outcome": "lcspr",
                "reasons": " ",
            },
        )

    assert refused.value.reasons == [
        "Enter the reasons for the decision, including a decision not to review."
    ]
    assert not Decision.objects.exists()


def test_only_the_chair_may_record_the_decision(personas: Personas, case: Any, mo: Any) -> None:
    response = signed_in_client(mo).post(
        reverse("cases:decision", kwargs={"pk": case.pk}), decision_form()
    )

    assert response.status_code == 400
    assert "Only the independent chair of the case&#39;s board" in response.content.decode()
    assert not Decision.objects.exists()
