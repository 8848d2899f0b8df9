"""Case pages: notify, the case with its clocks, the identity record, the decision, panel advice,
moves along the lifecycle, the timeline, and the list of cases.

Views stay thin: they ask ``permissions`` for the case (a 404 for anyone who may not see it),
parse a form, call one function in ``services``, and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from casereview.accounts.models import Board
from casereview.accounts.permissions import board_view, signed_in_user, staff_view
from casereview.audit.actors import Actor
from casereview.cases import access, lifecycle, services
from casereview.cases.access import case_view
from casereview.cases.case_clocks import case_clocks
from casereview.cases.clocks import describe_limit
from casereview.cases.dashboard import case_rows, timeline
from casereview.cases.forms import AdviceForm, CaseFilterForm, DecisionForm, MoveForm, NotifyForm
from casereview.cases.lifecycle import Record, State
from casereview.cases.models import Case
from casereview.publication import services as publication
from casereview.repository import access as repository_access


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _refused(form: Any, error: services.Refused) -> None:
    for reason in error.reasons:
        form.add_error(None, reason)


@staff_view
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case the person may see, across boards, with the same filters as a board's list."""
    user = signed_in_user(request)
    filters = CaseFilterForm(request.GET or None)
    cases = access.visible_cases(user).select_related("board")
    return render(
        request,
        "cases/case_list.html",
        {
            "rows": case_rows(cases, timezone.localdate(), **filters.values()),
            "filters": filters,
            "page_title": "Cases",
        },
    )


@board_view
@require_http_methods(["GET", "POST"])
def notify(request: HttpRequest, board: Board) -> HttpResponse:
    if not access.may_notify(request.user, board):
        raise Http404("No such page.")
    form = NotifyForm(_posted(request))
    if form.is_valid():
        case = services.notify_case(
            Actor.from_request(request), board, form.case_values(), form.identity_values()
        )
        messages.success(request, f"{case.pseudonym}'s case has been opened.")
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/notify.html",
        {"form": form, "board": board, "page_title": "Notify a serious incident"},
    )


def _moves_for(request: HttpRequest, case: Case) -> list[dict[str, Any]]:
    """The moves from the case's current stage, each allowed or with the reasons it is not."""
    moves = []
    for transition in lifecycle.moves_from(case.state):
        reasons = access.move_refusals(request.user, case, transition.key)
        if (
            not reasons
            and Record.REPORT in transition.records
            and not publication.report_documents(case).exists()
        ):
            reasons = [publication.NO_REPORT]
        moves.append({"transition": transition, "reasons": reasons})
    return moves


@case_view
@require_safe
def detail(request: HttpRequest, case: Case) -> HttpResponse:
    services.case_viewed(Actor.from_request(request), case)
    user = signed_in_user(request)
    today = timezone.localdate()
    plan = [
        clock
        for clock in case_clocks(case, today, include_optional=True)
        if clock.deadline.parent_step
    ]
    current = case.appointments.filter(ended_on__isnull=True).select_related("reviewer__user")
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "clocks": case_clocks(case, today),
            "plan": plan,
            "recordable": services.recordable_steps(case),
            "may_record_steps": access.may_record_steps(user, case),
            "reviewer_summary": ", ".join(
                f"{a.reviewer.name} ({a.get_role_display().lower()})" for a in current
            ),
            "may_appoint": access.may_appoint(user, case),
            "may_edit_identity": access.may_edit_identity(user, case),
            "file_count": case.files.count(),
            # Its reports in the repository this person may open there.
            "reports": repository_access.visible_documents(user).filter(case=case).order_by("pk"),
            "moves": _moves_for(request, case),
            "decisions": case.decisions.select_related("decided_by"),
            "advice": case.advice.select_related("given_by"),
            "may_see_identity": access.may_see_identity(user, case),
            "may_give_advice": access.may_give_advice(user, case),
            "page_title": case.pseudonym,
        },
    )


@case_view
@require_safe
def identity(request: HttpRequest, case: Case) -> HttpResponse:
    if not access.may_see_identity(request.user, case):
        raise Http404("No such page.")
    record = services.identity_viewed(Actor.from_request(request), case)
    return render(
        request,
        "cases/identity.html",
        {"case": case, "identity": record, "page_title": f"Identity record: {case.pseudonym}"},
    )


@case_view
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, case: Case) -> HttpResponse:
    reasons = access.move_refusals(request.user, case, State.DECISION_RECORDED)
    form = DecisionForm(_posted(request), regime=case.regime, not_before=case.notified_on)
    status = 200
    if request.method == "POST" and reasons:
        status = 400
    elif form.is_valid():
        try:
            services.record_decision(Actor.from_request(request), case, form.cleaned_data)
        except services.Refused as error:
            _refused(form, error)
        else:
            messages.success(request, "The decision has been recorded.")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/decision.html",
        {
            "case": case,
            "form": form,
            "refusals": reasons,
            "page_title": ("Error: " if form.errors else "") + "Record the decision",
        },
        status=status,
    )


@case_view
@require_http_methods(["GET", "POST"])
def advice(request: HttpRequest, case: Case) -> HttpResponse:
    if not access.may_give_advice(request.user, case):
        raise Http404("No such page.")
    form = AdviceForm(_posted(request))
    if form.is_valid():
        services.log_panel_advice(Actor.from_request(request), case, form.cleaned_data)
        messages.success(request, "The panel's advice has been logged.")
        return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/advice.html",
        {
            "case": case,
            "form": form,
            "page_title": ("Error: " if form.errors else "") + "Log the national panel's advice",
        },
    )


@case_view
@require_http_methods(["GET", "POST"])
def move(request: HttpRequest, case: Case, key: str) -> HttpResponse:
    asked = services.asked_move(request.user, case, key)
    if asked.transition is not None and Record.DECISION in asked.transition.records:
        return redirect("cases:decision", pk=case.pk)
    if request.method == "GET" and asked.transition is not None and asked.waits_for_a_lead:
        messages.info(
            request,
            f"Appoint a lead reviewer to move {case.pseudonym} to "
            f"“{asked.transition.target.label}”: this form does both, with one date.",
        )
        return redirect("cases:reviewers", pk=case.pk)
    may_move = asked.transition is not None and not asked.refusals
    form = MoveForm.for_move(_posted(request), asked) if may_move else None
    if form is not None and form.is_valid():
        try:
            services.move_case(Actor.from_request(request), case, key, form.cleaned_data)
        except services.Refused as error:
            _refused(form, error)
        else:
            label = form.transition.target.label
            messages.success(request, f"{case.pseudonym} is now at “{label}”.")
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/move.html",
        {
            "case": case,
            "transition": asked.transition,
            "form": form,
            "refusals": asked.refusals,
            "page_title": ("Error: " if form and form.errors else "")
            + f"Move to {asked.target_label}",
            "target_label": asked.target_label,
            "reports": asked.reports,
            "notice": _notice(case) if asked.reports is not None else None,
        },
        status=400 if request.method == "POST" and form is None else 200,
    )


def _notice(case: Case) -> dict[str, Any]:
    """The recorded copy to the national panel and the first publication date it allows
    (worked out from the rules table), for the move to "Published"."""
    rule = publication.notice_rule(case, timezone.localdate())
    sent = case.panel_copy_sent_on
    return {
        "sent_on": sent,
        "limit": describe_limit(rule) if rule else "",
        "earliest": publication.earliest_publication(rule, sent) if rule and sent else None,
    }


@case_view
@require_safe
def case_timeline(request: HttpRequest, case: Case) -> HttpResponse:
    services.case_viewed(Actor.from_request(request), case, "timeline")
    return render(
        request,
        "cases/timeline.html",
        {
            "case": case,
            "timeline": timeline(case, timezone.localdate()),
            "page_title": f"Timeline: {case.pseudonym}",
        },
    )
