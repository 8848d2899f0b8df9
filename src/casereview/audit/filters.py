"""Choosing which audit events to show or export: the filter form and the query it builds.

The audit page and the CSV export share this, so a download holds exactly the rows on screen.
Dates are UK calendar days: "from 3 March" starts at midnight London time on 3 March, and "to
5 March" takes in the whole of 5 March.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from casereview.accounts.models import Board
from casereview.audit.events import Action
from casereview.audit.models import Event

DATE_PARTS = ("day", "month", "year")


def object_type_label(object_type: str) -> str:
    """A readable name for a stored ``app_label.model`` string, e.g. ``accounts.user`` → User."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(model._meta.verbose_name).capitalize()


class EventFilterForm(forms.Form):
    """The GET form above the audit table. Every field is optional; blank means "any"."""

    who = forms.CharField(required=False, max_length=254, strip=True)
    action = forms.ChoiceField(required=False, choices=[("", "Any action"), *Action.choices])
    board = forms.ModelChoiceField(
        required=False, queryset=Board.objects.all(), to_field_name="slug", empty_label="Any board"
    )
    object_type = forms.ChoiceField(required=False)
    from_day = forms.CharField(required=False, max_length=2)
    from_month = forms.CharField(required=False, max_length=2)
    from_year = forms.CharField(required=False, max_length=4)
    to_day = forms.CharField(required=False, max_length=2)
    to_month = forms.CharField(required=False, max_length=2)
    to_year = forms.CharField(required=False, max_length=4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Date problems by date ("from"/"to"), so each message sits by its own date input.
        self.date_errors: dict[str, str] = {}
        recorded = (
            Event.objects.exclude(object_type="")
            .order_by("object_type")
            .values_list("object_type", flat=True)
            .distinct()
        )
        choices = [(value, object_type_label(value)) for value in recorded]
        object_type = self.fields["object_type"]
        assert isinstance(object_type, forms.ChoiceField)
        object_type.choices = [("", "Any type of record"), *choices]

    def select_items(self, name: str) -> list[dict[str, Any]]:
        """Items for a GOV.UK select, with the submitted choice selected."""
        current = str(self[name].value() or "")
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        choices = cast(Iterable[tuple[Any, Any]], field.choices)
        return [
            {"value": str(value), "text": str(text), "selected": str(value) == current}
            for value, text in choices
        ]

    def _date_problem(self, prefix: str, message: str) -> None:
        self.add_error(None, forms.ValidationError(message))
        self.date_errors[prefix] = message

    def _date(self, prefix: str, label: str) -> datetime.date | None:
        parts = {
            part: (self.cleaned_data.get(f"{prefix}_{part}") or "").strip() for part in DATE_PARTS
        }
        if not any(parts.values()):
            return None
        missing = [part for part in DATE_PARTS if not parts[part]]
        if missing:
            self._date_problem(prefix, f"{label} must include a {missing[0]}")
            return None
        if len(parts["year"]) != 4:
            self._date_problem(prefix, f"The year in {label.lower()} must include 4 numbers")
            return None
        try:
            return datetime.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            self._date_problem(prefix, f"{label} must be a real date")
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["date_from"] = self._date("from", "Date from")
        cleaned["date_to"] = self._date("to", "Date to")
        if (
            cleaned["date_from"]
            and cleaned["date_to"]
            and cleaned["date_to"] < cleaned["date_from"]
        ):
            self._date_problem("to", "Date to must be the same as or after date from")
            cleaned["date_to"] = None
        return cleaned

    def errors_by_field(self) -> dict[str, str]:
        """The first error for each input, keyed by the id the page gives that input."""
        if not self.is_bound or self.is_valid():
            return {}
        found = {name: str(errors[0]) for name, errors in self.errors.items() if name != "__all__"}
        found.update(self.date_errors)
        return found

    def applied(self) -> dict[str, Any]:
        """The filters that passed validation (an invalid one is dropped, never guessed at)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a UK calendar day (00:00 GMT or BST, whichever is in force)."""
    start: datetime.datetime = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min)
    )
    return start


def filter_events(
    filters: dict[str, Any], queryset: QuerySet[Event] | None = None
) -> QuerySet[Event]:
    """Events matching the applied filters, newest first."""
    events = (queryset if queryset is not None else Event.objects.all()).select_related("board")
    if filters.get("who"):
        events = events.filter(actor_label__icontains=filters["who"])
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("board"):
        events = events.filter(board=filters["board"])
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("date_from"):
        events = events.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=_start_of(filters["date_to"] + datetime.timedelta(days=1)))
    return events.order_by("-at", "-id")


def describe(filters: dict[str, Any]) -> dict[str, str]:
    """The applied filters as plain strings, for the AUDIT_VIEWED/EXPORTED event's data."""
    keys = ("who", "action", "board", "object_type", "date_from", "date_to")
    return {key: str(filters[key]) for key in keys if filters.get(key)}
