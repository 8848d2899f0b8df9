"""A person may confirm or correct any value of the record; both are audited, the person's
value wins, and it survives re-analysis while the machine's value and evidence are kept."""

from __future__ import annotations

import pytest

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.repository.models import Decision
from casereview.repository.search import search
from casereview.repository.services import (
    RecordError,
    confirm_field,
    correct_field,
    ingest_file,
    reanalyse,
)
from tests.conftest import Personas

pytestmark = pytest.mark.django_db

REVIEW = (
    "Local Child Safeguarding Practice Review: Child M\n\n"
    "Published by the Fictional Safeguarding Children Partnership, March 2022.\f"
    "Child M was 3 years old. The review considered neglect."
)


def ingested():
    document = ingest_file(REVIEW.encode(), "child-m.txt", published=True).document
    assert document is not None
    return document


def test_the_machine_value_carries_its_quote_and_page() -> None:
    document = ingested()

    title = document.fields.get(name="title")

    assert title.machine_value and title.quote and title.page == 1
    assert title.source == "machine"


def test_a_correction_wins_and_is_audited_with_old_and_new_values(personas: Personas) -> None:
    document = ingested()
    field = document.fields.get(name="year_published")
    old = field.value

    correct_field(field, 2019, actor=Actor(user=personas.alice), note="The cover gives 2019.")

    document.refresh_from_db()
    assert document.year_published == 2019
    assert field.source == "person"
    event = Event.objects.get(action=Action.RECORD_CORRECTED)
    assert event.actor == personas.alice
    assert event.changes == {"year_published": [old, 2019]}
    assert [v.value for v in search("neglect").facets["year"]] == ["2019"]


def test_a_correction_survives_reanalysis_and_the_machine_value_is_refreshed(
    personas: Personas,
) -> None:
    document = ingested()
    field = document.fields.get(name="title")
    machine_title = field.machine_value
    correct_field(field, "Child M: a corrected title", actor=Actor(user=personas.alice))

    reanalyse(document)

    field.refresh_from_db()
    document.refresh_from_db()
    assert field.decision == Decision.CORRECTED
    assert field.machine_value == machine_title
    assert document.title == "Child M: a corrected title"
    assert search('"corrected title"').total == 1


def test_confirming_keeps_the_machine_value_and_is_audited(personas: Personas) -> None:
    document = ingested()
    field = document.fields.get(name="title")

    confirm_field(field, actor=Actor(user=personas.priya))

    assert field.decision == Decision.CONFIRMED
    assert field.value == field.machine_value
    assert Event.objects.filter(action=Action.RECORD_CONFIRMED, actor=personas.priya).exists()


def test_a_value_the_machine_did_not_find_cannot_be_confirmed(personas: Personas) -> None:
    document = ingested()
    field = document.fields.get(name="child.sex")
    assert field.machine_value is None

    with pytest.raises(RecordError):
        confirm_field(field, actor=Actor(user=personas.alice))
