"""Board staff confirm or correct a value of the record on the document page; each decision is
audited, a correction wins over the machine, and outsiders get a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.repository.models import Decision, Document
from tests.conftest import Personas, signed_in_client
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(personas: Personas) -> Document:
    document = add_document("Published in 2020 by the partnership.", board=personas.board_a)
    field = document.fields.get(name="year_published")
    field.machine_value, field.quote, field.page = 2020, "Published in 2020", 1
    field.save()
    return document


def check_url(document: Document, field: str) -> str:
    return reverse("repository:check-field", kwargs={"ref": document.sha256[:12], "field": field})


def test_a_board_member_confirms_the_machines_value(personas: Personas, document: Document) -> None:
    response = signed_in_client(personas.alice).post(
        check_url(document, "year_published"), {"decision": "confirm"}
    )

    assert response.status_code == 302
    field = document.fields.get(name="year_published")
    assert field.decision == Decision.CONFIRMED
    assert field.decided_by == personas.alice
    assert Event.objects.filter(action=Action.RECORD_CONFIRMED, actor=personas.alice).exists()


def test_a_correction_wins_and_shows_on_the_document_page(
    personas: Personas, document: Document
) -> None:
    client = signed_in_client(personas.alice)

    client.post(
        check_url(document, "year_published"),
        {"decision": "correct", "corrected": "2019", "note": "The cover says 2019"},
    )
    page = client.get(reverse("repository:document", kwargs={"ref": document.sha256[:12]}))

    document.refresh_from_db()
    assert document.year_published == 2019
    assert "Corrected by a person: The cover says 2019" in page.content.decode()
    assert Event.objects.get(action=Action.RECORD_CORRECTED).changes == {
        "year_published": [2020, 2019]
    }


def test_abuse_types_are_corrected_by_ticking_boxes(personas: Personas, document: Document) -> None:
    signed_in_client(personas.alice).post(
        check_url(document, "abuse_types"),
        {"decision": "correct", "values": ["neglect", "emotional"]},
    )

    assert document.fields.get(name="abuse_types").value == ["neglect", "emotional"]
    assert set(document.facets.filter(name="abuse_type").values_list("value", flat=True)) == {
        "neglect",
        "emotional",
    }


def test_a_wrong_value_is_shown_again_with_a_plain_message(
    personas: Personas, document: Document
) -> None:
    response = signed_in_client(personas.alice).post(
        check_url(document, "year_published"), {"decision": "correct", "corrected": "twenty"}
    )

    assert response.status_code == 400
    assert "Enter a year between 1970 and 2100" in response.content.decode()
    assert document.fields.get(name="year_published").decision == ""


def test_nothing_to_confirm_asks_for_a_correction(personas: Personas, document: Document) -> None:
    response = signed_in_client(personas.alice).post(
        check_url(document, "review_model"), {"decision": "confirm"}
    )

    assert response.status_code == 400
    assert "There is no value to confirm" in response.content.decode()


def test_an_outsider_may_not_check_another_boards_record(
    personas: Personas, document: Document
) -> None:
    client = signed_in_client(personas.charlie)

    assert client.get(check_url(document, "year_published")).status_code == 404
    assert (
        client.post(check_url(document, "year_published"), {"decision": "confirm"}).status_code
        == 404
    )
    assert document.fields.get(name="year_published").decision == ""


def test_the_public_sees_no_check_links(document: Document) -> None:
    from django.test import Client

    page = Client().get(reverse("repository:document", kwargs={"ref": document.sha256[:12]}))

    assert check_url(document, "year_published") not in page.content.decode()
