"""A document's recommendations are stored with it (same transaction), shown on its page with
their codes and the words behind each code, and a person's label survives re-analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import User
from casereview.analysis.coding import Coding, Trigger
from casereview.analysis.recommendations import CodedRecommendation
from casereview.analysis.recommendations import Recommendation as Found
from casereview.recommendations.models import CodingLabel, CodingStatus, Recommendation
from casereview.recommendations.services import store_recommendations
from casereview.repository.services import ingest_file
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@dataclass
class Analysed:
    """The part of an analysis that store_recommendations reads."""

    recommendations: tuple[CodedRecommendation, ...]


def coded(number: str, text: str, page: int, mechanism: str = "A2") -> CodedRecommendation:
    return CodedRecommendation(
        Found(number=number, text=text, page=page, addressees=("partnership",)),
        Coding(
            mechanism=mechanism,
            addressees=("police",),
            level="multi-agency",
            flags=("has_owner",),
            triggers=(Trigger(mechanism, "training"),),
        ),
    )


FIRST = coded("1", "The partnership should ensure police officers receive training on neglect.", 3)
SECOND = coded("2", "The board should review its escalation procedure.", 4, "A1")


@pytest.fixture
def document(files_dir: Any) -> Any:
    result = ingest_file(b"A fictional review with no recommendations.", "review.txt")
    assert result.document is not None
    return result.document


def test_recommendations_are_stored_with_machine_and_effective_codes(document: Any) -> None:
    store_recommendations(document, Analysed((FIRST, SECOND)))

    rows = list(Recommendation.objects.filter(document=document))
    assert [(r.position, r.number, r.page) for r in rows] == [(1, "1", 3), (2, "2", 4)]
    first = rows[0]
    assert first.addressees == ["partnership", "police"]
    assert (first.mechanism, first.machine_mechanism, first.level) == ("A2", "A2", "multi-agency")
    assert first.triggers == [{"code": "A2", "words": "training"}]
    assert first.coding_status == CodingStatus.MACHINE


def test_a_persons_label_stays_when_the_same_text_is_found_again(document: Any) -> None:
    store_recommendations(document, Analysed((FIRST, SECOND)))
    person: User = UserFactory()
    row = Recommendation.objects.get(document=document, position=1)
    CodingLabel.objects.create(
        recommendation=row,
        text=row.text,
        mechanism="A6",
        addressees=["police"],
        level="single agency",
        flags=[],
        agrees_with_machine=False,
        labelled_by=person,
    )

    store_recommendations(document, Analysed((SECOND, FIRST)))

    moved = Recommendation.objects.get(document=document, number="1")
    assert (moved.position, moved.mechanism, moved.machine_mechanism) == (2, "A6", "A2")
    assert moved.coding_status == CodingStatus.CORRECTED
    assert moved.labels.get().labelled_by == person
    untouched = Recommendation.objects.get(document=document, number="2")
    assert untouched.coding_status == CodingStatus.MACHINE


def test_a_document_without_recommendations_has_none(files_dir: Any) -> None:
    result = ingest_file(
        b"Findings\n\nFinding 1: agencies did not share information.\n", "findings.txt"
    )

    assert result.document is not None
    assert not result.document.recommendations.exists()


def test_the_document_page_shows_each_recommendation_with_its_codes(
    document: Any, files_dir: Any
) -> None:
    document.is_published = True
    document.save()
    store_recommendations(document, Analysed((FIRST,)))

    page = (
        Client()
        .get(reverse("repository:document", kwargs={"ref": document.sha256[:12]}))
        .content.decode()
    )

    assert "police officers receive training on neglect" in page
    assert "Training or awareness" in page
    assert "A2: " not in page
    assert "The safeguarding partnership, Police" in page
    assert "“training”" in page
    on_page = reverse("repository:document-page", kwargs={"ref": document.sha256[:12], "number": 3})
    assert f'href="{on_page}?recommendation=1#evidence">See it on page 3</a>' in page
