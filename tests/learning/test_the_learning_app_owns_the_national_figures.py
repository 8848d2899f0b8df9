"""The national figures live in one app: their old addresses answer under ``learning:`` names,
both pages' downloads stream through one spreadsheet-safe writer, and one small-number rule
decides what is published."""

from __future__ import annotations

import csv
import io

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from casereview.learning.downloads import csv_lines
from casereview.learning.filters import Filters
from casereview.learning.suppression import FEWER_THAN, SMALL_NUMBER, Number
from tests.conftest import Personas, signed_in_client


def test_learning_is_an_installed_app() -> None:
    assert apps.is_installed("casereview.learning")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("learning:timeliness", "/national/"),
        ("learning:timeliness-csv", "/national/timeliness.csv"),
        ("learning:overdue-csv", "/national/overdue.csv"),
        ("learning:recommendations", "/recommendations/national/"),
        ("learning:recommendations-csv", "/recommendations/national.csv"),
    ],
)
def test_the_figures_keep_the_addresses_they_had(name: str, path: str) -> None:
    assert reverse(name) == path


def test_the_one_writer_makes_every_formula_inert() -> None:
    rows = [["=SUM(A1)", "+1", "-2", "@cmd", "\tx", "\rx", "plain", 7]]

    text = "".join(csv_lines(["a", "b", "c", "d", "e", "f", "g", "h"], rows))

    (row,) = list(csv.reader(io.StringIO(text)))[1:]
    assert row == ["'=SUM(A1)", "'+1", "'-2", "'@cmd", "'\tx", "'\rx", "plain", "7"]


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (0, "0"),
        (1, FEWER_THAN),
        (SMALL_NUMBER - 1, FEWER_THAN),
        (SMALL_NUMBER, "5"),
        (1234, "1,234"),
    ],
)
def test_one_rule_suppresses_counts_from_1_to_4(count: int, shown: str) -> None:
    assert str(Number(count)) == shown
    assert FEWER_THAN == "fewer than 5"


def test_one_filter_model_describes_cases_and_reviews() -> None:
    filters = Filters(year_from=2019, year_to=2021, region="london")

    assert filters.cases_in_words() == "Cases from London, notified 2019 to 2021"
    assert filters.reviews_in_words() == "Reviews published 2019 to 2021, by boards in London"
    assert filters.describe() == {"year_from": 2019, "year_to": 2021, "region": "london"}


@pytest.mark.django_db
def test_both_pages_downloads_are_streamed(personas: Personas) -> None:
    timeliness = signed_in_client(personas.priya).get(reverse("learning:timeliness-csv"))
    recommendations = Client().get(reverse("learning:recommendations-csv"))

    assert timeliness.streaming and recommendations.streaming
    assert recommendations.getvalue().decode().startswith("year_published,reviews,")
