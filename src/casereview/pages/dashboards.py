"""The signed-in person's dashboard and a board's page: the pages that put several domains
side by side (a board's people from accounts, its cases from cases, the administrator's tasks
from cases' rules tables and the worker).

They sit above the domains, so ``accounts`` need not import any domain to show them. Their
routes keep the ``accounts:`` names that templates and the access matrix use: the project's URL
configuration adds them to the accounts namespace (``config.urls``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from casereview.accounts import permissions, services
from casereview.accounts.models import Board
from casereview.accounts.permissions import board_view, signed_in_user, staff_view
from casereview.audit.actors import Actor
from casereview.cases import access as case_access
from casereview.cases.dashboard import case_rows
from casereview.cases.forms import CaseFilterForm
from casereview.pages.administrator_tasks import administrator_tasks


@staff_view
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    all_boards = permissions.visible_boards(user).order_by("name") if user.is_panel_member else None
    tasks = administrator_tasks() if permissions.is_administrator(user) else None
    return render(
        request,
        "pages/dashboard.html",
        {
            "administrator_tasks": tasks,
            "boards": permissions.roles_by_board(user),
            "national_roles": permissions.national_roles(user),
            "all_boards": all_boards,
            "page_title": "Dashboard",
        },
    )


@board_view
@require_safe
def board_dashboard(request: HttpRequest, board: Board) -> HttpResponse:
    services.board_viewed(Actor.from_request(request), board)
    memberships = board.memberships.select_related("user").order_by("user__full_name", "role")
    filters = CaseFilterForm(request.GET or None)
    cases = case_access.visible_cases(request.user).filter(board=board).select_related("board")
    return render(
        request,
        "pages/board.html",
        {
            "board": board,
            "memberships": memberships,
            "your_roles": [m for m in memberships if m.user_id == request.user.pk],
            "case_rows": case_rows(cases, timezone.localdate(), **filters.values()),
            "case_filter_form": filters,
            "may_notify": case_access.may_notify(request.user, board),
            "page_title": board.name,
        },
    )


urlpatterns = [
    path("dashboard/", dashboard, name="dashboard"),
    path("boards/<slug:slug>/", board_dashboard, name="board"),
]
