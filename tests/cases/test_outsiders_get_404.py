"""Charlie, who manages board B, finds nothing at any of board A's case addresses."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.cases.lifecycle import State
from tests.cases.factories import IdentityFactory
from tests.conftest import Personas, signed_in_client

CASE_URLS = [
    ("cases:detail", {}),
    ("cases:identity", {}),
    ("cases:decision", {}),
    ("cases:advice", {}),
    ("cases:timeline", {}),
    ("cases:move", {"key": State.RAPID_REVIEW.value}),
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "extra"), CASE_URLS)
def test_an_outsider_gets_a_404_on_every_case_url_of_another_board(
    name: str, extra: dict[str, str], method: str, personas: Personas
) -> None:
    case = IdentityFactory(case__board=personas.board_a).case
    url = reverse(name, kwargs={"pk": case.pk, **extra})

    response = getattr(signed_in_client(personas.charlie), method)(url, {})

    assert response.status_code == 404
    assert case.pseudonym not in response.content.decode()


def test_an_outsider_cannot_notify_a_case_for_another_board(personas: Personas) -> None:
    url = reverse("cases:notify", kwargs={"slug": personas.board_a.slug})

    assert signed_in_client(personas.charlie).get(url).status_code == 404


def test_an_outsiders_case_list_and_board_page_show_no_other_boards_cases(
    personas: Personas,
) -> None:
    case = IdentityFactory(case__board=personas.board_a).case

    listed = signed_in_client(personas.charlie).get(reverse("cases:list"))

    assert listed.status_code == 200
    assert case.pseudonym not in listed.content.decode()
