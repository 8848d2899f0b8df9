"""A new user's first run, in a browser, against `casereview demo`'s own process (what `make
demo` runs: its server and its background worker, its own database), not a test server.

The board manager notifies a case and records each step of the rapid review by hand; the
national figures count the rapid review only once it is recorded. The chair records the
decision; the manager appoints a reviewer in one form, moves the review on, adds the final
report and sends it to the national repository, where the demo's worker reads it. The manager
decides each identifying detail the check finds in it, since nothing is published while one is
undecided. Publishing is one act: the case shows "Published" with the date and the
repository's copy is published on the same date.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from casereview.demo import DEMO_PASSWORD
from casereview.democorpus import build_report, render_report
from tests.demo.running import Demo, kill_group, start_demo
from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.browser

TODAY = datetime.date.today()
NOTIFIED = TODAY - datetime.timedelta(days=90)
CHILD = "Child V"
# The worker reads an upload within seconds; the wait allows for a slow, busy machine.
READ_SECONDS = 120
# More identifying details than a generated report holds, so the loop deciding them ends.
MAX_DETAILS_DECIDED = 60


def day(n: int) -> datetime.date:
    """The date n days after the case was notified."""
    return NOTIFIED + datetime.timedelta(days=n)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    running = start_demo(tmp_path_factory.mktemp("first-run"), "--port", "0")
    running.served_port()
    yield running
    kill_group(running)


def signed_in(new_page: Any, base: str, email: str) -> Any:
    """Sign in as the demo's banner tells a new user to (the demo waives the second factor)."""
    page, errors = new_page()
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/dashboard/")
    page.errors = errors
    return page


def fill_date(page: Any, legend: str, on: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(on.day))
    group.get_by_label("Month").fill(str(on.month))
    group.get_by_label("Year").fill(str(on.year))


def govuk(on: datetime.date) -> str:
    return f"{on.day} {on:%B %Y}"


def move(page: Any, case_url: str, target: str, legend: str, on: datetime.date) -> None:
    page.goto(case_url)
    page.get_by_role("link", name=f"Move to “{target}”").click()
    fill_date(page, legend, on)
    page.get_by_role("button", name="Move the case").click()
    expect(page.get_by_text(f"{CHILD} is now at “{target}”")).to_be_visible()


def summary_value(page: Any, key: str) -> Any:
    """The value beside `key` in the page's summary list."""
    row = page.locator(".govuk-summary-list__row").filter(
        has=page.locator("dt", has_text=re.compile(rf"^\s*{re.escape(key)}\s*$"))
    )
    return row.locator("dd").first


def national_csv(page: Any, base: str, name: str) -> list[dict[str, str]]:
    response = page.request.get(f"{base}/national/{name}.csv")
    assert response.ok, response.status
    return list(csv.DictReader(io.StringIO(response.text())))


def board_row(rows: list[dict[str, str]], board: str) -> dict[str, str]:
    return next(row for row in rows if row["level"] == "board" and row["board"] == board)


def final_report_pdf(folder: Path) -> Path:
    """One of the generator's fictional reports, written as a PDF the worker will read."""
    rendered = next(
        rendered
        for index in range(50)
        if (rendered := render_report(build_report(2031, index))).filename.endswith(".pdf")
        and rendered.truth.get("broken") is None
        and rendered.truth.get("kind") != "scanned"
    )
    path = folder / "final-report.pdf"
    path.write_bytes(rendered.data)
    return path


def test_a_board_manager_takes_a_case_from_notification_to_publication(
    demo: Demo, new_page: Any, tmp_path: Path
) -> None:
    base = f"http://127.0.0.1:{demo.served_port()}"
    manager = signed_in(new_page, base, "mo@example.org")
    board_link = manager.get_by_role("link", name="Safeguarding Children Partnership").first
    board = board_link.inner_text().strip()

    # Notify.
    board_link.click()
    manager.get_by_role("button", name="Notify a serious incident").click()
    manager.get_by_label("Name to use for the child on every screen").fill(CHILD)
    manager.get_by_role("group", name="Sex").get_by_label("Male", exact=True).check()
    for legend in [
        "Does the child have a disability?",
        "Did the child have a child protection plan?",
        "Did the child have a child in need plan?",
        "Was the child looked after?",
    ]:
        manager.get_by_role("group", name=legend).get_by_label("No", exact=True).check()
    fill_date(manager, "Date of the incident", day(-3))
    fill_date(manager, "Date the board became aware", day(-1))
    fill_date(manager, "Date the notification was sent", NOTIFIED)
    manager.get_by_label("Serious harm").check()
    manager.get_by_label("Neglect").check()
    manager.get_by_role("group", name="Is the abuse or neglect known or suspected?").get_by_label(
        "Suspected"
    ).check()
    manager.get_by_role("button", name="Open the case").click()
    expect(manager.get_by_role("heading", name=CHILD, level=1)).to_be_visible()
    case_url = manager.url
    move(manager, case_url, "Rapid review", "Date the rapid review started", NOTIFIED)

    # Nothing of the rapid review is recorded yet: it is overdue, not on time.
    panel = signed_in(new_page, base, "priya@example.org")
    before = board_row(national_csv(panel, base, "timeliness"), board)
    overdue = [r for r in national_csv(panel, base, "overdue") if r["child"] == CHILD]
    assert "Rapid review sent to the national panel" in {r["step"] for r in overdue}

    # The manager records each step of the rapid review by hand, with its own date.
    plan = [
        ("Rapid review day 1: SIN copied to the business unit and templates sent to agencies", 1),
        ("Rapid review day 10: agency summaries received", 8),
        ("Rapid review day 12: rapid review meeting held", 11),
        ("Rapid review day 15: safeguarding partners sign off", 13),
    ]
    for label, after in plan:
        manager.goto(case_url)
        manager.get_by_role("row", name=label).get_by_role("link", name="Record as done").click()
        fill_date(manager, "Date it was done", day(after))
        manager.get_by_role("button", name="Record it").click()
        expect(manager.get_by_role("heading", name=CHILD, level=1)).to_be_visible()
    manager.get_by_role(
        "link", name="Record the date of: rapid review sent to the national panel"
    ).click()
    fill_date(manager, "Date it was done", day(14))
    manager.get_by_role("button", name="Record it").click()
    expect(manager.get_by_role("heading", name=CHILD, level=1)).to_be_visible()
    assert_accessible(manager)

    after_steps = board_row(national_csv(panel, base, "timeliness"), board)
    assert int(after_steps["rapid_reviews_on_time"]) == int(before["rapid_reviews_on_time"]) + 1
    overdue = [r for r in national_csv(panel, base, "overdue") if r["child"] == CHILD]
    assert not [r for r in overdue if r["step"].startswith("Rapid review")]

    # The chair records the decision: a local child safeguarding practice review.
    chair = signed_in(new_page, base, "alice@example.org")
    chair.goto(case_url)
    chair.get_by_role("link", name="Record the decision").click()
    fill_date(chair, "Date of the decision", day(16))
    chair.get_by_label("Options considered").fill("An LCSPR; a single-agency review; no review")
    chair.get_by_label("Hold a local child safeguarding practice review").check()
    chair.get_by_role("button", name="Record the decision").click()
    chair.get_by_label("Reasons for the decision").fill("Neglect of a child known to agencies.")
    chair.get_by_label("No response from the panel yet").check()
    chair.get_by_role("button", name="Record the decision").click()
    expect(chair.get_by_text("The decision has been recorded.")).to_be_visible()

    # The manager appoints the demo's reviewer and moves the case on in the same form.
    manager.goto(case_url)
    manager.get_by_role("link", name="Appoint or change reviewers").click()
    manager.get_by_label("Bob Reviewer").check()
    manager.get_by_label("Lead reviewer").check()
    fill_date(manager, "Date of the appointment", day(20))
    expect(manager.get_by_label("Move the case to “Reviewers appointed”")).to_be_checked()
    manager.get_by_role("button", name="Appoint").click()
    expect(manager.get_by_text(f"{CHILD} is now at “Reviewers appointed”")).to_be_visible()
    move(
        manager,
        case_url,
        "Terms of reference agreed",
        "Date the terms of reference were agreed",
        day(25),
    )
    move(manager, case_url, "Agency reports", "Date agency reports were requested", day(30))
    move(manager, case_url, "Draft report", "Date the draft report was received", day(50))
    move(chair, case_url, "Final report", "Date the chair signed off the final report", day(60))

    # The final report goes on the case, then to the national repository: the demo's worker
    # reads it.
    manager.goto(case_url)
    manager.get_by_role("link", name="See documents").click()
    manager.get_by_label("Kind of document").select_option("final_report")
    manager.get_by_label("Title").fill("Final report")
    manager.get_by_label("File").set_input_files(str(final_report_pdf(tmp_path)))
    manager.get_by_role("button", name="Add the document").click()
    expect(manager.get_by_text("Version 1 of “Final report” has been added.")).to_be_visible()
    manager.get_by_role(
        "button", name="Send version 1 of Final report to the national repository"
    ).click()
    manager.get_by_role("link", name="Sent to the repository (waiting to be read)").click()
    expect(manager.get_by_text("This usually takes less than a minute.")).to_be_visible()
    deadline = time.monotonic() + READ_SECONDS
    while manager.get_by_role("link", name="Check again").count() and time.monotonic() < deadline:
        time.sleep(1)
        manager.get_by_role("link", name="Check again").click()
    expect(manager.get_by_text("Added to the repository", exact=True)).to_be_visible()
    report_link = manager.locator("main").get_by_role("link", name=re.compile("^View "))
    report_title = report_link.inner_text().removeprefix("View ")
    move(
        chair,
        case_url,
        "Publication decision",
        "Date the final report went for the publication decision",
        day(70),
    )

    # Nothing is published while an identifying detail the check found is undecided: the
    # manager gives full dates as month and year and redacts each other detail as suggested.
    manager.goto(case_url)
    manager.get_by_role("link", name=report_title).first.click()
    manager.get_by_role("link", name="Check the identifying details found in the report").click()
    expect(manager.get_by_role("heading", name="Identifying details in the report")).to_be_visible()
    dates = manager.get_by_role("button", name="Give every full date as its month and year only")
    if dates.count():
        dates.click()
    undecided = manager.locator(".govuk-summary-card").filter(
        has=manager.get_by_text("Not decided", exact=True)
    )
    for _ in range(MAX_DETAILS_DECIDED):
        if not undecided.count():
            break
        undecided.first.get_by_role("button", name="Redact").click()
    expect(manager.get_by_text("0 are not decided yet", exact=False)).to_be_visible()
    assert_accessible(manager)

    # Publish: one act. The copy to the panel went 14 days before, more than 7 working days.
    manager.goto(case_url)
    manager.get_by_role("link", name="Move to “Published”").click()
    fill_date(manager, "Date the report was published", TODAY)
    fill_date(
        manager,
        "Date a copy of the report was sent to the national panel (and the Secretary of State)",
        TODAY - datetime.timedelta(days=14),
    )
    assert_accessible(manager)
    manager.get_by_role("button", name="Move the case").click()
    expect(manager.get_by_text(f"{CHILD} is now at “Published”")).to_be_visible()
    expect(summary_value(manager, "Stage")).to_have_text("Published")
    expect(summary_value(manager, "Published")).to_have_text(govuk(TODAY))
    expect(summary_value(manager, "In the national repository")).to_contain_text(
        f"published {govuk(TODAY)}"
    )
    assert_accessible(manager)

    # The case links to its report in the repository, published on the same date, and the
    # report links back to its case.
    manager.get_by_role("link", name=report_title).first.click()
    expect(manager.get_by_text(f"Published in the repository on {govuk(TODAY)}.")).to_be_visible()
    expect(manager.get_by_role("link", name=CHILD)).to_be_visible()
    assert_accessible(manager)

    for page in (manager, chair, panel):
        assert page.errors == []
