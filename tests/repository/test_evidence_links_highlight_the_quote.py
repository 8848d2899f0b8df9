"""An evidence link opens its page with the quoted words marked and scrolled to.

The link names the record value or recommendation (the quote itself is looked up on the
server); the page wraps the quote in <mark id="evidence"> and the link's fragment is
#evidence, so no JavaScript is needed to reach it.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from casereview.recommendations.models import Recommendation
from casereview.repository.models import Document
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


def page_url(document: Document, number: int) -> str:
    return reverse(
        "repository:document-page", kwargs={"ref": document.sha256[:12], "number": number}
    )


def record_page(document: Document) -> str:
    url = reverse("repository:document", kwargs={"ref": document.sha256[:12]})
    return Client().get(url).content.decode()


def evidence_links(html: str, document: Document, number: int, name: str) -> list[str]:
    start = re.escape(f"{page_url(document, number)}?{name}")
    return [m.replace("&amp;", "&") for m in re.findall(f'href="({start}[^"]*)"', html)]


def marked(html: str) -> str:
    """The marked words, from the mark with the link's id on (a quote that crosses paragraphs
    is marked in each)."""
    assert html.count('<mark id="evidence">') == 1
    after = html[html.index('<mark id="evidence">') :]
    return " ".join(re.findall(r"<mark[^>]*>(.*?)</mark>", after, re.S))


def set_quote(document: Document, name: str, quote: str, page: int, value: object = 4) -> None:
    field = document.fields.get(name=name)
    field.machine_value, field.quote, field.page, field.decision = value, quote, page, ""
    field.save()


def test_a_record_values_link_opens_its_page_with_the_quote_marked() -> None:
    document = add_document(
        "Front matter of a fictional review.",
        "The family moved twice that year, and each move took them further from the school.\n"
        "Their new home was small and cold. Child R was aged 4 years at the time of the\n"
        "incident and lived with \u2018Adult M\u2019 and two older siblings in the flat.\n"
        "Nothing else was recorded.",
        title="Review of Child R",
    )
    set_quote(
        document, "child.age_years", "Child R was aged 4 years at the time of the incident", 2
    )

    [link] = evidence_links(record_page(document), document, 2, "field=child.age_years")
    assert link.endswith("#evidence")

    page = Client().get(link.split("#")[0]).content.decode()

    # The quote runs across a line break in the page text: one mark covers both lines.
    assert marked(page) == "Child R was aged 4 years at the time of the incident"
    assert 'href="#evidence"' in page


def test_quote_and_page_may_differ_in_spacing_hyphens_and_quote_marks() -> None:
    document = add_document(
        "Front matter.",
        "Agencies did not share the \u201cco-\nordinated plan\u201d   with the school.",
    )
    set_quote(document, "child.age_years", 'share the "co-ordinated plan" with', 2)

    [link] = evidence_links(record_page(document), document, 2, "field=child.age_years")
    page = Client().get(link).content.decode()

    assert marked(page) == "share the \u201cco-ordinated plan\u201d with"


def test_a_quote_with_markup_characters_is_escaped_and_still_marked() -> None:
    document = add_document(
        "Front matter.",
        "The note read <script>alert(1)</script> & Sons Ltd, and nothing more.",
    )
    set_quote(document, "child.age_years", "<script>alert(1)</script> & Sons", 2)

    [link] = evidence_links(record_page(document), document, 2, "field=child.age_years")
    page = Client().get(link).content.decode()

    assert "<script>alert(1)" not in page
    assert marked(page) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons"


def test_a_quote_not_on_the_page_is_said_plainly_with_the_page_the_record_names() -> None:
    document = add_document("Front matter.", "Child R was aged 4 years.")
    set_quote(document, "child.age_years", "Child R was aged 4 years", 2)

    page = Client().get(page_url(document, 1), {"field": "child.age_years"}).content.decode()

    assert "<mark" not in page
    assert "are not on this page" in page
    assert f'href="{page_url(document, 2)}?field=child.age_years#evidence"' in page


def test_one_value_of_a_list_links_to_its_own_quote() -> None:
    document = add_document(
        "Front matter.",
        "The review found neglect over many months. Later, domestic abuse was reported.",
    )
    field = document.fields.get(name="abuse_types")
    field.machine_value, field.decision = ["neglect", "domestic_abuse"], ""
    field.items = [
        {"value": "neglect", "quote": "found neglect over many months", "page": 2},
        {"value": "domestic_abuse", "quote": "domestic abuse was reported", "page": 2},
    ]
    field.save()

    links = evidence_links(record_page(document), document, 2, "field=abuse_types")
    assert [link.split("?")[1] for link in links] == [
        "field=abuse_types&item=0#evidence",
        "field=abuse_types&item=1#evidence",
    ]

    page = Client().get(links[1]).content.decode()
    assert marked(page) == "domestic abuse was reported"


def test_a_recommendation_links_to_its_words_and_says_where_it_runs_on() -> None:
    document = add_document(
        "Front matter.",
        "Recommendations\n1. The partnership should ensure that every health visitor",
        "records who lives in the home at each visit.\nAppendix A",
    )
    # What the analyser made of these few lines is replaced by the recommendation as read.
    Recommendation.objects.filter(document=document).delete()
    Recommendation.objects.create(
        document=document,
        position=1,
        number="1",
        page=2,
        text="The partnership should ensure that every health visitor records who lives in "
        "the home at each visit.",
    )

    [link] = evidence_links(record_page(document), document, 2, "recommendation=")
    assert link.endswith("?recommendation=1#evidence")

    first = Client().get(link).content.decode()
    assert marked(first) == "The partnership should ensure that every health visitor"
    next_link = f"{page_url(document, 3)}?recommendation=1#evidence"
    assert f'href="{next_link}"' in first

    rest = Client().get(next_link).content.decode()
    assert marked(rest) == "records who lives in the home at each visit."


@pytest.mark.parametrize(
    "params",
    [
        {"field": "no_such_field"},
        {"field": "abuse_types", "item": "9" * 400},
        {"field": "abuse_types", "item": "-1"},
        {"recommendation": "x<script>"},
        # Digits to str.isdigit() that int() refuses: superscripts and circled numbers.
        {"recommendation": "\u00b2"},
        {"field": "abuse_types", "item": "\u2460"},
    ],
)
def test_a_link_naming_no_evidence_says_so_without_repeating_it(params: dict[str, str]) -> None:
    document = add_document("Front matter.", "Some text.")

    response = Client().get(page_url(document, 2), params)
    page = response.content.decode()

    assert response.status_code == 200
    assert "does not hold" in page
    assert "<script>" not in page and "9999999999" not in page


def test_the_page_links_on_with_only_what_names_the_evidence_not_whatever_else_was_sent() -> None:
    document = add_document("Front matter.", "Visits should be unannounced.")
    Recommendation.objects.filter(document=document).delete()
    Recommendation.objects.create(
        document=document, position=1, number="1", page=2, text="Visits should be unannounced."
    )
    # The recommendation names the evidence; a field sent beside it is not used, nor repeated.
    sent = {"recommendation": "1", "field": "z" * 4000}

    page = Client().get(page_url(document, 1), sent).content.decode()

    assert "are not on this page" in page
    assert "zzzz" not in page
    assert f'href="{page_url(document, 2)}?recommendation=1#evidence"' in page
