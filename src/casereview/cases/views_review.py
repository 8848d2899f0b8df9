"""Pages for running a review: the reviewer pool (administrators), appointing reviewers to a
case, the case's documents and their versions, the identity record's edit page and the steps of
the rapid review plan.

Like ``views``, these stay thin: the access module finds the case (404 for anyone who may not
see it) and says who may act; the services change things atomically and refuse in plain words.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casereview.accounts.permissions import administrator_view, signed_in_user
from casereview.audit.actors import Actor
from casereview.cases import access, case_files, reviewers, services
from casereview.cases.access import case_view
from casereview.cases.case_clocks import case_clocks
from casereview.cases.forms_review import (
    AppointForm,
    CaseFileForm,
    ConflictForm,
    EndAppointmentForm,
    IdentityForm,
    NewReviewerForm,
    ReviewerForm,
    StepMetForm,
)
from casereview.cases.models import Appointment, Case, Conflict, Reviewer
from casereview.cases.services import IDENTITY_FIELDS, Refused
from casereview.pages.downloads import file_download
from casereview.repository import access as repository_access


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _posted_with_files(request: HttpRequest) -> tuple[Any, Any]:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _refused(form: Any, error: Refused) -> None:
    for reason in error.reasons:
        form.add_error(None, reason)


def _title(form: Any, title: str) -> str:
    return ("Error: " if form is not None and form.errors else "") + title


# Appointing reviewers ------------------------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def case_reviewers(request: HttpRequest, case: Case) -> HttpResponse:
    user = signed_in_user(request)
    refusals = reviewers.appointment_refusals(user, case)
    offer = reviewers.move_on(user, case) if not refusals else None
    form = AppointForm.for_case(_posted(request), offer) if not refusals else None
    if form is not None and form.is_valid():
        try:
            appointment = reviewers.appoint_as_chosen(
                Actor.from_request(request), case, **form.chosen()
            )
        except Refused as error:
            _refused(form, error)
        else:
            name = appointment.reviewer.name
            if offer is not None and form.moves_on:
                messages.success(
                    request,
                    f"{name} has been appointed and {case.pseudonym} is now at "
                    f"“{offer.target_label}”.",
                )
                return redirect("cases:detail", pk=case.pk)
            messages.success(request, f"{name} has been appointed.")
            return redirect("cases:reviewers", pk=case.pk)
    return render(
        request,
        "cases/reviewers.html",
        {
            "case": case,
            "form": form,
            "refusals": refusals if access.may_appoint(user, case) else [],
            "may_appoint": access.may_appoint(user, case),
            "choices": reviewers.appointment_choices(case),
            "move_on": offer,
            "appointments": case.appointments.select_related("reviewer__user", "appointed_by"),
            "page_title": _title(form, f"Reviewers: {case.pseudonym}"),
        },
        status=400
        if (refusals and request.method == "POST") or (form is not None and form.errors)
        else 200,
    )


@case_view
@require_http_methods(["GET", "POST"])
def end_appointment(request: HttpRequest, case: Case, appointment: int) -> HttpResponse:
    user = signed_in_user(request)
    found = (
        Appointment.objects.select_related("reviewer__user", "case__board")
        .filter(case=case, pk=appointment, ended_on__isnull=True)
        .first()
    )
    if found is None or not access.may_appoint(user, case):
        raise Http404("No such page.")
    form = EndAppointmentForm(_posted(request))
    if form.is_valid():
        try:
            reviewers.end_appointment(
                Actor.from_request(request),
                found,
                on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
            )
        except Refused as error:
            _refused(form, error)
        else:
            messages.success(request, f"{found.reviewer.name}'s appointment has ended.")
            return redirect("cases:reviewers", pk=case.pk)
    return render(
        request,
        "cases/end_appointment.html",
        {
            "case": case,
            "appointment": found,
            "form": form,
            "page_title": _title(form, "End an appointment"),
        },
        status=400 if form.errors else 200,
    )


# Documents on the case -----------------------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, case: Case) -> HttpResponse:
    user = signed_in_user(request)
    may_add = access.may_add_case_file(user, case)
    if request.method == "POST" and not may_add:
        raise Http404("No such page.")
    form = CaseFileForm(*_posted_with_files(request), any_kind=access.runs_case(user, case))
    if may_add and form.is_valid():
        try:
            added = case_files.add_version(Actor.from_request(request), case, **form.version())
        except Refused as error:
            _refused(form, error)
        else:
            version = added.version
            messages.success(
                request, f"Version {version.number} of “{version.file.title}” has been added."
            )
            return redirect("cases:documents", pk=case.pk)
    else:
        services.case_viewed(Actor.from_request(request), case, "documents")
    files = case_files.files_of(case)
    return render(
        request,
        "cases/documents.html",
        {
            "case": case,
            "files": files,
            # The repository's copies this person may open there (the link is shown for those).
            "seen_in_repository": repository_access.visible_among(
                user, case_files.repository_copies(files)
            ),
            "form": form if may_add else None,
            "may_send": access.may_send_to_repository(user, case),
            "max_mb": case_files.max_bytes() // (1024 * 1024),
            "page_title": _title(form, f"Documents: {case.pseudonym}"),
        },
        status=400 if form.errors else 200,
    )


@case_view
@require_safe
def document_download(request: HttpRequest, case: Case, version: int) -> HttpResponse:
    found = case_files.get_version_or_none(case, version)
    if found is None:
        raise Http404("No such document.")
    try:
        data = case_files.read_version(Actor.from_request(request), case, found)
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    return file_download(
        data, filename=f"v{found.number}-{found.original_filename}", stored_format=found.format
    )


@case_view
@require_POST
def document_to_repository(request: HttpRequest, case: Case, version: int) -> HttpResponse:
    from casereview.repository.tasks import ingest_upload

    user = signed_in_user(request)
    found = case_files.get_version_or_none(case, version)
    if found is None or not access.may_send_to_repository(user, case):
        raise Http404("No such page.")
    try:
        upload = case_files.send_to_repository(Actor.from_request(request), case, found)
    except Refused as error:
        for reason in error.reasons:
            messages.error(request, reason)
        return redirect("cases:documents", pk=case.pk)
    ingest_upload.enqueue(upload.pk)
    messages.success(
        request,
        f"Version {found.number} of “{found.file.title}” is on its way to the national "
        "repository, unpublished until the board publishes it.",
    )
    return redirect("cases:documents", pk=case.pk)


# The identity record -------------------------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def identity_edit(request: HttpRequest, case: Case) -> HttpResponse:
    user = signed_in_user(request)
    if not access.may_edit_identity(user, case):
        raise Http404("No such page.")
    if request.method == "POST":
        form = IdentityForm(request.POST)
    else:
        current = services.identity_viewed(Actor.from_request(request), case)
        form = IdentityForm(initial={f: getattr(current, f) for f in IDENTITY_FIELDS})
    if request.method == "POST" and form.is_valid():
        services.update_identity(Actor.from_request(request), case, form.identity_values())
        messages.success(request, "The identity record has been updated.")
        return redirect("cases:identity", pk=case.pk)
    return render(
        request,
        "cases/identity_edit.html",
        {"case": case, "form": form, "page_title": _title(form, "Change the identity record")},
        status=400 if form.errors else 200,
    )


# Steps of the rapid review plan ----------------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, case: Case, step: str) -> HttpResponse:
    user = signed_in_user(request)
    rule = services.recordable_steps(case).get(step)
    if rule is None or not access.may_record_steps(user, case):
        raise Http404("No such page.")
    form = StepMetForm(_posted(request))
    if form.is_valid():
        try:
            services.record_step_met(
                Actor.from_request(request), case, step, form.cleaned_data["met_on"]
            )
        except Refused as error:
            _refused(form, error)
        else:
            messages.success(request, f"“{rule.label}” has been recorded as done.")
            return redirect("cases:detail", pk=case.pk)
    clock = next(
        (
            c
            for c in case_clocks(case, timezone.localdate(), include_optional=True)
            if c.deadline.step == step
        ),
        None,
    )
    return render(
        request,
        "cases/step.html",
        {
            "case": case,
            "rule": rule,
            "clock": clock,
            "form": form,
            "page_title": _title(form, rule.label),
        },
        status=400 if form.errors else 200,
    )


# The reviewer pool (administrators) --------------------------------------------------------------


@administrator_view
@require_safe
def pool(request: HttpRequest) -> HttpResponse:
    everyone = Reviewer.objects.select_related("user").prefetch_related("conflicts__board")
    return render(
        request,
        "cases/reviewer_pool.html",
        {"reviewers": everyone, "page_title": "Reviewer pool"},
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def reviewer_add(request: HttpRequest) -> HttpResponse:
    form = NewReviewerForm(_posted(request), initial={"is_available": True})
    if form.is_valid():
        try:
            added = reviewers.add_reviewer(
                Actor.from_request(request), form.cleaned_data["email"], form.cleaned_data
            )
        except Refused as error:
            _refused(form, error)
        else:
            messages.success(request, f"{added.name} has been added to the reviewer pool.")
            return redirect("cases:reviewer", reviewer=added.pk)
    return render(
        request,
        "cases/reviewer_form.html",
        {"form": form, "reviewer": None, "page_title": _title(form, "Add a reviewer")},
        status=400 if form.errors else 200,
    )


def _reviewer_or_404(pk: int) -> Reviewer:
    found = Reviewer.objects.select_related("user").filter(pk=pk).first()
    if found is None:
        raise Http404("No such reviewer.")
    return found


@administrator_view
@require_http_methods(["GET", "POST"])
def reviewer_detail(request: HttpRequest, reviewer: int) -> HttpResponse:
    found = _reviewer_or_404(reviewer)
    form = ReviewerForm(
        _posted(request),
        initial={
            "expertise": found.expertise,
            "region": found.region,
            "is_available": found.is_available,
        },
    )
    if form.is_valid():
        reviewers.update_reviewer(Actor.from_request(request), found, form.cleaned_data)
        messages.success(request, f"{found.name}'s entry has been saved.")
        return redirect("cases:reviewer", reviewer=found.pk)
    return render(
        request,
        "cases/reviewer_form.html",
        {
            "form": form,
            "reviewer": found,
            "conflicts": found.conflicts.select_related("board"),
            "appointments": found.appointments.select_related("case__board"),
            "page_title": _title(form, found.name),
        },
        status=400 if form.errors else 200,
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def conflict_add(request: HttpRequest, reviewer: int) -> HttpResponse:
    found = _reviewer_or_404(reviewer)
    form = ConflictForm(_posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            reviewers.declare_conflict(
                Actor.from_request(request),
                found,
                data["board"],
                data["nature"],
                data["declared_on"],
            )
        except Refused as error:
            _refused(form, error)
        else:
            messages.success(request, f"The conflict with {data['board'].name} has been recorded.")
            return redirect("cases:reviewer", reviewer=found.pk)
    return render(
        request,
        "cases/conflict_form.html",
        {
            "form": form,
            "reviewer": found,
            "boards": form.fields["board"].queryset,  # type: ignore[attr-defined]
            "page_title": _title(form, f"Record a conflict of interest: {found.name}"),
        },
        status=400 if form.errors else 200,
    )


@administrator_view
@require_POST
def conflict_withdraw(request: HttpRequest, reviewer: int, conflict: int) -> HttpResponse:
    found = (
        Conflict.objects.select_related("reviewer__user", "board")
        .filter(reviewer_id=reviewer, pk=conflict)
        .first()
    )
    if found is None:
        raise Http404("No such conflict.")
    reviewers.withdraw_conflict(Actor.from_request(request), found)
    messages.success(request, f"The conflict with {found.board.name} has been withdrawn.")
    return redirect("cases:reviewer", reviewer=reviewer)


urlpatterns = [
    path("cases/<int:pk>/reviewers/", case_reviewers, name="reviewers"),
    path(
        "cases/<int:pk>/reviewers/<int:appointment>/end/",
        end_appointment,
        name="end-appointment",
    ),
    path("cases/<int:pk>/documents/", documents, name="documents"),
    path("cases/<int:pk>/documents/<int:version>/", document_download, name="document"),
    path(
        "cases/<int:pk>/documents/<int:version>/to-repository/",
        document_to_repository,
        name="document-to-repository",
    ),
    path("cases/<int:pk>/identity/edit/", identity_edit, name="identity-edit"),
    path("cases/<int:pk>/steps/<slug:step>/", step, name="step"),
    path("reviewers/", pool, name="reviewer-pool"),
    path("reviewers/new/", reviewer_add, name="reviewer-add"),
    path("reviewers/<int:reviewer>/", reviewer_detail, name="reviewer"),
    path("reviewers/<int:reviewer>/conflicts/new/", conflict_add, name="conflict-add"),
    path(
        "reviewers/<int:reviewer>/conflicts/<int:conflict>/withdraw/",
        conflict_withdraw,
        name="conflict-withdraw",
    ),
]
