"""A board that decides not to publish a case's report publishes a summary of the improvements
instead: the case's move to "Improvements published" (with its compelling reason) is refused
until that summary is written and published, and the summary goes through the same check for
identifying details, looking for the case's own identity record."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from casereview.cases import services as case_services
from casereview.cases.lifecycle import State
from casereview.cases.models import CaseIdentity
from casereview.cases.services import Refused
from casereview.publication import redaction
from casereview.publication.services import add_improvements_summary, publish_standalone
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from
from tests.publication.conftest import ready_to_publish

SUMMARY = "Since the review of Jasper Wilmcote, health visitors and schools share referrals weekly."


def at_the_decision(personas: Personas):  # type: ignore[no-untyped-def]
    case = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6)).case
    CaseIdentity.objects.create(case=case, legal_name="Jasper Wilmcote")
    return case


def not_publishing(personas: Personas, case):  # type: ignore[no-untyped-def]
    return case_services.move_case(
        actor_from(personas.alice),
        case,
        State.IMPROVEMENTS_PUBLISHED,
        {"date": datetime.date(2026, 9, 1), "reasons": "A fictional compelling reason."},
    )


def test_the_move_is_refused_until_the_improvements_are_written(personas: Personas) -> None:
    case = at_the_decision(personas)

    with pytest.raises(Refused, match="summary of improvements"):
        not_publishing(personas, case)


def test_the_summary_goes_through_the_check_with_the_cases_identity_record(
    personas: Personas,
) -> None:
    case = at_the_decision(personas)
    summary = add_improvements_summary(actor_from(personas.alice), case, SUMMARY)

    found = {(d.kind, d.quote) for d in redaction.details(summary)}
    with pytest.raises(Refused, match="not decided yet"):
        publish_standalone(actor_from(personas.alice), summary)
    with pytest.raises(Refused, match="Publish the summary of improvements"):
        not_publishing(personas, case)

    assert found == {("name", "Jasper Wilmcote")}


def test_once_the_summary_is_published_the_case_moves_and_the_public_sees_no_name(
    personas: Personas,
) -> None:
    case = at_the_decision(personas)
    summary = add_improvements_summary(actor_from(personas.alice), case, SUMMARY)
    (item,) = redaction.details(summary)
    redaction.decide(actor_from(personas.alice), summary, item.key, "redact", item.suggestion)

    publish_standalone(actor_from(personas.alice), summary)
    not_publishing(personas, case)
    case.refresh_from_db()
    text = summary.pages.get().text

    assert case.state == State.IMPROVEMENTS_PUBLISHED
    assert "Jasper" not in text and case.pseudonym in text


def test_the_chair_writes_the_summary_on_its_page(personas: Personas) -> None:
    case = at_the_decision(personas)
    url = reverse("publication:improvements", kwargs={"pk": case.pk})

    empty = signed_in_client(personas.alice).post(url, {"summary": "  "})
    written = signed_in_client(personas.alice).post(url, {"summary": SUMMARY})

    assert empty.status_code == 400
    assert "Enter the summary of improvements" in empty.content.decode()
    assert written.status_code == 302
    assert "/redaction/" in written["Location"]


def test_the_case_page_leads_the_chair_to_the_summary(personas: Personas) -> None:
    case = at_the_decision(personas)

    page = signed_in_client(personas.alice).get(reverse("cases:detail", kwargs={"pk": case.pk}))

    assert reverse("publication:improvements", kwargs={"pk": case.pk}) in page.content.decode()
