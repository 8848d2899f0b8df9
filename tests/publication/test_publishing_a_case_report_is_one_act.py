"""Publishing a case's final report is one act, whichever side it starts from: the repository's
"Publish" button moves the case to "Published", and the case's move to "Published" publishes
its report in the repository. Both records keep the same publication date."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases import services
from casereview.cases.lifecycle import State
from casereview.cases.models import CaseMove
from casereview.repository.services import ingest_file
from tests.cases.dates import d
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, UserFactory, actor_from
from tests.publication.conftest import Ready, ready_to_publish


def publish_in_repository(user, ready: Ready):  # type: ignore[no-untyped-def]
    return signed_in_client(user).post(reverse("repository:publish", kwargs={"ref": ready.ref}))


def move_to_published(user, ready: Ready, on: str, **extra: str):  # type: ignore[no-untyped-def]
    day = d(on)
    return signed_in_client(user).post(
        reverse("cases:move", kwargs={"pk": ready.case.pk, "key": State.PUBLISHED}),
        {"date-day": day.day, "date-month": day.month, "date-year": day.year, **extra},
    )


def test_publishing_the_report_in_the_repository_moves_the_case_with_the_same_date(
    personas: Personas, ready: Ready
) -> None:
    response = publish_in_repository(personas.alice, ready)
    ready.case.refresh_from_db()
    ready.report.refresh_from_db()

    today = timezone.localdate()
    assert response.status_code == 302
    assert ready.report.is_published
    assert ready.case.state == State.PUBLISHED
    assert ready.report.published_on == ready.case.published_on == today
    assert CaseMove.objects.get(case=ready.case).target == State.PUBLISHED
    assert Event.objects.filter(action=Action.CASE_MOVED).count() == 1
    assert Event.objects.filter(action=Action.DOCUMENT_PUBLISHED).count() == 1


def test_moving_the_case_to_published_publishes_its_report_on_the_date_given(
    personas: Personas, ready: Ready
) -> None:
    response = move_to_published(personas.alice, ready, "2026-09-01", document=str(ready.report.pk))
    ready.case.refresh_from_db()
    ready.report.refresh_from_db()

    assert response.status_code == 302
    assert ready.report.is_published
    assert ready.report.published_on == ready.case.published_on == d("2026-09-01")


def test_the_move_asks_which_report_it_publishes(personas: Personas, ready: Ready) -> None:
    url = reverse("cases:move", kwargs={"pk": ready.case.pk, "key": State.PUBLISHED})

    form = signed_in_client(personas.alice).get(url).content.decode()
    blank = move_to_published(personas.alice, ready, "2026-09-01")
    ready.case.refresh_from_db()

    assert "child-p-final.txt" in form or ready.report.display_title in form
    assert blank.status_code == 200
    assert "Choose the final report to publish" in blank.content.decode()
    assert ready.case.state == State.PUBLICATION_DECISION


def test_the_move_is_refused_plainly_when_no_report_is_in_the_repository(
    personas: Personas, ready: Ready
) -> None:
    ready.report.case = None
    ready.report.save(update_fields=["case"])

    with pytest.raises(services.Refused) as refused:
        services.move_case(
            actor_from(personas.alice), ready.case, State.PUBLISHED, {"date": d("2026-09-01")}
        )
    ready.case.refresh_from_db()

    assert "Send the final report to the national repository" in str(refused.value)
    assert ready.case.state == State.PUBLICATION_DECISION
    assert ready.case.published_on is None
    case_page = signed_in_client(personas.alice).get(
        reverse("cases:detail", kwargs={"pk": ready.case.pk})
    )
    assert "Send the final report to the national repository" in case_page.content.decode()


def test_publishing_a_document_with_no_case_works_as_before(personas: Personas) -> None:
    other = ingest_file(
        b"A fictional review with no case here.", "other.txt", board=personas.board_a
    )
    assert other.document is not None

    response = signed_in_client(personas.alice).post(
        reverse("repository:publish", kwargs={"ref": other.document.sha256[:12]})
    )
    other.document.refresh_from_db()

    assert response.status_code == 302
    assert other.document.is_published
    assert other.document.published_on == timezone.localdate()


def test_the_board_manager_who_may_move_the_case_may_publish_its_report_from_either_side(
    personas: Personas, ready: Ready
) -> None:
    mo = UserFactory(email="mo@example.org", full_name="Mo Manager")
    MembershipFactory(user=mo, board=personas.board_a, role="board_manager")

    publish_in_repository(mo, ready)
    ready.case.refresh_from_db()
    ready.report.refresh_from_db()

    assert ready.report.is_published
    assert ready.case.state == State.PUBLISHED


def test_a_report_from_a_case_not_yet_at_its_publication_decision_is_not_published(
    personas: Personas, ready: Ready
) -> None:
    ready.case.state = State.FINAL
    ready.case.save()

    response = publish_in_repository(personas.alice, ready)
    ready.report.refresh_from_db()
    page = signed_in_client(personas.alice).get(response["Location"]).content.decode()

    assert not ready.report.is_published
    assert "cannot move to “Published”" in page


def test_a_report_already_published_on_another_date_is_not_redated(
    personas: Personas,
) -> None:
    ready = ready_to_publish(personas, notice_on=d("2026-07-06"))
    ready.report.is_published, ready.report.published_on = True, d("2026-08-03")
    ready.report.save()

    with pytest.raises(services.Refused) as refused:
        services.move_case(
            actor_from(personas.alice),
            ready.case,
            State.PUBLISHED,
            {"date": d("2026-09-01"), "document": ready.report},
        )

    assert "published in the repository on 3 August 2026" in str(refused.value)
    ready.report.refresh_from_db()
    assert ready.report.published_on == datetime.date(2026, 8, 3)
