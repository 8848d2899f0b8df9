"""A board's page lists its cases with their clocks, overdue first, filterable by stage, regime
and clock state."""

from __future__ import annotations

import datetime

from django.urls import reverse

from casereview.cases.lifecycle import State
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client

TODAY = datetime.date.today()


def notified_days_ago(personas: Personas, pseudonym: str, days: int, **fields: object) -> None:
    notified = TODAY - datetime.timedelta(days=days)
    CaseFactory(
        board=personas.board_a,
        pseudonym=pseudonym,
        notified_on=notified,
        aware_on=notified,
        incident_on=notified,
        **fields,
    )


def board_page(personas: Personas, query: str = "") -> str:
    url = reverse("accounts:board", kwargs={"slug": personas.board_a.slug}) + query
    return signed_in_client(personas.alice).get(url).content.decode()


def test_overdue_cases_come_first(personas: Personas) -> None:
    notified_days_ago(personas, "Child Fresh", 1)
    notified_days_ago(personas, "Child Late", 60)

    page = board_page(personas)

    assert page.index("Child Late") < page.index("Child Fresh")


def test_the_list_filters_by_stage(personas: Personas) -> None:
    notified_days_ago(personas, "Child Fresh", 1)
    notified_days_ago(personas, "Child Reviewing", 2, state=State.RAPID_REVIEW)

    page = board_page(personas, "?state=rapid_review")

    assert "Child Reviewing" in page
    assert "Child Fresh" not in page


def test_the_list_filters_by_clock_state(personas: Personas) -> None:
    notified_days_ago(personas, "Child Fresh", 1)
    notified_days_ago(personas, "Child Late", 60)

    page = board_page(personas, "?rag=overdue")

    assert "Child Late" in page
    assert "Child Fresh" not in page


def test_the_list_filters_by_regime(personas: Personas) -> None:
    notified_days_ago(personas, "Child Modern", 1)
    notified_days_ago(personas, "Child Old", 3000, regime="SCR")

    page = board_page(personas, "?regime=SCR")

    assert "Child Old" in page
    assert "Child Modern" not in page


def test_the_panel_sees_every_boards_cases_in_its_case_list(personas: Personas) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child Alpha")
    CaseFactory(board=personas.board_b, pseudonym="Child Bravo")

    page = signed_in_client(personas.priya).get(reverse("cases:list")).content.decode()

    assert "Child Alpha" in page
    assert "Child Bravo" in page


def test_a_lead_reviewer_sees_the_board_but_none_of_its_cases_yet(personas: Personas) -> None:
    CaseFactory(board=personas.board_a, pseudonym="Child Alpha")

    url = reverse("accounts:board", kwargs={"slug": personas.board_a.slug})
    page = signed_in_client(personas.bob).get(url).content.decode()

    assert "Child Alpha" not in page
    assert "Notify a serious incident" not in page


def test_the_timeline_shows_a_chart_with_the_clock_table_below_it(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a)

    page = (
        signed_in_client(personas.alice)
        .get(reverse("cases:timeline", kwargs={"pk": case.pk}))
        .content.decode()
    )

    assert 'class="app-timeline__bar"' in page
    assert page.index("app-timeline__bar") < page.index("Days left")
    assert "Rapid review sent to the national panel" in page
