"""Nobody can change or delete audit events through the application: no URL even offers it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.accounts.url_inventory import all_routes, named_routes
from tests.conftest import Personas, signed_in_client

READ_ONLY_AUDIT_URLS = {"audit:events", "audit:export", "audit:history"}
WRITING_METHODS = ["post", "put", "patch", "delete"]


def test_the_audit_trail_has_only_its_three_reading_urls() -> None:
    audit_urls = {name for name in named_routes() if name.startswith("audit:")}

    assert audit_urls == READ_ONLY_AUDIT_URLS


def test_every_url_served_by_the_audit_app_is_one_of_the_reading_urls() -> None:
    served_by_audit = {
        route.name or route.pattern
        for route in all_routes()
        if getattr(route.view, "__module__", "").startswith("casereview.audit")
    }

    assert served_by_audit == READ_ONLY_AUDIT_URLS


@pytest.mark.parametrize("method", WRITING_METHODS)
@pytest.mark.parametrize("url_name", sorted(READ_ONLY_AUDIT_URLS))
def test_even_an_administrator_cannot_write_through_an_audit_url(
    personas: Personas, url_name: str, method: str
) -> None:
    kwargs = (
        {"object_type": "accounts.board", "object_id": "1"} if url_name == "audit:history" else None
    )
    client = signed_in_client(personas.ada)

    response = getattr(client, method)(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 405
