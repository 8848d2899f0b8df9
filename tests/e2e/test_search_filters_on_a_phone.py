"""The search page on a 375 px wide phone: the results come above the filters, "Apply filters"
is within the first screenful of the filter panel however many boards there are, and the box
to find a board narrows the folded list."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.repository.models import DocumentFacet
from tests.e2e.conftest import assert_accessible
from tests.repository.conftest import add_document

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def many_boards(settings: Any, tmp_path: Any) -> None:
    settings.FILES_DIR = tmp_path / "files"
    document = add_document("Neglect was seen at home.", title="Review of Child K")
    DocumentFacet.objects.bulk_create(
        DocumentFacet(document=document, name="board", value=f"Board {n:02d}") for n in range(80)
    )


def test_on_a_phone_the_results_come_first_and_apply_is_near_the_top_of_the_filters(
    live_server: Any, new_page: Any, many_boards: None
) -> None:
    page, console_errors = new_page(viewport=PHONE)

    page.goto(f"{live_server.url}/repository/?q=neglect")

    results = page.locator("#result-count").bounding_box()
    filters = page.get_by_role("heading", name="Filter results").bounding_box()
    apply = page.get_by_role("button", name="Apply filters").first.bounding_box()
    assert results["y"] + results["height"] <= filters["y"]
    assert filters["y"] <= apply["y"] < filters["y"] + PHONE["height"]
    assert page.get_by_label("Board 79 (1)").is_hidden()
    assert_accessible(page)
    assert console_errors == []


def test_finding_a_board_by_name_shows_only_the_boards_that_match(
    live_server: Any, new_page: Any, many_boards: None
) -> None:
    page, console_errors = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/repository/?q=neglect")

    page.get_by_label("Find a board").fill("board 7")

    expect(page.get_by_label("Board 79 (1)")).to_be_visible()
    expect(page.get_by_label("Board 70 (1)")).to_be_visible()
    expect(page.get_by_label("Board 00 (1)")).to_be_hidden()
    page.get_by_label("Board 79 (1)").check()
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_text("Board: Board 79")).to_be_visible()
    assert console_errors == []
