"""Moving a case on to its publication decision and to "Improvements published" does not fill in
the date a copy went to the national panel and the Secretary of State: that date is stored only
when the person gives it on the move's form. (Publishing the report itself is refused until it
is recorded: tests/publication.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from casereview.cases import services
from casereview.cases.case_clocks import case_clocks
from casereview.cases.clocks import RAG
from casereview.cases.lifecycle import State
from casereview.publication.services import add_improvements_summary, publish_standalone
from tests.cases.dates import d
from tests.cases.factories import CaseFactory, decided
from tests.conftest import Personas, signed_in_client


@pytest.fixture
def final(personas: Personas) -> Any:
    case = decided(CaseFactory(board=personas.board_a), personas.alice)
    case.state, case.initiated_on, case.final_on = State.FINAL, d("2026-04-01"), d("2026-08-03")
    case.save()
    return case


def panel_copy(case: Any) -> Any:
    clocks = case_clocks(case, today=d("2026-10-01"))
    return next(c for c in clocks if c.deadline.step == "panel_copy_before_publication")


def test_publishing_the_improvements_leaves_the_panel_copy_not_recorded(
    personas: Personas, final: Any, actor_as: Any
) -> None:
    alice = actor_as(personas.alice)
    services.move_case(alice, final, State.PUBLICATION_DECISION, {"date": d("2026-08-10")})
    final.refresh_from_db()
    summary = add_improvements_summary(alice, final, "Agencies now share referrals each week.")
    publish_standalone(alice, summary)
    services.move_case(
        alice,
        final,
        State.IMPROVEMENTS_PUBLISHED,
        {"date": d("2026-09-01"), "reasons": "A fictional compelling reason."},
    )
    final.refresh_from_db()

    assert final.published_on == d("2026-09-01")
    assert final.panel_copy_sent_on is None
    assert (panel_copy(final).met_on, panel_copy(final).state) == (None, RAG.OVERDUE)


def test_the_panel_copy_date_given_on_the_move_form_is_recorded(
    personas: Personas, final: Any
) -> None:
    alice = signed_in_client(personas.alice)
    url = reverse("cases:move", kwargs={"pk": final.pk, "key": State.PUBLICATION_DECISION})

    form = alice.get(url).content.decode()
    posted = alice.post(
        url,
        {
            "date-day": "10",
            "date-month": "8",
            "date-year": "2026",
            "panel_copy_sent_on-day": "7",
            "panel_copy_sent_on-month": "8",
            "panel_copy_sent_on-year": "2026",
        },
    )
    final.refresh_from_db()

    assert "Date a copy of the report was sent to the national panel" in form
    assert posted.status_code == 302
    assert final.panel_copy_sent_on == d("2026-08-07")
