"""Who gets what: every person, every named URL, GET and POST, against one explicit table.

The URL list comes from walking the resolver, so a URL added later without a row fails with a
message saying where to add it. Rows live beside each app's tests in ``access_rows.py``; the
vocabulary and the rules are in tests/access.py.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.access import SIGN_IN, Outcome, Row
from tests.accounts.url_inventory import all_routes, named_routes
from tests.conftest import PERSONA_NAMES, Personas, signed_in_client

TESTS_DIR = Path(__file__).resolve().parent.parent


def gather_rows() -> dict[str, Row]:
    """Every app's rows; a URL listed by two apps is a mistake worth failing on."""
    matrix: dict[str, Row] = {}
    for path in sorted(TESTS_DIR.glob("*/access_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.access_rows")
        clash = set(matrix) & set(module.ROWS)
        assert not clash, f"{path} repeats rows for {sorted(clash)}"
        matrix.update(module.ROWS)
    return matrix


MATRIX = gather_rows()
METHODS = ["GET", "POST"]
URL_NAMES = sorted(named_routes())
CASES = [
    pytest.param(name, method, persona, id=f"{name}-{method}-{persona}")
    for name in URL_NAMES
    for method in METHODS
    for persona in PERSONA_NAMES
]


def outcome_of(status: int, location: str) -> Outcome:
    if status == 302 and location.startswith(reverse("accounts:sign-in")):
        return SIGN_IN
    return status


def request_as(client: Client, method: str, url: str) -> tuple[int, str]:
    response = client.get(url) if method == "GET" else client.post(url, {})
    return response.status_code, response.get("Location", "")


@pytest.mark.parametrize(("url_name", "method", "persona"), CASES)
def test_each_person_gets_the_answer_the_matrix_expects(
    url_name: str, method: str, persona: str, personas: Personas
) -> None:
    row = MATRIX.get(url_name)
    if row is None:
        pytest.fail(
            f"The URL {url_name!r} has no row in the access matrix. "
            "Add one to tests/<app>/access_rows.py saying who may GET and POST it "
            "(and sample kwargs if it takes any)."
        )
    client = signed_in_client(personas.by_name(persona))
    # After signing in: a set-up link's token depends on the person's last sign-in.
    url = reverse(url_name, kwargs=row.kwargs(personas) or None)
    expected = (row.get if method == "GET" else row.post)[persona]

    status, location = request_as(client, method, url)

    assert status != 403, f"{method} {url} gave {persona} a 403; refuse with 404 instead"
    outcome = outcome_of(status, location)
    shown = f"302 to {location}" if status == 302 else status
    assert outcome in expected, (
        f"{method} {url} as {persona}: got {shown}, expected one of {sorted(map(str, expected))}"
    )


def test_every_url_pattern_has_a_name() -> None:
    unnamed = [route.pattern for route in all_routes() if route.name is None]
    assert not unnamed, f"Name these URL patterns so the access matrix can cover them: {unnamed}"


def test_the_matrix_has_no_rows_for_urls_that_no_longer_exist() -> None:
    stale = sorted(set(MATRIX) - set(URL_NAMES))
    assert not stale, f"Remove these rows from tests/*/access_rows.py; no such URL exists: {stale}"


def test_the_matrix_covers_every_url() -> None:
    missing = sorted(set(URL_NAMES) - set(MATRIX))
    assert not missing, f"Add rows to tests/<app>/access_rows.py for: {missing}"
