"""An unknown address gets the service's own "Page not found" page, not Django's."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_an_unknown_address_gets_the_gov_uk_page_not_found() -> None:
    response = Client().get("/no-such-page/at-all/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "<title>Page not found \N{EN DASH} casereview</title>" in page
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert 'class="govuk-footer' in page


@pytest.mark.django_db
def test_the_not_found_page_gives_nothing_away_about_the_address() -> None:
    response = Client().get("/boards/some-board-that-might-exist/extra/")

    assert response.status_code == 404
    assert "some-board-that-might-exist" not in response.content.decode()
