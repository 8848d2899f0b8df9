"""The administrators' and the panel's pages in a browser: the reviewer pool, the clock rules
(and publishing a new edition), the deadlines calculator and the national dashboard all pass
axe, with no console errors, including when a form shows its errors."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.cases.models import Conflict
from casereview.cases.rules import SHIPPED_RULES_FILE
from casereview.cases.services import load_rules
from tests.cases.factories import ReviewerFactory
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_an_administrator_keeps_the_pool_and_the_rules(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    reviewer = ReviewerFactory(user__full_name="Rowan Reviewer")
    Conflict.objects.create(reviewer=reviewer, board=personas.board_a, nature="Worked there")
    # A live-server test starts from emptied tables, so the shipped rules are loaded again.
    rule_set = load_rules(SHIPPED_RULES_FILE)
    page, errors = new_page()
    sign_in(page, live_server.url, personas.ada)

    page.get_by_role("link", name="Reviewer pool").click()
    expect(page.get_by_role("link", name="Rowan Reviewer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Rowan Reviewer").click()
    expect(page.get_by_text("Worked there")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/reviewers/new/")
    page.get_by_role("button", name="Add to the pool").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    # A form with errors answers 400, which the browser logs; nothing else may be logged.
    assert [e for e in errors if "status of 400" not in e] == []
    errors.clear()

    page.get_by_role("link", name="Clock rules").click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/clocks/rules/{rule_set.pk}/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/clocks/rules/{rule_set.pk}/new-edition/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/clocks/deadlines/?regime=CSPR&event=notified&date=2026-12-18")
    assert_accessible(page)
    assert errors == []


def test_the_panel_sees_the_national_dashboard(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    page, errors = new_page()
    sign_in(page, live_server.url, personas.priya)

    page.get_by_role("link", name="National", exact=True).click()
    expect(page.get_by_role("heading", name="National timeliness", level=1)).to_be_visible()
    assert_accessible(page)
    assert errors == []
