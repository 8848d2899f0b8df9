"""The audit trail page: a filterable, paginated table that records each visit to it."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.views import PAGE_SIZE
from tests.audit.conftest import MakeEvent
from tests.conftest import Personas, signed_in_client

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def ada(personas: Personas) -> Client:
    return signed_in_client(personas.ada)


def listed(client: Client, **filters: str) -> str:
    response = client.get(reverse("audit:events"), filters)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_events_newest_first_with_who_did_what(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(Action.SIGNED_IN, actor=personas.alice, summary="first thing")
    make_event(Action.BOARD_VIEWED, actor=personas.bob, board=personas.board_a, summary="later")

    page = listed(ada)

    assert "Bob Reviewer &lt;bob@example.org&gt;" in page
    assert "Viewed a board&#39;s restricted dashboard" in page
    assert page.index("later") < page.index("first thing")


def test_it_records_that_the_trail_was_viewed(ada: Client, personas: Personas) -> None:
    ada.get(reverse("audit:events"), {"action": Action.SIGNED_IN})

    viewed = Event.objects.get(action=Action.AUDIT_VIEWED)
    assert viewed.actor == personas.ada
    assert viewed.data["filters"] == {"action": Action.SIGNED_IN.value}


def test_it_lets_the_national_panel_read_it(personas: Personas) -> None:
    response = signed_in_client(personas.priya).get(reverse("audit:events"))

    assert response.status_code == 200


def test_it_is_not_found_for_a_board_chair(personas: Personas) -> None:
    response = signed_in_client(personas.alice).get(reverse("audit:events"))

    assert response.status_code == 404
    assert not Event.objects.filter(action=Action.AUDIT_VIEWED).exists()


def test_it_filters_by_part_of_the_email_address(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(actor=personas.alice, summary="alice did it")
    make_event(actor=personas.charlie, summary="charlie did it")

    page = listed(ada, who="ALICE@")

    assert "alice did it" in page
    assert "charlie did it" not in page


def test_it_filters_by_action(ada: Client, make_event: MakeEvent) -> None:
    make_event(Action.SIGNED_IN, summary="a sign-in")
    make_event(Action.SIGNED_OUT, summary="a sign-out")

    page = listed(ada, action=Action.SIGNED_OUT)

    assert "a sign-out" in page
    assert "a sign-in" not in page


def test_it_filters_by_board(ada: Client, personas: Personas, make_event: MakeEvent) -> None:
    make_event(board=personas.board_a, summary="on board A")
    make_event(board=personas.board_b, summary="on board B")

    page = listed(ada, board=personas.board_b.slug)

    assert "on board B" in page
    assert "on board A" not in page


def test_it_filters_by_type_of_record(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(object_type="accounts.board", object_id="1", summary="about a board")
    make_event(object_type="accounts.user", object_id="1", summary="about a person")

    page = listed(ada, object_type="accounts.user")

    assert "about a person" in page
    assert "about a board" not in page
    assert '<option value="accounts.user" selected>User</option>' in page


@pytest.mark.parametrize(
    ("local_time", "shown"),
    [
        (datetime.datetime(2026, 3, 2, 23, 59, 59), False),
        (datetime.datetime(2026, 3, 3, 0, 0, 0), True),
        (datetime.datetime(2026, 3, 5, 23, 59, 59), True),
        (datetime.datetime(2026, 3, 6, 0, 0, 0), False),
    ],
    ids=["the-second-before", "the-first-moment", "the-last-moment", "the-day-after"],
)
def test_the_date_range_takes_in_whole_uk_days_at_both_ends(
    ada: Client, make_event: MakeEvent, local_time: datetime.datetime, shown: bool
) -> None:
    make_event(at=local_time.replace(tzinfo=LONDON), summary="the event in question")

    page = listed(
        ada,
        from_day="3",
        from_month="3",
        from_year="2026",
        to_day="5",
        to_month="3",
        to_year="2026",
    )

    assert ("the event in question" in page) is shown


def test_uk_days_follow_british_summer_time(ada: Client, make_event: MakeEvent) -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London.
    make_event(at=datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC), summary="late")

    page = listed(ada, from_day="1", from_month="7", from_year="2026")

    assert "late" in page


def test_it_explains_a_date_that_does_not_exist(ada: Client, make_event: MakeEvent) -> None:
    make_event(summary="still listed")

    page = listed(ada, from_day="31", from_month="2", from_year="2026")

    assert "There is a problem" in page
    assert "Date from must be a real date" in page
    assert 'href="#from-day"' in page
    assert "still listed" in page


def test_it_explains_a_date_with_a_part_missing(ada: Client) -> None:
    page = listed(ada, to_day="3", to_year="2026")

    assert "Date to must include a month" in page


def test_it_asks_for_a_four_digit_year(ada: Client) -> None:
    page = listed(ada, from_day="3", from_month="3", from_year="26")

    assert "The year in date from must include 4 numbers" in page


def test_it_refuses_an_end_date_before_the_start_date(ada: Client) -> None:
    page = listed(
        ada,
        from_day="5",
        from_month="3",
        from_year="2026",
        to_day="3",
        to_month="3",
        to_year="2026",
    )

    assert "Date to must be the same as or after date from" in page


def test_it_pages_through_events_keeping_the_filters(ada: Client, make_event: MakeEvent) -> None:
    for number in range(PAGE_SIZE + 1):
        make_event(Action.SIGNED_IN, summary=f"sign-in {number}")

    first = listed(ada, action=Action.SIGNED_IN)
    second = listed(ada, action=Action.SIGNED_IN, page="2")

    assert f"Showing 1 to {PAGE_SIZE} of {PAGE_SIZE + 1} events" in first
    assert 'class="govuk-pagination' in first
    assert "?action=auth.signed_in&amp;page=2" in first
    assert "sign-in 0<" in second
    assert "sign-in 0<" not in first


def test_it_links_each_record_to_its_history(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(
        object_type="accounts.board",
        object_id=str(personas.board_a.pk),
        object_label=personas.board_a.name,
    )

    page = listed(ada)

    history = reverse(
        "audit:history",
        kwargs={"object_type": "accounts.board", "object_id": str(personas.board_a.pk)},
    )
    assert f'href="{history}"' in page


def test_the_download_link_carries_the_same_filters_but_not_the_page(
    ada: Client, personas: Personas, make_event: MakeEvent
) -> None:
    make_event(Action.SIGNED_IN, actor=personas.alice)

    page = listed(ada, action=Action.SIGNED_IN, who="alice", page="1")

    assert f'href="{reverse("audit:export")}?action=auth.signed_in&amp;who=alice"' in page


def test_the_filter_form_works_without_javascript(ada: Client) -> None:
    page = listed(ada)

    assert f'<form method="get" action="{reverse("audit:events")}"' in page
    assert 'type="submit"' in page


def test_it_shows_the_address_a_restricted_view_came_from(ada: Client, personas: Personas) -> None:
    alice = signed_in_client(personas.alice)
    alice.get(
        reverse("accounts:board", kwargs={"slug": personas.board_a.slug}), REMOTE_ADDR="203.0.113.9"
    )

    page = listed(ada, action=Action.BOARD_VIEWED)

    assert "Alice Chair &lt;alice@example.org&gt;" in page
    assert "from 203.0.113.9" in page
