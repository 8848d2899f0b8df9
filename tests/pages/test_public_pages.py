"""The public pages: anyone can read them, in the GOV.UK template, with the usual way around."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

# GOV.UK titles read "Page, en dash, service name".
SUFFIX = "\N{EN DASH} casereview"
PUBLIC_PAGES = ["pages:home", "pages:about", "pages:accessibility", "pages:privacy"]


@pytest.fixture
def visitor(db: None) -> Client:
    return Client()


@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_each_public_page_is_a_gov_uk_page_anyone_can_read(visitor: Client, url_name: str) -> None:
    response = visitor.get(reverse(url_name))

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en" class="govuk-template' in page
    assert 'class="govuk-header' in page
    assert '<main class="govuk-main-wrapper' in page and 'id="main-content"' in page
    assert page.count("<h1") == 1


@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_each_public_page_starts_with_a_skip_link_to_the_main_content(
    visitor: Client, url_name: str
) -> None:
    page = visitor.get(reverse(url_name)).content.decode()

    skip = page.index('class="govuk-skip-link"')
    assert page.index('href="#main-content"', skip - 100) < page.index('class="govuk-header')


@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_the_footer_links_to_the_accessibility_statement_and_privacy_notice(
    visitor: Client, url_name: str
) -> None:
    page = visitor.get(reverse(url_name)).content.decode()

    footer = page[page.index('<footer class="govuk-template__footer') :]
    assert f'href="{reverse("pages:accessibility")}"' in footer
    assert "Accessibility statement" in footer
    assert f'href="{reverse("pages:privacy")}"' in footer
    assert "Privacy notice" in footer


@pytest.mark.parametrize(
    ("url_name", "title"),
    [
        ("pages:home", f"Child safeguarding case reviews {SUFFIX}"),
        ("pages:about", SUFFIX),
        ("pages:accessibility", SUFFIX),
        ("pages:privacy", SUFFIX),
    ],
)
def test_each_page_title_names_the_page_then_the_service(
    visitor: Client, url_name: str, title: str
) -> None:
    page = visitor.get(reverse(url_name)).content.decode()

    shown = page[page.index("<title>") + len("<title>") : page.index("</title>")].strip()
    assert shown.endswith(title)
    assert shown != SUFFIX


def test_the_health_check_answers_in_plain_text(visitor: Client) -> None:
    response = visitor.get(reverse("pages:health"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"ok"


@pytest.mark.parametrize("url_name", [*PUBLIC_PAGES, "pages:health"])
def test_public_pages_refuse_a_post(visitor: Client, url_name: str) -> None:
    assert visitor.post(reverse(url_name)).status_code == 405
