"""The public repository pages: search with facets, browsing, a document's record and text,
downloads, and reviews like this one. The public sees published documents only; board staff
also see their own board's unpublished ones, and every such view is audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.repository.models import Document
from tests.conftest import Personas, signed_in_client
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


def url(name: str, document: Document, **kwargs: object) -> str:
    return reverse(f"repository:{name}", kwargs={"ref": document.sha256[:12], **kwargs})


@pytest.fixture
def published(personas: Personas) -> Document:
    return add_document(
        "Chapter one sets out the scope of the review.",
        "The health visitor saw signs of neglect and overcrowding at home.",
        title="Review of Child P",
        board=personas.board_a,
        record={"year_published": 2021, "review_type": "LCSPR", "abuse_types": ["neglect"]},
    )


@pytest.fixture
def unpublished(personas: Personas) -> Document:
    return add_document(
        "An unpublished draft about overcrowding and a missed referral.",
        title="Draft review of Child Q",
        board=personas.board_a,
        published=False,
        name="draft.txt",
        record={"year_published": 2024, "review_type": "SCR"},
    )


def test_search_shows_title_board_year_snippet_and_the_page_it_is_on(published: Document) -> None:
    page = Client().get(reverse("repository:search"), {"q": "overcrowding"}).content.decode()

    assert "Review of Child P" in page
    assert "Ashbourne Vale Safeguarding Children Partnership" in page
    assert "2021" in page
    assert "<mark>overcrowding</mark>" in page
    assert f'href="{url("document-page", published, number=2)}?q=overcrowding#match-1"' in page


def test_search_escapes_what_the_document_says(personas: Personas) -> None:
    add_document("The <script>alert(1)</script> tag appeared in overcrowding notes.", title="X")

    page = Client().get(reverse("repository:search"), {"q": "overcrowding"}).content.decode()

    # PostgreSQL's headline drops tag-like text and FTS5 keeps it escaped: never raw either way.
    assert "<script>alert(1)" not in page
    assert "<mark>overcrowding</mark>" in page


def test_facets_show_counts_and_filter_the_results(published: Document) -> None:
    add_document(
        "Another about overcrowding.", title="Review of Child R", record={"year_published": 2019}
    )

    everything = Client().get(reverse("repository:search"), {"q": "overcrowding"})
    filtered = Client().get(reverse("repository:search"), {"q": "overcrowding", "year": "2019"})

    assert "2021 (1)" in everything.content.decode()
    assert "2019 (1)" in everything.content.decode()
    assert "Review of Child R" in filtered.content.decode()
    assert "Review of Child P" not in filtered.content.decode()
    assert "Remove" in filtered.content.decode()


def test_the_public_never_finds_an_unpublished_document(unpublished: Document) -> None:
    client = Client()

    page = client.get(reverse("repository:search"), {"q": "overcrowding"}).content.decode()

    assert "Child Q" not in page
    assert client.get(url("document", unpublished)).status_code == 404
    assert client.get(url("document-page", unpublished, number=1)).status_code == 404
    assert client.get(url("download", unpublished)).status_code == 404


def test_an_outsider_gets_404_for_another_boards_unpublished_document(
    personas: Personas, unpublished: Document
) -> None:
    response = signed_in_client(personas.charlie).get(url("document", unpublished))

    assert response.status_code == 404


def test_board_staff_see_their_unpublished_document_and_the_view_is_audited(
    personas: Personas, unpublished: Document
) -> None:
    client = signed_in_client(personas.alice)

    page = client.get(url("document", unpublished))
    search = client.get(reverse("repository:search"), {"q": "overcrowding"})

    assert page.status_code == 200
    assert "Not published" in page.content.decode()
    assert "Draft review of Child Q" in search.content.decode()
    viewed = Event.objects.get(action=Action.DOCUMENT_VIEWED)
    assert viewed.actor == personas.alice
    assert viewed.object_id == str(unpublished.pk)
    assert Event.objects.filter(action=Action.SEARCHED_RESTRICTED, actor=personas.alice).exists()


def test_viewing_a_published_document_is_not_audited(published: Document) -> None:
    assert Client().get(url("document", published)).status_code == 200
    assert not Event.objects.filter(action=Action.DOCUMENT_VIEWED).exists()


def test_a_document_is_found_by_its_id_or_the_start_of_its_hash(published: Document) -> None:
    client = Client()

    by_id = client.get(reverse("repository:document", kwargs={"ref": str(published.pk)}))
    by_hash = client.get(reverse("repository:document", kwargs={"ref": published.sha256[:8]}))
    too_short = client.get(reverse("repository:document", kwargs={"ref": published.sha256[:7]}))

    assert by_id.status_code == by_hash.status_code == 200
    assert too_short.status_code == 404


@pytest.mark.parametrize("ref", ["\u00b2", "1\u00b3", "\u2460"])
def test_a_reference_of_digits_int_refuses_is_no_such_document(ref: str) -> None:
    assert Client().get(reverse("repository:document", kwargs={"ref": ref})).status_code == 404


def test_the_record_shows_each_value_with_its_evidence_and_page(personas: Personas) -> None:
    document = add_document(
        "Front matter.",
        "Child R was aged 4 years at the time of the incident and died.",
        title="Review of Child R",
    )
    field = document.fields.get(name="child.age_years")
    field.machine_value, field.quote, field.page, field.decision = 4, "aged 4 years", 2, ""
    field.save()

    page = Client().get(url("document", document)).content.decode()

    assert "aged 4 years" in page
    assert f'href="{url("document-page", document, number=2)}"' in page


def test_the_text_is_read_page_by_page_with_previous_and_next(published: Document) -> None:
    client = Client()

    first = client.get(url("document-page", published, number=1)).content.decode()
    second = client.get(url("document-page", published, number=2)).content.decode()

    assert "Page 1 of 2" in first
    assert "scope of the review" in first
    assert "overcrowding" in second
    assert f'href="{url("document-page", published, number=1)}"' in second
    assert client.get(url("document-page", published, number=3)).status_code == 404


def test_the_original_downloads_and_a_restricted_download_is_audited(
    personas: Personas, published: Document, unpublished: Document
) -> None:
    public = Client().get(url("download", published))
    staff = signed_in_client(personas.alice).get(url("download", unpublished))

    assert b"".join(public.streaming_content).startswith(b"Chapter one")
    assert "attachment" in public["Content-Disposition"]
    assert staff.status_code == 200
    downloads = Event.objects.filter(action=Action.DOCUMENT_DOWNLOADED)
    assert [e.object_id for e in downloads] == [str(unpublished.pk)]


def test_browse_lists_years_and_boards_with_counts_of_published_reviews(
    published: Document, unpublished: Document
) -> None:
    page = Client().get(reverse("repository:browse")).content.decode()

    assert "?year=2021" in page
    assert "2024" not in page
    assert "Ashbourne Vale Safeguarding Children Partnership" in page


def test_reviews_like_this_one_share_record_values_and_exclude_unpublished(
    personas: Personas, published: Document, unpublished: Document
) -> None:
    alike = add_document(
        "Neglect again.",
        title="Review of Child S",
        record={"review_type": "LCSPR", "abuse_types": ["neglect"]},
        name="s.txt",
    )
    add_document(
        "Unrelated.", title="Review of Child T", record={"review_type": "SCR"}, name="t.txt"
    )

    page = Client().get(url("document", published)).content.decode()
    similar = page.split("Reviews like this one", 1)[1]

    assert alike.title in similar
    assert "Child T" not in similar
    assert "Child Q" not in similar


def test_search_pages_through_many_results(personas: Personas) -> None:
    for n in range(23):
        add_document(f"Overcrowding report number {n}.", title=f"Review {n:02d}", name=f"{n}.txt")

    second = Client().get(reverse("repository:search"), {"q": "overcrowding", "page": 2})

    assert "23 reviews found, showing 21 to 23" in second.content.decode()
