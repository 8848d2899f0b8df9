"""A child's age reads as people say it ("1 year 3 months", "3 weeks"), never as "1.23"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereview.audit.actors import Actor
from casereview.pages.ages import child_age
from casereview.repository.services import correct_field
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client
from tests.repository.conftest import add_document


@pytest.mark.parametrize(
    ("years", "said"),
    [
        (0, "under 1 week"),
        (3 / 365.25, "under 1 week"),
        (7 / 365.25, "1 week"),
        (20 / 365.25, "2 weeks"),
        (1 / 12, "1 month"),
        (0.5, "6 months"),
        (11.99 / 12, "11 months"),
        (1, "1 year"),
        (1.0, "1 year"),
        (1.25, "1 year 3 months"),
        (14 / 12, "1 year 2 months"),
        (1.99, "1 year 11 months"),
        (4, "4 years"),
        (17, "17 years"),
        (17.99, "17 years 11 months"),
    ],
)
def test_an_age_in_years_reads_in_completed_weeks_months_and_years(years: float, said: str) -> None:
    assert child_age(years) == said


def test_an_age_known_only_in_whole_years_says_under_1_year_for_0() -> None:
    assert child_age(0, whole_years=True) == "under 1 year"
    assert child_age(3, whole_years=True) == "3 years"


def test_an_unknown_age_reads_as_nothing() -> None:
    assert child_age(None) == ""


def test_the_template_filter_is_the_same_function() -> None:
    from django.template import engines

    assert engines["jinja2"].env.filters["child_age"] is child_age  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_a_documents_record_shows_the_childs_age_in_words(personas: Personas) -> None:
    document = add_document("A review about a child.", title="Review of Child A")
    correct_field(document.fields.get(name="child.age_years"), 1.25, actor=Actor.command_line())

    page = Client().get(reverse("repository:document", kwargs={"ref": document.sha256[:12]}))

    html = page.content.decode()
    assert ">1 year 3 months<" in html
    assert ">1.25<" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("years", "said"), [(1, ">1 year<"), (0, ">under 1 year<")])
def test_a_cases_page_shows_the_childs_age_in_words(
    personas: Personas, years: int, said: str
) -> None:
    case = CaseFactory(board=personas.board_a, age_years=years)

    page = signed_in_client(personas.alice).get(reverse("cases:detail", kwargs={"pk": case.pk}))

    assert said in " ".join(page.content.decode().split()).replace("> ", ">").replace(" <", "<")
