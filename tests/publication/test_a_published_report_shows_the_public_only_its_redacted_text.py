"""Once a case's report is published through the check, the public sees only its redacted text:
its page, its text pages, its download and search hold none of the details the board redacted,
and searching for one of them finds nothing."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.urls import reverse

from casereview.publication.services import publish_from_repository
from casereview.repository.services import reanalyse
from tests.conftest import Personas
from tests.factories import actor_from
from tests.publication.planted import PLANTED, named_ready
from tests.publication.test_publication_waits_for_every_identifying_detail import decide_all
from tests.publication.test_the_public_copy_holds_no_redacted_detail import every_string


def publish_named(personas: Personas):  # type: ignore[no-untyped-def]
    ready = named_ready(personas)
    decide_all(personas, ready)
    publish_from_repository(actor_from(personas.alice), ready.report)
    ready.report.refresh_from_db()
    return ready


def public_pages(ready) -> str:  # type: ignore[no-untyped-def]
    anonymous = Client()
    ref = {"ref": ready.ref}
    pages = [
        anonymous.get(reverse("repository:document", kwargs=ref)),
        anonymous.get(reverse("repository:document-page", kwargs={**ref, "number": 1})),
        anonymous.get(reverse("repository:browse")),
        anonymous.get(reverse("repository:search"), {"q": "agencies share"}),
    ]
    assert all(page.status_code == 200 for page in pages)
    return "\n".join(page.content.decode() for page in pages)


def test_the_public_pages_hold_none_of_the_redacted_details(personas: Personas) -> None:
    ready = publish_named(personas)

    text = public_pages(ready)

    assert "Child P" in text and "the mother" in text
    for detail in PLANTED:
        assert detail not in text, detail


def test_searching_for_a_redacted_detail_finds_nothing(personas: Personas) -> None:
    ready = publish_named(personas)

    for detail in ("Quennell", "943 476 5919", "Larkspur Close", "Tamsin"):
        page = Client().get(reverse("repository:search"), {"q": detail}).content.decode()
        assert ready.ref not in page, detail


def test_the_download_is_the_redacted_public_copy(personas: Personas) -> None:
    ready = publish_named(personas)

    response = Client().get(reverse("repository:download", kwargs={"ref": ready.ref}))
    data = b"".join(response.streaming_content)  # type: ignore[attr-defined]

    assert response.status_code == 200
    strings = every_string(data).lower()
    assert all(detail.lower() not in strings for detail in PLANTED)


def test_analysing_it_again_reads_the_redacted_copy(personas: Personas) -> None:
    ready = publish_named(personas)

    reanalyse(ready.report, actor=actor_from(personas.alice))
    text = public_pages(ready)

    assert all(detail not in text for detail in PLANTED)


def test_the_search_index_itself_holds_no_redacted_word(personas: Personas) -> None:
    ready = publish_named(personas)

    def documents_with(word: str) -> set[int]:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT rowid FROM repository_document_fts WHERE repository_document_fts "
                    "MATCH %s",
                    [f'"{word}"'],
                )
            else:
                cursor.execute(
                    "SELECT document_id FROM repository_searchtext "
                    "WHERE search_vector @@ plainto_tsquery('english', %s)",
                    [word],
                )
            return {row[0] for row in cursor.fetchall()}

    assert ready.report.pk in documents_with("agencies")
    for word in ("Quennell", "Larkspur", "Tamsin", "Okonjo", "Rosie"):
        assert ready.report.pk not in documents_with(word), word
