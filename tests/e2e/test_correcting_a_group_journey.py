"""A panel member in a browser: the checker flags a paraphrased repeat with the shared phrases
marked; then, on the page of a group the machine made of two different lessons, she takes one
out with a reason. After a full rebuild of the groups the group page still shows it apart, and
the evaluation page counts the pair she judged against the machine; every page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.recommendations.recurrence import rebuild
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in
from tests.recommendations.test_checker import DRAFT
from tests.recommendations.test_people_correct_groups import (
    ALONE,
    PROTOCOL,
    TRAINING,
    rec,
    review,
)

pytestmark = pytest.mark.browser

REASON = "One audits how the protocol is used for the injured child, the other for siblings."


def test_a_panel_member_takes_a_recommendation_out_of_a_wrong_group_and_it_stays_out(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    review(2016, [TRAINING[0], PROTOCOL[0], ALONE], board=personas.board_a)
    review(2019, [PROTOCOL[1]], board=personas.board_a)
    rebuild()
    assert rec(PROTOCOL[0]).cluster == rec(PROTOCOL[1]).cluster  # the machine's mistake
    page, errors = new_page()
    sign_in(page, live_server.url, personas.priya)

    # The checker flags a paraphrase of an earlier recommendation, with the shared phrases marked.
    page.goto(f"{live_server.url}/recommendations/check/")
    page.get_by_label("Draft recommendations").fill(DRAFT)
    page.get_by_role("button", name="Check the recommendations").click()
    first = page.locator(".govuk-summary-card").first
    expect(first.get_by_text("Made before", exact=True).first).to_be_visible()
    expect(first.locator("mark").first).to_be_visible()
    assert_accessible(page)

    # The group page shows the two protocol recommendations together; she corrects it.
    page.goto(f"{live_server.url}/recommendations/groups/{rec(PROTOCOL[0]).cluster}/")
    expect(
        page.get_by_role("heading", name="Made 2 times in 2 reviews, 2016 to 2019")
    ).to_be_visible()
    page.get_by_role("link", name="Correct its group").last.click()
    expect(
        page.get_by_role("heading", name="Correct the group of recommendation 1")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("It does not carry the same lesson as the others").check()
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Say why the group is wrong").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("It does not carry the same lesson as the others").check()
    page.get_by_label("Why").fill(REASON)
    page.get_by_role("button", name="Save the correction").click()
    expect(page.get_by_text("Taken out of its group. Your reason is kept.")).to_be_visible()
    expect(page.get_by_role("heading", name="Made 1 time in 1 review, 2016")).to_be_visible()

    # A full rebuild groups them together again in the machine's view; the correction stays.
    rebuild()
    assert rec(PROTOCOL[0]).machine_cluster == rec(PROTOCOL[1]).machine_cluster
    page.goto(f"{live_server.url}/recommendations/groups/{rec(PROTOCOL[0]).cluster}/")
    expect(page.get_by_role("heading", name="Made 1 time in 1 review, 2016")).to_be_visible()
    expect(page.get_by_text(PROTOCOL[1])).to_have_count(0)
    expect(page.get_by_text("1 recommendation was taken out of it")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/recommendations/evaluation/groups/")
    expect(
        page.get_by_role("heading", name="How well the machine groups recommendations")
    ).to_be_visible()
    judged_apart = page.locator(".govuk-summary-list__row", has_text="Pairs judged not the same")
    expect(judged_apart).to_contain_text("1")
    grouped_wrongly = page.locator(
        ".govuk-summary-list__row", has_text="Different-lesson pairs the machine put in one group"
    )
    expect(grouped_wrongly).to_contain_text("1")
    expect(page.get_by_text("Too few pairs have been judged to say much")).to_be_visible()
    assert_accessible(page)
    # The one console error is the browser noting the form sent back without a reason (a 400).
    assert errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
