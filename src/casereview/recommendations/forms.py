"""Forms of the recommendation pages: the checker's drafts (pasted or a file), a person's
coding of a recommendation, and a person's correction of its group."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from casereview.accounts.forms import GovukForm
from casereview.analysis import UnreadableDocument
from casereview.audit.actors import Actor
from casereview.pages.uploads import refuse_if_too_big
from casereview.recommendations import checker, coding, corrections
from casereview.recommendations.checker import MAX_PASTED_CHARS, Checked
from casereview.recommendations.models import (
    MAX_REASON_CHARS,
    GroupChange,
    GroupCorrection,
    Recommendation,
)


class CheckForm(GovukForm):
    drafts = forms.CharField(required=False)
    document = forms.FileField(required=False)

    def clean_drafts(self) -> str:
        drafts = str(self.cleaned_data.get("drafts") or "")
        if len(drafts) > MAX_PASTED_CHARS:
            raise forms.ValidationError(
                f"The pasted text is {len(drafts):,} characters long, more than the "
                f"{MAX_PASTED_CHARS:,} the checker takes: paste only the recommendations, or "
                "upload the draft report as a file"
            )
        return drafts

    def clean_document(self) -> Any:
        upload = self.cleaned_data.get("document")
        if upload:
            refuse_if_too_big(upload)
        return upload

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not str(cleaned.get("drafts") or "").strip() and not cleaned.get("document"):
            raise forms.ValidationError("Paste draft recommendations or choose a file")
        return cleaned

    def check(self, actor: Actor, visible: QuerySet[Any]) -> list[Checked] | None:
        """The checker's results for the file, or else the pasted text, compared with the
        ``visible`` documents' recommendations. None when it could not be read, and an empty
        list when it holds no recommendations; either way the form then says why."""
        sent = self.cleaned_data.get("document")
        field = "document" if sent else "drafts"
        if sent:
            data, name = sent.read(), sent.name
        else:
            data, name = str(self.cleaned_data["drafts"]).encode("utf-8"), "pasted.txt"
        try:
            # Read in a child process stopped at the time limit: no text holds this thread.
            results = checker.check_for(actor, data, name, visible)
        except UnreadableDocument as error:
            self.add_error(field, error.reason)
            return None
        if not results:
            self.add_error(
                field,
                "No recommendations were found: number them, or put them under a "
                "heading such as Recommendations",
            )
        return results


class CodingForm(GovukForm):
    mechanism = forms.ChoiceField(error_messages={"required": "Select the mechanism"})
    addressees = forms.MultipleChoiceField(required=False)
    level = forms.ChoiceField(error_messages={"required": "Select the level"})
    flags = forms.MultipleChoiceField(required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mechanism"].choices = coding.mechanism_choices()  # type: ignore[attr-defined]
        self.fields["addressees"].choices = coding.addressee_choices()  # type: ignore[attr-defined]
        self.fields["level"].choices = coding.level_choices()  # type: ignore[attr-defined]
        self.fields["flags"].choices = coding.flag_choices()  # type: ignore[attr-defined]


class GroupCorrectionForm(GovukForm):
    """What is wrong with a recommendation's group, where it belongs (one of the nearby groups),
    and why."""

    change = forms.ChoiceField(
        choices=GroupChange.choices,
        error_messages={"required": "Select what is wrong with its group"},
    )
    group = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    # Or any group the person may see, by the number in its page's address.
    number = forms.CharField(
        required=False,
        max_length=12,
        error_messages={"max_length": "Enter a group's number, as in the address of its page"},
    )
    reason = forms.CharField(
        max_length=MAX_REASON_CHARS,
        error_messages={
            "required": "Say why the group is wrong",
            "max_length": f"The reason must be {MAX_REASON_CHARS:,} characters or fewer",
        },
    )

    def __init__(
        self, data: Any, *, rec: Recommendation, visible: QuerySet[Any], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.rec, self.visible = rec, visible
        self.candidates = corrections.candidate_groups(rec, visible)
        group = self.fields["group"]
        group.choices = [(c.anchor.pk, c.anchor.text) for c in self.candidates]  # type: ignore[attr-defined]
        group.error_messages["invalid_choice"] = "Choose one of the groups listed"

    def clean_number(self) -> Recommendation | None:
        """The earliest member the person may see of the group with this number."""
        number = str(self.cleaned_data.get("number") or "").strip().lstrip("#")
        if not number:
            return None
        found = corrections.group_anchor(int(number), self.visible) if number.isdigit() else None
        if found is None:
            raise forms.ValidationError(
                f"There is no group numbered {number[:12]} that you may see: enter the number "
                "in the address of its page, for example 1234 in /recommendations/groups/1234/"
            )
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        wants_group = cleaned.get("change") in (GroupChange.MOVED, GroupChange.MERGED)
        chosen, numbered = cleaned.get("group"), cleaned.get("number")
        if not wants_group or {"group", "number"} & set(self.errors):
            return cleaned
        if chosen is None and numbered is None:
            self.add_error("group", "Choose the group it belongs in, or enter its number")
        elif chosen is not None and numbered is not None:
            self.add_error("number", "Choose a group or enter a group's number, not both")
        return cleaned

    def save(self, actor: Actor) -> GroupCorrection | None:
        """Make the correction; None, with the reason on the form, when it cannot be made."""
        data = self.cleaned_data
        change = data["change"]
        anchor = None
        if change != GroupChange.TAKEN_OUT:
            listed = (c.anchor for c in self.candidates if c.anchor.pk == data["group"])
            anchor = data["number"] or next(listed)
        try:
            return corrections.correct(
                change,
                self.rec,
                anchor=anchor,
                reason=data["reason"],
                actor=actor,
                visible=self.visible,
            )
        except corrections.Refused as refused:
            where = "number" if data["number"] else "group"
            self.add_error("change" if anchor is None else where, str(refused))
            return None
