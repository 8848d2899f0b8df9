"""The region filter covers every review whose board the service knows: the region is the one
on the board's record, found from the board the review names (or, for a review from before
2019, the Local Safeguarding Children Board of the same local authority area), and it follows
the record when the board is added or its region changed."""

from __future__ import annotations

from typing import Any

import pytest

from casereview.accounts.models import Board, Region
from casereview.accounts.services import create_board, update_board
from casereview.audit.actors import Actor
from casereview.repository.models import Document, DocumentFacet
from casereview.repository.search import search
from casereview.repository.services import region_for_board_name
from tests.factories import BoardFactory
from tests.repository.conftest import add_document

pytestmark = pytest.mark.django_db


def review(number: int, board_name: str) -> Document:
    return add_document(
        f"Neglect was recognised late in review {number}.",
        title=f"Review {number}",
        name=f"review-{number}.txt",
        record={"board": board_name},
    )


def regions() -> dict[str, int]:
    return {v.value: v.count for v in search("neglect").facets["region"]}


def board_values(board: Board, **changes: Any) -> dict[str, Any]:
    values = {f: getattr(board, f) for f in ("name", "slug", "local_authority", "region")}
    return values | changes


@pytest.fixture
def kelderby() -> Board:
    return BoardFactory(
        name="Kelderby Safeguarding Children Partnership",
        slug="kelderby",
        local_authority="Kelderby",
        region=Region.YORKSHIRE,
    )


def test_every_review_whose_board_is_known_has_its_boards_region(kelderby: Board) -> None:
    review(1, "Kelderby Safeguarding Children Partnership")
    review(2, "kelderby safeguarding children partnership")
    # The same area's board before the 2019 partnerships: the same local authority.
    review(3, "Kelderby Local Safeguarding Children Board")
    # A board the service has no record of: no region is guessed.
    review(4, "Hollowmere Safeguarding Children Partnership")
    review(5, "")

    assert regions() == {"yorkshire-humber": 3}
    with_region = set(
        DocumentFacet.objects.filter(name="region").values_list("document__title", flat=True)
    )
    assert with_region == {"Review 1", "Review 2", "Review 3"}


def test_a_board_added_later_gives_its_region_to_the_reviews_already_held() -> None:
    review(1, "Hollowmere Local Safeguarding Children Board")
    assert regions() == {}

    create_board(
        Actor.command_line(),
        {
            "name": "Hollowmere Safeguarding Children Partnership",
            "slug": "hollowmere",
            "local_authority": "Hollowmere",
            "region": Region.SOUTH_WEST,
        },
    )

    assert regions() == {"south-west": 1}


def test_a_boards_changed_region_is_what_the_next_search_counts(kelderby: Board) -> None:
    review(1, "Kelderby Local Safeguarding Children Board")
    add_document("Neglect in a report sent by the board itself.", title="Review 2", board=kelderby)
    assert regions() == {"yorkshire-humber": 2}

    update_board(Actor.command_line(), kelderby, board_values(kelderby, region=Region.NORTH_EAST))

    assert regions() == {"north-east": 2}


def test_two_boards_claiming_one_area_in_different_regions_give_no_region(
    kelderby: Board,
) -> None:
    BoardFactory(
        name="Kelderby and District Partnership",
        slug="kelderby-district",
        local_authority="Kelderby",
        region=Region.EAST_MIDLANDS,
    )

    assert region_for_board_name("Kelderby Local Safeguarding Children Board") is None
    assert region_for_board_name("Kelderby Safeguarding Children Partnership") == "yorkshire-humber"


def test_a_review_read_now_gets_the_region_a_board_change_would_give_it() -> None:
    # The area in the board's name is not the local authority's own name ("City of Kelderby").
    BoardFactory(
        name="Kelderby Safeguarding Children Partnership",
        slug="kelderby",
        local_authority="City of Kelderby",
        region=Region.YORKSHIRE,
    )
    review(1, "Kelderby LSCB")
    on_reading = regions()

    BoardFactory(name="Hollowmere Partnership", slug="hollowmere", region=Region.SOUTH_WEST)

    # Saving an unrelated board rewrote every region: it must not change this review's.
    assert on_reading == regions() == {"yorkshire-humber": 1}


def test_an_area_two_boards_answer_to_gives_no_region_on_reading_either(kelderby: Board) -> None:
    # Another region's board whose name also starts with "Kelderby", under another authority.
    BoardFactory(
        name="Kelderby Safeguarding Children Board",
        slug="kelderby-old",
        local_authority="Kelderby Borough",
        region=Region.EAST_MIDLANDS,
    )

    assert region_for_board_name("Kelderby LSCB") is None
