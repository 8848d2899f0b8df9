"""Filtering the national figures by year of notification, region and regime, and refusing
filters that make no sense with a message beside the box to fix."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Board, Region
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.learning.filters import Filters
from casereview.learning.timeliness import NationalFigures, national_figures
from tests.cases.dates import d
from tests.cases.factories import CaseFactory
from tests.conftest import Personas, signed_in_client
from tests.factories import BoardFactory

TODAY = d("2026-06-01")


def notified(board: Board, on: datetime.date, **fields: Any) -> None:
    CaseFactory(board=board, notified_on=on, aware_on=on, incident_on=on, **fields)


def count(**filters: Any) -> int:
    return national_figures(Filters(**filters), TODAY).national.notifications


def figures(**filters: Any) -> NationalFigures:
    return national_figures(Filters(**filters), TODAY)


@pytest.fixture
def boards(db: None) -> tuple[Board, Board]:
    london = BoardFactory(region=Region.LONDON)
    north = BoardFactory(region=Region.NORTH_EAST)
    for on in ("2018-12-31", "2019-01-01", "2020-06-15", "2021-12-31", "2022-01-01"):
        notified(london, d(on))
    notified(north, d("2020-03-03"))
    return london, north


def test_a_year_range_takes_in_the_whole_of_both_years(boards: tuple[Board, Board]) -> None:
    assert count(year_from=2019, year_to=2021) == 4
    assert count(year_from=2019) == 5
    assert count(year_to=2018) == 1
    assert count() == 6


def test_a_region_keeps_only_its_boards_and_its_own_row(boards: tuple[Board, Board]) -> None:
    _, north = boards

    result = figures(region=Region.NORTH_EAST)

    assert result.national.notifications == 1
    assert [item.board for item in result.boards] == [north]
    assert [item.region for item in result.regions] == [Region.NORTH_EAST]


def test_a_regime_keeps_only_its_cases(boards: tuple[Board, Board]) -> None:
    # Notified before 29 September 2019: SCR; after: CSPR.
    assert count(regime="SCR") == 2
    assert count(regime="CSPR") == 4


def test_the_filters_narrow_the_overdue_list_too(boards: tuple[Board, Board]) -> None:
    _, north = boards

    result = figures(region=Region.NORTH_EAST)

    assert {item.case.board for item in result.overdue} == {north}


@pytest.fixture
def priya(personas: Personas) -> Client:
    return signed_in_client(personas.priya)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"year_from": "20x9"}, "year_from", "The first year must be a year with 4 numbers"),
        ({"year_to": "1999"}, "year_to", "The last year must be between 2008 and"),
        (
            {"year_from": "2021", "year_to": "2019"},
            "year_to",
            "The last year must be the same as or after the first year",
        ),
        ({"region": "atlantis"}, "region", "Select a region from the list"),
        ({"regime": "XYZ"}, "regime", "Select a regime from the list"),
    ],
)
def test_a_filter_that_makes_no_sense_is_explained_beside_its_box(
    priya: Client, query: dict[str, str], field: str, message: str
) -> None:
    response = priya.get(reverse("learning:timeliness"), query)

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f'href="#{field}"' in page
    assert message in page
    assert "Correct the filters to see the figures" in page
    # Nothing was shown, so nothing was viewed.
    assert not Event.objects.filter(action=Action.NATIONAL_VIEWED).exists()


def test_the_page_keeps_the_chosen_filters(priya: Client) -> None:
    page = priya.get(
        reverse("learning:timeliness"), {"year_from": "2019", "region": "london", "regime": "CSPR"}
    ).content.decode()

    assert 'name="year_from" type="text" value="2019"' in page
    assert '<option value="london" selected>' in page
    assert '<option value="CSPR" selected>' in page
    # The downloads carry the same filters.
    assert "timeliness.csv?year_from=2019&amp;region=london&amp;regime=CSPR" in page


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        (Filters(), "Cases from every region"),
        (
            Filters(year_from=2019, year_to=2021, region="london", regime="CSPR"),
            "Cases from London, notified 2019 to 2021, CSPR only",
        ),
        (Filters(year_from=2020, year_to=2020), "Cases from every region, notified in 2020"),
        (Filters(year_from=2020), "Cases from every region, notified from 2020 onwards"),
        (Filters(year_to=2018), "Cases from every region, notified up to the end of 2018"),
    ],
)
def test_the_page_says_which_cases_the_figures_cover(filters: Filters, words: str) -> None:
    assert filters.cases_in_words() == words
