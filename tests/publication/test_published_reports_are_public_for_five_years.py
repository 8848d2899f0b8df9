"""A report published through the check is public for five years from its publication date.
Then `casereview withdraw-expired` withdraws it: it leaves the public pages, search and
downloads, and the public keeps its catalogue record on the list of withdrawn reviews."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from casereview.cli import main
from casereview.publication.models import PublicCopy
from casereview.publication.redaction import gate_refusals
from casereview.publication.retention import public_until, withdraw_expired
from tests.conftest import Personas, signed_in_client
from tests.publication.test_a_published_report_shows_the_public_only_its_redacted_text import (
    publish_named,
)


def _after_five_years() -> datetime.date:
    return public_until(timezone.localdate()) + datetime.timedelta(days=1)


def test_publishing_records_the_last_public_day_five_years_on(personas: Personas) -> None:
    ready = publish_named(personas)

    copy = PublicCopy.objects.get(document=ready.report)

    published = ready.report.published_on
    assert published is not None
    assert copy.public_until == published.replace(year=published.year + 5) - datetime.timedelta(
        days=1
    )
    assert copy.withdrawn_on is None


def test_the_last_day_falls_before_the_fifth_anniversary_even_from_29_february() -> None:
    assert public_until(datetime.date(2028, 2, 29)) == datetime.date(2033, 2, 28)
    assert public_until(datetime.date(2026, 7, 20)) == datetime.date(2031, 7, 19)


def test_a_report_stays_public_to_its_last_day(personas: Personas) -> None:
    ready = publish_named(personas)

    assert withdraw_expired(public_until(timezone.localdate())) == []

    ready.report.refresh_from_db()
    assert ready.report.is_published


def test_an_expired_report_leaves_the_public_pages_search_and_downloads(
    personas: Personas,
) -> None:
    ready = publish_named(personas)

    withdrawn = withdraw_expired(_after_five_years())

    assert [document.pk for document in withdrawn] == [ready.report.pk]
    anonymous, ref = Client(), {"ref": ready.ref}
    for name in ("repository:document", "repository:download", "publication:public-copy"):
        assert anonymous.get(reverse(name, kwargs=ref)).status_code == 404, name
    found = anonymous.get(reverse("repository:search"), {"q": "agencies share"})
    assert ready.ref not in found.content.decode()
    assert ready.ref not in anonymous.get(reverse("repository:browse")).content.decode()


def test_its_catalogue_record_stays_public(personas: Personas) -> None:
    ready = publish_named(personas)
    day = _after_five_years()
    withdraw_expired(day)

    page = Client().get(reverse("publication:withdrawn")).content.decode()

    assert ready.report.display_title in page
    assert personas.board_a.name in page
    published = ready.report.published_on
    assert published is not None
    assert f"{published.day} {published:%B %Y}" in page
    assert f"{day.day} {day:%B %Y}" in page


def test_the_board_still_holds_the_withdrawn_report(personas: Personas) -> None:
    ready = publish_named(personas)
    withdraw_expired(_after_five_years())
    client = signed_in_client(personas.alice)

    page = client.get(reverse("repository:document", kwargs={"ref": ready.ref}))

    assert page.status_code == 200


def test_a_withdrawn_report_is_not_published_again(personas: Personas) -> None:
    ready = publish_named(personas)
    withdraw_expired(_after_five_years())
    ready.report.refresh_from_db()

    reasons = gate_refusals(ready.report)

    assert reasons and "withdrawn" in reasons[0] and "not published again" in reasons[0]


@pytest.mark.django_db
def test_the_command_withdraws_each_expired_report_once(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    publish_named(personas)
    day = _after_five_years().isoformat()

    assert main(["withdraw-expired", "--today", day]) == 0
    assert "Withdrew 1 report." in capsys.readouterr().out
    assert main(["withdraw-expired", "--today", day]) == 0
    assert "Withdrew 0 reports." in capsys.readouterr().out
