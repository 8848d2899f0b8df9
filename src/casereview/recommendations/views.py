"""The recommendation checker on the web: paste or upload draft recommendations and see each
one's codes, warnings and the closest earlier recommendations. Drafts are never stored."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_http_methods

from casereview.accounts.permissions import restricted_to, signed_in_user, staff_view
from casereview.audit.actors import Actor
from casereview.recommendations import coding, corrections, recurrence
from casereview.recommendations.forms import CheckForm, CodingForm, GroupCorrectionForm
from casereview.recommendations.models import Recommendation
from casereview.repository import access as repository_access

app_name = "recommendations"


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
        results = form.check(Actor.from_request(request), repository_access.visible_documents(user))
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


def _recommendation_or_404(user: object, pk: int) -> Recommendation:
    found = (
        Recommendation.objects.select_related("document")
        .filter(pk=pk, document__in=repository_access.visible_documents(user))
        .first()
    )
    if found is None or not repository_access.may_check_record(user, found.document):
        raise Http404("No such recommendation.")
    return found


@staff_view
@require_http_methods(["GET", "POST"])
def code(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    rec = _recommendation_or_404(user, pk)
    form = CodingForm(
        request.POST if request.method == "POST" else None,
        initial={
            "mechanism": rec.mechanism,
            "addressees": rec.addressees,
            "level": rec.level,
            "flags": rec.flags,
        },
    )
    if form.is_valid():
        made = coding.label(rec, form.cleaned_data, actor=Actor.from_request(request))
        messages.success(
            request,
            "The codes are confirmed." if made.agrees_with_machine else "The codes are corrected.",
        )
        return redirect(
            reverse("repository:document", kwargs={"ref": rec.document.sha256[:12]})
            + f"#recommendation-{rec.position}"
        )
    return render(
        request,
        "recommendations/code.html",
        {
            "rec": rec,
            "form": form,
            "page_title": ("Error: " if form.errors else "") + "Check a recommendation's codes",
        },
        status=400 if form.errors else 200,
    )


@staff_view
@require_http_methods(["GET"])
def evaluation(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    visible = Recommendation.objects.filter(document__in=repository_access.visible_documents(user))
    return render(
        request,
        "recommendations/evaluation.html",
        {
            "result": coding.evaluation(visible),
            "may_evaluate_groups": corrections.may_evaluate(user),
            "page_title": "How well the machine codes recommendations",
        },
    )


@staff_view
@require_http_methods(["GET", "POST"])
def regroup(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a recommendation's group: take it out, move it, or merge its group (ADR 0013)."""
    user = signed_in_user(request)
    visible = repository_access.visible_documents(user)
    rec = _recommendation_or_404(user, pk)
    if not corrections.may_correct(user, rec):
        raise Http404("No such recommendation.")
    form = GroupCorrectionForm(
        request.POST if request.method == "POST" else None, rec=rec, visible=visible
    )
    made = form.save(Actor.from_request(request)) if form.is_valid() else None
    if made is not None:
        messages.success(request, f"{made.get_change_display()}. Your reason is kept.")
        return _after_correction(rec, corrections.group_to_show(made))
    return render(
        request,
        "recommendations/regroup.html",
        {
            "rec": rec,
            "form": form,
            "members": corrections.group_members(rec, visible),
            "page_title": ("Error: " if form.errors else "") + "Correct a recommendation's group",
        },
        status=400 if form.errors else 200,
    )


def _after_correction(rec: Recommendation, group: int | None) -> HttpResponse:
    """The group's page it was taken out of or moved into (the review's page if none)."""
    ref = rec.document.sha256[:12]
    if group is None:
        return redirect(reverse("repository:document", kwargs={"ref": ref}))
    return redirect(reverse("recommendations:cluster", kwargs={"pk": group}) + f"?from={ref}")


@restricted_to(corrections.may_evaluate)
@require_http_methods(["GET"])
def group_evaluation(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "recommendations/group_evaluation.html",
        {
            "result": corrections.evaluation(),
            "few": corrections.FEW_PAIRS,
            "page_title": "How well the machine groups recommendations",
        },
    )


@require_http_methods(["GET"])
def cluster(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recommendation in one group of near-duplicates, over time, in the reviews the
    reader may see (the public sees published reviews only)."""
    visible = repository_access.visible_documents(request.user)
    members = list(
        Recommendation.objects.filter(cluster=pk, document__in=visible)
        .select_related("document")
        .order_by("document__year_published", "document__created_at", "position")
    )
    if not members:
        raise Http404("No such group of recommendations.")
    years = [m.document.year_published for m in members if m.document.year_published]
    crumbs, back = _way_back(request.GET.get("from", ""), members)
    return render(
        request,
        "recommendations/cluster.html",
        {
            "crumbs": crumbs,
            "back": back,
            "members": members,
            "reasons": recurrence.reasons_in_group(members),
            "correctable": corrections.correctable(request.user, members),
            "provenance": corrections.provenance(members, visible),
            "reviews": len({m.document_id for m in members}),
            "first_year": min(years) if years else None,
            "last_year": max(years) if years else None,
            "page_title": "A recommendation made again and again",
        },
    )


# Where a group's page is reached from: a review's recommendation (its reference) or this value.
FROM_NATIONAL = "national"


def _way_back(
    came_from: str, members: list[Recommendation]
) -> tuple[list[dict[str, str]], dict[str, str]]:
    """Breadcrumbs and a back link to where the reader came from.

    Only a review in the group itself is named, so the parameter cannot put any other title, or
    a restricted one, on the page.
    """
    home = {"text": "Home", "href": reverse("pages:home")}
    if came_from == FROM_NATIONAL:
        national = reverse("learning:recommendations")
        return (
            [home, {"text": "National statistics", "href": national}],
            {"text": "Back to the national statistics", "href": national + "#repeated"},
        )
    search = {"text": "Search reviews", "href": reverse("repository:search")}
    source = next((m for m in members if came_from and m.document.sha256[:12] == came_from), None)
    if source is None:
        return [home, search], {"text": "Back to search", "href": search["href"]}
    document = reverse("repository:document", kwargs={"ref": came_from})
    return (
        [home, search, {"text": source.document.display_title, "href": document}],
        {"text": "Back to the review", "href": f"{document}#recommendation-{source.position}"},
    )


urlpatterns = [
    path("recommendations/groups/<int:pk>/", cluster, name="cluster"),
    path("recommendations/check/", checker, name="check"),
    path("recommendations/<int:pk>/codes/", code, name="code"),
    path("recommendations/evaluation/", evaluation, name="evaluation"),
    path("recommendations/<int:pk>/group/", regroup, name="regroup"),
    path("recommendations/evaluation/groups/", group_evaluation, name="group-evaluation"),
]
