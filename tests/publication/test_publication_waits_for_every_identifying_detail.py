"""A case's report is not published while an identifying detail the check found in it is
undecided; the board redacts each (or keeps it with a reason), every decision is audited, and
the chair may override the check with a reason the national panel sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.lifecycle import State
from casereview.cases.services import Refused
from casereview.publication import redaction
from casereview.publication.services import publish_from_repository
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from
from tests.publication.planted import named_ready


def decide_all(personas: Personas, ready, keep: str = "") -> None:  # type: ignore[no-untyped-def]
    for item in redaction.details(ready.report):
        if keep and keep in item.key:
            redaction.decide(
                actor_from(personas.alice), ready.report, item.key, "keep", "", "Public"
            )
        else:
            redaction.decide(
                actor_from(personas.alice), ready.report, item.key, "redact", item.suggestion
            )


def test_the_check_finds_the_familys_names_address_and_numbers(personas: Personas) -> None:
    ready = named_ready(personas)

    kinds = {(d.kind, d.quote) for d in redaction.details(ready.report)}

    assert ("name", "Rosie Quennell-Marsh") in kinds
    assert ("name", "Tamsin Quennell") in kinds
    assert ("address", "41 Larkspur Close, Ravensmouth QR8 2ES") in kinds
    assert ("NHS number", "943 476 5919") in kinds
    assert ("possible name", "Mr Okonjo") in kinds


def test_publishing_is_refused_while_a_detail_is_undecided(personas: Personas) -> None:
    ready = named_ready(personas)

    with pytest.raises(Refused) as refused:
        publish_from_repository(actor_from(personas.alice), ready.report)
    ready.report.refresh_from_db()
    ready.case.refresh_from_db()

    assert "not decided yet" in " ".join(refused.value.reasons)
    assert not ready.report.is_published
    assert ready.case.state == State.PUBLICATION_DECISION


def test_once_every_detail_is_decided_the_report_is_published(personas: Personas) -> None:
    ready = named_ready(personas)
    decide_all(personas, ready)
    decided = len(redaction.details(ready.report))

    publish_from_repository(actor_from(personas.alice), ready.report)
    ready.report.refresh_from_db()

    assert ready.report.is_published
    assert Event.objects.filter(action=Action.REDACTION_DECIDED).count() == decided


def test_one_decision_covers_every_place_the_report_names_someone(personas: Personas) -> None:
    ready = named_ready(personas)
    tamsin = next(d for d in redaction.details(ready.report) if d.key == "name:tamsin quennell")

    assert len(tamsin.findings) == 2  # her full name, and "Tamsin's"


def test_keeping_a_detail_needs_a_reason_and_redacting_needs_a_replacement(
    personas: Personas,
) -> None:
    ready = named_ready(personas)
    key = redaction.details(ready.report)[0].key

    with pytest.raises(Refused, match="reason"):
        redaction.decide(actor_from(personas.alice), ready.report, key, "keep", "", "  ")
    with pytest.raises(Refused, match="instead"):
        redaction.decide(actor_from(personas.alice), ready.report, key, "redact", "", "")


def test_only_the_chair_overrides_the_check_and_the_panel_sees_the_reason(
    personas: Personas,
) -> None:
    ready = named_ready(personas)

    with pytest.raises(Refused):
        redaction.override_gate(actor_from(personas.dana), ready.report, "Urgent")
    redaction.override_gate(
        actor_from(personas.alice), ready.report, "The family asked for it to be published now."
    )
    page = signed_in_client(personas.priya).get(
        reverse("publication:redaction", kwargs={"ref": ready.ref})
    )

    assert redaction.gate_refusals(ready.report) == []
    assert Event.objects.filter(action=Action.PUBLICATION_GATE_OVERRIDDEN).count() == 1
    assert "The family asked for it to be published now." in page.content.decode()


def test_the_confirmation_page_shows_the_public_text_and_the_open_details(
    personas: Personas,
) -> None:
    ready = named_ready(personas)
    url = reverse("publication:confirm", kwargs={"ref": ready.ref})
    before = signed_in_client(personas.alice).get(url).content.decode()
    decide_all(personas, ready)

    after = signed_in_client(personas.alice).get(url).content.decode()
    published = signed_in_client(personas.alice).post(url)
    ready.report.refresh_from_db()

    assert "It cannot be published yet" in before
    assert "Rosie" in before  # not yet redacted
    assert "Rosie" not in after and "Child P" in after and "the mother" in after
    assert published.status_code == 302
    assert ready.report.is_published


def test_the_board_decides_on_the_redaction_page(personas: Personas) -> None:
    ready = named_ready(personas)
    item = next(d for d in redaction.details(ready.report) if d.kind == "NHS number")

    response = signed_in_client(personas.alice).post(
        reverse("publication:decide", kwargs={"ref": ready.ref}),
        {"key": item.key, "choice": "redact", "replacement": "[NHS number]"},
    )
    decided = next(d for d in redaction.details(ready.report) if d.key == item.key)

    assert response.status_code == 302
    assert decided.decision is not None and decided.decision.replacement == "[NHS number]"


def test_a_detail_longer_than_the_stored_key_is_decided_once(personas: Personas) -> None:
    address = "Flat 2, " + ", ".join(f"Wing {n} of the Old Mill Buildings" for n in range(12))
    ready = named_ready(personas)
    identity = ready.case.identity
    identity.addresses = address
    identity.save()
    ready.report.pages.filter(number=1).update(text=f"They lived at {address}.")
    (item,) = redaction.details(ready.report)

    redaction.decide(actor_from(personas.alice), ready.report, item.key, "redact", "[address]")
    (decided,) = redaction.details(ready.report)

    assert len(item.key) > 300
    assert decided.decision is not None
    assert redaction.redacted_pages(ready.report)[0][1] == "They lived at [address]."
