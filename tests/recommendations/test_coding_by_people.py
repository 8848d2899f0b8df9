"""People confirm or correct a recommendation's codes (audited, kept as labels), and the
evaluation page measures the machine against those labels per code."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD
from casereview.recommendations.coding import evaluation
from casereview.recommendations.models import CodingLabel, CodingStatus, Recommendation
from casereview.repository.services import ingest_file
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db


def recommendation(board: Any, text: str, mechanism: str, n: int = 1) -> Recommendation:
    result = ingest_file(f"Fictional review {n}: {text}".encode(), f"r{n}.txt", board=board)
    assert result.document is not None
    return Recommendation.objects.create(
        document=result.document,
        position=1,
        number="1",
        text=text,
        machine_mechanism=mechanism,
        mechanism=mechanism,
        machine_addressees=["partnership"],
        addressees=["partnership"],
        machine_level="multi-agency",
        level="multi-agency",
        machine_flags=["has_owner"],
        flags=["has_owner"],
    )


def post_codes(client: Any, rec: Recommendation, **changes: Any) -> Any:
    form = {
        "mechanism": rec.machine_mechanism,
        "addressees": rec.machine_addressees,
        "level": rec.machine_level,
        "flags": rec.machine_flags,
        **changes,
    }
    return client.post(reverse("recommendations:code", kwargs={"pk": rec.pk}), form)


def test_confirming_keeps_the_codes_and_records_a_label(personas: Personas) -> None:
    rec = recommendation(personas.board_a, "The partnership should deliver training.", "A2")

    response = post_codes(signed_in_client(personas.alice), rec)

    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.coding_status == CodingStatus.CONFIRMED
    assert CodingLabel.objects.get().agrees_with_machine
    assert Event.objects.filter(action=Action.RECOMMENDATION_CODED).count() == 1


def test_correcting_changes_the_codes_in_force_and_audits_the_change(personas: Personas) -> None:
    rec = recommendation(personas.board_a, "The partnership should audit supervision.", "A2")

    post_codes(signed_in_client(personas.priya), rec, mechanism="A3", flags=[])

    rec.refresh_from_db()
    assert (rec.mechanism, rec.machine_mechanism, rec.flags) == ("A3", "A2", [])
    assert rec.coding_status == CodingStatus.CORRECTED
    event = Event.objects.get(action=Action.RECOMMENDATION_CODED)
    # An unpublished review's recommendation: the trail names the field, the label keeps the code.
    assert event.changes["mechanism"] == [WITHHELD, WITHHELD]
    assert CodingLabel.objects.get(recommendation=rec).mechanism == "A3"
    assert event.actor == personas.priya


def test_an_outsider_cannot_see_or_code_an_unpublished_recommendation(
    personas: Personas,
) -> None:
    rec = recommendation(personas.board_a, "The partnership should deliver training.", "A2")

    response = post_codes(signed_in_client(personas.charlie), rec, mechanism="A5")

    assert response.status_code == 404
    assert not CodingLabel.objects.exists()


def test_the_evaluation_scores_each_code_against_peoples_labels(personas: Personas) -> None:
    alice = signed_in_client(personas.alice)
    right = recommendation(personas.board_a, "Deliver training on neglect.", "A2", 1)
    wrong = recommendation(personas.board_a, "Audit supervision of neglect cases.", "A2", 2)
    post_codes(alice, right)
    post_codes(alice, wrong, mechanism="A3")

    result = evaluation(Recommendation.objects.all())

    scores = {s.code: s for s in result.mechanisms}
    assert result.labelled == 2
    assert (scores["A2"].precision, scores["A2"].recall) == (0.5, 1.0)
    assert (scores["A3"].precision, scores["A3"].recall) == (None, 0.0)
    assert result.level_agreement == 1.0
    page = alice.get(reverse("recommendations:evaluation")).content.decode()
    assert "2 recommendations checked by people" in page
    assert "50%" in page
