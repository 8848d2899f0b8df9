"""Audit events can be written but never changed or removed, by the model or the database."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, models, transaction

from casereview.audit.events import Action
from casereview.audit.models import AppendOnlyError, Event
from tests.audit.conftest import MakeEvent


@pytest.fixture
def event(make_event: MakeEvent) -> Event:
    return make_event(Action.SIGNED_IN, summary="original")


def summary_in_database(event: Event) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT summary FROM audit_event WHERE id = %s", [event.pk])
        return str(cursor.fetchone()[0])


def test_it_refuses_to_save_changes_to_an_existing_event(event: Event) -> None:
    event.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert summary_in_database(event) == "original"


def test_it_refuses_to_delete_an_event_through_the_model(event: Event) -> None:
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_it_refuses_a_queryset_update(event: Event) -> None:
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(summary="rewritten")
    assert summary_in_database(event) == "original"


def test_it_refuses_a_queryset_delete(event: Event) -> None:
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_an_update_that_slips_past_the_model(event: Event) -> None:
    plain_queryset = models.QuerySet(model=Event).filter(pk=event.pk)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        plain_queryset.update(summary="rewritten")
    assert summary_in_database(event) == "original"


def test_the_database_refuses_a_delete_that_slips_past_the_model(event: Event) -> None:
    plain_queryset = models.QuerySet(model=Event).filter(pk=event.pk)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        plain_queryset.delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_a_raw_sql_update(event: Event) -> None:
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_event SET summary = 'rewritten' WHERE id = %s", [event.pk])
    assert summary_in_database(event) == "original"


def test_the_database_refuses_a_raw_sql_delete(event: Event) -> None:
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [event.pk])
    assert Event.objects.filter(pk=event.pk).exists()


def test_it_still_accepts_new_events(event: Event, make_event: MakeEvent) -> None:
    make_event(Action.SIGNED_OUT)
    assert Event.objects.count() == 2
