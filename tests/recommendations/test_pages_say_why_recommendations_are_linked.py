"""A review's page and a group's page say why recommendations are shown together: how close
each is in words, and the phrases they share, marked in its text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.recommendations.models import Recommendation
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, page_of, review

pytestmark = pytest.mark.django_db


def test_a_reviews_page_says_why_an_earlier_recommendation_is_like_its_own(
    files_dir: Any,
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:2]], name="first")
    later = review(2023, [TRAINING[2]], name="later")

    page = page_of(later)

    assert "(2016), very close: \u201c" in page
    assert re.search(r"<mark>[^<]*bruising in non-mobile infants</mark>", page)
    assert "In common: \u201c" in page


def test_a_group_page_says_why_each_member_is_in_the_group(files_dir: Any) -> None:
    review(2016, [TRAINING[0], *OTHERS[:2]], name="first")
    later = review(2023, [TRAINING[2]], name="later")
    group = Recommendation.objects.get(document=later).cluster

    page = Client().get(reverse("recommendations:cluster", kwargs={"pk": group})).content.decode()

    assert "similarity of their words" not in page
    assert "Very close to the first; in common: \u201c" in page
    assert re.search(r"<mark>[^<]*bruising in non-mobile infants</mark>", page)
    assert "The first in this group." in page
