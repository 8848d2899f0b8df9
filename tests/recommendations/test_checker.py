"""The recommendation checker: each draft's codes, plain warnings, duplicates within the draft,
and the closest earlier recommendations the reader may see; nothing checked is stored."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.recommendations.checker import check, drafts_from
from casereview.recommendations.models import Recommendation
from casereview.repository.models import Document
from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.django_db

DRAFT = (
    "1. Practitioners working with babies should be trained to recognise and respond to "
    "bruising in non-mobile infants.\n"
    "2. Children's social care should audit ten strategy discussions by March 2027 and report "
    "the findings to the partnership board.\n"
    "3. All practitioners working with babies should receive training on bruising in "
    "non-mobile infants.\n"
)


def test_drafts_are_read_from_pasted_numbered_text() -> None:
    drafts = drafts_from(DRAFT.encode(), "pasted.txt")

    assert [number for number, _ in drafts] == ["1", "2", "3"]
    assert drafts[1][1].startswith("Children's social care should audit ten strategy")


def test_a_repeated_recommendation_is_flagged_with_its_earlier_occurrences(
    files_dir: Any,
) -> None:
    earlier = review(2016, [TRAINING[0], *OTHERS[:3]], name="earlier")
    hidden = review(2018, [TRAINING[1], *OTHERS[3:]], published=False, name="hidden")

    results = check(
        drafts_from(DRAFT.encode(), "pasted.txt"), Document.objects.filter(is_published=True)
    )

    first = results[0]
    assert first.repeats, [(e.recommendation.text, e.similarity) for e in first.earlier]
    assert first.repeats[0].recommendation.document == earlier
    assert all(e.recommendation.document != hidden for e in first.earlier)


def test_warnings_name_what_a_draft_lacks_and_duplicates_within_it() -> None:
    results = check(drafts_from(DRAFT.encode(), "pasted.txt"), Document.objects.none())

    first, second, third = results
    assert "No owner: say which agency or body is to act." in first.warnings
    assert "No timescale: say by when." in first.warnings
    assert any(w.startswith("Only a training or awareness change") for w in first.warnings)
    assert "Duplicates recommendation 3 in this draft." in first.warnings
    assert "Duplicates recommendation 1 in this draft." in third.warnings
    assert not any(w.startswith("Duplicates") for w in second.warnings)
    assert "No timescale: say by when." not in second.warnings
    assert first.coding.mechanism == "A2"


def test_the_checker_page_stores_nothing_but_the_fact_of_a_check(
    personas: Personas, files_dir: Any
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="earlier")
    before = Recommendation.objects.count()

    response = signed_in_client(personas.bob).post(
        reverse("recommendations:check"), {"drafts": DRAFT}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "3 draft recommendations checked" in page
    assert "Made before" in page
    assert Recommendation.objects.count() == before
    event = Event.objects.get(action=Action.RECOMMENDATIONS_CHECKED)
    assert event.data == {"count": 3}
    assert "bruising" not in event.summary


def test_text_without_recommendations_gets_a_plain_error(personas: Personas) -> None:
    response = signed_in_client(personas.bob).post(
        reverse("recommendations:check"), {"drafts": "Findings only. Nothing to recommend."}
    )

    assert response.status_code == 400
    assert "No recommendations were found" in response.content.decode()


def test_the_command_line_checker_prints_json(tmp_path: Any) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT)
    env = {"CASEREVIEW_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}

    done = subprocess.run(
        [sys.executable, "-m", "casereview.cli", "check-recommendations", str(draft), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert [r["number"] for r in out["recommendations"]] == ["1", "2", "3"]
    assert "No timescale: say by when." in out["recommendations"][0]["warnings"]
