"""The search page's filter panel on a phone-sized screen: the results come before the filters,
a long list of boards is folded away behind a "Show more" control that works without
JavaScript, and "Apply filters" is offered before any long list as well as after it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from casereview.repository.models import DocumentFacet
from casereview.repository.search import FacetValue
from casereview.repository.views import SHORT_FACET, facet_fields
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db

MANY_BOARDS = 80


@pytest.fixture
def page_with_many_boards() -> str:
    document = add_document("Neglect was seen at home.", title="Review of Child K")
    DocumentFacet.objects.bulk_create(
        DocumentFacet(document=document, name="board", value=f"Board {n:02d}")
        for n in range(MANY_BOARDS)
    )
    return Client().get(reverse("repository:search"), {"q": "neglect"}).content.decode()


def test_the_results_come_before_the_filters_in_the_page(page_with_many_boards: str) -> None:
    page = page_with_many_boards

    # Source order is what a narrow screen (and a screen reader) shows first.
    assert page.index('id="result-count"') < page.index('id="filters"')
    assert page.index("Review of Child K") < page.index('id="filters"')


def test_wide_screens_still_show_the_filters_beside_the_results() -> None:
    css = (settings.BASE_DIR / "static" / "app" / "app.css").read_text(encoding="utf-8")

    rule = re.search(r"@media \(min-width: 40\.0625em\)\s*\{(.*?)\n\}", css, re.S)
    assert rule is not None
    assert re.search(r"\.app-search__results\s*\{[^}]*float:\s*right", rule.group(1))


def test_apply_filters_comes_before_the_long_list_of_boards(page_with_many_boards: str) -> None:
    page = page_with_many_boards

    first_apply = page.index("Apply filters")
    assert first_apply > page.index('id="filters"')
    assert first_apply < page.index('value="Board 00"')
    # And again at the foot of the panel, for someone who has just ticked the last box.
    assert page.count("Apply filters") == 2
    assert page.rindex("Apply filters") > page.index('value="Board 79"')


def test_a_long_list_of_boards_is_folded_behind_a_details_element(
    page_with_many_boards: str,
) -> None:
    page = page_with_many_boards
    board_fieldset = page[page.index(">Board</legend>") :]
    board_fieldset = board_fieldset[: board_fieldset.index("</fieldset>")]

    before_fold, fold = board_fieldset.split('<details class="govuk-details', 1)
    assert before_fold.count('type="checkbox"') == SHORT_FACET
    assert fold.count('type="checkbox"') == MANY_BOARDS - SHORT_FACET
    assert f"Show {MANY_BOARDS - SHORT_FACET} more boards" in fold
    assert "<details" in board_fieldset and " open" not in fold.split(">", 1)[0]


def test_a_short_facet_is_not_folded() -> None:
    values = [FacetValue(f"{y}", f"{y}", 1, False) for y in range(2020, 2020 + SHORT_FACET)]

    html = str(facet_fields({"year": values}))

    assert "<details" not in html
    assert html.count('type="checkbox"') == SHORT_FACET


def test_a_ticked_value_is_never_hidden_in_the_fold() -> None:
    values = [FacetValue(f"Board {n:02d}", f"Board {n:02d}", 1, n == 50) for n in range(60)]

    html = str(facet_fields({"board": values}))
    shown, fold = html.split("<details", 1)

    assert 'value="Board 50" checked' in shown
    assert 'value="Board 50"' not in fold


def test_the_folded_values_are_in_alphabetical_order_and_every_id_is_unique() -> None:
    values = [FacetValue(f"Board {n:02d}", f"Board {n:02d}", 100 - n, False) for n in range(30)]
    values.reverse()

    html = str(facet_fields({"board": values}))
    fold = html.split("<details", 1)[1]
    folded = re.findall(r'value="(Board \d+)"', fold)
    ids = re.findall(r'id="(facet-[^"]+)"', html)

    assert folded == sorted(folded)
    assert len(ids) == len(set(ids)) == 30


def test_folded_years_keep_their_newest_first_order() -> None:
    values = [FacetValue(str(y), str(y), 1, False) for y in range(2026, 2006, -1)]

    html = str(facet_fields({"year": values}))
    years = re.findall(r'value="(\d+)"', html)

    assert years == [str(y) for y in range(2026, 2006, -1)]
    assert "Show 12 more years" in html
