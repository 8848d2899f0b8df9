"""The home page's search box takes a visitor to the search results for their words, and an
administrator's dashboard (their tasks, each with its links) passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.accounts.models import User
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_visitor_searches_from_the_home_page(live_server: Any, new_page: Any) -> None:
    page, errors = new_page()
    page.goto(f"{live_server.url}/")

    page.get_by_label("Search published reviews").fill("neglect")
    page.get_by_role("button", name="Search", exact=True).click()

    page.wait_for_url(f"{live_server.url}/repository/?q=neglect")
    expect(page.get_by_label("Search for")).to_have_value("neglect")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="National statistics on the recommendations reviews make").click()
    expect(page.get_by_text("National statistics").first).to_be_visible()
    assert errors == []


def test_an_administrator_acts_on_a_task_from_their_dashboard(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    User.objects.create_user("newcomer@example.org", None, full_name="Nia Newcomer")
    page, errors = new_page()
    sign_in(page, live_server.url, personas.ada)

    expect(page.get_by_role("heading", name="Your tasks as an administrator")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nia Newcomer").click()
    expect(page.get_by_role("button", name="Create a password set-up link")).to_be_visible()
    assert errors == []
