"""The journey through the real pages: a chair signs in with two-factor and opens her board; an
outsider finds nothing at that board's address; the national panel sees her visit in the audit
trail. And signing in works with JavaScript switched off."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_a_chair_opens_her_board_an_outsider_cannot_and_the_panel_sees_the_visit(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    board_a, board_b = personas.board_a, personas.board_b
    board_a_path = reverse("accounts:board", kwargs={"slug": board_a.slug})

    alice, alice_errors = new_page()
    sign_in(alice, live_server.url, personas.alice)
    expect(alice.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(alice.get_by_role("link", name=board_a.name)).to_be_visible()
    assert alice.get_by_role("link", name=board_b.name).count() == 0
    assert_accessible(alice)
    alice.get_by_role("link", name=board_a.name).click()
    alice.wait_for_url(f"{live_server.url}{board_a_path}")
    expect(alice.get_by_role("heading", name=board_a.name, level=1)).to_be_visible()
    assert_accessible(alice)
    assert alice_errors == []

    charlie, _ = new_page()
    sign_in(charlie, live_server.url, personas.charlie)
    response = charlie.goto(f"{live_server.url}{board_a_path}")
    assert response.status == 404
    expect(charlie.get_by_role("heading", name="Page not found")).to_be_visible()
    assert charlie.get_by_text(board_a.name).count() == 0

    priya, priya_errors = new_page()
    sign_in(priya, live_server.url, personas.priya)
    priya.get_by_role("link", name="Audit trail").click()
    priya.get_by_label("Action").select_option(label="Viewed a board's restricted dashboard")
    priya.get_by_role("button", name="Apply filters").click()
    rows = priya.locator("tbody tr")
    assert rows.count() == 1
    row = rows.first
    assert "Alice Chair" in row.inner_text()
    assert board_a.name in row.inner_text()
    assert_accessible(priya)
    assert priya_errors == []


def test_signing_in_works_without_javascript(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    page, _ = new_page(java_script_enabled=False)

    sign_in(page, live_server.url, personas.alice)

    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.get_by_text("Signed in as Alice Chair")).to_be_visible()
    assert not page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
