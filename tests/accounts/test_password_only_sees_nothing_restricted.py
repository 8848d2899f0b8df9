"""A person who has typed their password but not passed the second factor sees what the public
sees, on every URL the service has, whatever roles they hold.

The crawl visits every named URL (with the access matrix's sample arguments, plus the searches
and filters that could surface restricted material) as each persona signed in with the password
alone. Every answer must be a detour to sign in or to the second factor, a 404 or 405, or a page
that shows nothing restricted: none of the restricted material's words, and for pages the public
may see, the same content the anonymous public gets (same search hits, groups and figures; the
same CSV bytes).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Role
from casereview.recommendations.models import Recommendation
from casereview.repository.models import Document
from casereview.repository.services import ingest_file
from tests.accounts.test_access_matrix import MATRIX
from tests.accounts.url_inventory import named_routes
from tests.cases.factories import CaseFactory, IdentityFactory, ReviewerFactory, appoint
from tests.conftest import Personas, signed_in_client
from tests.factories import MembershipFactory, totp_device

# Words that appear only in restricted material; no public page may ever show them.
RESTRICTED_WORD = "quillborough"
RESTRICTED_PSEUDONYM = "Child Zephyrine"
RESTRICTED_NAME = "Tamsin Example-Fictional"
MARKERS = (RESTRICTED_WORD, RESTRICTED_PSEUDONYM, RESTRICTED_NAME)

RESTRICTED_REVIEW = f"""Serious case review: the {RESTRICTED_WORD} review

The {RESTRICTED_WORD} partnership examined how agencies worked together.

Recommendations

1. The {RESTRICTED_WORD} partnership should deliver training on neglect to every agency.
""".encode()

PUBLISHED_REVIEW = b"""Serious case review: a published fictional review

Agencies worked together on the family's needs.
"""

# Public URLs that take a query worth asking: each could surface restricted hits or counts.
BOARD_A = "board=Ashbourne+Vale+Safeguarding+Children+Partnership"
QUERIES: dict[str, list[str]] = {
    "repository:search": [f"q={RESTRICTED_WORD}", "q=partnership", f"q=neglect&{BOARD_A}"],
    "repository:browse": ["", BOARD_A],
    "learning:recommendations": ["", BOARD_A, "year_from=2000"],
    "learning:recommendations-csv": ["", BOARD_A],
}

DETOURS = ("accounts:sign-in", "accounts:two-factor-verify", "accounts:two-factor-setup")
CONTENT_FREE = {404, 405}
# The only pages, besides the public's, that a password alone opens: the second factor's own.
SECOND_FACTOR_PAGES = {"accounts:two-factor-verify", "accounts:two-factor-setup"}


def restricted_kwargs(material: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """URLs about one object point at the restricted material, not the matrix's samples."""
    ref = material["document"].sha256[:12]
    return {
        "repository:document": {"ref": ref},
        "repository:document-page": {"ref": ref, "number": 1},
        "repository:download": {"ref": ref},
        "repository:check-field": {"ref": ref, "field": "title"},
        "repository:publish": {"ref": ref},
        "recommendations:cluster": {"pk": material["group"]},
    }


def password_only_client(user: Any) -> Client:
    """Signed in with the password, the second factor not yet passed (a device is set up)."""
    totp_device(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def restricted_material(personas: Personas) -> dict[str, Any]:
    """An unpublished review on board A with a case, a named child and a recommendation in the
    same group as a published one, and a reviewer (Bob) appointed to that case."""
    case = CaseFactory(board=personas.board_a, pseudonym=RESTRICTED_PSEUDONYM)
    IdentityFactory(case=case, legal_name=RESTRICTED_NAME)
    appoint(case, ReviewerFactory(user=personas.bob), by=personas.alice)
    MembershipFactory(user=personas.priya, board=personas.board_b, role=Role.CHAIR)

    restricted = ingest_file(RESTRICTED_REVIEW, "restricted.txt", board=personas.board_a)
    published = ingest_file(PUBLISHED_REVIEW, "published.txt", published=True)
    assert restricted.document is not None and published.document is not None
    Document.objects.filter(pk=restricted.document.pk).update(case=case)
    group = Recommendation.objects.create(
        document=published.document,
        position=1,
        text="The partnership should deliver training on neglect.",
        mechanism="A2",
        machine_mechanism="A2",
    )
    Recommendation.objects.filter(pk=group.pk).update(cluster=group.pk)
    Recommendation.objects.filter(document=restricted.document).update(cluster=group.pk)
    return {"case": case, "document": restricted.document, "group": group.pk}


def body_of(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def main_content(html: str) -> str:
    """The page's own content, without the frame (whose navigation knows who is signed in)."""
    found = re.search(r"<main\b.*?</main>", html, re.S)
    body = found.group(0) if found else html
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def urls_to_visit(personas: Personas, material: dict[str, Any], name: str) -> list[str]:
    kwargs = restricted_kwargs(material).get(name) or MATRIX[name].kwargs(personas)
    if name.startswith("cases:") and "pk" in kwargs and len(kwargs) == 1:
        kwargs = {"pk": material["case"].pk}
    url = reverse(name, kwargs=kwargs or None)
    return [f"{url}?{query}" if query else url for query in QUERIES.get(name, [""])]


def is_detour(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith(
        tuple(reverse(name) for name in DETOURS)
    )


@pytest.mark.parametrize("url_name", sorted(named_routes()))
def test_a_password_alone_shows_nothing_restricted(
    url_name: str, personas: Personas, restricted_material: dict[str, Any]
) -> None:
    people = ["alice", "bob", "dana", "charlie", "priya", "ada"]
    for url in urls_to_visit(personas, restricted_material, url_name):
        public = Client().get(url)
        # Read once: a streamed download (a CSV) can be read only once.
        public_text = body_of(public)
        for name in people:
            response = password_only_client(personas.by_name(name)).get(url)
            if is_detour(response) or response.status_code in CONTENT_FREE:
                continue
            # 400: a filter naming a board the person may not see, refused as for the public.
            assert response.status_code in {200, 302, 400}, (
                f"{url} as {name}: {response.status_code}"
            )
            if response.status_code == 302:
                # Any other redirect must lead only to a page the public could reach.
                assert public.status_code == 302, f"{url} sent {name} to {response['Location']}"
                continue
            assert public.status_code == response.status_code or url_name in SECOND_FACTOR_PAGES, (
                f"{url} answered {name} (password only) where the public gets {public.status_code}"
            )
            text = body_of(response)
            # A search page repeats its own query; what it found is compared with the public's.
            asked = url.lower().split("?", 1)[-1] if "?" in url else ""
            shown = [m for m in MARKERS if m.lower() in text.lower() and m.lower() not in asked]
            assert not shown, f"{url} showed {name} (password only) restricted {shown}"
            if public.status_code == response.status_code:
                assert main_content(text) == main_content(public_text), (
                    f"{url} showed {name} (password only) something the public does not see"
                )


def test_the_same_people_see_the_restricted_material_once_verified(
    personas: Personas, restricted_material: dict[str, Any]
) -> None:
    """The crawl above could pass by finding nothing anywhere: these pages do show the markers
    to the same people once they have passed the second factor."""
    document = restricted_material["document"]
    search = reverse("repository:search") + f"?q={RESTRICTED_WORD}"
    page = reverse("repository:document", kwargs={"ref": document.sha256[:12]})
    group = reverse("recommendations:cluster", kwargs={"pk": restricted_material["group"]})
    case = reverse("cases:detail", kwargs={"pk": restricted_material["case"].pk})

    for name in ["alice", "bob", "priya"]:
        client = signed_in_client(personas.by_name(name))
        for url in (search, page, group):
            assert RESTRICTED_WORD in client.get(url).content.decode().lower(), (url, name)
    assert RESTRICTED_PSEUDONYM in signed_in_client(personas.alice).get(case).content.decode()
