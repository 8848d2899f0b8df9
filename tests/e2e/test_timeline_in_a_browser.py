"""A case's timeline on a 1280-pixel screen: the table of clocks fits without scrolling sideways,
and every bar of the chart carries a label a person can read (the step and its dates)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.cases.rules import SHIPPED_RULES_FILE
from casereview.cases.services import load_rules
from tests.cases.factories import CaseFactory
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_the_timeline_fits_a_laptop_screen_and_labels_every_bar(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    # A live-server test starts from emptied tables, so the shipped rules are loaded again.
    load_rules(SHIPPED_RULES_FILE)
    notified = datetime.date.today() - datetime.timedelta(days=200)
    case = CaseFactory(
        board=personas.board_a,
        pseudonym="Child Wide",
        aware_on=notified,
        notified_on=notified,
        incident_on=notified,
        decided_on=notified + datetime.timedelta(days=12),
        initiated_on=notified + datetime.timedelta(days=20),
        final_on=notified + datetime.timedelta(days=150),
        state="final",
    )
    page, errors = new_page(viewport={"width": 1280, "height": 800})
    sign_in(page, live_server.url, personas.alice)
    page.goto(f"{live_server.url}/cases/{case.pk}/timeline/")

    table = page.locator("table", has_text="Days left")
    expect(table).to_be_visible()
    widths = table.evaluate(
        "t => ({table: t.scrollWidth, box: t.parentElement.clientWidth,"
        " page: document.documentElement.scrollWidth, screen: window.innerWidth})"
    )
    assert widths["table"] <= widths["box"], widths
    assert widths["page"] <= widths["screen"], widths

    bars = page.locator("[data-timeline-bar]")
    assert bars.count() >= 3
    for index in range(bars.count()):
        bar = bars.nth(index)
        expect(bar).to_be_visible()
        label = bar.locator("[data-timeline-label]")
        expect(label).to_be_visible()
        text = label.inner_text()
        assert bar.get_attribute("data-timeline-bar") in text
        assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", text), text
    assert_accessible(page)
    assert errors == []
