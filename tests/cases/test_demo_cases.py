"""The demo loads a handful of fictional cases at different stages, once."""

from __future__ import annotations

import pytest

from casereview.cases.models import Case
from casereview.demo import DEMO_CASES, load_demo_cases, load_people_and_boards


@pytest.mark.django_db
def test_the_demo_cases_load_at_different_stages_and_only_once() -> None:
    report = load_people_and_boards()

    assert load_demo_cases(report) == len(DEMO_CASES)
    assert load_demo_cases(report) == 0

    assert Case.objects.count() == len(DEMO_CASES)
    assert len(set(Case.objects.values_list("state", flat=True))) >= 4
