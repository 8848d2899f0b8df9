"""The national view of recommendations: recommendations per review year by year, shares by
mechanism, addressee and level, the most-repeated groups, filters, CSV downloads; small numbers
suppressed for everyone (DESIGN §6) and only the reviews the reader may see counted."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from casereview.accounts.models import Board, Region
from casereview.learning.filters import Filters
from casereview.learning.recommendations import RecommendationFigures, Share, recommendation_figures
from casereview.learning.suppression import FEWER_THAN, NOT_SHOWN, Number
from casereview.learning.views import bars
from casereview.recommendations.models import Recommendation
from casereview.repository.models import Document, DocumentFacet, Status
from tests.conftest import Personas, signed_in_client

pytestmark = pytest.mark.django_db

_made = itertools.count(1)


def review(
    year: int | None,
    recommendations: int = 0,
    *,
    published: bool = True,
    board: Board | None = None,
    board_name: str = "",
    abuse: Sequence[str] = (),
    mechanism: str = "A2",
    addressees: Sequence[str] = ("police",),
    level: str = "single agency",
    cluster: int | None = None,
    text: str = "",
    status: str = Status.STORED,
) -> Document:
    """A fictional review with ``recommendations`` coded alike, and the facets search keeps."""
    number = next(_made)
    document = Document.objects.create(
        sha256=hashlib.sha256(f"review {number}".encode()).hexdigest(),
        original_filename=f"review-{number}.pdf",
        stored_name=f"review-{number}.pdf",
        format="pdf",
        size_bytes=1000,
        page_count=10,
        status=status,
        board=board,
        board_name=board.name if board else board_name,
        is_published=published,
        year_published=year,
        title=f"Fictional review {number}",
    )
    facets = [("abuse_type", kind) for kind in abuse]
    if board is not None:
        facets.append(("region", board.region))
    DocumentFacet.objects.bulk_create(
        DocumentFacet(document=document, name=name, value=value) for name, value in facets
    )
    Recommendation.objects.bulk_create(
        Recommendation(
            document=document,
            position=position,
            text=text or f"Recommendation {position} of review {number}.",
            machine_mechanism=mechanism,
            mechanism=mechanism,
            addressees=list(addressees),
            level=level,
            cluster=cluster,
        )
        for position in range(1, recommendations + 1)
    )
    return document


def figures(**filters: Any) -> RecommendationFigures:
    return recommendation_figures(Document.objects.all(), Filters(**filters))


def page(client: Client | None = None, **params: str) -> Any:
    return (client or Client()).get(reverse("learning:recommendations"), params)


def download(client: Client | None = None, **params: str) -> list[list[str]]:
    response = (client or Client()).get(reverse("learning:recommendations-csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="recommendations-')
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


# --- published numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (1, FEWER_THAN), (4, FEWER_THAN), (5, "5"), (1234, "1,234")]
)
def test_counts_from_1_to_4_are_shown_as_fewer_than_5(value: int, shown: str) -> None:
    assert str(Number(value)) == shown


def test_a_share_of_a_small_count_or_of_a_small_total_is_not_shown() -> None:
    assert str(Share(Number(4), Number(100))) == NOT_SHOWN
    assert str(Share(Number(0), Number(3))) == NOT_SHOWN
    assert str(Share(Number(5), Number(40))) == "12.5%"
    assert str(Share(Number(0), Number(40))) == "0.0%"
    assert str(Share(Number(0), Number(0))) == "—"


def test_percentages_round_half_up() -> None:
    # 1/8 = 12.5% exactly; 5/400 = 1.25% rounds to 1.3 (not to the even 1.2).
    assert Share(Number(5), Number(400)).percent == Decimal("1.3")


# --- recommendations per review -------------------------------------------------------------------


@pytest.fixture
def six_reviews_in_2019(db: None) -> None:
    for count in (0, 2, 10, 12, 30, 60):
        review(2019, count)
    review(2020, 5)
    review(2020, 5)


def test_each_year_gives_reviews_recommendations_mean_and_median(six_reviews_in_2019: None) -> None:
    result = figures()

    year = result.years[0]
    assert (year.label, year.reviews.value, year.recommendations.value) == ("2019", 6, 114)
    assert (year.mean, year.median) == (Decimal("19.0"), Decimal("11.0"))
    assert [band.value for band in year.bands] == [1, 2, 1, 1, 1]
    assert (result.reviews.value, result.recommendations.value) == (8, 124)


def test_the_mean_and_median_of_fewer_than_5_reviews_are_not_shown(
    six_reviews_in_2019: None,
) -> None:
    year_2020 = figures().years[1]

    assert str(year_2020.reviews) == FEWER_THAN
    assert str(year_2020.recommendations) == "10"
    assert year_2020.mean is None and year_2020.median is None
    assert year_2020.mean_text == NOT_SHOWN


def test_reviews_with_no_year_come_last_and_a_review_waiting_for_ocr_is_left_out(db: None) -> None:
    for _ in range(5):
        review(None, 3)
    review(2021, 20)
    review(2021, 0, status=Status.NEEDS_OCR)

    result = figures()

    assert [year.label for year in result.years] == ["2021", "Year not known"]
    assert result.reviews.value == 6


def test_the_page_shows_the_denominators_and_suppresses_small_numbers(
    six_reviews_in_2019: None,
) -> None:
    response = page()

    html = response.content.decode()
    assert response.status_code == 200
    assert "All reviews: 8 reviews making 124 recommendations." in html
    assert FEWER_THAN in html and NOT_SHOWN in html
    # Each chart is hidden from assistive technology: its table carries the same figures.
    assert html.count('<svg aria-hidden="true"') == 5
    assert html.count('<table class="govuk-table') >= 5


def test_the_page_says_so_when_no_review_matches(db: None) -> None:
    html = page().content.decode()

    assert "No reviews match these filters." in html
    assert "All reviews: 0 reviews making 0 recommendations." in html


# --- shares by code -------------------------------------------------------------------------------


@pytest.fixture
def coded_reviews(db: None) -> None:
    review(2020, 30, mechanism="A2", addressees=("police", "health.gp"), level="multi-agency")
    review(2020, 10, mechanism="A1", addressees=("police",), level="single agency")
    review(2021, 3, mechanism="A11", addressees=(), level="national")
    review(2021, 7, mechanism="A4", addressees=("childrens_social_care",), level="single agency")


def test_mechanism_shares_are_out_of_every_recommendation(coded_reviews: None) -> None:
    shares = {item.code: item for item in figures().mechanisms}

    assert len(shares) == 11  # every mechanism, with or without recommendations
    assert (shares["A2"].count.value, str(shares["A2"].share)) == (30, "60.0%")
    assert (str(shares["A1"].count), str(shares["A1"].share)) == ("10", "20.0%")
    assert (str(shares["A11"].count), str(shares["A11"].share)) == (FEWER_THAN, NOT_SHOWN)
    assert (str(shares["A9"].count), str(shares["A9"].share)) == ("0", "0.0%")
    assert shares["A2"].label == "A2: Training or awareness"


def test_a_recommendation_counts_for_each_addressee_it_names(coded_reviews: None) -> None:
    result = figures()
    shares = {item.code: item for item in result.addressees}

    assert str(shares["police"].share) == "80.0%"
    assert str(shares["health.gp"].share) == "60.0%"
    assert shares["health.gp"].label == "Health — GP and primary care"
    assert shares["health.camhs"].label == "Health — CAMHS"
    assert sum(item.share.percent or 0 for item in result.addressees) > 100
    assert (result.several_addressees.value, str(result.without_addressee)) == (30, FEWER_THAN)


def test_levels_have_their_shares_too(coded_reviews: None) -> None:
    shares = {item.code: item for item in figures().levels}

    assert str(shares["single agency"].share) == "34.0%"
    assert str(shares["national"].count) == FEWER_THAN


def test_the_addressee_section_says_shares_add_up_to_more_than_100(coded_reviews: None) -> None:
    html = page().content.decode()

    assert "the shares add up to more than 100%" in html
    assert "Recommendations by addressee, out of 50" in html


# --- the most-repeated groups ---------------------------------------------------------------------


def test_the_groups_made_in_most_reviews_come_first_with_their_years(db: None) -> None:
    for year in (2016, 2018, 2021):
        review(year, 1, cluster=7, text=f"Train staff on bruising ({year}).")
    review(2019, 2, cluster=9, text="Share information with schools.")
    review(2020, 1, cluster=9, text="Share information with schools.")
    review(2020, 4, cluster=11, text="Made many times in one review only.")

    groups = figures().groups

    assert [group.cluster for group in groups] == [7, 9]
    first = groups[0]
    assert (first.reviews.value, first.first_year, first.last_year) == (3, 2016, 2021)
    assert first.example == "Train staff on bruising (2016)."
    assert str(first.reviews) == FEWER_THAN


def test_a_groups_example_comes_from_a_published_review_where_there_is_one(
    personas: Personas,
) -> None:
    review(2016, 1, cluster=3, published=False, board=personas.board_a, text="Restricted words.")
    review(2018, 1, cluster=3, text="Published words.")
    panel = signed_in_client(personas.priya)

    assert "Published words." in page(panel).content.decode()
    assert "Restricted words." not in page(panel).content.decode()


def test_each_group_links_to_its_page(db: None) -> None:
    review(2016, 1, cluster=5, text="Train staff.")
    review(2018, 1, cluster=5, text="Train staff.")

    html = page().content.decode()

    assert reverse("recommendations:cluster", kwargs={"pk": 5}) in html


# --- filters --------------------------------------------------------------------------------------


@pytest.fixture
def boards(db: None) -> tuple[Board, Board]:
    london = Board.objects.create(
        name="Thornbury Partnership", slug="thornbury", region=Region.LONDON
    )
    north = Board.objects.create(
        name="Fellside Partnership", slug="fellside", region=Region.NORTH_EAST
    )
    review(2018, 10, board=london, abuse=("neglect",))
    review(2019, 20, board=london, abuse=("neglect", "physical"))
    review(2021, 40, board=north, abuse=("sexual",))
    review(2022, 80, board_name="A board only named in the text")
    return london, north


def count(**filters: Any) -> int:
    return figures(**filters).recommendations.value


def test_a_year_range_takes_in_both_whole_years(boards: tuple[Board, Board]) -> None:
    assert count(year_from=2019, year_to=2021) == 60
    assert count(year_from=2021) == 120
    assert count(year_to=2018) == 10


def test_the_board_region_and_abuse_type_filters_pick_their_reviews(
    boards: tuple[Board, Board],
) -> None:
    assert count(board="Thornbury Partnership") == 30
    assert count(board="A board only named in the text") == 80
    assert count(region=Region.NORTH_EAST) == 40
    assert count(abuse_type="neglect") == 30
    assert count(abuse_type="neglect", year_from=2019) == 20


def test_the_page_filters_and_says_which_reviews_it_counts(boards: tuple[Board, Board]) -> None:
    response = page(year_from="2019", region="london", abuse_type="neglect")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Reviews published from 2019 onwards, by boards in London, with neglect among their "
        f"abuse types: {FEWER_THAN} reviews making 20 recommendations." in html
    )
    assert "Fellside Partnership</option>" in html  # the board list offers every board


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year_from": "19"}, "The first year must be a year with 4 numbers, like 2019"),
        ({"year_to": "1850"}, "The last year must be between 1970 and"),
        (
            {"year_from": "2021", "year_to": "2019"},
            "The last year must be the same as or after the first year",
        ),
        ({"board": "No Such Partnership"}, "Select a board from the list"),
        ({"region": "atlantis"}, "Select a region from the list"),
        ({"abuse_type": "spite"}, "Select an abuse type from the list"),
    ],
)
def test_a_filter_that_makes_no_sense_is_refused_in_plain_english(
    boards: tuple[Board, Board], params: dict[str, str], message: str
) -> None:
    response = page(**params)

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert message in html
    assert "Correct the filters to see the figures." in html


# --- who sees what --------------------------------------------------------------------------------


@pytest.fixture
def restricted_on_board_a(personas: Personas) -> None:
    review(2020, 10)
    review(2020, 7, published=False, board=personas.board_a)


def test_the_public_counts_published_reviews_only(restricted_on_board_a: None) -> None:
    html = page().content.decode()

    assert "All reviews: 0 reviews" not in html
    assert f"All reviews: {FEWER_THAN} reviews making 10 recommendations." in html
    assert "unpublished" not in html


def test_a_board_member_sees_their_boards_unpublished_reviews_counted_and_is_warned(
    personas: Personas, restricted_on_board_a: None
) -> None:
    alice = signed_in_client(personas.alice)

    html = page(alice).content.decode()

    assert f"{FEWER_THAN} reviews making 17 recommendations." in html
    assert f"These figures include {FEWER_THAN} unpublished reviews" in html


def test_another_boards_member_does_not_see_them(
    personas: Personas, restricted_on_board_a: None
) -> None:
    charlie = signed_in_client(personas.charlie)

    assert "making 10 recommendations." in page(charlie).content.decode()


def test_the_public_cannot_filter_by_a_board_known_only_from_unpublished_reviews(
    personas: Personas, restricted_on_board_a: None
) -> None:
    response = page(board=personas.board_a.name)

    assert response.status_code == 400
    assert "Select a board from the list" in response.content.decode()
    alice = signed_in_client(personas.alice)
    assert page(alice, board=personas.board_a.name).status_code == 200


# --- downloads ------------------------------------------------------------------------------------


def test_the_years_download_has_a_row_per_year_then_all_years(six_reviews_in_2019: None) -> None:
    rows = download()

    assert rows[0][:5] == [
        "year_published",
        "reviews",
        "recommendations",
        "mean_per_review",
        "median_per_review",
    ]
    assert rows[0][5:] == [
        "reviews_with_0_recommendations",
        "reviews_with_1_to_10_recommendations",
        "reviews_with_11_to_25_recommendations",
        "reviews_with_26_to_50_recommendations",
        "reviews_with_51_or_more_recommendations",
    ]
    assert rows[1][:5] == ["2019", "6", "114", "19.0", "11.0"]
    assert rows[1][5:] == [FEWER_THAN] * 5
    assert rows[2][:5] == ["2020", FEWER_THAN, "10", NOT_SHOWN, NOT_SHOWN]
    assert rows[3][:3] == ["all years", "8", "124"]


def test_the_mechanism_download_states_its_denominator(coded_reviews: None) -> None:
    rows = download(table="mechanisms")

    assert rows[0] == [
        "mechanism_code",
        "mechanism",
        "recommendations",
        "all_recommendations",
        "percent_of_all_recommendations",
    ]
    assert ["A2", "A2: Training or awareness", "30", "50", "60.0"] in rows
    assert ["A11", "A11: National policy or legislation", FEWER_THAN, "50", NOT_SHOWN] in rows


def test_the_downloads_take_the_pages_filters(boards: tuple[Board, Board]) -> None:
    rows = download(table="addressees", region="north-east")

    police = next(row for row in rows if row[0] == "police")
    assert police[2:] == ["40", "40", "100.0"]


def test_text_a_spreadsheet_would_run_as_a_formula_is_made_safe(db: None) -> None:
    formula = '=HYPERLINK("http://example.org","click")'
    review(2016, 1, cluster=4, text=formula)
    review(2018, 1, cluster=4, text=formula)

    rows = download(table="groups")

    assert rows[0][:2] == ["group_id", "example_recommendation"]
    assert rows[1][:2] == ["4", "'" + formula]
    assert rows[1][-1] == reverse("recommendations:cluster", kwargs={"pk": 4})


def test_a_download_with_a_bad_filter_or_table_is_refused(boards: tuple[Board, Board]) -> None:
    url = reverse("learning:recommendations-csv")

    bad_year = Client().get(url, {"year_from": "next year"})
    bad_table = Client().get(url, {"table": "everything"})

    assert bad_year.status_code == 400
    assert "The first year must be a year with 4 numbers" in bad_year.content.decode()
    assert bad_table.status_code == 400
    assert "table must be years, mechanisms, addressees, levels or groups" in (
        bad_table.content.decode()
    )


def test_each_download_is_linked_from_the_page_with_the_filters(
    boards: tuple[Board, Board],
) -> None:
    html = page(region="london").content.decode()

    for table in ("years", "mechanisms", "addressees", "levels", "groups"):
        assert f"{reverse('learning:recommendations-csv')}?table={table}&amp;region=london" in html
    # A table asked of the page itself is not passed on to the downloads beside the filters.
    assert "table=groups&amp;table" not in page(table="groups", region="london").content.decode()


# --- charts ---------------------------------------------------------------------------------------


def test_bars_are_scaled_to_the_largest_and_a_hidden_figure_draws_no_bar() -> None:
    drawn = bars([("a", 50), ("b", 25), ("c", None), ("d", 0)])

    assert [bar.width for bar in drawn] == ["100.00", "50.00", "0", "0"]
