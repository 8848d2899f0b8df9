"""A case's report is published only when a person recorded the copy sent to the national panel
(and the Secretary of State) at least the rules table's advance notice before: seven working
days for a CSPR, counted with England and Wales bank holidays. Refused publication changes
nothing and says what to do and the earliest date allowed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.cases import services
from casereview.cases.lifecycle import State
from tests.cases.dates import d
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from
from tests.publication.conftest import ready_to_publish


def publish(personas: Personas, ready, on: str, **values):  # type: ignore[no-untyped-def]
    return services.move_case(
        actor_from(personas.alice),
        ready.case,
        State.PUBLISHED,
        {"date": d(on), "document": ready.report, **values},
    )


def test_it_refuses_publication_when_no_advance_notice_was_recorded(personas: Personas) -> None:
    ready = ready_to_publish(personas, notice_on=None)

    with pytest.raises(services.Refused) as refused:
        publish(personas, ready, "2026-09-09")
    ready.case.refresh_from_db()
    ready.report.refresh_from_db()

    message = str(refused.value)
    assert "Record the date a copy of the final report was sent to the national panel" in message
    assert "at least 7 working days before" in message
    assert ready.case.state == State.PUBLICATION_DECISION
    assert not ready.report.is_published


def test_it_refuses_the_repository_button_too_and_says_so_on_the_document(
    personas: Personas,
) -> None:
    ready = ready_to_publish(personas, notice_on=None)
    alice = signed_in_client(personas.alice)

    before = alice.get(reverse("repository:document", kwargs={"ref": ready.ref})).content.decode()
    response = alice.post(reverse("repository:publish", kwargs={"ref": ready.ref}))
    after = alice.get(response["Location"]).content.decode()
    ready.report.refresh_from_db()

    assert "Publish this review" not in before
    assert "Record the date a copy of the final report was sent" in before
    assert "Record the date a copy of the final report was sent" in after
    assert not ready.report.is_published


def test_notice_six_working_days_before_across_the_august_bank_holiday_is_too_short(
    personas: Personas,
) -> None:
    # Friday 28 August 2026 to Tuesday 8 September: seven weekdays, but Monday 31 August is the
    # summer bank holiday, so only six working days.
    ready = ready_to_publish(personas, notice_on=d("2026-08-28"))

    with pytest.raises(services.Refused) as refused:
        publish(personas, ready, "2026-09-08")
    ready.report.refresh_from_db()

    assert "The earliest publication date it allows is 9 September 2026" in str(refused.value)
    assert not ready.report.is_published


def test_notice_exactly_seven_working_days_before_is_enough(personas: Personas) -> None:
    ready = ready_to_publish(personas, notice_on=d("2026-08-28"))

    publish(personas, ready, "2026-09-09")
    ready.case.refresh_from_db()
    ready.report.refresh_from_db()

    assert ready.case.state == State.PUBLISHED
    assert ready.report.published_on == d("2026-09-09")


def test_the_notice_date_given_on_the_move_itself_counts_and_is_checked(
    personas: Personas,
) -> None:
    ready = ready_to_publish(personas, notice_on=None)

    with pytest.raises(services.Refused):
        publish(personas, ready, "2026-09-08", panel_copy_sent_on=d("2026-08-28"))
    ready.case.refresh_from_db()
    assert ready.case.panel_copy_sent_on is None

    publish(personas, ready, "2026-09-09", panel_copy_sent_on=d("2026-08-28"))
    ready.case.refresh_from_db()
    assert ready.case.panel_copy_sent_on == d("2026-08-28")
    assert ready.case.published_on == d("2026-09-09")
