"""A copy sent to the national panel later than the rules ask does not stop publication for
ever: the confirmation page takes the reason it must be published sooner, and the reason is
recorded with the case's move. A copy never sent is still refused, reason or not."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casereview.cases.lifecycle import State
from casereview.cases.models import CaseMove
from casereview.cases.services import Refused
from casereview.publication.services import SHORT_NOTICE, publish_from_repository
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from
from tests.publication.conftest import ready_to_publish

WHY = "A court asked for publication before the family's hearing."


def confirm(personas: Personas, ready, **form: str):  # type: ignore[no-untyped-def]
    url = reverse("publication:confirm", kwargs={"ref": ready.ref})
    return (
        signed_in_client(personas.alice).post(url, form)
        if form
        else signed_in_client(personas.alice).get(url)
    )


def test_without_a_reason_short_notice_is_refused(personas: Personas) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ready = ready_to_publish(personas, notice_on=yesterday)

    with pytest.raises(Refused, match="earliest publication date"):
        publish_from_repository(actor_from(personas.alice), ready.report)


def test_with_a_reason_it_is_published_and_the_reason_recorded(personas: Personas) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ready = ready_to_publish(personas, notice_on=yesterday)

    page = confirm(personas, ready).content.decode()
    response = confirm(personas, ready, short_notice_reason=WHY)
    ready.report.refresh_from_db()
    move = CaseMove.objects.get(case=ready.case, target=State.PUBLISHED)

    assert "Publish with less notice, for this reason" in page
    assert response.status_code == 302
    assert ready.report.is_published
    assert move.reasons == SHORT_NOTICE + WHY


def test_a_reason_does_not_stand_in_for_a_copy_never_sent(personas: Personas) -> None:
    ready = ready_to_publish(personas, notice_on=None)

    with pytest.raises(Refused, match="Record the date a copy"):
        publish_from_repository(actor_from(personas.alice), ready.report, short_notice_reason=WHY)
