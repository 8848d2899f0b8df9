"""The recommendation checker in a browser: a lead reviewer pastes drafts, one of which repeats
a recommendation published before; the checker flags it, says how close it is with the shared
phrases marked, and links to the earlier review, whose page shows the recommendation; every page
passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in
from tests.recommendations.test_checker import DRAFT
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.browser


def test_the_checker_flags_a_planted_repeat_and_links_its_earlier_occurrence(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    earlier = review(2016, [TRAINING[0], *OTHERS[:3]], name="earlier")
    page, errors = new_page()
    sign_in(page, live_server.url, personas.bob)

    page.goto(f"{live_server.url}/recommendations/check/")
    assert_accessible(page)
    page.get_by_label("Draft recommendations").fill(DRAFT)
    page.get_by_role("button", name="Check the recommendations").click()

    expect(page.get_by_role("heading", name="3 draft recommendations checked")).to_be_visible()
    first = page.locator(".govuk-summary-card").first
    expect(first.get_by_text("Made before", exact=True).first).to_be_visible()
    expect(first.get_by_text("Duplicates recommendation 3 in this draft.")).to_be_visible()
    # Why it is flagged: how close in words, and the shared phrases marked in the earlier text.
    expect(first.get_by_text("Very close", exact=True).first).to_be_visible()
    expect(first.locator("mark").first).to_be_visible()
    assert_accessible(page)
    first.get_by_role("link", name=earlier.display_title).first.click()
    expect(page.get_by_text(TRAINING[0])).to_be_visible()
    assert_accessible(page)
    assert errors == []


def test_the_checker_names_the_owner_and_says_why_a_draft_is_vague(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    page, errors = new_page()
    sign_in(page, live_server.url, personas.bob)

    page.goto(f"{live_server.url}/recommendations/check/")
    page.get_by_label("Draft recommendations").fill(
        "1. Harrowfell Health Visiting Service should audit its records of missed contacts.\n"
        "2. Agencies should work better together.\n"
    )
    page.get_by_role("button", name="Check the recommendations").click()

    named, vague = page.locator(".govuk-summary-card").all()
    expect(
        named.get_by_text(
            "\u201cHarrowfell Health Visiting Service\u201d (a named service or team)"
        )
    ).to_be_visible()
    expect(named.get_by_text("No owner", exact=False)).to_have_count(0)
    expect(vague.get_by_text("Vague: its words (\u201cAgencies\u201d", exact=False)).to_be_visible()
    expect(vague.get_by_text("No one named")).to_be_visible()
    assert_accessible(page)
    assert errors == []
