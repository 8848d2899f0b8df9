"""A group of repeated recommendations has breadcrumbs and a back link to where the reader came
from: the review whose recommendation led there, or the national statistics."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.recommendations.models import Recommendation
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, page_of, review

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(files_dir: Any) -> tuple[Any, Any, int]:
    first = review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    second = review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    cluster = Recommendation.objects.get(document=second, position=1).cluster
    assert cluster is not None
    return first, second, cluster


def breadcrumbs(html: str) -> str:
    start = html.index('<nav class="govuk-breadcrumbs')
    return html[start : html.index("</nav>", start)]


def test_a_group_reached_from_a_review_leads_back_to_that_recommendation(group: Any) -> None:
    _first, second, _cluster = group
    document_page = page_of(second)
    link = document_page.split('href="/recommendations/groups/', 1)[1].split('"', 1)[0]

    html = Client().get("/recommendations/groups/" + link.replace("&amp;", "&")).content.decode()

    document_url = reverse("repository:document", kwargs={"ref": second.sha256[:12]})
    crumbs = breadcrumbs(html)
    assert f'href="{reverse("pages:home")}"' in crumbs
    assert f'href="{reverse("repository:search")}"' in crumbs
    assert f'href="{document_url}"' in crumbs
    assert second.display_title in crumbs
    assert f'href="{document_url}#recommendation-1" class="govuk-back-link"' in html


def test_a_group_reached_from_the_national_statistics_leads_back_there(group: Any) -> None:
    _first, _second, cluster = group
    url = reverse("recommendations:cluster", kwargs={"pk": cluster})

    html = Client().get(url, {"from": "national"}).content.decode()

    national = reverse("learning:recommendations")
    assert f'href="{national}"' in breadcrumbs(html)
    assert f'href="{national}#repeated" class="govuk-back-link"' in html


def test_a_group_reached_from_elsewhere_leads_back_to_search(group: Any) -> None:
    _first, _second, cluster = group
    url = reverse("recommendations:cluster", kwargs={"pk": cluster})

    html = Client().get(url, {"from": "not-a-review-in-this-group"}).content.decode()

    search = reverse("repository:search")
    assert f'href="{search}"' in breadcrumbs(html)
    assert f'href="{search}" class="govuk-back-link"' in html
    assert "not-a-review-in-this-group" not in html
