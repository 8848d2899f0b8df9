"""The home page starts the public's two journeys: a search box that asks the repository's search
for the words typed, and a link to the national statistics."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from casereview.repository.query import MAX_QUERY_CHARS


def home(client: Client) -> str:
    return client.get(reverse("pages:home")).content.decode()


def search_form(page: str) -> str:
    found = re.search(r"<form[^>]*role=\"search\"[^>]*>.*?</form>", page, re.S)
    assert found, "the home page has no search form"
    return found.group(0)


def test_the_search_box_sends_the_words_to_the_repository_search(client: Client) -> None:
    form = search_form(home(client))

    assert f'action="{reverse("repository:search")}"' in form
    assert 'method="get"' in form
    assert re.search(r'<input[^>]*name="q"[^>]*type="search"', form)


def test_the_search_box_has_a_label_and_a_size_limit(client: Client) -> None:
    form = search_form(home(client))
    field_id = re.search(r'<input[^>]*id="([^"]+)"[^>]*name="q"', form)

    assert field_id
    assert f'<label class="govuk-label govuk-label--m" for="{field_id.group(1)}">' in form
    assert f'maxlength="{MAX_QUERY_CHARS}"' in form


def test_the_search_reads_the_words_from_the_boxs_parameter(client: Client, db: None) -> None:
    response = client.get(reverse("repository:search"), {"q": "neglect"})

    assert response.status_code == 200
    assert 'value="neglect"' in response.content.decode()


def test_the_home_page_links_to_the_national_statistics(client: Client) -> None:
    page = home(client)

    assert f'href="{reverse("learning:recommendations")}"' in page
