"""A document that came from no case may hold its own identity record (the demo writes one for
each generated report): the check then finds the people it names, as for a case's report, and
one press redacts every detail with the check's suggestion."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from casereview.publication import redaction
from casereview.publication.models import DocumentIdentity
from casereview.publication.services import publish_from_repository
from casereview.repository.services import ingest_file
from tests.conftest import Personas
from tests.factories import actor_from

LOOSE = (
    b"Serious case review: Child K\n\n"
    b"Records give Child K's full name, Rosie Quennell-Marsh, and the school she attended, "
    b"Larkspur Junior School.\n"
)


def loose_document(personas: Personas):  # type: ignore[no-untyped-def]
    document = ingest_file(LOOSE, "child-k.txt", board=personas.board_a).document
    assert document is not None
    return document


def test_its_identity_record_names_who_the_check_looks_for(personas: Personas) -> None:
    document = loose_document(personas)
    without = {" ".join(i.quote.split()) for i in redaction.details(document)}

    DocumentIdentity.objects.create(
        document=document,
        pseudonym="Child K",
        legal_name="Rosie Quennell-Marsh",
        school="Larkspur Junior School",
    )
    found = {" ".join(i.quote.split()) for i in redaction.details(document)}

    assert "Rosie Quennell-Marsh" not in without
    assert {"Rosie Quennell-Marsh", "Larkspur Junior School"} <= found


def test_every_detail_redacted_as_suggested_leaves_none_in_the_public_text(
    personas: Personas,
) -> None:
    document = loose_document(personas)
    DocumentIdentity.objects.create(
        document=document, pseudonym="Child K", legal_name="Rosie Quennell-Marsh"
    )

    decided = redaction.redact_every_detail_as_suggested(actor_from(personas.alice), document)
    publish_from_repository(actor_from(personas.alice), document)
    ref = {"ref": document.sha256[:12]}
    text = Client().get(reverse("repository:document-page", kwargs={**ref, "number": 1}))

    assert decided >= 1 and redaction.undecided(redaction.details(document)) == []
    assert "Quennell" not in text.content.decode() and "Rosie" not in text.content.decode()
