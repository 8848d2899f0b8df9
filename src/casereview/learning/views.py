"""The pages of national figures, each with its filter form and its tables as CSV.

- National timeliness (``timeliness``): every board's timeliness, the overdue clocks across
  boards and the latest decisions. National panel members only (``permissions.panel_view``):
  everyone else signed in gets a 404. Every view and download is recorded in the audit trail,
  since the page lists cases from every board.
- Recommendations across reviews (``recommendations``): public (DESIGN §2: anyone may browse
  statistics and download data). The reviews counted are those the reader may see
  (``repository.access.visible_documents``): the public, published reviews only; staff also
  their boards' unpublished ones, and the page says how many of those it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from casereview.accounts.permissions import panel_view
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.learning import recommendations, timeliness
from casereview.learning.downloads import CellValue, bad_request, csv_download
from casereview.learning.filters import FACET_FILTERS
from casereview.learning.forms import RecommendationFilterForm, TimelinessFilterForm
from casereview.learning.recommendations import BAND_LABELS
from casereview.learning.suppression import Number
from casereview.repository.access import visible_documents

# --- national timeliness --------------------------------------------------------------------------

# The overdue clocks the page lists before pointing to the download: a long scroll is not a
# way to read hundreds of rows, and the download has them all.
OVERDUE_SHOWN = 100


@panel_view
@require_safe
def timeliness_page(request: HttpRequest) -> HttpResponse:
    form = TimelinessFilterForm(request.GET or None)
    figures = None
    if not form.is_bound or form.is_valid():
        filters = form.filters()
        record(
            Action.NATIONAL_VIEWED,
            actor=Actor.from_request(request),
            summary=f"Viewed the national timeliness dashboard: {filters.cases_in_words()}",
            data={"filters": filters.describe()},
        )
        figures = timeliness.national_figures(filters, timezone.localdate())
    return render(
        request,
        "learning/timeliness.html",
        {
            "page_title": ("Error: " if form.errors else "") + "National timeliness",
            "form": form,
            "figures": figures,
            "overdue_shown": figures.overdue[:OVERDUE_SHOWN] if figures else [],
            # The downloads take the same filters as the page.
            "query": request.GET.urlencode(),
        },
    )


TimelinessRows = Callable[[timeliness.NationalFigures], Iterable[Sequence[CellValue]]]


def _timeliness_download(
    request: HttpRequest, what: str, header: Sequence[str], rows: TimelinessRows
) -> HttpResponse:
    form = TimelinessFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # A download that quietly dropped an invalid filter would hand over more than was asked.
        return bad_request(f"Check the filters on the national dashboard: {form.problems()}")
    filters = form.filters()
    record(
        Action.NATIONAL_EXPORTED,
        actor=Actor.from_request(request),
        summary=(
            f"Downloaded the national {what.replace('-', ' ')} as CSV: {filters.cases_in_words()}"
        ),
        data={"filters": filters.describe(), "download": what},
    )
    figures = timeliness.national_figures(filters, timezone.localdate())
    return csv_download(f"national-{what}", header, rows(figures))


@panel_view
@require_safe
def timeliness_csv(request: HttpRequest) -> HttpResponse:
    return _timeliness_download(
        request, "timeliness", timeliness.FIGURES_HEADER, timeliness.figure_rows
    )


@panel_view
@require_safe
def overdue_csv(request: HttpRequest) -> HttpResponse:
    return _timeliness_download(
        request, "overdue-clocks", timeliness.OVERDUE_HEADER, timeliness.overdue_rows
    )


# --- recommendations across reviews: charts -------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: its words (label and figure) and its length, as a percentage of the
    chart's width (0 for a figure not shown)."""

    text: str
    width: str


def bars(items: Sequence[tuple[str, Decimal | int | None]]) -> list[Bar]:
    """Bars scaled to the largest value, from (words, value or None when not shown)."""
    largest = max((value for _, value in items if value is not None), default=0)
    return [
        Bar(
            text,
            "0" if not value or not largest else f"{Decimal(100) * value / largest:.2f}",
        )
        for text, value in items
    ]


def _shown(number: Number) -> int | None:
    return None if number.suppressed else number.value


def _per_review(item: recommendations.PerReview) -> str:
    return "average not shown" if item.mean is None else f"{item.mean_text} per review"


def charts(figures: recommendations.RecommendationFigures) -> dict[str, list[Bar]]:
    """The page's charts; the table beside each carries the same figures for everyone."""

    def by_code(shares: list[recommendations.CodeShare]) -> list[Bar]:
        return bars(
            [(f"{item.label}: {item.count} ({item.share})", _shown(item.count)) for item in shares]
        )

    return {
        "mean_by_year": bars(
            [
                (f"{item.label}: {_per_review(item)} ({item.reviews} reviews)", item.mean)
                for item in figures.years
            ]
        ),
        "bands": bars(
            [
                (f"{label}: {count} reviews", _shown(count))
                for label, count in zip(BAND_LABELS, figures.overall.bands, strict=True)
            ]
        ),
        "mechanisms": by_code(figures.mechanisms),
        "addressees": by_code(figures.addressees),
        "levels": by_code(figures.levels),
    }


# --- recommendations across reviews: the page and its downloads ----------------------------------


def _recommendation_form(request: HttpRequest) -> tuple[RecommendationFilterForm, Any, str]:
    """The filter form (unbound when nothing was asked for), the documents the reader may see,
    and the filters as a query string (without the download's ``table``)."""
    visible = visible_documents(request.user)
    data = request.GET.copy()
    data.pop("table", None)
    form = RecommendationFilterForm(data or None, boards=recommendations.board_names(visible))
    return form, visible, data.urlencode()


@require_safe
def recommendations_page(request: HttpRequest) -> HttpResponse:
    form, visible, query = _recommendation_form(request)
    figures = None
    if not form.is_bound or form.is_valid():
        figures = recommendations.recommendation_figures(visible, form.filters())
    return render(
        request,
        "learning/recommendations.html",
        {
            "page_title": ("Error: " if form.errors else "") + "Recommendations across reviews",
            "form": form,
            "facet_filters": FACET_FILTERS,
            "figures": figures,
            "charts": charts(figures) if figures else {},
            "band_labels": BAND_LABELS,
            "repeated_in": recommendations.REPEATED_IN,
            "top_groups": recommendations.TOP_GROUPS,
            # The downloads take the same filters as the page.
            "query": query,
            "tables": DOWNLOADS,
        },
        status=400 if form.errors else 200,
    )


RecommendationRows = Callable[
    [recommendations.RecommendationFigures], tuple[list[str], list[list[CellValue]]]
]


@dataclass(frozen=True)
class Download:
    name: str
    """The ``table`` parameter and part of the file name."""
    title: str
    rows: RecommendationRows


DOWNLOADS: Final = (
    Download("years", "recommendations per review, by year", recommendations.year_rows),
    Download("mechanisms", "recommendations by mechanism", recommendations.mechanism_rows),
    Download("addressees", "recommendations by addressee", recommendations.addressee_rows),
    Download("levels", "recommendations by level", recommendations.level_rows),
    Download("groups", "the most-repeated recommendations", recommendations.group_rows),
)
TABLES: Final = {download.name: download for download in DOWNLOADS}


@require_safe
def recommendations_csv(request: HttpRequest) -> HttpResponse:
    """One table of the page as CSV (``?table=``; by year when not given), with its filters."""
    download = TABLES.get(request.GET.get("table") or DOWNLOADS[0].name)
    if download is None:
        names = [item.name for item in DOWNLOADS]
        return bad_request(
            f"Choose which figures to download: table must be {', '.join(names[:-1])} "
            f"or {names[-1]}"
        )
    form, visible, _ = _recommendation_form(request)
    if form.is_bound and not form.is_valid():
        # A download that quietly dropped an invalid filter would count other reviews.
        return bad_request(f"Check the filters: {form.problems()}")
    figures = recommendations.recommendation_figures(visible, form.filters())
    header, rows = download.rows(figures)
    return csv_download(f"recommendations-{download.name}", header, rows)
