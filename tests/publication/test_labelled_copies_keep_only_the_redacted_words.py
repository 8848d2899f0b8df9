"""A report's recommendations are copied into labelled data when people code them or correct
their groups, and into the recurrence index saved in the data folder. Once the report is
published redacted, none of those copies holds a detail the board redacted."""

from __future__ import annotations

import datetime
from typing import Any

from casereview.cases.models import CaseIdentity
from casereview.publication.services import publish_from_repository
from casereview.recommendations import coding, recurrence
from casereview.recommendations.models import (
    CodingLabel,
    GroupChange,
    GroupCorrection,
    GroupingLabel,
    Recommendation,
)
from casereview.recommendations.stored_index import location
from tests.conftest import Personas
from tests.factories import actor_from
from tests.publication.conftest import Ready, ready_to_publish
from tests.publication.planted import NAMED_REPORT, PLANTED
from tests.publication.test_publication_waits_for_every_identifying_detail import decide_all

NAMED = (
    "Tamsin Quennell's school should ask about Mr Okonjo before a visit to 41 Larkspur Close, "
    "writing to tamsin.quennell@example.org."
)
OTHER = "Agencies should share what they know about a family before a visit."


def _recommendation(document: Any, position: int, text: str) -> Recommendation:
    return Recommendation.objects.create(
        document=document, position=position, text=text, machine_mechanism="P", mechanism="P"
    )


def _named_with_email(personas: Personas) -> Ready:
    """The named report, which also gives the mother's email address."""
    data = NAMED_REPORT + b"The school wrote to tamsin.quennell@example.org.\n"
    ready = ready_to_publish(personas, notice_on=datetime.date(2026, 7, 6), data=data)
    CaseIdentity.objects.create(
        case=ready.case,
        legal_name="Rosie Quennell-Marsh",
        family_members="Tamsin Quennell (mother)",
        addresses="41 Larkspur Close, Ravensmouth QR8 2ES",
    )
    return ready


def _labelled(personas: Personas, ready: Any) -> Recommendation:
    named = _recommendation(ready.report, 1, NAMED)
    other = _recommendation(ready.report, 2, OTHER)
    recurrence.rebuild()  # the saved index now holds the words of both
    codes = {"mechanism": "T", "addressees": [], "level": "", "flags": []}
    coding.label(named, codes, actor=actor_from(personas.alice))
    made = GroupCorrection.objects.create(
        change=GroupChange.MOVED,
        recommendation=named,
        document=ready.report,
        text=named.text,
        anchor=other,
        anchor_document=ready.report,
        anchor_text=other.text,
        reason="The same lesson",
        made_by=personas.alice,
    )
    GroupingLabel.objects.create(
        correction=made,
        first=named,
        second=other,
        first_text=named.text,
        second_text=other.text,
        same_lesson=True,
        labelled_by=personas.alice,
    )
    return named


def _copies() -> str:
    texts = [label.text for label in CodingLabel.objects.all()]
    for correction in GroupCorrection.objects.all():
        texts += [correction.text, correction.anchor_text]
    for pair in GroupingLabel.objects.all():
        texts += [pair.first_text, pair.second_text]
    return "\n".join(texts)


def _saved_index() -> bytes:
    return location().read_bytes() if location().exists() else b""


def test_codings_and_group_corrections_keep_only_the_redacted_words(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    ready = _named_with_email(personas)
    _labelled(personas, ready)
    assert "Quennell" in _copies()
    decide_all(personas, ready)

    with django_capture_on_commit_callbacks(execute=True):
        publish_from_repository(actor_from(personas.alice), ready.report)

    copies = _copies()
    assert "the mother" in copies and OTHER in copies
    for detail in (*PLANTED, "tamsin.quennell"):
        assert detail not in copies, detail


def test_the_saved_recurrence_index_holds_no_redacted_word(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    ready = _named_with_email(personas)
    _labelled(personas, ready)
    assert b"tamsin" in _saved_index().lower()
    decide_all(personas, ready)

    with django_capture_on_commit_callbacks(execute=True):
        publish_from_repository(actor_from(personas.alice), ready.report)
    recurrence.current_index()  # restored from the rows as they are now, and saved again

    saved = _saved_index().lower()
    assert saved
    for word in ("quennell", "tamsin"):
        assert word.encode() not in saved, word


def test_a_correction_still_finds_its_recommendation_after_publication(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    ready = _named_with_email(personas)
    named = _labelled(personas, ready)
    decide_all(personas, ready)

    with django_capture_on_commit_callbacks(execute=True):
        publish_from_repository(actor_from(personas.alice), ready.report)

    named.refresh_from_db()
    assert GroupCorrection.objects.get().text == named.text
    assert CodingLabel.objects.get().text == named.text
