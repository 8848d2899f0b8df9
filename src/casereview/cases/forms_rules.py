"""Forms for the clocks' rules table: a new edition, withdrawing or bringing back a set, and the
deadlines calculator.

The edition form only turns what was typed into the rules file's types (a whole number stays a
number, anything else stays text); deciding what is allowed is the rules file reader's job
(``casereview.cases.rules.parse_rules``, called by ``rules_editing.publish_edition``), so the
web and the file obey one set of rules. The validator's messages are put back on the field they
name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from django import forms

from casereview.accounts.forms import GovukForm
from casereview.cases.forms import CaseForm, DatePartsField
from casereview.cases.models import ClockRule
from casereview.cases.rules import EVENT_LABELS, Direction, Event, Kind, Regime, Unit
from casereview.cases.rules_editing import EDITABLE_FIELDS, NEW_EDITION, RulesRefused, StepKey

# The database's limit for a whole number (PostgreSQL's integer); the file format sets none.
LARGEST_AMOUNT: Final = 2_147_483_647

UNIT_LABELS: Final[Mapping[Unit, str]] = {
    Unit.WORKING_DAYS: "working days",
    Unit.CALENDAR_DAYS: "calendar days",
    Unit.WEEKS: "weeks",
    Unit.MONTHS: "months",
    Unit.YEARS: "years",
}
DIRECTION_LABELS: Final[Mapping[Direction, str]] = {
    Direction.AFTER: "after the event",
    Direction.BEFORE: "at least this long before the event",
}
KIND_LABELS: Final[Mapping[Kind, str]] = {
    Kind.DEADLINE: "deadline",
    Kind.TARGET: "target",
    Kind.MINIMUM: "minimum (“at least”)",
}


EVENT_CHOICES: Final = [(event.value, f"{event.value}: {EVENT_LABELS[event]}") for event in Event]
STEP_CHOICES: Final[Mapping[str, list[tuple[str, str]]]] = {
    "counts_from": EVENT_CHOICES,
    "unit": [(unit.value, text) for unit, text in UNIT_LABELS.items()],
    "direction": [(direction.value, text) for direction, text in DIRECTION_LABELS.items()],
    "kind": [(kind.value, text) for kind, text in KIND_LABELS.items()],
}
"""What the edition form offers; the rules reader still checks whatever comes back."""


class AnyDateField(DatePartsField):
    """A date in day, month and year boxes that may be in the future (an edition's effective
    date, or an event a board expects)."""

    def __init__(self, what: str, **kwargs: Any) -> None:
        super().__init__(what, allow_future=True, **kwargs)


class AmountField(forms.CharField):
    """A number as typed: a whole number becomes an int, anything else stays text for the rules
    file's reader to refuse in its own words."""

    def to_python(self, value: Any) -> Any:
        text = str(super().to_python(value))
        if not re.fullmatch(r"-?[0-9]+", text):
            return text
        amount = int(text)
        if amount > LARGEST_AMOUNT:
            raise forms.ValidationError("That number is too large: enter a smaller whole number")
        return amount


@dataclass(frozen=True)
class StepRow:
    """One step of the edition form: the rule it starts from and its fields' names."""

    number: int
    rule: ClockRule

    @property
    def prefix(self) -> str:
        return f"{self.rule.regime}-{self.rule.step}"

    @property
    def key(self) -> StepKey:
        return (self.rule.regime, self.rule.step)

    def name(self, field: str) -> str:
        return f"{self.prefix}-{field}"


def _initial(rule: ClockRule) -> dict[str, Any]:
    return {
        "label": rule.label,
        "counts_from": rule.counts_from,
        "amount": rule.amount,
        "unit": rule.unit,
        "direction": rule.direction,
        "kind": rule.kind,
        "rationale": rule.rationale,
        "optional": rule.is_optional,
    }


class EditionForm(CaseForm):
    """A new edition of the rules, starting from the rows of an existing set."""

    version = forms.CharField(
        max_length=64,
        error_messages={
            "required": "Enter a version name for the new edition",
            "max_length": "The version name must be 64 characters or fewer",
        },
    )
    title = forms.CharField(
        max_length=300,
        error_messages={
            "required": "Enter a title for the new edition",
            "max_length": "The title must be 300 characters or fewer",
        },
    )
    effective_from = AnyDateField("the date the new edition takes effect")
    notes = forms.CharField(
        max_length=10000,
        error_messages={"required": "Say what changed and why, for example which guidance"},
    )

    def __init__(self, *args: Any, rules: Sequence[ClockRule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = [StepRow(number, rule) for number, rule in enumerate(rules, start=1)]
        for row in self.rows:
            initial = _initial(row.rule)
            for field in EDITABLE_FIELDS:
                self.fields[row.name(field)] = self._step_field(field, initial[field])

    @staticmethod
    def _step_field(field: str, initial: Any) -> forms.Field:
        if field == "amount":
            return AmountField(required=False, initial=initial)
        if field == "optional":
            return forms.BooleanField(required=False, initial=initial)
        # Label is limited by its database column; the rest are checked by the rules reader.
        max_length = 200 if field == "label" else 10000
        return forms.CharField(
            required=False,
            initial=initial,
            max_length=max_length,
            error_messages={"max_length": f"This must be {max_length} characters or fewer"},
        )

    def edition(self) -> dict[str, Any]:
        """The arguments of ``rules_editing.publish_edition`` (after ``is_valid``)."""
        data = self.cleaned_data
        return {
            "version": data["version"],
            "title": data["title"],
            "effective_from": data["effective_from"],
            "notes": data["notes"],
            "steps": {
                row.key: {field: data[row.name(field)] for field in EDITABLE_FIELDS}
                for row in self.rows
            },
        }

    def add_rules_error(self, message: str) -> None:
        """Put a rules file reader's message on the field it names, or above the form."""
        field = None
        in_rule = re.match(rf"{NEW_EDITION}, rule (\d+): (\w+) must", message)
        whole = re.match(rf"{NEW_EDITION}: (\w+) must", message)
        if in_rule and 0 < int(in_rule[1]) <= len(self.rows):
            field = self.rows[int(in_rule[1]) - 1].name(in_rule[2])
        elif whole:
            field = whole[1]
        self.add_error(field if field in self.fields else None, message)

    def add_refusal(self, refusal: RulesRefused) -> None:
        field = refusal.field if refusal.field in self.fields else None
        for reason in refusal.reasons:
            self.add_error(field, reason)

    def select_items(self, row: StepRow, field: str) -> list[dict[str, Any]]:
        """Items for govukSelect, with what was chosen (or the rule's value) selected."""
        chosen = self.value(row.name(field))
        return [
            {"value": value, "text": text, "selected": chosen == value}
            for value, text in STEP_CHOICES[field]
        ]


class ActivationForm(GovukForm):
    """Withdraw a rules set or bring it back: the reason goes into the audit trail."""

    reason = forms.CharField(max_length=2000)
    # What the page offered, so a second click cannot undo the first.
    active = forms.ChoiceField(choices=[("yes", "Bring back"), ("no", "Withdraw")], required=False)

    def __init__(self, *args: Any, active: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        what = "bringing this rules set back" if active else "withdrawing this rules set"
        self.fields["reason"].error_messages["required"] = f"Enter the reason for {what}"
        self.offered = active

    def wants_active(self) -> bool:
        chosen = self.cleaned_data.get("active")
        return self.offered if not chosen else chosen == "yes"

    def add_refusal(self, refusal: RulesRefused) -> None:
        field = refusal.field if refusal.field in self.fields else None
        for reason in refusal.reasons:
            self.add_error(field, reason)


class DeadlinesForm(CaseForm):
    """The calculator: a regime, an event and its date, like ``casereview deadlines``."""

    regime = forms.ChoiceField(
        choices=[(regime.value, regime.value) for regime in Regime],
        error_messages={
            "required": "Select the review regime, SCR or CSPR",
            "invalid_choice": "Select the review regime, SCR or CSPR",
        },
    )
    event = forms.ChoiceField(
        choices=EVENT_CHOICES,
        error_messages={
            "required": "Select the event the clocks count from",
            "invalid_choice": "Select one of the events listed",
        },
    )
    date = AnyDateField("the date of the event")
