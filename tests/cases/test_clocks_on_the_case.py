"""A case's clocks are computed from its stored dates and the rules in force: due date, days
left and state for each step whose event has happened."""

from __future__ import annotations

import datetime

from django.urls import reverse

from casereview.cases.case_clocks import case_clocks
from casereview.cases.clocks import RAG
from casereview.cases.lifecycle import DecisionOutcome, State
from tests.cases.dates import d
from tests.cases.factories import CaseFactory, decided, step_met
from tests.conftest import Personas, signed_in_client


def by_step(case: object, today: datetime.date) -> dict[str, object]:
    return {clock.deadline.step: clock for clock in case_clocks(case, today)}  # type: ignore[arg-type]


def test_a_new_cspr_case_has_a_met_sin_and_an_open_rapid_review(personas: Personas) -> None:
    # Aware Monday 2 March 2026, notified Wednesday 4 March: SIN due 9 March (5 working days).
    case = CaseFactory(
        board=personas.board_a, aware_on=d("2026-03-02"), notified_on=d("2026-03-04")
    )

    clocks = by_step(case, today=d("2026-03-20"))

    assert set(clocks) == {"sin", "rapid_review"}
    sin, rapid = clocks["sin"], clocks["rapid_review"]
    assert (sin.due, sin.met_on, sin.state) == (d("2026-03-09"), d("2026-03-04"), RAG.MET)
    # 15 working days after Wednesday 4 March 2026 is Wednesday 25 March.
    assert (rapid.due, rapid.met_on, rapid.days_left) == (d("2026-03-25"), None, 5)
    assert rapid.state is RAG.DUE_SOON


def test_the_rapid_review_is_overdue_the_day_after_it_falls_due(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a, notified_on=d("2026-03-04"))

    rapid = by_step(case, today=d("2026-03-26"))["rapid_review"]

    assert (rapid.state, rapid.days_left_text) == (RAG.OVERDUE, "1 day overdue")


def test_a_rapid_review_recorded_as_sent_after_the_due_date_is_met_late(
    personas: Personas,
) -> None:
    case = decided(
        CaseFactory(board=personas.board_a, notified_on=d("2026-03-04")),
        personas.alice,
        decided_on=d("2026-03-20"),
    )
    step_met(case, "rapid_review", d("2026-03-27"), personas.alice)

    assert by_step(case, today=d("2026-04-01"))["rapid_review"].state is RAG.MET_LATE


def test_an_scr_decision_not_to_review_starts_the_reasons_to_the_panel_clock(
    personas: Personas,
) -> None:
    case = decided(
        CaseFactory(
            board=personas.board_a,
            aware_on=d("2019-01-07"),
            notified_on=d("2019-01-08"),
            incident_on=d("2019-01-05"),
            regime="SCR",
        ),
        personas.alice,
        DecisionOutcome.NO_REVIEW,
        decided_on=d("2019-01-31"),
    )

    clocks = by_step(case, today=d("2019-02-01"))

    assert clocks["scr_decision"].due == d("2019-02-08")
    assert clocks["scr_decision"].state is RAG.MET
    assert clocks["no_review_reasons_to_panel"].due == d("2019-02-14")


def test_the_lcspr_clock_starts_when_the_review_is_commissioned(personas: Personas) -> None:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    case.state, case.initiated_on = State.REVIEWERS_APPOINTED, d("2026-04-30")
    case.save()

    clock = by_step(case, today=d("2026-05-01"))["lcspr_published"]

    assert (clock.due, clock.state) == (d("2026-10-30"), RAG.ON_TRACK)


def test_the_case_page_shows_each_clock_with_its_due_date_and_state(personas: Personas) -> None:
    today = datetime.date.today()
    case = CaseFactory(
        board=personas.board_a,
        aware_on=today - datetime.timedelta(days=60),
        notified_on=today - datetime.timedelta(days=58),
        incident_on=today - datetime.timedelta(days=61),
    )
    rapid = by_step(case, today)["rapid_review"]

    page = signed_in_client(personas.alice).get(reverse("cases:detail", kwargs={"pk": case.pk}))

    html = page.content.decode()
    assert "Statutory clocks" in html
    assert "Rapid review sent to the national panel" in html
    assert f"{rapid.due.day} {rapid.due:%B %Y}" in html  # type: ignore[attr-defined]
    assert "Overdue" in html
    assert "days overdue" in html
