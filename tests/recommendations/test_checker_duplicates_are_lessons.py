"""Within one draft, the checker warns of two recommendations that carry one lesson in other
words, and not of two that only share a template."""

from __future__ import annotations

import pytest

from casereview.recommendations.checker import check
from casereview.repository.models import Document

pytestmark = pytest.mark.django_db

DRAFT = [
    ("1", "All staff should receive training on giving safe sleep advice to parents."),
    ("2", "All staff should receive training on recognising disguised compliance."),
    (
        "3",
        "The Board should make sure front-line staff are trained to advise parents on co-sleeping.",
    ),
]


def test_one_lesson_reworded_is_a_duplicate_and_one_template_is_not() -> None:
    sleep, compliance, co_sleeping = check(DRAFT, Document.objects.all())

    assert "Duplicates recommendation 3 in this draft." in sleep.warnings
    assert "Duplicates recommendation 1 in this draft." in co_sleeping.warnings
    assert not any(w.startswith("Duplicates") for w in compliance.warnings), compliance.warnings
