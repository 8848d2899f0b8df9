"""An anonymous visitor gets nothing from any URL that is not on the short public list.

This sweeps every URL the resolver knows, with made-up arguments, so a new page that forgets its
access decorator fails here even before anyone adds it to the access matrix.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts.url_inventory import named_routes, placeholder_url

PUBLIC = {
    "pages:home",
    "pages:about",
    "pages:accessibility",
    "pages:privacy",
    "pages:health",
    "accounts:sign-in",
    "repository:search",
    "repository:browse",
    "publication:withdrawn",
    "learning:recommendations",
    "learning:recommendations-csv",
}
# Sign-out only takes a POST and just ends whatever session there is, so it shows nothing.
PUBLIC_WITHOUT_CONTENT = {"accounts:sign-out"}

ROUTES = named_routes()
NON_PUBLIC = sorted(set(ROUTES) - PUBLIC - PUBLIC_WITHOUT_CONTENT)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", NON_PUBLIC)
def test_an_anonymous_visitor_is_sent_to_sign_in_or_finds_nothing(url_name: str) -> None:
    url = placeholder_url(ROUTES[url_name])

    response = Client().get(url)

    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:sign-in")), (
            f"{url} redirects an anonymous visitor to {response['Location']}, not to sign in"
        )
    else:
        assert response.status_code == 404, (
            f"{url} answered an anonymous GET with {response.status_code}. If it is meant to be "
            "public, add it to PUBLIC in tests/accounts/test_url_sweep.py; otherwise wrap the "
            "view in a decorator from casereview.accounts.permissions."
        )


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(PUBLIC_WITHOUT_CONTENT))
def test_sign_out_shows_an_anonymous_visitor_nothing(url_name: str) -> None:
    response = Client().get(reverse(url_name))

    assert response.status_code in {302, 405}


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", sorted(PUBLIC))
def test_the_public_pages_answer_an_anonymous_visitor(url_name: str) -> None:
    response = Client().get(reverse(url_name))

    assert response.status_code == 200


def test_the_public_list_names_only_urls_that_exist() -> None:
    stale = sorted((PUBLIC | PUBLIC_WITHOUT_CONTENT) - set(ROUTES))
    assert not stale, f"Remove from the public lists in test_url_sweep.py: {stale}"
