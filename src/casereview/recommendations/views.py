"""The recommendation checker on the web: paste or upload draft recommendations and see each
one's codes, warnings and the closest earlier recommendations. Drafts are never stored."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_http_methods

from casereview.accounts import permissions
from casereview.accounts.forms import GovukForm
from casereview.accounts.permissions import signed_in_user, staff_view
from casereview.analysis import UnreadableDocument
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.recommendations.checker import check, drafts_from

app_name = "recommendations"


class CheckForm(GovukForm):
    drafts = forms.CharField(max_length=200_000, required=False)
    document = forms.FileField(required=False)

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not str(cleaned.get("drafts") or "").strip() and not cleaned.get("document"):
            raise forms.ValidationError("Paste draft recommendations or choose a file")
        return cleaned


@staff_view
@require_http_methods(["GET", "POST"])
def checker(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = CheckForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    results = None
    if form.is_valid():
        sent = form.cleaned_data.get("document")
        if sent:
            data, name = sent.read(), sent.name
        else:
            data, name = str(form.cleaned_data["drafts"]).encode("utf-8"), "pasted.txt"
        try:
            drafts = drafts_from(data, name)
        except UnreadableDocument as error:
            form.add_error("document" if sent else "drafts", error.reason)
        else:
            if not drafts:
                form.add_error(
                    "document" if sent else "drafts",
                    "No recommendations were found: number them, or put them under a "
                    "heading such as Recommendations",
                )
            else:
                results = check(drafts, permissions.visible_documents(user))
                # What was checked stays with the person: the trail records only that they did.
                record(
                    Action.RECOMMENDATIONS_CHECKED,
                    request=request,
                    summary=f"Checked {len(results)} draft recommendations",
                    data={"count": len(results)},
                )
    return render(
        request,
        "recommendations/check.html",
        {
            "form": form,
            "results": results,
            "page_title": ("Error: " if form.errors else "") + "Check draft recommendations",
        },
        status=400 if form.errors else 200,
    )


urlpatterns = [path("recommendations/check/", checker, name="check")]
