"""An administrator publishes a new edition of the clock rules from the web: a new rules set for
events from its date, made through the rules file's own reader, with the old set untouched."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.clocks import deadlines
from casereview.cases.models import ClockRule, RuleSet
from casereview.cases.rules import parse_rules
from casereview.cases.rules_editing import rules_document
from tests.cases.dates import d
from tests.conftest import Personas, signed_in_client
from tests.rules_admin import SHIPPED, SHORTER_SIN, edition_form, shipped


def publish(personas: Personas, steps: dict[str, dict[str, Any]]) -> RuleSet:
    source = shipped()
    url = reverse("cases:rules-edit", kwargs={"pk": source.pk})
    response = signed_in_client(personas.ada).post(url, edition_form(source, steps=steps))
    edition = RuleSet.objects.get(version="wt2026-test")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:rules-set", kwargs={"pk": edition.pk})
    return edition


def rows(rule_set: RuleSet) -> list[tuple[object, ...]]:
    return list(
        rule_set.rules.order_by("sort_order").values_list(
            "regime",
            "step",
            "label",
            "counts_from",
            "amount",
            "unit",
            "direction",
            "kind",
            "rationale",
            "parent_step",
            "is_optional",
            "sort_order",
        )
    )


def test_the_form_starts_from_the_sets_own_values(personas: Personas) -> None:
    source = shipped()
    response = signed_in_client(personas.ada).get(
        reverse("cases:rules-edit", kwargs={"pk": source.pk})
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'name="CSPR-rapid_review-amount"[^>]* value="15"', page)
    assert '<option value="working_days" selected>' in page
    assert "Rule 8: Rapid review sent to the national panel" in page


def test_a_new_edition_changes_the_clocks_from_its_date_and_not_before(
    personas: Personas,
) -> None:
    publish(personas, SHORTER_SIN)

    # Tuesday 31 March 2026: the old rules, five working days over Easter (3 and 6 April).
    (old,) = deadlines("CSPR", "aware", d("2026-03-31"))
    assert (old.due, old.rule_set_version) == (d("2026-04-09"), SHIPPED)
    # Wednesday 1 April 2026: three working days, Thu 2, Tue 7 and Wed 8 April.
    (new,) = deadlines("CSPR", "aware", d("2026-04-01"))
    assert (new.due, new.rule_set_version) == (d("2026-04-08"), "wt2026-test")
    # The steps that did not change keep their limits in the new edition: 15 working days from
    # Wednesday 1 April, past Easter, is Friday 24 April.
    (rapid_review,) = deadlines("CSPR", "notified", d("2026-04-01"), include_optional=False)
    assert (rapid_review.due, rapid_review.rule_set_version) == (d("2026-04-24"), "wt2026-test")


def test_the_old_set_is_left_exactly_as_it_was(personas: Personas) -> None:
    source = shipped()
    before = (rows(source), source.digest, source.notes, source.is_active)
    count = ClockRule.objects.filter(rule_set=source).count()

    publish(personas, SHORTER_SIN)

    source.refresh_from_db()
    assert (rows(source), source.digest, source.notes, source.is_active) == before
    assert ClockRule.objects.filter(rule_set=source).count() == count


def test_the_new_set_copies_every_step_with_only_the_change(personas: Personas) -> None:
    edition = publish(personas, SHORTER_SIN)
    old, new = rows(shipped()), rows(edition)

    differences = [(a, b) for a, b in zip(old, new, strict=True) if a != b]

    assert len(differences) == 1
    (was, now) = differences[0]
    assert (was[:2], was[4], now[4]) == (("CSPR", "sin"), 5, 3)


def test_its_notes_say_what_changed_and_its_digest_is_the_files(personas: Personas) -> None:
    edition = publish(personas, SHORTER_SIN)

    assert edition.notes.startswith("Imaginary guidance that shortens the SIN")
    assert "Made from wt2018-2023. Changed: CSPR sin: amount 5 → 3" in edition.notes
    assert parse_rules(rules_document(edition)).digest == edition.digest
    assert (edition.title, edition.effective_from, edition.is_active) == (
        "An imaginary 2026 edition",
        d("2026-04-01"),
        True,
    )


def test_words_events_units_and_optional_flags_can_change_too(personas: Personas) -> None:
    edition = publish(
        personas,
        {
            "SCR-scr_decision": {"unit": "calendar_days", "amount": "28"},
            "CSPR-rapid_review_sign_off": {"optional": None, "label": "Partners sign off"},
        },
    )
    decision = edition.rules.get(regime="SCR", step="scr_decision")
    sign_off = edition.rules.get(regime="CSPR", step="rapid_review_sign_off")

    assert (decision.amount, decision.unit) == (28, "calendar_days")
    assert (sign_off.label, sign_off.is_optional, sign_off.parent_step) == (
        "Partners sign off",
        False,
        "rapid_review",
    )
    assert "SCR scr_decision: amount 1 → 28, unit months → calendar days" in edition.notes
    assert "CSPR rapid_review_sign_off: optional yes → no, new label" in edition.notes


def test_publishing_is_recorded_with_each_changed_value(personas: Personas) -> None:
    edition = publish(personas, SHORTER_SIN)

    event = Event.objects.get(action=Action.RULES_EDITED)
    assert event.actor == personas.ada
    assert (event.object_type, event.object_id) == ("cases.ruleset", str(edition.pk))
    assert event.changes["CSPR sin amount"] == [5, 3]
    assert event.changes["version"] == [SHIPPED, "wt2026-test"]
    assert event.changes["effective_from"] == ["2008-01-01", "2026-04-01"]
    assert "CSPR rapid_review amount" not in event.changes
    assert event.data["based_on"] == SHIPPED
    assert "from wt2018-2023" in event.summary and "1 step changed" in event.summary


@pytest.mark.parametrize("persona", ["alice", "priya", "charlie"])
def test_no_one_but_an_administrator_can_publish_one(personas: Personas, persona: str) -> None:
    source = shipped()
    response = signed_in_client(personas.by_name(persona)).post(
        reverse("cases:rules-edit", kwargs={"pk": source.pk}),
        edition_form(source, steps=SHORTER_SIN),
    )

    assert response.status_code == 404
    assert list(RuleSet.objects.values_list("version", flat=True)) == [SHIPPED]
    assert not Event.objects.filter(action=Action.RULES_EDITED).exists()
