"""The timeline chart labels every bar in words: the step, the dates it runs between, whether it
was recorded as done, and its state, so neither a bar's length nor its colour must be read."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse

from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client

TODAY = datetime.date.today()


def timeline_page(personas: Personas, **fields: object) -> str:
    case = CaseFactory(board=personas.board_a, **fields)
    url = reverse("cases:timeline", kwargs={"pk": case.pk})
    return signed_in_client(personas.alice).get(url).content.decode()


def labels(page: str) -> list[str]:
    """Each bar's label with its tags removed and its spaces tidied."""
    found = re.findall(r"<li [^>]*data-timeline-bar=\"([^\"]+)\">\s*<p [^>]*>(.*?)</p>", page, re.S)
    return [f"{step} ~ {' '.join(re.sub(r'<[^>]+>', ' ', text).split())}" for step, text in found]


def test_every_bar_is_labelled_with_its_step_its_dates_and_its_state(personas: Personas) -> None:
    notified = TODAY - datetime.timedelta(days=60)
    page = timeline_page(personas, aware_on=notified, notified_on=notified, incident_on=notified)

    shown = labels(page)

    assert len(shown) == page.count("data-timeline-bar=")
    rapid = next(label for label in shown if label.startswith("Rapid review sent"))
    day = f"{notified.day} {notified:%B %Y}"
    assert f"Rapid review sent to the national panel {day} to " in rapid
    assert rapid.endswith("(not recorded as done): overdue")


def test_a_step_recorded_as_done_says_the_day_it_was_done(personas: Personas) -> None:
    notified = TODAY - datetime.timedelta(days=30)
    page = timeline_page(personas, aware_on=notified, notified_on=notified, incident_on=notified)

    sin = next(label for label in labels(page) if label.startswith("Serious incident"))

    assert f"(done {notified.day} {notified:%B %Y}): met" in sin


def test_the_clock_table_has_the_width_of_the_page_not_half_of_it(personas: Personas) -> None:
    page = timeline_page(personas)

    assert "govuk-grid-column-one-half" not in page
    assert "Days left" in page
