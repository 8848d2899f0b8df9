"""The demo obeys the publication check (issue 21, item 7): an anonymous crawl of the demo's
public side (browse, records, text pages, downloads, search for each planted detail) finds none of
the identifying details the generator's truth files list, while most reviews are published; and
the unpublished ones show open findings to their board's chair, who decides and publishes a report
that came from no case."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import User
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.demo import HELD_BACK, load_demo
from casereview.publication.models import FindingDecision
from casereview.repository.models import Document
from tests.conftest import signed_in_client
from tests.publication.test_the_public_copy_holds_no_redacted_detail import every_string

pytestmark = pytest.mark.django_db

# Enough reports for three with planted details (indexes 0, 1 and 4 of the demo's seed).
REPORTS = 6


@pytest.fixture
def demo(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.FILES_DIR = tmp_path / "files"
    report = load_demo(reports=REPORTS)
    assert report.corpus_dir is not None
    return report.corpus_dir


def planted(corpus: Path) -> dict[str, str]:
    """Every identifying detail the generator's truth files list, with its kind."""
    details = {}
    for truth in corpus.glob("*.json"):
        for item in json.loads(truth.read_text()).get("identifiers") or []:
            details[str(item["text"])] = str(item["kind"])
    return details


def public_side(anonymous: Client) -> list[str]:
    """What an anonymous person can read: browse, each published review's page and record, its
    text pages, its download and its public PDF."""
    seen = [anonymous.get(reverse("repository:browse")).content.decode()]
    for document in Document.objects.filter(is_published=True):
        ref = {"ref": document.sha256[:12]}
        seen.append(anonymous.get(reverse("repository:document", kwargs=ref)).content.decode())
        for number in document.pages.values_list("number", flat=True):
            page = reverse("repository:document-page", kwargs={**ref, "number": number})
            seen.append(anonymous.get(page).content.decode())
        for route in ("repository:download", "publication:public-copy"):
            response = anonymous.get(reverse(route, kwargs=ref))
            assert response.status_code == 200, route
            seen.append(every_string(b"".join(response.streaming_content)))  # type: ignore[attr-defined]
    return [html.unescape(text) for text in seen]


def test_an_anonymous_crawl_finds_no_planted_detail_while_most_reviews_are_published(
    demo: Path,
) -> None:
    details = planted(demo)
    anonymous = Client()

    seen = "\n".join(public_side(anonymous)).lower()
    published = Document.objects.filter(is_published=True)

    assert len(details) > 20
    assert published.count() > Document.objects.count() / 2
    assert [detail for detail in details if detail.lower() in seen] == []
    refs = [document.sha256[:12] for document in Document.objects.all()]
    for detail, kind in details.items():
        found = anonymous.get(reverse("repository:search"), {"q": detail}).content.decode()
        # A date of birth is redacted to its month and year, which a search may still match.
        if kind != "date_of_birth":
            assert not [ref for ref in refs if ref in found], (kind, detail)


def test_each_planted_detail_was_redacted_by_the_demo_chair(demo: Path) -> None:
    alice = User.objects.get(email="alice@example.org")
    decisions = FindingDecision.objects.filter(document__is_published=True)

    assert decisions.exists()
    assert set(decisions.values_list("decided_by", flat=True)) == {alice.pk}
    assert set(decisions.values_list("choice", flat=True)) == {"redact"}
    assert all(d.replacement for d in decisions)
    decided = Event.objects.filter(action=Action.REDACTION_DECIDED)
    assert decided.count() == decisions.count()
    assert set(decided.values_list("actor", flat=True)) == {alice.pk}


def test_the_reports_held_back_show_their_open_findings_to_their_board_chair(
    demo: Path,
) -> None:
    alice = User.objects.get(email="alice@example.org")
    held = Document.objects.filter(is_published=False)

    assert held.count() == HELD_BACK
    for document in held:
        ref = {"ref": document.sha256[:12]}
        page = signed_in_client(alice).get(reverse("publication:redaction", kwargs=ref))
        assert page.status_code == 200
        assert "Not decided" in page.content.decode()
        anonymous = Client().get(reverse("repository:document", kwargs=ref))
        assert anonymous.status_code == 404
        assert not FindingDecision.objects.filter(document=document).exists()


def test_loading_the_demo_again_leaves_the_reports_held_back_unpublished(demo: Path) -> None:
    held = set(Document.objects.filter(is_published=False).values_list("pk", flat=True))

    load_demo(reports=REPORTS)

    assert set(Document.objects.filter(is_published=False).values_list("pk", flat=True)) == held
    assert not FindingDecision.objects.filter(document__in=held).exists()
