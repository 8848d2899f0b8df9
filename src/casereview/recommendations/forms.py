"""Forms of the recommendation pages: the checker's drafts (pasted or a file), and a person's
coding of a recommendation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from casereview.accounts.forms import GovukForm
from casereview.analysis import UnreadableDocument
from casereview.audit.actors import Actor
from casereview.pages.uploads import refuse_if_too_big
from casereview.recommendations import checker, coding
from casereview.recommendations.checker import MAX_PASTED_CHARS, Checked


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
