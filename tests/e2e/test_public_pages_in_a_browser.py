"""Every public page, in a real browser: no accessibility violations and no console errors."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser

PUBLIC_PATHS = [
    "/",
    "/about/",
    "/accessibility/",
    "/privacy/",
    "/sign-in/",
    "/recommendations/national/",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_each_public_page_passes_axe_without_console_errors(
    live_server: Any, new_page: Any, path: str
) -> None:
    page, console_errors = new_page()

    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 200
    assert_accessible(page)
    assert console_errors == []


def test_the_page_not_found_passes_axe(live_server: Any, new_page: Any) -> None:
    page, console_errors = new_page()

    response = page.goto(f"{live_server.url}/no-such-page/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert_accessible(page)
    # The browser itself logs the 404 status of the document; anything else is a fault.
    assert [e for e in console_errors if "404" not in e] == []


def test_gov_uk_frontend_javascript_starts(live_server: Any, new_page: Any) -> None:
    page, console_errors = new_page()

    page.goto(f"{live_server.url}/")

    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    assert console_errors == []


def test_the_accessibility_check_itself_catches_a_problem(browser: Any) -> None:
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="data:,"></main></html>')

    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        assert_accessible(page)
    page.close()
