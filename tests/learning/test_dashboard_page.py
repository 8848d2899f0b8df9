"""The national dashboard page: for the national panel only, recorded in the audit trail, with
its tables labelled for everyone and its links to boards and cases."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.models import Case
from casereview.learning import views
from tests.cases.factories import CaseFactory, decided
from tests.conftest import Personas, signed_in_client

URL = reverse("learning:timeliness")


def notified_days_ago(personas: Personas, days: int, **fields: object) -> Case:
    on = timezone.localdate() - datetime.timedelta(days=days)
    case: Case = CaseFactory(
        board=personas.board_a, notified_on=on, aware_on=on, incident_on=on, **fields
    )
    return case


@pytest.fixture
def priya(personas: Personas) -> Client:
    return signed_in_client(personas.priya)


@pytest.mark.parametrize("name", ["alice", "bob", "dana", "charlie", "ada"])
def test_anyone_signed_in_but_off_the_panel_gets_a_404(personas: Personas, name: str) -> None:
    client = signed_in_client(personas.by_name(name))

    assert client.get(URL).status_code == 404
    assert not Event.objects.filter(action=Action.NATIONAL_VIEWED).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(db: None) -> None:
    response = Client().get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_it_takes_no_posts(priya: Client) -> None:
    assert priya.post(URL, {}).status_code == 405


def test_each_view_is_recorded_with_its_filters(personas: Personas, priya: Client) -> None:
    priya.get(URL, {"region": "london", "year_from": "2020"})

    event = Event.objects.get(action=Action.NATIONAL_VIEWED)
    assert event.actor == personas.priya
    assert event.data == {"filters": {"region": "london", "year_from": 2020}}


def test_it_says_the_counts_are_not_suppressed(priya: Client) -> None:
    page = priya.get(URL).content.decode()

    assert "actual counts, including numbers under 5" in page
    assert "do not copy these figures into anything published" in page


def test_each_board_links_to_its_page(personas: Personas, priya: Client) -> None:
    page = priya.get(URL).content.decode()

    board_url = reverse("accounts:board", kwargs={"slug": personas.board_a.slug})
    assert f'href="{board_url}">{personas.board_a.name}</a>' in page


def test_an_overdue_clock_links_to_its_case_and_says_how_late_it_is(
    personas: Personas, priya: Client
) -> None:
    case = notified_days_ago(personas, 60, pseudonym="Child Late")

    page = priya.get(URL).content.decode()

    overdue = page[page.index('id="overdue"') : page.index('id="decisions"')]
    assert f'href="{reverse("cases:detail", kwargs={"pk": case.pk})}">Child Late</a>' in overdue
    assert "Rapid review sent to the national panel" in overdue
    # The lateness is a number in its own labelled column, not a colour.
    assert "Days overdue</th>" in overdue


def test_a_recent_decision_is_listed_with_its_outcome(personas: Personas, priya: Client) -> None:
    case = notified_days_ago(personas, 20, pseudonym="Child Decided")
    decided(case, personas.alice, decided_on=timezone.localdate() - datetime.timedelta(days=2))

    page = priya.get(URL).content.decode()

    decisions = page[page.index('id="decisions"') :]
    assert "Child Decided" in decisions
    assert "Hold a local child safeguarding practice review" in decisions


def test_every_table_has_a_caption_and_header_cells(personas: Personas, priya: Client) -> None:
    notified_days_ago(personas, 60)
    decided(notified_days_ago(personas, 10), personas.alice, decided_on=timezone.localdate())

    page = priya.get(URL).content.decode()

    tables = re.findall(r"<table.*?</table>", page, flags=re.S)
    assert len(tables) == 4
    for table in tables:
        assert re.search(r"<caption[^>]*>\s*\S", table)
        assert '<th scope="col"' in table
        assert '<th scope="row"' in table


def test_a_median_of_nothing_shows_a_dash_not_zero(priya: Client) -> None:
    page = priya.get(URL).content.decode()

    assert re.search(r"Median days from notification to decision\s*</dt>\s*<dd[^>]*>\s*—", page)


def test_a_long_overdue_list_is_cut_short_with_a_link_to_all_of_it(
    personas: Personas, priya: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "OVERDUE_SHOWN", 2)
    for days in (40, 50, 60):
        notified_days_ago(personas, days, pseudonym=f"Child {days}")

    page = priya.get(URL).content.decode()

    overdue = page[page.index('id="overdue"') : page.index('id="decisions"')]
    assert "3 open clocks past their due date" in overdue
    assert "This page shows the first 2" in overdue
    assert reverse("learning:overdue-csv") in overdue
    assert "Child 60" in overdue
    assert "Child 50" in overdue
    assert "Child 40" not in overdue
