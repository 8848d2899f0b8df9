"""Who may use the recommendation pages: the checker and the evaluation for every signed-in
person (drafts are never stored; the evaluation covers only reviews the person may see); a
recommendation's codes are checked by the people who may check its document's record (its
board's managers and chair, the reviewers appointed to its review, and the national panel); its
group is corrected by its board's managers and chair and the national panel; how well the
machine groups is for the national panel and administrators."""

from __future__ import annotations

from typing import Any

from casereview.recommendations.models import Recommendation
from casereview.repository.services import ingest_file
from tests.access import (
    BOARD_A_RESTRICTED_READERS,
    EVERYONE_SIGNED_IN,
    FORM_POST,
    Row,
    public,
    restricted,
)
from tests.conftest import Personas


def a_recommendation_on_board_a(personas: Personas) -> dict[str, Any]:
    result = ingest_file(b"A fictional unpublished review.", "coded.txt", board=personas.board_a)
    assert result.document is not None
    rec = Recommendation.objects.create(
        document=result.document,
        position=1,
        number="1",
        text="The partnership should deliver training on neglect.",
        machine_mechanism="A2",
        mechanism="A2",
        level="multi-agency",
        machine_level="multi-agency",
    )
    return {"pk": rec.pk}


ROWS: dict[str, Row] = {
    "recommendations:check": restricted(EVERYONE_SIGNED_IN, post=FORM_POST),
    "recommendations:evaluation": restricted(EVERYONE_SIGNED_IN),
    "recommendations:code": restricted(
        BOARD_A_RESTRICTED_READERS, post=FORM_POST, kwargs=a_recommendation_on_board_a
    ),
    # Alice chairs board A; Priya is on the national panel. Bob, board A's lead reviewer, may
    # check its codes on the reviews he is appointed to, but corrects no groups.
    "recommendations:regroup": restricted(
        {"alice", "priya"}, post=FORM_POST, kwargs=a_recommendation_on_board_a
    ),
    "recommendations:group-evaluation": restricted({"priya", "ada"}),
}


def a_published_group(personas: Personas) -> dict[str, Any]:
    result = ingest_file(b"A fictional published review.", "group.txt", published=True)
    assert result.document is not None
    rec = Recommendation.objects.create(
        document=result.document,
        position=1,
        text="The partnership should deliver training on neglect.",
        machine_mechanism="A2",
        mechanism="A2",
    )
    rec.cluster = rec.pk
    rec.save()
    return {"pk": rec.pk}


ROWS["recommendations:cluster"] = public(kwargs=a_published_group)
