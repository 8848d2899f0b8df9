"""Recommendation codes read as words ("Health — GP and primary care", "Training or awareness",
"Names an owner"), never as the internal codes ("health.gp", "A2"), in a normal GOV.UK summary
list: the large two-column code style is for backup codes only."""

from __future__ import annotations

import html as markup
import re

import pytest
from django.test import Client
from django.urls import reverse

from casereview.recommendations.models import Recommendation
from casereview.recommendations.vocabulary import addressee_label, code_label, mechanism_name
from casereview.repository.services import ingest_file
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db

INTERNAL = re.compile(r"\bA\d{1,2}\b|health\.\w+|education\.\w+|has_owner|\w+_\w+_care")


def test_an_agency_within_health_or_education_is_named_with_its_group() -> None:
    assert addressee_label("health.gp") == "Health — GP and primary care"
    assert addressee_label("education.early_years") == "Education — Early years"
    assert addressee_label("police") == "Police"
    assert addressee_label("childrens_social_care") == "Children's social care"


def test_a_mechanism_is_its_name_alone() -> None:
    assert mechanism_name("A2") == "Training or awareness"


def test_a_reason_names_whichever_kind_of_code_it_is() -> None:
    assert code_label("A2") == "Training or awareness"
    assert code_label("health.gp") == "Health — GP and primary care"
    assert code_label("has_owner") == "Names an owner"


@pytest.fixture
def recommendation(personas: Personas) -> Recommendation:
    result = ingest_file(
        b"A fictional review.", "review.txt", board=personas.board_a, published=True
    )
    assert result.document is not None
    return Recommendation.objects.create(
        document=result.document,
        position=1,
        number="1",
        text="The GP practice should deliver training on neglect.",
        machine_mechanism="A2",
        mechanism="A2",
        machine_addressees=["health.gp"],
        addressees=["health.gp", "childrens_social_care"],
        machine_level="single agency",
        level="single agency",
        machine_flags=["has_owner"],
        flags=["has_owner"],
        triggers=[{"code": "A2", "words": "training"}, {"code": "health.gp", "words": "GP"}],
    )


def codes_list(html: str) -> str:
    start = html.index('<dl class="govuk-summary-list')
    return markup.unescape(html[start : html.index("</dl>", start)])


def test_the_document_page_shows_codes_as_words_in_a_summary_list(
    recommendation: Recommendation,
) -> None:
    ref = recommendation.document.sha256[:12]

    html = Client().get(reverse("repository:document", kwargs={"ref": ref})).content.decode()

    codes = codes_list(html.split('id="recommendation-1"', 1)[1])
    assert "Training or awareness" in codes
    assert "Health — GP and primary care, Children's social care" in codes
    assert "Names an owner" in codes
    assert "Training or awareness: “training”" in codes
    assert not INTERNAL.findall(codes)
    assert "app-codes" not in html


def test_the_checker_shows_codes_as_words_in_a_summary_list(personas: Personas) -> None:
    drafts = "1. The GP practice should deliver training on neglect to all its staff by March."

    html = (
        signed_in_client(personas.alice)
        .post(reverse("recommendations:check"), {"drafts": drafts})
        .content.decode()
    )

    codes = codes_list(html)
    assert "Training or awareness" in codes
    assert not INTERNAL.findall(codes)
    assert "app-codes" not in html


def test_the_coding_form_offers_words_not_codes(
    personas: Personas, recommendation: Recommendation
) -> None:
    url = reverse("recommendations:code", kwargs={"pk": recommendation.pk})

    html = signed_in_client(personas.alice).get(url).content.decode()

    assert "Training or awareness" in html
    assert "A2: " not in html
    assert "Health — GP and primary care" in html
    assert "The machine's reasons: Training or awareness from “training”" in html
