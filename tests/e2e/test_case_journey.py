"""The case journey in a browser: a board manager notifies a case, the chair records a decision
with reasons, the panel logs advice, the board appoints a reviewer from the pool, who then sees
that review alone and sends a draft; the clocks show at each step, every page passes axe, and an
outsider finds nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.accounts.models import Role
from casereview.cases.models import Case
from tests.cases.factories import CaseFactory, ReviewerFactory, pdf_bytes
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def fill_date(page: Any, legend: str, on: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(on.day))
    group.get_by_label("Month").fill(str(on.month))
    group.get_by_label("Year").fill(str(on.year))


def test_a_case_is_notified_decided_and_advised_and_an_outsider_sees_none_of_it(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    mo = UserFactory(email="mo@example.org", full_name="Mo Manager")
    MembershipFactory(user=mo, board=personas.board_a, role=Role.BOARD_MANAGER)
    today = datetime.date.today()
    notified = today - datetime.timedelta(days=2)

    manager, manager_errors = new_page()
    sign_in(manager, live_server.url, mo)
    manager.get_by_role("link", name=personas.board_a.name).click()
    manager.get_by_role("button", name="Notify a serious incident").click()
    assert_accessible(manager)
    manager.get_by_role("button", name="Open the case").click()
    expect(manager.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(manager)
    manager.get_by_label("Name to use for the child on every screen").fill("Child T")
    manager.get_by_role("group", name="Sex").get_by_label("Female").check()
    for legend in [
        "Does the child have a disability?",
        "Did the child have a child protection plan?",
        "Did the child have a child in need plan?",
        "Was the child looked after?",
    ]:
        manager.get_by_role("group", name=legend).get_by_label("No", exact=True).check()
    fill_date(manager, "Date of the incident", notified - datetime.timedelta(days=2))
    fill_date(manager, "Date the board became aware", notified - datetime.timedelta(days=1))
    fill_date(manager, "Date the notification was sent", notified)
    manager.get_by_label("Serious harm").check()
    manager.get_by_label("Neglect").check()
    manager.get_by_role("group", name="Is the abuse or neglect known or suspected?").get_by_label(
        "Suspected"
    ).check()
    manager.get_by_label("Child's legal name (optional)").fill("Tamsin Fictional")
    manager.get_by_role("button", name="Open the case").click()
    expect(manager.get_by_role("heading", name="Child T", level=1)).to_be_visible()
    expect(
        manager.get_by_role("rowheader", name="Rapid review sent to the national panel")
    ).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("link", name="Move to “Rapid review”").click()
    fill_date(manager, "Date the rapid review started", notified)
    assert_accessible(manager)
    manager.get_by_role("button", name="Move the case").click()
    expect(manager.get_by_text("Child T is now at “Rapid review”")).to_be_visible()
    assert manager_errors == []
    case = Case.objects.get()
    case_url = f"{live_server.url}/cases/{case.pk}/"

    chair, chair_errors = new_page()
    sign_in(chair, live_server.url, personas.alice)
    chair.goto(case_url)
    chair.get_by_role("link", name="Record the decision").click()
    assert_accessible(chair)
    fill_date(chair, "Date of the decision", today)
    chair.get_by_label("Options considered").fill("An LCSPR; a single-agency review; no review")
    chair.get_by_label("Hold a local child safeguarding practice review").check()
    chair.get_by_role("button", name="Record the decision").click()
    expect(chair.get_by_role("link", name="Enter the reasons for the decision")).to_be_visible()
    assert_accessible(chair)
    chair.get_by_label("Reasons for the decision").fill("Neglect of a baby known to agencies.")
    chair.get_by_label("No response from the panel yet").check()
    chair.get_by_role("button", name="Record the decision").click()
    expect(chair.get_by_text("The decision has been recorded.")).to_be_visible()
    expect(chair.get_by_role("cell", name="Met", exact=True).first).to_be_visible()
    chair.get_by_role("link", name="See the timeline").click()
    expect(chair.get_by_text("Rapid review sent to the national panel").first).to_be_visible()
    assert_accessible(chair)
    assert chair_errors == []

    priya, priya_errors = new_page()
    sign_in(priya, live_server.url, personas.priya)
    priya.goto(case_url)
    priya.get_by_role("button", name="Log the panel's advice").click()
    fill_date(priya, "Date the panel gave its advice", today)
    priya.get_by_label("The choice of reviewer").check()
    priya.get_by_label("Advice", exact=True).fill(
        "Choose a reviewer with health visiting experience."
    )
    priya.get_by_role("button", name="Log the advice").click()
    expect(priya.get_by_text("health visiting experience")).to_be_visible()
    assert_accessible(priya)
    priya.get_by_role("link", name="National", exact=True).click()
    expect(priya.get_by_role("heading", name="National timeliness", level=1)).to_be_visible()
    expect(priya.get_by_role("link", name=personas.board_a.name).first).to_be_visible()
    assert_accessible(priya)
    assert priya_errors == []

    # The board appoints Bob from the reviewer pool and moves the case on in the same form,
    # with one date; Bob then sees this review (and only this one) and sends his draft.
    ReviewerFactory(user=personas.bob, user__full_name="Bob Reviewer")
    other = CaseFactory(board=personas.board_a, pseudonym="Child Q")
    manager.goto(case_url)
    manager.get_by_role("link", name="Appoint or change reviewers").click()
    assert_accessible(manager)
    manager.get_by_label("Bob Reviewer").check()
    manager.get_by_label("Lead reviewer").check()
    fill_date(manager, "Date of the appointment", today)
    expect(manager.get_by_label("Move the case to “Reviewers appointed”")).to_be_checked()
    manager.get_by_role("button", name="Appoint").click()
    expect(
        manager.get_by_text(
            "Bob Reviewer has been appointed and Child T is now at “Reviewers appointed”."
        )
    ).to_be_visible()
    assert_accessible(manager)
    expect(
        manager.get_by_role("rowheader", name="Local child safeguarding practice review published")
    ).to_be_visible()
    assert manager_errors == []

    bob, bob_errors = new_page()
    sign_in(bob, live_server.url, personas.bob)
    bob.goto(f"{live_server.url}/cases/")
    expect(bob.get_by_role("link", name="Child T")).to_be_visible()
    assert bob.get_by_role("link", name="Child Q").count() == 0
    bob.get_by_role("link", name="Child T").click()
    bob.get_by_role("link", name="See documents").click()
    assert_accessible(bob)
    bob.get_by_label("Kind of document").select_option("draft")
    bob.get_by_label("Title").fill("Draft report")
    bob.get_by_label("File").set_input_files(
        {"name": "draft.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Draft.")}
    )
    bob.get_by_role("button", name="Add the document").click()
    expect(bob.get_by_text("Version 1 of “Draft report” has been added.")).to_be_visible()
    assert_accessible(bob)
    assert bob_errors == []
    assert bob.goto(f"{case_url}identity/").status == 404
    assert bob.goto(f"{live_server.url}/cases/{other.pk}/").status == 404

    charlie, _ = new_page()
    sign_in(charlie, live_server.url, personas.charlie)
    for path in ["", "identity/", "decision/", "timeline/", "advice/", "reviewers/", "documents/"]:
        response = charlie.goto(f"{case_url}{path}")
        assert response.status == 404
        assert charlie.get_by_text("Child T").count() == 0
