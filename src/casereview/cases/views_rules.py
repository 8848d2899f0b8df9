"""The clocks' rules table on the web, and the deadlines calculator (DESIGN §3 and §9).

Every signed-in member of staff may read the rules sets, download one as a rules file and use
the calculator (the limits come from public statutory guidance). Only administrators publish a
new edition or withdraw and bring back a set; ``rules_editing`` makes those changes.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from casereview.accounts import permissions
from casereview.accounts.permissions import administrator_view, signed_in_user, staff_view
from casereview.audit.actors import Actor
from casereview.cases import rules_editing
from casereview.cases.clocks import (
    CSPR_CHANGEOVER,
    ClockError,
    deadlines,
    describe_limit,
    rule_set_in_force,
)
from casereview.cases.forms_rules import ActivationForm, DeadlinesForm, EditionForm
from casereview.cases.models import RuleSet
from casereview.cases.rules import EVENT_LABELS, Event, RulesFileError
from casereview.cases.rules_editing import RulesRefused

T = TypeVar("T")


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _in_force_today() -> RuleSet | None:
    try:
        return rule_set_in_force(timezone.localdate())
    except ClockError:
        return None


def _by_regime(items: Iterable[T], regime_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """Items grouped by regime, regimes in the order the rules file first names them."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(regime_of(item), []).append(item)
    return list(groups.items())


def _active_sets() -> list[RuleSet]:
    return list(RuleSet.objects.filter(is_active=True))


@staff_view
@require_safe
def rule_sets(request: HttpRequest) -> HttpResponse:
    sets = list(
        RuleSet.objects.annotate(step_count=Count("rules")).order_by(
            "-effective_from", "-loaded_at", "-pk"
        )
    )
    active = _active_sets()
    return render(
        request,
        "cases/rules.html",
        {
            "rows": [(s, rules_editing.period_in_force(s, active)) for s in sets],
            "today_set": _in_force_today(),
            "may_edit": permissions.is_administrator(request.user),
            "page_title": "Clock rules",
        },
    )


@staff_view
@require_safe
def rule_set_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = get_object_or_404(RuleSet, pk=pk)
    user = signed_in_user(request)
    rules = list(rule_set.rules.order_by("sort_order"))
    regimes = _by_regime([(rule, describe_limit(rule)) for rule in rules], lambda r: r[0].regime)
    active = _active_sets()
    period = rules_editing.period_in_force(rule_set, active)
    successor = None
    if rule_set.is_active and period is None:
        # Never in force: a set loaded later starts on the same day.
        successor = max(
            (s for s in active if s.effective_from == rule_set.effective_from),
            key=lambda s: (s.loaded_at, s.pk),
        )
    may_edit = permissions.is_administrator(user)
    return render(
        request,
        "cases/rules_set.html",
        {
            "rule_set": rule_set,
            "regimes": regimes,
            "event_labels": EVENT_LABELS,
            "period": period,
            "successor": successor,
            "is_today_set": _in_force_today() == rule_set,
            "may_edit": may_edit,
            "withdrawal_refusal": (
                rules_editing.withdrawal_refusal(rule_set)
                if may_edit and rule_set.is_active
                else None
            ),
            "may_read_audit": permissions.may_read_audit(user),
            "page_title": f"Clock rules {rule_set.version}",
        },
    )


@staff_view
@require_safe
def rule_set_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The set as a rules file: a starting point for an edition that adds or removes steps,
    loaded with ``manage.py load_clock_rules``."""
    rule_set = get_object_or_404(RuleSet, pk=pk)
    text = json.dumps(rules_editing.rules_document(rule_set), indent=2, ensure_ascii=False)
    response = HttpResponse(text + "\n", content_type="application/json; charset=utf-8")
    name = slugify(rule_set.version) or f"rules-set-{rule_set.pk}"
    response["Content-Disposition"] = f'attachment; filename="clock-rules-{name}.json"'
    return response


@administrator_view
@require_http_methods(["GET", "POST"])
def new_edition(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(RuleSet, pk=pk)
    rules = list(source.rules.order_by("sort_order"))
    form = EditionForm(_posted(request), rules=rules, initial={"title": source.title})
    if form.is_valid():
        try:
            edition = rules_editing.publish_edition(
                Actor.from_request(request), source, **form.edition()
            )
        except RulesFileError as error:
            form.add_rules_error(str(error))
        except RulesRefused as error:
            form.add_refusal(error)
        else:
            messages.success(
                request,
                f"Rules edition {edition.version} is published. It applies to events from "
                f"{edition.effective_from.day} {edition.effective_from:%B %Y}.",
            )
            return redirect("cases:rules-set", pk=edition.pk)
    regimes = _by_regime(form.rows, lambda row: row.rule.regime)
    return render(
        request,
        "cases/rules_edit.html",
        {
            "form": form,
            "source": source,
            "regimes": regimes,
            "page_title": "Publish a new edition of the clock rules",
        },
    )


@administrator_view
@require_http_methods(["GET", "POST"])
def activation(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = get_object_or_404(RuleSet, pk=pk)
    offered = not rule_set.is_active
    refusal = None if offered else rules_editing.withdrawal_refusal(rule_set)
    # A set that cannot be withdrawn shows why, and a form sent anyway changes nothing.
    form = ActivationForm(None if refusal else _posted(request), active=offered)
    if form.is_valid():
        active = form.wants_active()
        try:
            rules_editing.set_active(
                Actor.from_request(request),
                rule_set,
                active=active,
                reason=form.cleaned_data["reason"],
            )
        except RulesRefused as error:
            form.add_refusal(error)
        else:
            state = "back in use" if active else "withdrawn"
            messages.success(request, f"Rules set {rule_set.version} is {state}.")
            return redirect("cases:rules-set", pk=rule_set.pk)
    return render(
        request,
        "cases/rules_activation.html",
        {
            "form": form,
            "rule_set": rule_set,
            "offered": offered,
            "refusal": refusal,
            "page_title": (
                f"Bring back rules set {rule_set.version}"
                if offered
                else f"Withdraw rules set {rule_set.version}"
            ),
        },
    )


@staff_view
@require_safe
def deadlines_calculator(request: HttpRequest) -> HttpResponse:
    """The same calculation as ``casereview deadlines REGIME EVENT DATE``, before a case exists."""
    form = DeadlinesForm(request.GET or None)
    steps = None
    rule_set = None
    event_date: datetime.date | None = None
    if form.is_valid():
        event_date = form.cleaned_data["date"]
        try:
            rule_set = rule_set_in_force(event_date)
            steps = deadlines(
                form.cleaned_data["regime"], form.cleaned_data["event"], event_date, rule_set
            )
        except ClockError as error:
            form.add_error("date", str(error))
            steps = rule_set = None
    return render(
        request,
        "cases/deadlines.html",
        {
            "form": form,
            "steps": steps,
            "rule_set": rule_set,
            "event_date": event_date,
            "event_label": (
                EVENT_LABELS[Event(form.cleaned_data["event"])] if steps is not None else ""
            ),
            "changeover": CSPR_CHANGEOVER,
            "page_title": "Work out deadlines",
        },
    )


urlpatterns: list[URLPattern] = [
    path("clocks/rules/", rule_sets, name="rules"),
    path("clocks/rules/<int:pk>/", rule_set_detail, name="rules-set"),
    path("clocks/rules/<int:pk>/rules.json", rule_set_file, name="rules-file"),
    path("clocks/rules/<int:pk>/new-edition/", new_edition, name="rules-edit"),
    path("clocks/rules/<int:pk>/activation/", activation, name="rules-activation"),
    path("clocks/deadlines/", deadlines_calculator, name="deadlines"),
]
