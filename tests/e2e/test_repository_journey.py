"""The repository journey in a browser: a board manager uploads a generated fictional final
report, the background task ingests it, the chair decides the identifying details the check
finds and publishes it, and the public search finds it with the right facets and a snippet on
the page the generator's ground truth names; that page and the record's evidence link open with
the words marked and scrolled into view. Every page on the way passes axe."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.accounts.models import Role
from casereview.democorpus.content import build_report
from casereview.democorpus.corpus import render_report
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
# More identifying details than a generated report holds, so the loop deciding them ends.
MAX_DETAILS_DECIDED = 60


@pytest.fixture(autouse=True)
def files_and_tasks(settings: Any, tmp_path: Path) -> None:
    settings.FILES_DIR = tmp_path / "files"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_an_uploaded_report_is_published_and_found_by_the_public_on_the_right_page(
    live_server: Any, new_page: Any, personas: Personas, tmp_path: Path
) -> None:
    rendered = render_report(build_report(2026, 3, kind="pdf", exec_summary_repeats=False))
    report = tmp_path / rendered.filename
    report.write_bytes(rendered.data)
    truth = rendered.truth
    outcome = truth["evidence"]["outcome"]
    mo = UserFactory(email="mo@example.org", full_name="Mo Manager")
    MembershipFactory(user=mo, board=personas.board_a, role=Role.BOARD_MANAGER)

    manager, manager_errors = new_page()
    sign_in(manager, live_server.url, mo)
    manager.get_by_role("link", name="Search reviews").click()
    manager.get_by_role("link", name="Add a document to the repository").click()
    assert_accessible(manager)
    manager.get_by_label("Document").set_input_files(str(report))
    manager.get_by_role("button", name="Upload").click()
    expect(manager.get_by_text("Added to the repository")).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("link", name=f"View {truth['title']}").click()
    document_url = manager.url
    expect(manager.get_by_text("Not published", exact=True)).to_be_visible()
    assert manager_errors == []

    chair, chair_errors = new_page()
    sign_in(chair, live_server.url, personas.alice)
    chair.goto(document_url)
    assert_accessible(chair)
    chair.get_by_role("link", name="Check year published").click()
    assert_accessible(chair)
    chair.get_by_label("Yes, confirm it").check()
    chair.get_by_role("button", name="Save").click()
    expect(chair.get_by_text("Year published confirmed.")).to_be_visible()
    # Nothing is published while an identifying detail the check found is undecided.
    chair.get_by_role("link", name="Check the identifying details found in the report").click()
    dates = chair.get_by_role("button", name="Give every full date as its month and year only")
    if dates.count():
        dates.click()
    undecided = chair.locator(".govuk-summary-card").filter(
        has=chair.get_by_text("Not decided", exact=True)
    )
    for _ in range(MAX_DETAILS_DECIDED):
        if not undecided.count():
            break
        undecided.first.get_by_role("button", name="Redact").click()
    expect(chair.get_by_text("0 are not decided yet", exact=False)).to_be_visible()
    chair.get_by_role("link", name="Check what becomes public and publish").click()
    assert_accessible(chair)
    chair.get_by_role("button", name="Publish the report").click()
    expect(chair.get_by_text(f"{truth['title']} is now published.")).to_be_visible()
    assert chair_errors == []

    public, public_errors = new_page()
    public.goto(f"{live_server.url}/repository/")
    assert_accessible(public)
    phrase = " ".join(outcome["quote"].rstrip(".").split()[-6:])
    public.get_by_label("Search for").fill(f'"{phrase}"')
    public.get_by_role("button", name="Search", exact=True).click()
    expect(public.get_by_text("1 review found")).to_be_visible()
    for legend, value in [
        ("Year published", str(truth["year_published"])),
        ("Review type", truth["review_type"]),
        ("Outcome", truth["outcome"]),
        ("Board", personas.board_a.name),
    ]:
        facet = public.get_by_role("group", name=legend).get_by_label(f"{value} (1)")
        expect(facet).to_be_visible()
    for kind in truth["abuse_types"]:
        assert public.get_by_role("group", name="Abuse type").get_by_label(f"{kind} (1)").count()
    result = public.locator(".app-result")
    expect(result.locator("mark").first).to_be_visible()
    assert_accessible(public)
    result.get_by_role("link", name=f"Page {outcome['page']} of {truth['title']}").click()
    expect(
        public.get_by_role("heading", name=f"Page {outcome['page']} of {truth['pages']}")
    ).to_be_visible()
    expect(public.get_by_text(phrase).first).to_be_visible()
    # The search's words are marked on the page, and the link's fragment scrolled to them.
    assert public.url.endswith("#match-1")
    expect(public.locator("mark#match-1")).to_have_text(phrase)
    expect(public.locator("mark#match-1")).to_be_in_viewport()
    assert_accessible(public)
    public.get_by_role("link", name="Back to the review's record").click()
    expect(public.get_by_role("heading", name=truth["title"], level=1)).to_be_visible()
    assert_accessible(public)
    # An evidence link opens the page with the quoted words marked and in view.
    link = public.get_by_role("link", name=re.compile(r"page \d+ \(evidence for outcome\)"))
    shown = public.locator(".app-evidence", has=link).inner_text()
    quote = shown[shown.index("\u201c") + 1 : shown.rindex("\u201d")]
    link.click()
    assert public.url.endswith("#evidence")
    expect(public.locator("mark#evidence")).to_be_in_viewport()
    marked = " ".join(public.locator(".app-page-text mark").all_inner_texts())
    assert " ".join(marked.split()) == " ".join(quote.split())
    expect(public.get_by_text("are highlighted below")).to_be_visible()
    assert_accessible(public)
    assert public_errors == []
