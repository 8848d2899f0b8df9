"""Forms for the repository pages: checking a value of the record, and uploading a document.

Each value of the record has a kind (text, a whole number, a number, one of a list, several
of a list) that decides how a correction is typed and checked; a blank correction says the
document gives no value.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings

from casereview.accounts.cleaning import clean_filename, clean_line
from casereview.accounts.forms import GovukForm
from casereview.accounts.models import Board
from casereview.analysis.documents import sniff
from casereview.analysis.record import ABUSE_TYPES, OUTCOMES, REVIEW_TYPES
from casereview.audit.actors import Actor
from casereview.cases.forms import CaseForm, DatePartsField
from casereview.pages.ages import child_age
from casereview.pages.uploads import is_blank, misnamed, refuse_if_too_big
from casereview.repository import services
from casereview.repository.models import RecordField

# Plausible bounds for corrections; anything outside is a typing slip.
EARLIEST_YEAR = 1970
LATEST_YEAR = 2100
OLDEST_CHILD = 18

FIELD_LABELS = {
    "title": "Title",
    "board": "Board",
    "year_published": "Year published",
    "review_type": "Review type",
    "review_model": "Review model",
    "child.age_years": "Child's age at the incident",
    "child.sex": "Child's sex",
    "outcome": "Outcome",
    "abuse_types": "Abuse types",
    "agencies": "Agencies involved",
    "report_date": "Date of the report",
    "coroner_area": "Coroner's area",
    "addressees": "Sent to",
}
CHOICES: dict[str, tuple[str, ...]] = {
    "review_type": REVIEW_TYPES,
    "child.sex": ("male", "female"),
    "outcome": OUTCOMES,
    "abuse_types": ABUSE_TYPES,
}


def display(name: str, value: Any) -> str:
    """A value as a person reads it."""
    if name == "child.age_years" and value is not None:
        return child_age(value)
    return editable(name, value)


def editable(name: str, value: Any) -> str:
    """A value as a person types it to correct it (an age in years, like 0.5)."""
    if value is None or value == []:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if name == "child.age_years" and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def checked_upload(upload: Any, what: str) -> Any:
    """An uploaded file that is within the size limit, not blank and named for what it holds,
    with its name cleaned; otherwise a plain-English error naming `what` to choose again."""
    refuse_if_too_big(upload)
    upload.name = clean_filename(upload.name)
    data = upload.read()
    upload.seek(0)
    if is_blank(data):
        raise forms.ValidationError(
            f"The selected file has nothing in it but blank space: choose the {what} again"
        )
    if wrong_name := misnamed(upload.name, sniff(data)):
        raise forms.ValidationError(wrong_name)
    return upload


class CheckFieldForm(GovukForm):
    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm"), ("correct", "Correct")],
        error_messages={"required": "Select whether to confirm or correct the value"},
    )
    # A PFD report's bodies, one a line with titles and addresses, run longer than a title.
    corrected = forms.CharField(required=False, max_length=2000)
    values = forms.MultipleChoiceField(required=False, choices=[])
    note = forms.CharField(required=False, max_length=1000)

    def __init__(self, *args: Any, field_name: str, has_value: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.field_name = field_name
        self.has_value = has_value
        if field_name == "abuse_types":
            values = self.fields["values"]
            assert isinstance(values, forms.MultipleChoiceField)
            values.choices = [(c, c) for c in ABUSE_TYPES]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "confirm" and not self.has_value:
            self.add_error("decision", "There is no value to confirm. Correct it instead.")
        if data.get("decision") == "correct":
            try:
                data["parsed"] = self._parse(data)
            except forms.ValidationError as error:
                self.add_error("values" if self.field_name == "abuse_types" else "corrected", error)
        return data

    def save(self, row: RecordField, actor: Actor) -> str:
        """Confirm or correct the value as chosen; say which: "confirmed" or "corrected"."""
        if self.cleaned_data["decision"] == "confirm":
            services.confirm_field(row, actor=actor)
            return "confirmed"
        services.correct_field(
            row, self.cleaned_data["parsed"], actor=actor, note=self.cleaned_data["note"]
        )
        return "corrected"

    def _parse(self, data: dict[str, Any]) -> Any:
        name = self.field_name
        if name == "abuse_types":
            return list(data.get("values") or []) or None
        text = str(data.get("corrected") or "").strip()
        if name == "agencies":
            items = [clean_line(part) for part in text.replace("\n", ",").split(",")]
            return [item for item in items if item] or None
        if name == "addressees":
            # One body a line: a body's name often has commas (a title, an address).
            bodies = [clean_line(part) for part in text.split("\n")]
            return [body for body in bodies if body] or None
        text = clean_line(text)
        if not text:
            return None
        if name == "report_date":
            try:
                return datetime.date.fromisoformat(text).isoformat()
            except ValueError:
                raise forms.ValidationError(
                    "Enter the date as year-month-day, like 2024-03-18"
                ) from None
        if name == "year_published":
            if not text.isdigit() or not EARLIEST_YEAR <= int(text) <= LATEST_YEAR:
                raise forms.ValidationError(
                    f"Enter a year between {EARLIEST_YEAR} and {LATEST_YEAR}, like 2021"
                )
            return int(text)
        if name == "child.age_years":
            try:
                years = float(text)
            except ValueError:
                raise forms.ValidationError("Enter the age in years, like 3 or 0.5") from None
            if not 0 <= years < OLDEST_CHILD:
                raise forms.ValidationError(f"Enter an age from 0 to under {OLDEST_CHILD}")
            return years
        if name in CHOICES:
            allowed = CHOICES[name]
            match = next((c for c in allowed if c.lower() == text.lower()), None)
            if match is None:
                raise forms.ValidationError("Enter one of: " + ", ".join(allowed))
            return match
        return text


def max_upload_bytes() -> int:
    return int(settings.MAX_DOCUMENT_BYTES)


class UploadForm(GovukForm):
    board = forms.ModelChoiceField(
        queryset=Board.objects.none(),
        empty_label=None,
        error_messages={"required": "Select the board", "invalid_choice": "Select the board"},
    )
    document = forms.FileField(
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        }
    )

    def __init__(self, *args: Any, boards: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        board_field = self.fields["board"]
        assert isinstance(board_field, forms.ModelChoiceField)
        board_field.queryset = boards

    def clean_document(self) -> Any:
        return checked_upload(self.cleaned_data["document"], "document")


class PfdResponseForm(CaseForm):
    """A body's response to a coroner's PFD report: which body, when it arrived, the file.
    (`CaseForm` gives the day, month and year boxes of the design system's date input.)"""

    addressee = forms.ChoiceField(
        choices=[], error_messages={"required": "Select the body that responded"}
    )
    received_on = DatePartsField("the date the response was received")
    response = forms.FileField(
        error_messages={
            "required": "Select the response to upload",
            "empty": "The selected file is empty",
        }
    )

    def __init__(self, *args: Any, addressees: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        addressee = self.fields["addressee"]
        assert isinstance(addressee, forms.ChoiceField)
        addressee.choices = [(name, name) for name in addressees]
        addressee.error_messages["invalid_choice"] = (
            "Select a body the report was sent to that has no response recorded yet"
        )

    def clean_response(self) -> Any:
        return checked_upload(self.cleaned_data["response"], "response")
