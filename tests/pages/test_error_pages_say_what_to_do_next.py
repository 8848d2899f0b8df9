"""Every error page, including a form refused for a missing CSRF token, is the service's own
page (its header, footer and title) and says in plain English what to do next."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.pages.error_urls")]


def assert_service_page(html: str, heading: str) -> None:
    assert f"<title>{heading} \N{EN DASH} casereview</title>" in html
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert 'class="govuk-header' in html
    assert 'class="govuk-footer' in html
    assert f'href="{reverse("pages:home")}">Go to the home page</a>' in html


def test_a_form_sent_without_its_token_gets_the_services_page_saying_to_reload() -> None:
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:sign-in"), {"username": "alice", "password": "anything"}
    )

    html = response.content.decode()
    assert response.status_code == 403
    assert_service_page(html, "Your form could not be sent")
    assert "Nothing was saved" in html
    assert "reload the page" in html
    assert "CSRF" not in html


def test_a_refusal_says_who_to_ask() -> None:
    response = Client().get("/failing/refused/")

    assert response.status_code == 403
    assert_service_page(response.content.decode(), "You do not have permission to see this page")
    assert "ask your board's manager" in response.content.decode()


def test_a_bad_request_says_to_go_back_and_try_again() -> None:
    response = Client().get("/failing/bad-request/")

    assert response.status_code == 400
    assert_service_page(response.content.decode(), "Sorry, there is a problem with that request")
    assert "reload it and try again" in response.content.decode()


def test_a_missing_page_points_to_search() -> None:
    response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert_service_page(response.content.decode(), "Page not found")
    assert f'href="{reverse("repository:search")}"' in response.content.decode()


def test_a_fault_says_to_try_again_and_whom_to_tell() -> None:
    response = Client(raise_request_exception=False).get("/failing/fault/")

    assert response.status_code == 500
    assert_service_page(response.content.decode(), "Sorry, there is a problem with the service")
    assert "tell your system administrator" in response.content.decode()
