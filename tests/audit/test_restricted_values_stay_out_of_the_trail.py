"""The audit trail says who changed what, never the restricted values themselves: an
administrator reading the audit pages or its CSV learns no child's pseudonym, decision reasons,
document titles or record values, which stay in the case's and document's own records."""

from __future__ import annotations

import datetime
import importlib
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.audit.services import WITHHELD, record
from casereview.cases import services as cases
from casereview.cases.lifecycle import State
from casereview.recommendations import coding
from casereview.recommendations.models import Recommendation
from casereview.repository.services import ingest_file
from tests.cases.factories import CaseFactory, add_file_version
from tests.conftest import Personas, signed_in_client
from tests.factories import actor_from

PSEUDONYM = "Child Quenby"
REASONS = "Reasons naming the quenby household"
TITLE = "Quenby chronology draft"
SECRET_WORDS = ("quenby",)


@pytest.fixture
def restricted_events(personas: Personas) -> Any:
    case = CaseFactory(board=personas.board_a, pseudonym=PSEUDONYM, state=State.RAPID_REVIEW)
    cases.record_decision(
        actor_from(personas.alice),
        case,
        {
            "outcome": "lcspr",
            "reasons": REASONS,
            "options_considered": "Quenby options",
            "decided_on": datetime.date(2026, 3, 10),
        },
    )
    add_file_version(case, personas.alice, title=TITLE)
    document = ingest_file(b"Quenby review.\n\nUnpublished.", "quenby.txt", board=personas.board_a)
    recommendation = Recommendation.objects.create(
        document=document.document,
        position=1,
        number="1",
        text="The quenby family's health visitor should see the baby weekly.",
        machine_mechanism="A2",
        mechanism="A2",
    )
    coding.label(
        recommendation,
        {"mechanism": "B1", "level": "", "addressees": [], "flags": []},
        actor=Actor(user=personas.alice),
    )
    return case, document.document


class StatementsOn:
    """What the migration asks of a schema editor (run SQL on this connection); SQLite's own
    editor refuses to open inside the test's transaction."""

    def __init__(self, on: Any) -> None:
        self.connection = on

    def execute(self, sql: str, params: Any = None) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)


def shown(text: str) -> list[str]:
    return [word for word in SECRET_WORDS if word in text.lower()]


def test_events_about_a_case_keep_which_fields_changed_but_not_their_values(
    restricted_events: Any,
) -> None:
    case, _ = restricted_events
    decision = Event.objects.get(action=Action.CASE_DECISION_RECORDED)

    assert decision.object_label == f"case {case.pk}"
    assert "reasons" in decision.changes
    assert decision.changes["reasons"] == [WITHHELD, WITHHELD]
    assert not shown(str([decision.summary, decision.changes, decision.data]))


@pytest.mark.parametrize("reader", ["ada", "priya"])
def test_the_audit_pages_and_csv_show_no_restricted_values(
    personas: Personas, restricted_events: Any, reader: str
) -> None:
    case, document = restricted_events
    client = signed_in_client(personas.by_name(reader))
    pages = [
        reverse("audit:events"),
        reverse("audit:history", kwargs={"object_type": "cases.case", "object_id": case.pk}),
        reverse(
            "audit:history",
            kwargs={"object_type": "repository.document", "object_id": document.pk},
        ),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200
        assert not shown(response.content.decode()), url
    export = client.get(reverse("audit:export"))
    assert not shown(b"".join(export.streaming_content).decode())


def test_a_published_documents_events_keep_their_title(personas: Personas) -> None:
    result = ingest_file(b"Quenby public review.\n\nPublished.", "public.txt", published=True)

    event = Event.objects.get(action=Action.DOCUMENT_INGESTED, object_id=str(result.document.pk))

    assert "quenby" in event.object_label.lower()


def test_the_migration_withholds_values_that_earlier_events_copied(personas: Personas) -> None:
    case = CaseFactory(board=personas.board_a, pseudonym=PSEUDONYM)
    old = Event.objects.create(
        action=Action.CASE_DECISION_RECORDED,
        object_type="cases.case",
        object_id=str(case.pk),
        object_label=str(case),
        summary=f"Recorded the decision on {PSEUDONYM}",
        changes={"reasons": [None, REASONS]},
        data={"reasons": REASONS, "version": 2},
    )
    draft = ingest_file(b"Quenby draft.\n\nUnpublished.", "draft.txt", board=personas.board_a)
    rec = Recommendation.objects.create(document=draft.document, position=1, text="Quenby text")
    old_coding = Event.objects.create(
        action=Action.RECOMMENDATION_CODED,
        object_type="recommendations.recommendation",
        object_id=str(rec.pk),
        object_label="Quenby text",
        summary="Corrected the codes of recommendation 1 of Quenby draft",
    )
    unrelated = record(Action.BOARD_UPDATED, obj=personas.board_a, summary="Renamed the board")
    name = "0009_withhold_restricted_values"
    migration = importlib.import_module(f"casereview.audit.migrations.{name}")
    historical = MigrationLoader(connection).project_state(("audit", name)).apps

    migration.withhold(historical, StatementsOn(connection))

    old = Event.objects.get(pk=old.pk)
    assert not shown(str([old.summary, old.object_label, old.changes, old.data]))
    assert old.changes == {"reasons": [WITHHELD, WITHHELD]}
    assert old.data == {"reasons": WITHHELD, "version": 2}
    old_coding = Event.objects.get(pk=old_coding.pk)
    assert not shown(old_coding.summary + old_coding.object_label)
    assert Event.objects.get(pk=unrelated.pk).summary == "Renamed the board"
    assert Event.objects.filter(action=Action.AUDIT_VALUES_WITHHELD).exists()
    with pytest.raises(Exception, match="append-only"):
        Event.objects.filter(pk=old.pk)._raw_delete(Event.objects.db)
