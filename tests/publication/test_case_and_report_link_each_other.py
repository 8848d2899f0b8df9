"""The case page links to the case's report in the repository, and the report's page links back
to its case for the people who may see that case: never for the public, nor for another board's
staff, even once the report is published."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, signed_in_client
from tests.publication.conftest import Ready


def test_the_case_page_links_to_its_report_in_the_repository(
    personas: Personas, ready: Ready
) -> None:
    page = signed_in_client(personas.alice).get(
        reverse("cases:detail", kwargs={"pk": ready.case.pk})
    )

    assert reverse("repository:document", kwargs={"ref": ready.ref}) in page.content.decode()


def test_the_report_links_to_its_case_for_the_board_and_the_panel(
    personas: Personas, ready: Ready
) -> None:
    case_url = reverse("cases:detail", kwargs={"pk": ready.case.pk})
    url = reverse("repository:document", kwargs={"ref": ready.ref})

    for person in (personas.alice, personas.priya):
        assert case_url in signed_in_client(person).get(url).content.decode()


def test_the_published_report_names_no_case_to_the_public_or_another_board(
    personas: Personas, ready: Ready
) -> None:
    signed_in_client(personas.alice).post(reverse("repository:publish", kwargs={"ref": ready.ref}))
    ready.report.refresh_from_db()
    assert ready.report.is_published
    url = reverse("repository:document", kwargs={"ref": ready.ref})
    case_url = reverse("cases:detail", kwargs={"pk": ready.case.pk})

    for client in (Client(), signed_in_client(personas.charlie), signed_in_client(personas.dana)):
        page = client.get(url)
        assert page.status_code == 200
        assert case_url not in page.content.decode()
        assert ready.case.pseudonym not in page.content.decode()
