"""Recording the chair's decision does not record the rapid review: the rapid review sent to the
national panel and the steps of its plan stay open or overdue until someone records their own
dates (the decision form may ask for the rapid review's)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from casereview.cases import services
from casereview.cases.case_clocks import case_clocks
from casereview.cases.clocks import RAG
from casereview.cases.lifecycle import State
from casereview.cases.models import StepMet
from tests.cases.dates import d
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client

PLAN = {
    "rapid_review",
    "rapid_review_templates_sent",
    "rapid_review_agency_summaries",
    "rapid_review_panel_meeting",
    "rapid_review_sign_off",
}


@pytest.fixture
def case(personas: Personas) -> Any:
    # Notified Wednesday 4 March 2026: the rapid review falls due on Wednesday 25 March.
    return CaseFactory(
        board=personas.board_a, state=State.RAPID_REVIEW, notified_on=d("2026-03-04")
    )


def decision(**extra: Any) -> dict[str, Any]:
    return {
        "decided_on": d("2026-03-20"),
        "options_considered": "An LCSPR; no review",
        "outcome": "lcspr",
        "reasons": "The criteria for a local review are met.",
        "followed_panel_advice": "yes",
        **extra,
    }


def plan_clocks(case: Any, today: Any) -> dict[str, Any]:
    return {
        clock.deadline.step: clock
        for clock in case_clocks(case, today, include_optional=True)
        if clock.deadline.step in PLAN
    }


def test_recording_the_decision_leaves_the_rapid_review_and_its_plan_not_recorded(
    personas: Personas, case: Any, actor_as: Any
) -> None:
    services.record_decision(actor_as(personas.alice), case, decision())
    case.refresh_from_db()

    clocks = plan_clocks(case, today=d("2026-04-01"))

    assert set(clocks) == PLAN
    assert all(clock.met_on is None for clock in clocks.values())
    assert {clock.state for clock in clocks.values()} == {RAG.OVERDUE}
    assert not StepMet.objects.filter(case=case).exists()


def test_a_rapid_review_date_given_on_the_decision_form_is_recorded_for_that_step_only(
    personas: Personas, case: Any, actor_as: Any
) -> None:
    services.record_decision(
        actor_as(personas.alice), case, decision(rapid_review_sent_on=d("2026-03-24"))
    )
    case.refresh_from_db()

    clocks = plan_clocks(case, today=d("2026-04-01"))

    assert (clocks["rapid_review"].met_on, clocks["rapid_review"].state) == (
        d("2026-03-24"),
        RAG.MET,
    )
    assert StepMet.objects.get(case=case, step="rapid_review").recorded_by == personas.alice
    assert clocks["rapid_review_sign_off"].state is RAG.OVERDUE


def test_the_case_page_says_the_rapid_review_is_not_recorded_after_a_decision(
    personas: Personas, case: Any
) -> None:
    alice = signed_in_client(personas.alice)
    form = {
        "decided_on-day": "20",
        "decided_on-month": "3",
        "decided_on-year": "2026",
        "options_considered": "An LCSPR; no review",
        "outcome": "lcspr",
        "reasons": "The criteria for a local review are met.",
        "followed_panel_advice": "yes",
    }

    posted = alice.post(reverse("cases:decision", kwargs={"pk": case.pk}), form)
    page = alice.get(reverse("cases:detail", kwargs={"pk": case.pk})).content.decode()

    assert posted.status_code == 302
    assert "Not recorded" in page
    assert reverse("cases:step", kwargs={"pk": case.pk, "step": "rapid_review"}) in page
