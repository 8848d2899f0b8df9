"""A board's chair in a browser: the check finds the family's names on three pages of the final
report; she redacts two and keeps the third (a professional's name) with a reason; the
confirmation page refuses to publish until the last is decided, then publishes. The public then
sees only the redacted text on the report's pages, in its PDF and in search, and searching for
a redacted name finds nothing. Every page passes axe."""

from __future__ import annotations

import datetime
from typing import Any

import pypdfium2
import pytest
from playwright.sync_api import expect

from casereview.cases.models import CaseIdentity
from tests.conftest import Personas
from tests.e2e.conftest import assert_accessible, sign_in
from tests.publication.conftest import ready_to_publish

pytestmark = pytest.mark.browser

REPORT = (
    b"Local child safeguarding practice review: Child P\n\n"
    b"Ottilie Brandreth was seen by the health visitor.\n\f"
    b"Her mother, Gwenllian Brandreth, moved house twice.\n\f"
    b"Dr Fenwick-Oduya saw the family at the surgery. Agencies did not share what they knew.\n"
)


def test_the_chair_decides_each_detail_and_the_public_sees_only_the_redacted_report(
    live_server: Any, new_page: Any, personas: Personas
) -> None:
    ready = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6), data=REPORT)
    CaseIdentity.objects.create(
        case=ready.case,
        legal_name="Ottilie Brandreth",
        family_members="Gwenllian Brandreth (mother)",
    )
    page, errors = new_page()
    sign_in(page, live_server.url, personas.alice)

    page.goto(f"{live_server.url}/repository/documents/{ready.ref}/")
    page.get_by_role("link", name="Check the identifying details found in the report").click()
    expect(page.get_by_role("heading", name="Identifying details in the report")).to_be_visible()
    cards = page.locator(".govuk-summary-card")
    expect(cards).to_have_count(3)
    assert_accessible(page)

    cards.filter(has_text="Ottilie Brandreth").get_by_role("button", name="Redact").click()
    cards.filter(has_text="Gwenllian Brandreth").get_by_role("button", name="Redact").click()
    expect(page.get_by_text("the public text says “the mother”")).to_be_visible()

    page.get_by_role("link", name="Check what becomes public and publish").click()
    expect(page.get_by_text("It cannot be published yet")).to_be_visible()
    expect(page.get_by_role("button", name="Publish the report")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="see the details").click()
    doctor = cards.filter(has_text="Fenwick-Oduya")
    doctor.get_by_label("Or keep it, because").fill("A professional, named with her agreement.")
    doctor.get_by_role("button", name="Keep with this reason").click()
    expect(page.get_by_text("Keep: A professional, named with her agreement.")).to_be_visible()

    page.get_by_role("link", name="Check what becomes public and publish").click()
    child = ready.case.pseudonym
    expect(page.get_by_text(f"{child} was seen by the health visitor.")).to_be_visible()
    page.get_by_role("button", name="Publish the report and move the case to Published").click()
    expect(page.get_by_text("is now published")).to_be_visible()

    public, _ = new_page()
    public.goto(f"{live_server.url}/repository/documents/{ready.ref}/pages/2/")
    expect(public.get_by_text("Her mother, the mother, moved house twice.")).to_be_visible()
    assert "Brandreth" not in public.content()
    assert_accessible(public)
    public.goto(f"{live_server.url}/repository/?q=Brandreth")
    assert ready.ref not in public.content()
    pdf = public.request.get(f"{live_server.url}/repository/documents/{ready.ref}/download/")
    text = "".join(p.get_textpage().get_text_range() for p in pypdfium2.PdfDocument(pdf.body()))
    assert child in text and "Brandreth" not in text and "Fenwick-Oduya" in text
    assert errors == []
