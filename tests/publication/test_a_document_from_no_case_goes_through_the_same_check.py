"""A document that came from no case is published by its board's chair through the same check
for identifying details: the patterns and possible names (there is no identity record), the
same decisions, the same redacted public text."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereview.cases.services import Refused
from casereview.publication import redaction
from casereview.publication.services import publish_from_repository
from casereview.repository.services import ingest_file
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from

LOOSE = (
    b"Serious case review: Child K\n\n"
    b"Child K's grandmother, Maureen, called 0191 498 0586 and gave the NHS number 943 476 5919."
)


def loose_document(personas: Personas):  # type: ignore[no-untyped-def]
    document = ingest_file(LOOSE, "child-k.txt", board=personas.board_a).document
    assert document is not None
    return document


def test_it_is_not_published_while_a_detail_is_undecided(personas: Personas) -> None:
    document = loose_document(personas)

    with pytest.raises(Refused, match="not decided yet"):
        publish_from_repository(actor_from(personas.alice), document)
    refused = signed_in_client(personas.alice).post(
        reverse("repository:publish", kwargs={"ref": document.sha256[:12]})
    )
    document.refresh_from_db()

    assert refused.status_code == 302
    assert not document.is_published


def test_once_decided_the_public_sees_only_the_redacted_text(personas: Personas) -> None:
    document = loose_document(personas)
    for item in redaction.details(document):
        redaction.decide(actor_from(personas.alice), document, item.key, "redact", item.suggestion)

    publish_from_repository(actor_from(personas.alice), document)
    ref = {"ref": document.sha256[:12]}
    page = Client().get(reverse("repository:document-page", kwargs={**ref, "number": 1}))
    found = Client().get(reverse("repository:search"), {"q": "Maureen"}).content.decode()

    text = page.content.decode()
    assert "[name]" in text and "[phone number]" in text and "[NHS number]" in text
    assert "Maureen" not in text and "943 476 5919" not in text and "0191 498" not in text
    assert document.sha256[:12] not in found
