"""The national view of recommendations (DESIGN §5 and §6): how many each review makes, year by
year; their shares by mechanism, addressee and level; and the recommendations made again and
again (the recurrence clusters), for any set of reviews filtered by year published, board,
region and abuse type.

The page is public, so these are published statistics under the small-number rule
(``learning.suppression``): every count from 1 to 4 is shown as "fewer than 5", and any figure
worked out from such a count (a share, a mean, a median) is not shown. This holds for everyone,
signed in or not. Every figure says what it is out of (its denominator).

Counting happens in the database, in six queries whatever the number of recommendations: each
review's number of recommendations; the number for each mechanism and level; for each list of
addressees; the largest clusters; their years and examples; the examples' words. Which
documents count is the caller's business (``repository.access.visible_documents``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.urls import reverse

from casereview.analysis.coding import LEVELS, MECHANISM_CODES
from casereview.learning.downloads import CellValue
from casereview.learning.filters import FACET_FILTERS, Filters
from casereview.learning.suppression import NO_VALUE, NOT_SHOWN, Number, one_place
from casereview.recommendations import coding
from casereview.recommendations.models import Recommendation
from casereview.recommendations.vocabulary import mechanism_label
from casereview.repository.models import Document, DocumentFacet, Status

BANDS: Final = ((0, 0), (1, 10), (11, 25), (26, 50), (51, None))
"""Reviews grouped by how many recommendations they make (lowest, highest; None: no limit).
Around the published finding of 47 a review on average (DESIGN §1 and issue 5): a
review with none, a short list, a typical one, and the long lists past 50."""

TOP_GROUPS: Final = 10
"""How many of the most-repeated clusters the page lists (the download has the same ones)."""
REPEATED_IN: Final = 2
"""A cluster counts as repeated once its recommendations come from at least two reviews."""

NOT_CODED: Final = "Not coded"


def filter_documents(documents: QuerySet[Document], filters: Filters) -> QuerySet[Document]:
    """The reviews the figures cover, out of ``documents``: the filters of the recommendation form
    (years published, board, region, abuse type). A document still waiting for OCR
    has no text yet, so its lack of recommendations says nothing: it is left out."""
    documents = documents.exclude(status=Status.NEEDS_OCR)
    if filters.year_from is not None:
        documents = documents.filter(year_published__gte=filters.year_from)
    if filters.year_to is not None:
        documents = documents.filter(year_published__lte=filters.year_to)
    if filters.board:
        documents = documents.filter(board_name=filters.board)
    for facet in FACET_FILTERS:
        value = getattr(filters, facet.field)
        if value:
            documents = documents.filter(
                Exists(
                    DocumentFacet.objects.filter(
                        document=OuterRef("pk"), name=facet.facet, value=value
                    )
                )
            )
    return documents


def board_names(documents: QuerySet[Document]) -> list[str]:
    """The boards named on these documents, for the board filter."""
    names = (
        documents.exclude(board_name="")
        .order_by("board_name")
        .values_list("board_name", flat=True)
        .distinct()
    )
    return list(names)


# --- published numbers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """A count out of a denominator, as a percentage to one decimal place."""

    count: Number
    of: Number

    @property
    def withheld(self) -> bool:
        return self.count.suppressed or self.of.suppressed

    @property
    def percent(self) -> Decimal | None:
        if self.of.value == 0 or self.withheld:
            return None
        return one_place(Decimal(100 * self.count.value) / self.of.value)

    def __str__(self) -> str:
        if self.of.value == 0:
            return NO_VALUE
        return NOT_SHOWN if self.withheld else f"{self.percent}%"

    @property
    def cell(self) -> str:
        if self.of.value == 0:
            return ""
        return NOT_SHOWN if self.withheld else str(self.percent)


@dataclass(frozen=True)
class PerReview:
    """How many recommendations the reviews of one year (or of all years) make."""

    label: str
    year: int | None
    counts: tuple[int, ...]
    """Each review's number of recommendations."""

    @property
    def reviews(self) -> Number:
        return Number(len(self.counts))

    @property
    def recommendations(self) -> Number:
        return Number(sum(self.counts))

    @property
    def withheld(self) -> bool:
        """The mean and median would give away a count under 5."""
        return self.reviews.suppressed or self.recommendations.suppressed

    @property
    def mean(self) -> Decimal | None:
        if not self.counts or self.withheld:
            return None
        return one_place(Decimal(sum(self.counts)) / len(self.counts))

    @property
    def median(self) -> Decimal | None:
        if not self.counts or self.withheld:
            return None
        return one_place(Decimal(str(statistics.median(self.counts))))

    def _text(self, value: Decimal | None) -> str:
        if not self.counts:
            return NO_VALUE
        return NOT_SHOWN if value is None else f"{value:,}"

    @property
    def mean_text(self) -> str:
        return self._text(self.mean)

    @property
    def median_text(self) -> str:
        return self._text(self.median)

    @property
    def bands(self) -> list[Number]:
        """How many reviews fall in each of ``BANDS``."""
        return [
            Number(sum(1 for n in self.counts if low <= n and (high is None or n <= high)))
            for low, high in BANDS
        ]


def band_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return "No recommendations" if high == 0 else f"{low} to {high}"


BAND_LABELS: Final = tuple(band_label(low, high) for low, high in BANDS)


@dataclass(frozen=True)
class CodeShare:
    """One code (a mechanism, an addressee, a level): how many recommendations have it."""

    code: str
    label: str
    count: Number
    share: Share


@dataclass(frozen=True)
class RepeatedGroup:
    """A cluster of near-duplicate recommendations made in several of the reviews counted."""

    cluster: int
    example: str
    reviews: Number
    recommendations: Number
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class RecommendationFigures:
    filters: Filters
    overall: PerReview
    years: list[PerReview]
    """Oldest first; reviews with no year published last."""
    unpublished: Number
    """Reviews counted that are not published (only staff see any)."""
    mechanisms: list[CodeShare]
    addressees: list[CodeShare]
    without_addressee: Number
    several_addressees: Number
    levels: list[CodeShare]
    groups: list[RepeatedGroup]

    @property
    def reviews(self) -> Number:
        return self.overall.reviews

    @property
    def recommendations(self) -> Number:
        return self.overall.recommendations


# --- working them out -----------------------------------------------------------------------------


def per_review(rows: Iterable[tuple[int | None, int]]) -> tuple[PerReview, list[PerReview]]:
    """All years together and each year, from (year published, recommendations) per review."""
    by_year: dict[int | None, list[int]] = {}
    everything: list[int] = []
    for year, count in rows:
        by_year.setdefault(year, []).append(count)
        everything.append(count)
    years = sorted((year for year in by_year if year is not None), key=int)
    found = [PerReview(str(year), year, tuple(by_year[year])) for year in years]
    if None in by_year:
        found.append(PerReview("Year not known", None, tuple(by_year[None])))
    return PerReview("All years", None, tuple(everything)), found


def code_shares(
    counts: Counter[str], vocabulary: Sequence[tuple[str, str]], of: Number
) -> list[CodeShare]:
    """A row for every code of the vocabulary (0 included), in its order, then any other code
    found (coded before the vocabulary changed), then the recommendations without one."""
    labels = dict(vocabulary)
    codes = [code for code, _ in vocabulary]
    codes += sorted(code for code in counts if code and code not in labels)
    rows = [
        CodeShare(
            code, labels.get(code, code), Number(counts[code]), Share(Number(counts[code]), of)
        )
        for code in codes
    ]
    if counts[""]:
        rows.append(CodeShare("", NOT_CODED, Number(counts[""]), Share(Number(counts[""]), of)))
    return rows


def _capital(text: str) -> str:
    # Not str.capitalize(): that would turn "CAMHS" into "Camhs".
    return text[:1].upper() + text[1:]


def mechanism_vocabulary() -> list[tuple[str, str]]:
    return [(code, mechanism_label(code)) for code in MECHANISM_CODES]


def addressee_vocabulary() -> list[tuple[str, str]]:
    return [(code, _capital(label)) for code, label in coding.addressee_choices()]


def level_vocabulary() -> list[tuple[str, str]]:
    return [(level, _capital(level)) for level in LEVELS]


def repeated_groups(recommendations: QuerySet[Recommendation]) -> list[RepeatedGroup]:
    """The clusters made in the most reviews (then with the most recommendations), with their
    first and last years and the first wording stored from a published review (from any review
    counted if none is)."""
    # Ranking needs no years: leaving out the join to the documents keeps the one query that
    # reads every clustered recommendation light; the years come with the examples, for ten.
    top = list(
        recommendations.filter(cluster__isnull=False)
        .values("cluster")
        .annotate(reviews=Count("document_id", distinct=True), made=Count("pk"))
        .filter(reviews__gte=REPEATED_IN)
        .order_by("-reviews", "-made", "cluster")[:TOP_GROUPS]
    )
    if not top:
        return []
    details = {
        row["cluster"]: row
        for row in recommendations.filter(cluster__in=[row["cluster"] for row in top])
        .values("cluster")
        .annotate(
            published=Min("pk", filter=Q(document__is_published=True)),
            any=Min("pk"),
            first=Min("document__year_published"),
            last=Max("document__year_published"),
        )
    }
    examples = [row["published"] or row["any"] for row in details.values()]
    texts: dict[int, str] = dict(
        Recommendation.objects.filter(pk__in=examples).order_by().values_list("pk", "text")
    )
    groups = []
    for row in top:
        found = details[row["cluster"]]
        groups.append(
            RepeatedGroup(
                cluster=row["cluster"],
                example=texts.get(found["published"] or found["any"], ""),
                reviews=Number(row["reviews"]),
                recommendations=Number(row["made"]),
                first_year=found["first"],
                last_year=found["last"],
            )
        )
    return groups


def recommendation_figures(
    documents: QuerySet[Document], filters: Filters
) -> RecommendationFigures:
    """The figures for the reviews among ``documents`` (those the reader may see) that the
    filters pick."""
    reviews = filter_documents(documents, filters).order_by()
    rows = list(
        reviews.annotate(made=Count("recommendations")).values_list(
            "year_published", "is_published", "made"
        )
    )
    overall, years = per_review((year, made) for year, _, made in rows)
    unpublished = Number(sum(1 for _, published, _ in rows if not published))

    recommendations = Recommendation.objects.filter(document__in=reviews.values("pk")).order_by()
    mechanisms: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    for row in recommendations.values("mechanism", "level").annotate(made=Count("pk")):
        mechanisms[row["mechanism"]] += row["made"]
        levels[row["level"]] += row["made"]
    # A recommendation may name several addressees: count each list of addressees once (a few
    # thousand different lists at most) and share its count among the codes it names.
    addressees: Counter[str] = Counter()
    without_addressee = several = 0
    for row in recommendations.values("addressees").annotate(made=Count("pk")):
        named = set(row["addressees"] or [])
        for code in named:
            addressees[code] += row["made"]
        if not named:
            without_addressee += row["made"]
        elif len(named) > 1:
            several += row["made"]
    total = overall.recommendations
    return RecommendationFigures(
        filters=filters,
        overall=overall,
        years=years,
        unpublished=unpublished,
        mechanisms=code_shares(mechanisms, mechanism_vocabulary(), total),
        addressees=code_shares(addressees, addressee_vocabulary(), total),
        without_addressee=Number(without_addressee),
        several_addressees=Number(several),
        levels=code_shares(levels, level_vocabulary(), total),
        groups=repeated_groups(recommendations),
    )


# --- the CSV downloads ----------------------------------------------------------------------------


def year_rows(figures: RecommendationFigures) -> tuple[list[str], list[list[CellValue]]]:
    header = [
        "year_published",
        "reviews",
        "recommendations",
        "mean_per_review",
        "median_per_review",
        *(f"reviews_with_{_band_slug(low, high)}_recommendations" for low, high in BANDS),
    ]
    rows = []
    for item in [*figures.years, figures.overall]:
        year: CellValue = item.year if item.year is not None else item.label.lower()
        rows.append(
            [
                year,
                item.reviews.cell,
                item.recommendations.cell,
                _decimal_cell(item, item.mean),
                _decimal_cell(item, item.median),
                *(band.cell for band in item.bands),
            ]
        )
    return header, rows


def _decimal_cell(item: PerReview, value: Decimal | None) -> str:
    if not item.counts:
        return ""
    return NOT_SHOWN if value is None else str(value)


def _band_slug(low: int, high: int | None) -> str:
    if high is None:
        return f"{low}_or_more"
    return str(low) if low == high else f"{low}_to_{high}"


def _code_rows(
    what: str, shares: list[CodeShare], total: Number
) -> tuple[list[str], list[list[CellValue]]]:
    header = [
        f"{what}_code",
        what,
        "recommendations",
        "all_recommendations",
        "percent_of_all_recommendations",
    ]
    rows: list[list[CellValue]] = [
        [item.code, item.label, item.count.cell, total.cell, item.share.cell] for item in shares
    ]
    return header, rows


def mechanism_rows(figures: RecommendationFigures) -> tuple[list[str], list[list[CellValue]]]:
    return _code_rows("mechanism", figures.mechanisms, figures.recommendations)


def addressee_rows(figures: RecommendationFigures) -> tuple[list[str], list[list[CellValue]]]:
    # A recommendation may name several addressees, so the percentages add up to more than 100.
    return _code_rows("addressee", figures.addressees, figures.recommendations)


def level_rows(figures: RecommendationFigures) -> tuple[list[str], list[list[CellValue]]]:
    return _code_rows("level", figures.levels, figures.recommendations)


def group_rows(figures: RecommendationFigures) -> tuple[list[str], list[list[CellValue]]]:
    header = [
        "group_id",
        "example_recommendation",
        "reviews",
        "recommendations",
        "first_year",
        "last_year",
        "group_page",
    ]
    rows: list[list[CellValue]] = [
        [
            group.cluster,
            group.example,
            group.reviews.cell,
            group.recommendations.cell,
            group.first_year or "",
            group.last_year or "",
            reverse("recommendations:cluster", kwargs={"pk": group.cluster}),
        ]
        for group in figures.groups
    ]
    return header, rows
