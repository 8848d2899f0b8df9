"""The files the service builds itself (CSV and rules exports) keep their own names and types,
and carry ``nosniff`` like every response, so a browser never reads one as a page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from casereview.cases.models import RuleSet
from tests.conftest import Personas, signed_in_client


def _shipped_rules() -> dict[str, int]:
    return {"pk": RuleSet.objects.get(version="wt2018-2023").pk}


@pytest.mark.parametrize(
    ("url_name", "persona", "kwargs"),
    [
        ("learning:recommendations-csv", None, None),
        ("learning:timeliness-csv", "priya", None),
        ("learning:overdue-csv", "priya", None),
        ("audit:export", "priya", None),
        ("cases:rules-file", "charlie", _shipped_rules),
    ],
)
def test_an_export_is_an_attachment_that_is_not_sniffed(
    url_name: str, persona: str | None, kwargs, personas: Personas
) -> None:
    client = signed_in_client(getattr(personas, persona)) if persona else Client()

    response = client.get(reverse(url_name, kwargs=kwargs() if kwargs else None))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["X-Content-Type-Options"] == "nosniff"
