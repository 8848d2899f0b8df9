"""The checker page says how close each earlier recommendation is in words ("Very close",
"Close"), never as a raw score such as 0.35, and says which kinds of change the two ask for."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.django_db

# Close to "Health visitors should record the voice of the child at every contact" and to the
# fathers in pre-birth assessments, not very close to either.
VOICE = "Health visitors should record the voice of the child in pre-birth assessments."


def main_of(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_the_checker_page_says_very_close_and_close_and_shows_no_score(
    personas: Personas, files_dir: Any
) -> None:
    review(2016, [TRAINING[0], *OTHERS], name="earlier")

    response = signed_in_client(personas.bob).post(
        reverse("recommendations:check"), {"drafts": f"1. {TRAINING[1]}\n2. {VOICE}"}
    )

    main = main_of(response.content.decode())
    assert response.status_code == 200
    assert "Very close" in main
    assert re.search(r">\s*Close\s*<", main)
    assert not re.search(r"\b[01]\.\d+", main), re.findall(r".{40}\b[01]\.\d+.{20}", main)
    assert "similarity" not in main
    assert "Both are training or awareness." in main
