"""Forms for notifying a case, recording a decision, logging panel advice and moving a case.

Dates are GOV.UK date inputs (day, month and year boxes named ``<field>-day`` and so on), with
the design system's error messages. Everything renders through ``GovukForm``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from casereview.accounts.cleaning import clean_line
from casereview.accounts.forms import GovukForm
from casereview.cases.lifecycle import (
    DATE_LABELS,
    OPTIONAL_DATE_LABELS,
    OUTCOMES_BY_REGIME,
    DecisionOutcome,
    Record,
    State,
    Transition,
)
from casereview.cases.models import (
    AbuseCertainty,
    AbuseType,
    AdviceTopic,
    FollowedAdvice,
    Outcome,
    Sex,
    YesNoUnknown,
)
from casereview.cases.rules import CASE_REGIMES, Regime
from casereview.cases.services import AskedMove

PARTS = ("day", "month", "year")


class DateParts(forms.Widget):
    """Three boxes, read back as a (day, month, year) tuple of strings."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        parts = tuple(str(data.get(f"{name}-{part}", "")).strip() for part in PARTS)
        return None if not any(parts) else parts

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in PARTS)


class DatePartsField(forms.Field):
    """A date typed as day, month and year, not in the future; errors name the date in words."""

    widget = DateParts

    def __init__(self, what: str, *, allow_future: bool = False, **kwargs: Any) -> None:
        self.what = what
        self.allow_future = allow_future
        kwargs.setdefault("error_messages", {"required": f"Enter {what}"})
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        day, month, year = value
        missing = [name for name, part in zip(PARTS, value, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{self.what.capitalize()} must include a {missing[0]}")
        try:
            parsed = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(f"{self.what.capitalize()} must be a real date") from None
        if parsed.year < 1900:
            raise forms.ValidationError(f"{self.what.capitalize()} must be after 1900")
        if not self.allow_future and parsed > timezone.localdate():
            raise forms.ValidationError(f"{self.what.capitalize()} must be today or in the past")
        return parsed


class CaseForm(GovukForm):
    """Shared by the case forms: date fields' errors link to their day box."""

    def error_list(self) -> list[dict[str, str]]:
        items = super().error_list()
        for item in items:
            name = item["href"].removeprefix("#")
            if isinstance(self.fields.get(name), DatePartsField):
                item["href"] = f"#{name}-day"
        return items

    def date_items(self, name: str) -> list[dict[str, Any]]:
        """The day, month and year boxes for govukDateInput, with what was typed."""
        value = self[name].value()
        if isinstance(value, datetime.date):
            value = (str(value.day), str(value.month), str(value.year))
        value = value or ("", "", "")
        error = " govuk-input--error" if self.errors.get(name) else ""
        widths = {"day": "2", "month": "2", "year": "4"}
        return [
            {
                "name": f"{name}-{part}",
                "id": f"{name}-{part}",
                "label": part.capitalize(),
                "value": typed,
                "classes": f"govuk-input--width-{widths[part]}{error}",
            }
            for part, typed in zip(PARTS, value, strict=True)
        ]


def _radio(choices: Any, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, error_messages={"required": message})


class NotifyForm(CaseForm):
    pseudonym = forms.CharField(
        max_length=60,
        error_messages={"required": "Enter the name every screen will use for the child"},
    )
    aware_on = DatePartsField("the date the board became aware")
    notified_on = DatePartsField("the date the notification was sent")
    incident_on = DatePartsField("the date of the incident")
    regime = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Work it out from the date notified"),
            *[(r.value, r.value) for r in CASE_REGIMES],
        ],
    )
    outcome = _radio(Outcome.choices, "Select what happened to the child")
    abuse_types = forms.MultipleChoiceField(
        choices=AbuseType.choices,
        error_messages={"required": "Select at least one kind of abuse or neglect"},
    )
    abuse_certainty = _radio(
        AbuseCertainty.choices, "Select whether the abuse or neglect is known or suspected"
    )
    age_years = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=17,
        error_messages={
            "invalid": "Enter the child's age as a whole number of years, like 4",
            "min_value": "The child's age must be 0 or more",
            "max_value": "The child's age must be 17 or less",
        },
    )
    sex = _radio(Sex.choices, "Select the child's sex, or not known")
    ethnicity = forms.CharField(max_length=100, required=False)
    disability = _radio(YesNoUnknown.choices, "Select whether the child has a disability")
    child_protection_plan = _radio(
        YesNoUnknown.choices, "Select whether the child had a child protection plan"
    )
    child_in_need = _radio(
        YesNoUnknown.choices, "Select whether the child had a child in need plan"
    )
    looked_after = _radio(YesNoUnknown.choices, "Select whether the child was looked after")
    agencies = forms.CharField(required=False, max_length=2000)
    legal_name = forms.CharField(max_length=200, required=False)
    family_members = forms.CharField(max_length=2000, required=False)
    dates_of_birth = forms.CharField(max_length=1000, required=False)
    addresses = forms.CharField(max_length=2000, required=False)
    school = forms.CharField(max_length=200, required=False)

    IDENTITY = ("legal_name", "family_members", "dates_of_birth", "addresses", "school")

    def clean_pseudonym(self) -> str:
        pseudonym = clean_line(str(self.cleaned_data["pseudonym"]))
        if not pseudonym:
            raise forms.ValidationError("Enter the name every screen will use for the child")
        return pseudonym

    def clean_legal_name(self) -> str:
        return clean_line(str(self.cleaned_data.get("legal_name") or ""))

    def clean_agencies(self) -> list[str]:
        lines = str(self.cleaned_data.get("agencies") or "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        aware, notified, incident = (
            cleaned.get("aware_on"),
            cleaned.get("notified_on"),
            cleaned.get("incident_on"),
        )
        if aware and notified and notified < aware:
            self.add_error(
                "notified_on",
                "The date notified must be the same as or after the date the board became aware",
            )
        if aware and incident and incident > aware:
            self.add_error(
                "incident_on",
                "The date of the incident must be the same as or before the date the board "
                "became aware",
            )
        return cleaned

    def case_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.IDENTITY}

    def identity_values(self) -> dict[str, str]:
        return {k: str(self.cleaned_data.get(k) or "").strip() for k in self.IDENTITY}


class DecisionForm(CaseForm):
    decided_on = DatePartsField("the date of the decision")
    options_considered = forms.CharField(
        max_length=5000, error_messages={"required": "Enter the options the chair considered"}
    )
    outcome = _radio(DecisionOutcome.choices, "Select the decision")
    reasons = forms.CharField(
        max_length=10000,
        error_messages={
            "required": "Enter the reasons for the decision, including a decision not to review"
        },
    )
    sent_to_panel_on = DatePartsField(
        "the date the decision was sent to the national panel", required=False
    )
    # The step the decision most often completes, asked for on its own: the decision date is
    # not the date the rapid review went to the panel (CSPR only; removed for an SCR).
    rapid_review_sent_on = DatePartsField(
        "the date the rapid review was sent to the national panel", required=False
    )
    panel_response = forms.CharField(max_length=5000, required=False)
    followed_panel_advice = _radio(
        FollowedAdvice.choices, "Select whether the board followed the panel's advice"
    )

    def __init__(self, *args: Any, regime: str, not_before: datetime.date, **kwargs: Any) -> None:
        self.not_before = not_before
        super().__init__(*args, **kwargs)
        allowed = OUTCOMES_BY_REGIME[Regime(regime)]
        self.fields["outcome"].choices = [(o.value, o.label) for o in allowed]  # type: ignore[attr-defined]
        self.fields["outcome"].error_messages["invalid_choice"] = (
            f"Select a decision open to a {regime} case"
        )
        if regime != Regime.CSPR:
            del self.fields["rapid_review_sent_on"]

    def clean_rapid_review_sent_on(self) -> datetime.date | None:
        sent: datetime.date | None = self.cleaned_data["rapid_review_sent_on"]
        if sent is not None and sent < self.not_before:
            raise forms.ValidationError(
                f"The date the rapid review was sent must be on or after the date notified, "
                f"{self.not_before.day} {self.not_before:%B %Y}"
            )
        return sent

    def clean_reasons(self) -> str:
        reasons = str(self.cleaned_data["reasons"]).strip()
        if not reasons:
            raise forms.ValidationError(
                "Enter the reasons for the decision, including a decision not to review"
            )
        return reasons

    def clean_decided_on(self) -> datetime.date:
        decided: datetime.date = self.cleaned_data["decided_on"]
        if decided < self.not_before:
            raise forms.ValidationError(
                f"The date of the decision must be on or after the date notified, "
                f"{self.not_before.day} {self.not_before:%B %Y}"
            )
        return decided


class AdviceForm(CaseForm):
    given_on = DatePartsField("the date the panel gave its advice")
    topic = _radio(AdviceTopic.choices, "Select what the advice is about")
    advice = forms.CharField(max_length=10000, error_messages={"required": "Enter the advice"})

    def clean_advice(self) -> str:
        return str(self.cleaned_data["advice"]).strip()


class MoveForm(CaseForm):
    """The date a move happened, and whatever else the lifecycle table says it must record."""

    date = DatePartsField("the date")
    reasons = forms.CharField(max_length=10000, error_messages={"required": "Enter the reasons"})

    def __init__(
        self,
        *args: Any,
        transition: Transition,
        not_before: datetime.date,
        reports: Any = None,
        **kwargs: Any,
    ) -> None:
        self.transition = transition
        self.not_before = not_before
        super().__init__(*args, **kwargs)
        what = DATE_LABELS.get(State(transition.target), "Date")
        self.fields["date"] = DatePartsField(what.lower().replace("date ", "the date ", 1))
        self.date_label = what
        if Record.REASONS not in transition.records:
            del self.fields["reasons"]
        if Record.REPORT in transition.records:
            # The case's reports in the repository (a queryset); publication publishes one.
            self.fields["document"] = forms.ModelChoiceField(
                queryset=reports,
                error_messages={
                    "required": "Choose the final report to publish",
                    "invalid_choice": "Choose the final report to publish from the list",
                },
            )
        self.optional_dates = {name: OPTIONAL_DATE_LABELS[name] for name in transition.may_record}
        for name, label in self.optional_dates.items():
            self.fields[name] = DatePartsField(
                label.lower().replace("date ", "the date ", 1), required=False
            )

    @classmethod
    def for_move(cls, data: Any, asked: AskedMove) -> MoveForm:
        """The form for a move this person may make (``asked.transition`` is not None)."""
        assert asked.transition is not None
        return cls(
            data, transition=asked.transition, not_before=asked.not_before, reports=asked.reports
        )

    def clean_date(self) -> datetime.date:
        on: datetime.date = self.cleaned_data["date"]
        if on < self.not_before:
            raise forms.ValidationError(
                f"{self.date_label} must be on or after {self.not_before.day} "
                f"{self.not_before:%B %Y}, when the case reached its current stage"
            )
        return on


class CaseFilterForm(forms.Form):
    """The filters on a list of cases; bad values are ignored rather than shown as errors."""

    state = forms.ChoiceField(required=False, choices=[("", "Any stage"), *State.choices])
    regime = forms.ChoiceField(
        required=False, choices=[("", "Either regime"), *[(r.value, r.value) for r in CASE_REGIMES]]
    )
    rag = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any"),
            ("overdue", "Overdue"),
            ("due_soon", "Due soon"),
            ("on_track", "On track"),
            ("none", "Nothing open"),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def values(self) -> dict[str, str]:
        if not self.is_valid():
            return {"state": "", "regime": "", "rag": ""}
        return {k: str(self.cleaned_data.get(k) or "") for k in ("state", "regime", "rag")}
