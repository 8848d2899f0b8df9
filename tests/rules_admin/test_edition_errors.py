"""A new edition the rules file format forbids, or one that changes nothing, is refused in plain
words on the form, and nothing is created: no rules set, no rows, no audit event."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.models import ClockRule, RuleSet
from tests.conftest import Personas, signed_in_client
from tests.rules_admin import SHIPPED, SHORTER_SIN, edition_form, shipped


def refused(personas: Personas, data: dict[str, Any]) -> str:
    """Post the form as the administrator; check it came back with errors and changed nothing."""
    source = shipped()
    rules_before = ClockRule.objects.count()
    response = signed_in_client(personas.ada).post(
        reverse("cases:rules-edit", kwargs={"pk": source.pk}), data
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Publish a new edition" in page
    assert 'class="govuk-error-summary"' in page
    assert list(RuleSet.objects.values_list("version", flat=True)) == [SHIPPED]
    assert ClockRule.objects.count() == rules_before
    assert not Event.objects.filter(action=Action.RULES_EDITED).exists()
    return page


def summary_links(page: str) -> list[str]:
    summary = page[page.index("govuk-error-summary") : page.index("<h1")]
    return re.findall(r'href="#([^"]+)"', summary)


@pytest.mark.parametrize(
    ("step_change", "field", "message"),
    [
        ({"amount": "-1"}, "amount", "amount must be a whole number, 0 or more"),
        ({"amount": "five"}, "amount", "amount must be a whole number, 0 or more"),
        ({"amount": "2.5"}, "amount", "amount must be a whole number, 0 or more"),
        ({"amount": ""}, "amount", "amount must be a whole number, 0 or more"),
        ({"unit": "fortnights"}, "unit", "unit must be one of working_days"),
        ({"counts_from": "born"}, "counts_from", "counts_from must be one of aware, notified"),
        ({"direction": "around"}, "direction", "direction must be one of after, before"),
        ({"kind": "wish"}, "kind", "kind must be one of deadline, target, minimum"),
        ({"label": "  "}, "label", "label must be a non-empty piece of text"),
        ({"rationale": ""}, "rationale", "rationale must be a non-empty piece of text"),
    ],
)
def test_the_rules_files_own_checks_refuse_a_bad_step(
    personas: Personas, step_change: dict[str, str], field: str, message: str
) -> None:
    page = refused(personas, edition_form(shipped(), steps={"CSPR-rapid_review": step_change}))

    rule_number = shipped().rules.get(regime="CSPR", step="rapid_review").sort_order
    assert f"The new edition, rule {rule_number}: {message}" in page
    # The message links to, and sits beside, the box to put right.
    assert summary_links(page) == [f"CSPR-rapid_review-{field}"]


def test_an_amount_too_large_to_store_is_refused(personas: Personas) -> None:
    page = refused(personas, edition_form(shipped(), steps={"CSPR-sin": {"amount": "9" * 12}}))

    assert "That number is too large" in page
    assert summary_links(page) == ["CSPR-sin-amount"]


def test_a_version_already_used_is_refused(personas: Personas) -> None:
    page = refused(personas, edition_form(shipped(), steps=SHORTER_SIN, version=SHIPPED))

    assert "Version wt2018-2023 is already used by another rules set" in page
    assert summary_links(page) == ["version"]


def test_an_edition_that_changes_no_step_is_refused(personas: Personas) -> None:
    page = refused(personas, edition_form(shipped(), title="Only a new title"))

    assert "You have not changed any step" in page


@pytest.mark.parametrize(
    ("change", "message", "link"),
    [
        ({"version": ""}, "Enter a version name for the new edition", "version"),
        ({"version": "v" * 65}, "The version name must be 64 characters or fewer", "version"),
        ({"title": ""}, "Enter a title for the new edition", "title"),
        ({"notes": ""}, "Say what changed and why", "notes"),
        (
            {"effective_from-day": ""},
            "The date the new edition takes effect must include a day",
            "effective_from-day",
        ),
        (
            {"effective_from-day": "31", "effective_from-month": "2"},
            "The date the new edition takes effect must be a real date",
            "effective_from-day",
        ),
    ],
)
def test_the_edition_itself_needs_a_version_title_notes_and_date(
    personas: Personas, change: dict[str, str], message: str, link: str
) -> None:
    page = refused(personas, edition_form(shipped(), steps=SHORTER_SIN, **change))

    assert message in page
    assert summary_links(page) == [link]


def test_what_was_typed_is_kept_when_the_form_comes_back(personas: Personas) -> None:
    page = refused(
        personas,
        edition_form(
            shipped(),
            steps={"CSPR-sin": {"amount": "3"}, "CSPR-rapid_review": {"amount": "fifteen"}},
        ),
    )

    assert re.search(r'name="CSPR-sin-amount"[^>]* value="3"', page)
    assert re.search(r'name="CSPR-rapid_review-amount"[^>]* value="fifteen"', page)
