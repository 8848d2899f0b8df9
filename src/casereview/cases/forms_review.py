"""Forms for the reviewer pool, appointments, case documents, the identity record and the
steps of a plan. Each renders through ``GovukForm`` like the other case forms."""

from __future__ import annotations

from typing import Any

from django import forms

from casereview.accounts.cleaning import clean_line
from casereview.accounts.models import Board, Region, User
from casereview.cases import case_files
from casereview.cases.forms import CaseForm, DatePartsField
from casereview.cases.models import AppointmentRole, CaseFileKind, Reviewer
from casereview.cases.reviewers import MoveOn
from casereview.cases.services import IDENTITY_FIELDS


class ReviewerForm(CaseForm):
    expertise = forms.CharField(
        max_length=2000, error_messages={"required": "Enter the reviewer's areas of expertise"}
    )
    region = forms.ChoiceField(
        choices=Region.choices, error_messages={"required": "Select the region they work in"}
    )
    is_available = forms.BooleanField(required=False)


class NewReviewerForm(ReviewerForm):
    email = forms.EmailField(
        error_messages={
            "required": "Enter the email address of the reviewer's account",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        }
    )

    field_order = ("email", "expertise", "region", "is_available")

    def clean_email(self) -> User:
        email = str(self.cleaned_data["email"]).strip().lower()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                "No active account has that email address: create the person's account first"
            )
        return user


class ConflictForm(CaseForm):
    board = forms.ModelChoiceField(
        queryset=Board.objects.order_by("name"),
        error_messages={
            "required": "Select the board the conflict is with",
            "invalid_choice": "Select the board the conflict is with",
        },
    )
    nature = forms.CharField(
        max_length=2000, error_messages={"required": "Say what the conflict of interest is"}
    )
    declared_on = DatePartsField("the date the conflict was declared")


class AppointForm(CaseForm):
    reviewer = forms.ModelChoiceField(
        queryset=Reviewer.objects.none(),
        error_messages={
            "required": "Select a reviewer from the pool",
            "invalid_choice": "Select a reviewer from the pool",
        },
    )
    role = forms.ChoiceField(
        choices=AppointmentRole.choices,
        error_messages={"required": "Select whether they lead the review or are a co-reviewer"},
    )
    appointed_on = DatePartsField("the date of the appointment")
    justification = forms.CharField(max_length=5000, required=False)
    move_on = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args: Any, reviewers: Any, may_move_on: bool, **kwargs: Any) -> None:
        """``reviewers`` are those the form accepts; ``may_move_on`` offers the box that also
        moves the case on (ticked until the person unticks it)."""
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = reviewers
        if not may_move_on:
            del self.fields["move_on"]

    @classmethod
    def for_case(cls, data: Any, offer: MoveOn | None) -> AppointForm:
        """The form for a case whose appointment may complete ``offer`` (None if none)."""
        # It accepts anyone available so that the service can say, in words, why someone
        # already appointed cannot be appointed again; the page offers only those who may be.
        return cls(
            data,
            reviewers=Reviewer.objects.filter(is_available=True),
            may_move_on=offer is not None and not offer.needs,
        )

    @property
    def moves_on(self) -> bool:
        return bool(self.cleaned_data.get("move_on"))

    def chosen(self) -> dict[str, Any]:
        """The appointment as ``reviewers.appoint_as_chosen`` takes it."""
        data = self.cleaned_data
        return {
            "reviewer": data["reviewer"],
            "role": data["role"],
            "appointed_on": data["appointed_on"],
            "justification": data["justification"] or "",
            "move_on": self.moves_on,
        }


class EndAppointmentForm(CaseForm):
    ended_on = DatePartsField("the date the appointment ended")
    reason = forms.CharField(
        max_length=5000, error_messages={"required": "Enter why the appointment is ending"}
    )


class CaseFileForm(CaseForm):
    kind = forms.ChoiceField(
        choices=CaseFileKind.choices,
        error_messages={"required": "Select what kind of document this is"},
    )
    title = forms.CharField(
        max_length=300,
        error_messages={"required": "Enter a title, for example: Police agency report"},
    )
    note = forms.CharField(max_length=2000, required=False)
    document = forms.FileField(
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        }
    )

    def __init__(self, *args: Any, any_kind: bool, **kwargs: Any) -> None:
        """``any_kind`` for those who run the case; an appointed reviewer sends only the kinds
        ``case_files.REVIEWER_KINDS`` lists."""
        super().__init__(*args, **kwargs)
        if not any_kind:
            field = self.fields["kind"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [
                (value, label)
                for value, label in CaseFileKind.choices
                if value in case_files.REVIEWER_KINDS
            ]

    def clean_title(self) -> str:
        title = clean_line(str(self.cleaned_data["title"]))
        if not title:
            raise forms.ValidationError("Enter a title, for example: Police agency report")
        return title

    def version(self) -> dict[str, Any]:
        """The sent version as ``case_files.add_version`` takes it."""
        sent = self.cleaned_data["document"]
        return {
            "data": sent.read(),
            "filename": sent.name,
            "kind": self.cleaned_data["kind"],
            "title": self.cleaned_data["title"],
            "note": self.cleaned_data["note"] or "",
        }


class IdentityForm(CaseForm):
    legal_name = forms.CharField(max_length=200, required=False)
    family_members = forms.CharField(max_length=5000, required=False)
    dates_of_birth = forms.CharField(max_length=2000, required=False)
    addresses = forms.CharField(max_length=5000, required=False)
    school = forms.CharField(max_length=200, required=False)

    def clean_legal_name(self) -> str:
        return clean_line(str(self.cleaned_data.get("legal_name") or ""))

    def identity_values(self) -> dict[str, str]:
        return {field: str(self.cleaned_data.get(field) or "") for field in IDENTITY_FIELDS}


class StepMetForm(CaseForm):
    met_on = DatePartsField("the date the step was done")
