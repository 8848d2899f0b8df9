"""The national panel's dashboard: every board's timeliness, the overdue clocks across boards,
the latest decisions, and the figures as CSV.

National panel members only (``permissions.panel_view``): everyone else signed in gets a 404.
Every view and download is recorded in the audit trail, since the page lists cases from every
board. The figures themselves are ``cases.national``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import cast

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_safe

from casereview.accounts.forms import YearRangeForm
from casereview.accounts.models import Region
from casereview.accounts.permissions import panel_view
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.cases import national
from casereview.cases.rules import Regime

# Cases go back to 2008 (the rules table starts then); a year before that is a typing mistake.
EARLIEST_YEAR = 2008

# The overdue clocks the page lists before pointing to the download: a long scroll is not a
# way to read hundreds of rows, and the download has them all.
OVERDUE_SHOWN = 100

REGIME_CHOICES = [
    ("", "Both regimes"),
    (Regime.CSPR.value, "Child safeguarding practice reviews (CSPR)"),
    (Regime.SCR.value, "Serious case reviews (SCR)"),
]


class NationalFilterForm(YearRangeForm):
    """The GET form above the figures. Every field is optional; blank means any."""

    earliest_year = EARLIEST_YEAR
    region = forms.ChoiceField(
        required=False,
        choices=[("", "All regions"), *Region.choices],
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    regime = forms.ChoiceField(
        required=False,
        choices=REGIME_CHOICES,
        error_messages={"invalid_choice": "Select a regime from the list"},
    )

    def filters(self) -> national.Filters:
        """The filters asked for; call only once the form is valid (or unbound: no filters)."""
        if not self.is_bound:
            return national.Filters()
        data = self.cleaned_data
        return national.Filters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            region=data.get("region") or "",
            regime=data.get("regime") or "",
        )


@panel_view
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    form = NationalFilterForm(request.GET or None)
    figures = None
    if not form.is_bound or form.is_valid():
        filters = form.filters()
        record(
            Action.NATIONAL_VIEWED,
            request=request,
            summary=f"Viewed the national timeliness dashboard: {filters.in_words()}",
            data={"filters": filters.describe()},
        )
        figures = national.national_figures(filters, timezone.localdate())
    return render(
        request,
        "cases/national.html",
        {
            "page_title": ("Error: " if form.errors else "") + "National timeliness",
            "form": form,
            "figures": figures,
            "overdue_shown": figures.overdue[:OVERDUE_SHOWN] if figures else [],
            # The downloads take the same filters as the page.
            "query": request.GET.urlencode(),
        },
    )


Rows = Callable[[national.NationalFigures], Iterable[Sequence[str | int]]]


def _download(request: HttpRequest, what: str, header: Sequence[str], rows: Rows) -> HttpResponse:
    form = NationalFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A download that quietly dropped an invalid filter would hand over more than was asked.
        problems = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        message = f"Check the filters on the national dashboard: {problems}"
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    filters = form.filters()
    record(
        Action.NATIONAL_EXPORTED,
        request=request,
        summary=f"Downloaded the national {what.replace('-', ' ')} as CSV: {filters.in_words()}",
        data={"filters": filters.describe(), "download": what},
    )
    figures = national.national_figures(filters, timezone.localdate())
    response = StreamingHttpResponse(
        national.csv_lines(header, rows(figures)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="national-{what}-{stamp}.csv"'
    # The access decorators are typed for HttpResponse; Django serves both kinds alike.
    return cast(HttpResponse, response)


@panel_view
@require_safe
def export_figures(request: HttpRequest) -> HttpResponse:
    return _download(request, "timeliness", national.FIGURES_HEADER, national.figure_rows)


@panel_view
@require_safe
def export_overdue(request: HttpRequest) -> HttpResponse:
    return _download(request, "overdue-clocks", national.OVERDUE_HEADER, national.overdue_rows)


urlpatterns: list[URLPattern] = [
    path("national/", dashboard, name="national"),
    path("national/timeliness.csv", export_figures, name="national-export"),
    path("national/overdue.csv", export_overdue, name="national-overdue-export"),
]
