"""National panel members log their advice against a case; it is audited and shown on the case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.models import PanelAdvice
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client

ADVICE = {
    "given_on-day": "20",
    "given_on-month": "3",
    "given_on-year": "2026",
    "topic": "initiation",
    "advice": "The panel supports an LCSPR focused on neglect of a non-mobile baby.",
}


def test_a_panel_member_logs_advice_that_the_chair_then_sees(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)

    response = signed_in_client(personas.priya).post(
        reverse("cases:advice", kwargs={"pk": case.pk}), ADVICE
    )

    assert response.status_code == 302
    advice = PanelAdvice.objects.get()
    assert (advice.case, advice.given_by, advice.topic) == (case, personas.priya, "initiation")
    assert Event.objects.get(action=Action.CASE_PANEL_ADVICE_LOGGED).board == personas.board_a
    page = signed_in_client(personas.alice).get(reverse("cases:detail", kwargs={"pk": case.pk}))
    assert "non-mobile baby" in page.content.decode()


def test_advice_without_text_is_shown_again_with_the_reason(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)

    response = signed_in_client(personas.priya).post(
        reverse("cases:advice", kwargs={"pk": case.pk}), {**ADVICE, "advice": ""}
    )

    assert "Enter the advice" in response.content.decode()
    assert not PanelAdvice.objects.exists()


@pytest.mark.parametrize("persona", ["alice", "bob", "charlie"])
def test_only_the_panel_may_log_panel_advice(persona: str, personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)

    response = signed_in_client(personas.by_name(persona)).post(
        reverse("cases:advice", kwargs={"pk": case.pk}), ADVICE
    )

    assert response.status_code == 404
    assert not PanelAdvice.objects.exists()
