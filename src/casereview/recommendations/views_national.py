"""The national view of recommendations: the figures of ``recommendations.national`` on a public
page with a filter form, a chart beside each table, and each table as CSV.

Public (DESIGN §2: anyone may browse statistics and download data). The reviews counted are those
the reader may see (``permissions.visible_documents``): the public, published reviews only; staff
also their boards' unpublished ones, and the page says how many of those it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils import timezone
from django.views.decorators.http import require_safe

from casereview.accounts import permissions
from casereview.accounts.forms import YearRangeForm
from casereview.cases.national import csv_lines
from casereview.recommendations import national
from casereview.recommendations.national import BAND_LABELS, FACET_FILTERS, Filters
from casereview.repository.forms import EARLIEST_YEAR


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


class RecommendationFilterForm(YearRangeForm):
    """The GET form above the figures. Every field is optional; blank means any."""

    earliest_year = EARLIEST_YEAR
    board = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Select a board from the list"}
    )

    def __init__(self, data: Any = None, *, boards: Iterable[str] = ()) -> None:
        super().__init__(data)
        board = cast(forms.ChoiceField, self.fields["board"])
        board.choices = [("", "All boards"), *((name, name) for name in boards)]
        for facet in FACET_FILTERS:
            self.fields[facet.field] = forms.ChoiceField(
                required=False,
                choices=[("", facet.every), *facet.choices],
                error_messages={
                    "invalid_choice": f"Select {_article(facet.title.lower())} from the list"
                },
            )

    def filters(self) -> Filters:
        """The filters asked for; call only once the form is valid (or unbound: no filters)."""
        if not self.is_bound:
            return Filters()
        data = self.cleaned_data
        return Filters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            board=data.get("board") or "",
            **{facet.field: data.get(facet.field) or "" for facet in FACET_FILTERS},
        )

    def problems(self) -> str:
        return "; ".join(str(error) for errors in self.errors.values() for error in errors)


# --- charts ---------------------------------------------------------------------------------------


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


def _shown(number: national.Number) -> int | None:
    return None if number.suppressed else number.value


def _per_review(item: national.PerReview) -> str:
    return "average not shown" if item.mean is None else f"{item.mean_text} per review"


def charts(figures: national.RecommendationFigures) -> dict[str, list[Bar]]:
    """The page's charts; the table beside each carries the same figures for everyone."""

    def by_code(shares: list[national.CodeShare]) -> list[Bar]:
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


# --- the views ------------------------------------------------------------------------------------


def _form(request: HttpRequest) -> tuple[RecommendationFilterForm, Any, str]:
    """The filter form (unbound when nothing was asked for), the documents the reader may see,
    and the filters as a query string (without the download's ``table``)."""
    visible = permissions.visible_documents(request.user)
    data = request.GET.copy()
    data.pop("table", None)
    form = RecommendationFilterForm(data or None, boards=national.board_names(visible))
    return form, visible, data.urlencode()


@require_safe
def national_view(request: HttpRequest) -> HttpResponse:
    form, visible, query = _form(request)
    figures = None
    if not form.is_bound or form.is_valid():
        figures = national.recommendation_figures(visible, form.filters())
    return render(
        request,
        "recommendations/national.html",
        {
            "page_title": ("Error: " if form.errors else "") + "Recommendations across reviews",
            "form": form,
            "facet_filters": FACET_FILTERS,
            "figures": figures,
            "charts": charts(figures) if figures else {},
            "band_labels": BAND_LABELS,
            "repeated_in": national.REPEATED_IN,
            "top_groups": national.TOP_GROUPS,
            # The downloads take the same filters as the page.
            "query": query,
            "tables": DOWNLOADS,
        },
        status=400 if form.errors else 200,
    )


Rows = Callable[[national.RecommendationFigures], tuple[list[str], list[list[str | int]]]]


@dataclass(frozen=True)
class Download:
    name: str
    """The ``table`` parameter and part of the file name."""
    title: str
    rows: Rows


DOWNLOADS: Final = (
    Download("years", "recommendations per review, by year", national.year_rows),
    Download("mechanisms", "recommendations by mechanism", national.mechanism_rows),
    Download("addressees", "recommendations by addressee", national.addressee_rows),
    Download("levels", "recommendations by level", national.level_rows),
    Download("groups", "the most-repeated recommendations", national.group_rows),
)
TABLES: Final = {download.name: download for download in DOWNLOADS}


def _bad_request(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


@require_safe
def national_csv(request: HttpRequest) -> HttpResponse:
    """One table of the page as CSV (``?table=``; by year when not given), with its filters."""
    download = TABLES.get(request.GET.get("table") or DOWNLOADS[0].name)
    if download is None:
        names = [item.name for item in DOWNLOADS]
        return _bad_request(
            f"Choose which figures to download: table must be {', '.join(names[:-1])} "
            f"or {names[-1]}"
        )
    form, visible, _ = _form(request)
    if form.is_bound and not form.is_valid():
        # A download that quietly dropped an invalid filter would count other reviews.
        return _bad_request(f"Check the filters: {form.problems()}")
    figures = national.recommendation_figures(visible, form.filters())
    header, rows = download.rows(figures)
    response = HttpResponse(
        "".join(csv_lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="recommendations-{download.name}-{stamp}.csv"'
    )
    return response


urlpatterns: list[URLPattern] = [
    path("recommendations/national/", national_view, name="national"),
    path("recommendations/national.csv", national_csv, name="national_csv"),
]
