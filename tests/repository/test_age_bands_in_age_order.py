"""The child's age filter lists its bands youngest first, whatever their counts."""

from __future__ import annotations

import pytest

from casereview.repository.search import search
from casereview.repository.services import AGE_BANDS
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


def test_age_bands_are_listed_youngest_first() -> None:
    # More reviews of older children, so an order by count (or by name) would differ.
    ages = [16.0, 16.5, 17.0, 12.0, 13.0, 6.0, 0.5, 2.0, 3.0]
    for number, age in enumerate(ages):
        add_document(
            f"Neglect was seen in review {number}.",
            title=f"Review {number}",
            name=f"review-{number}.txt",
            record={"child.age_years": age},
        )

    bands = [v.value for v in search("neglect").facets["age_band"]]

    assert bands == [label for _, label in AGE_BANDS]
    assert bands == ["under 1", "1 to 4", "5 to 10", "11 to 15", "16 to 17"]
