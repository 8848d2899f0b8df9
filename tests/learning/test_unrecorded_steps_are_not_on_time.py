"""The national dashboard and its CSV count a step nobody recorded as not met: a decided CSPR case
whose rapid review was never recorded as sent is late and overdue, not on time."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from casereview.learning.filters import Filters
from casereview.learning.timeliness import Share, national_figures
from tests.cases.dates import d
from tests.cases.factories import CaseFactory, decided, step_met
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db

# Notified Wednesday 4 March 2026: the rapid review falls due on Wednesday 25 March.
NOTIFIED = d("2026-03-04")


def decided_in_time(personas: Personas) -> Any:
    case = CaseFactory(board=personas.board_a, notified_on=NOTIFIED, aware_on=NOTIFIED)
    return decided(case, personas.alice, decided_on=d("2026-03-20"))


def test_a_rapid_review_nobody_recorded_counts_as_late_and_overdue(personas: Personas) -> None:
    decided_in_time(personas)

    figures = national_figures(Filters(), d("2026-06-01"))

    assert figures.national.rapid_reviews == Share(on_time=0, judged=1)
    assert [item.clock.deadline.step for item in figures.overdue] == ["rapid_review"]


def test_a_rapid_review_recorded_as_sent_in_time_counts_as_on_time(personas: Personas) -> None:
    step_met(decided_in_time(personas), "rapid_review", d("2026-03-24"), personas.alice)

    figures = national_figures(Filters(), d("2026-06-01"))

    assert figures.national.rapid_reviews == Share(on_time=1, judged=1)
    assert figures.overdue == []


def test_the_csv_counts_the_unrecorded_rapid_review_as_not_on_time(personas: Personas) -> None:
    decided_in_time(personas)

    response = signed_in_client(personas.priya).get(reverse("learning:timeliness-csv"))
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    row = list(csv.DictReader(io.StringIO(text)))[-1]

    assert (row["rapid_reviews_on_time"], row["rapid_reviews_judged"]) == ("0", "1")
    assert row["open_overdue_clocks"] == "1"
