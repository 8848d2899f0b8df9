"""A case's regime follows its notification date unless it is set explicitly."""

from __future__ import annotations

import datetime

from django.urls import reverse

from casereview.cases.models import Case
from tests.cases.test_notifying_a_case import notification
from tests.conftest import Personas, signed_in_client


def notify_on(personas: Personas, on: datetime.date) -> Case:
    signed_in_client(personas.alice).post(
        reverse("cases:notify", kwargs={"slug": personas.board_a.slug}),
        notification(notified=on, pseudonym=f"Child {on}"),
    )
    return Case.objects.get(pseudonym=f"Child {on}")


def test_a_case_notified_the_day_before_the_change_over_is_an_scr(personas: Personas) -> None:
    assert notify_on(personas, datetime.date(2019, 9, 28)).regime == "SCR"


def test_a_case_notified_on_the_change_over_day_is_a_cspr(personas: Personas) -> None:
    assert notify_on(personas, datetime.date(2019, 9, 29)).regime == "CSPR"
