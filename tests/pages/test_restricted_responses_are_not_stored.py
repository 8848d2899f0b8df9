"""Browsers and proxies never keep a copy of what a signed-in person was shown: every answer to a
signed-in request, restricted pages and downloads included, says ``Cache-Control: no-store``."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.access import OK, SIGNED_IN
from tests.accounts.test_access_matrix import MATRIX
from tests.accounts.url_inventory import named_routes
from tests.conftest import Personas, signed_in_client


def is_not_stored(response: object) -> bool:
    return "no-store" in response.get("Cache-Control", "")  # type: ignore[attr-defined]


def first_reader(url_name: str) -> str | None:
    """A signed-in persona whom the access matrix lets GET this URL, if any."""
    get = MATRIX[url_name].get
    return next((name for name in SIGNED_IN if get.get(name) == OK), None)


# Every URL that some signed-in person may open (the rest take only POST).
OPENED = [name for name in sorted(named_routes()) if name in MATRIX and first_reader(name)]


@pytest.mark.parametrize("url_name", OPENED)
def test_every_page_a_signed_in_person_opens_says_no_store(
    url_name: str, personas: Personas
) -> None:
    reader = first_reader(url_name)
    url = reverse(url_name, kwargs=MATRIX[url_name].kwargs(personas) or None)

    response = signed_in_client(personas.by_name(str(reader))).get(url)

    assert response.status_code == 200
    assert is_not_stored(response), f"{url} as {reader}: {response.get('Cache-Control')}"
    assert "Cookie" in response.get("Vary", "")


def test_a_restricted_download_says_no_store(personas: Personas) -> None:
    from tests.repository.access_rows import unpublished_on_board_a

    url = reverse("repository:download", kwargs=unpublished_on_board_a(personas))

    response = signed_in_client(personas.alice).get(url)

    assert response.status_code == 200
    assert is_not_stored(response)


def test_the_publics_pages_may_still_be_cached(db: None) -> None:
    response = Client().get(reverse("pages:about"))

    assert response.status_code == 200
    assert not is_not_stored(response)
