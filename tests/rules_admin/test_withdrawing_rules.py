"""An administrator withdraws a rules set or brings it back, with a reason, but never so that
dates it covered are left with no rules; the set's own rules never change."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.cases.clocks import deadlines, rule_set_in_force
from casereview.cases.models import RuleSet
from casereview.cases.rules import parse_rules
from casereview.cases.rules_editing import RulesRefused, rules_document, set_active
from casereview.cases.services import load_rules
from tests.cases.dates import d
from tests.conftest import Personas, signed_in_client
from tests.rules_admin import SHIPPED, shipped


def another_edition(tmp_path: Any, version: str, effective_from: str) -> RuleSet:
    """The shipped rules again under another version, loaded from a rules file."""
    document = rules_document(shipped())
    document.update(version=version, effective_from=effective_from)
    path = tmp_path / f"{version}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return load_rules(path)


def post(personas: Personas, rule_set: RuleSet, **data: str) -> Any:
    return signed_in_client(personas.ada).post(
        reverse("cases:rules-activation", kwargs={"pk": rule_set.pk}), data
    )


def test_the_only_set_cannot_be_withdrawn(personas: Personas) -> None:
    url = reverse("cases:rules-activation", kwargs={"pk": shipped().pk})
    page = signed_in_client(personas.ada).get(url).content.decode()
    assert "You cannot withdraw this set now" in page
    assert "wt2018-2023 is the only active rules set" in page
    assert '<form method="post" novalidate>' not in page

    response = post(personas, shipped(), reason="Trying anyway", active="no")

    assert response.status_code == 200
    assert shipped().is_active
    assert not Event.objects.filter(action=Action.RULES_DEACTIVATED).exists()


def test_the_service_refuses_it_too(personas: Personas, rf: Any) -> None:
    request = rf.post("/")
    request.user = personas.ada
    with pytest.raises(RulesRefused, match="the only active rules set"):
        set_active(request, shipped(), active=False, reason="No reason is good enough")
    assert shipped().is_active


def test_the_earliest_set_cannot_leave_a_gap_before_a_later_one(
    personas: Personas, tmp_path: Any
) -> None:
    another_edition(tmp_path, "wt2026-test", "2026-04-01")

    response = post(personas, shipped(), reason="Replaced", active="no")

    page = response.content.decode()
    assert "No other active rules set covers events from 1 January 2008 to 31 March 2026" in page
    assert shipped().is_active


def test_a_later_set_can_be_withdrawn_and_its_dates_fall_back(
    personas: Personas, tmp_path: Any
) -> None:
    later = another_edition(tmp_path, "wt2026-test", "2026-04-01")
    assert rule_set_in_force(d("2026-06-01")) == later

    response = post(personas, later, reason="Published in error", active="no")

    assert response.status_code == 302
    later.refresh_from_db()
    assert not later.is_active
    assert rule_set_in_force(d("2026-06-01")).version == SHIPPED
    (sin,) = deadlines("CSPR", "aware", d("2026-06-01"))
    assert sin.rule_set_version == SHIPPED
    event = Event.objects.get(action=Action.RULES_DEACTIVATED)
    assert (event.actor, event.object_id) == (personas.ada, str(later.pk))
    assert event.changes == {"is_active": [True, False]}
    assert event.data == {"reason": "Published in error"}
    assert "Withdrew rules set wt2026-test: Published in error" in event.summary


def test_a_set_starting_on_the_same_day_can_be_withdrawn(personas: Personas, tmp_path: Any) -> None:
    another_edition(tmp_path, "wt2008-correction", "2008-01-01")

    response = post(personas, shipped(), reason="Corrected by wt2008-correction", active="no")

    assert response.status_code == 302
    assert not shipped().is_active
    assert rule_set_in_force(d("2008-01-01")).version == "wt2008-correction"


def test_a_withdrawn_set_can_be_brought_back(personas: Personas, tmp_path: Any) -> None:
    later = another_edition(tmp_path, "wt2026-test", "2026-04-01")
    post(personas, later, reason="Published in error", active="no")

    response = post(personas, later, reason="It was right after all", active="yes")

    assert response.status_code == 302
    later.refresh_from_db()
    assert later.is_active
    assert rule_set_in_force(d("2026-06-01")) == later
    event = Event.objects.get(action=Action.RULES_ACTIVATED)
    assert event.changes == {"is_active": [False, True]}
    assert event.data == {"reason": "It was right after all"}


def test_a_reason_is_needed(personas: Personas, tmp_path: Any) -> None:
    later = another_edition(tmp_path, "wt2026-test", "2026-04-01")

    response = post(personas, later, reason="  ", active="no")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Withdraw rules set wt2026-test" in page
    assert "Enter the reason for withdrawing this rules set" in page
    later.refresh_from_db()
    assert later.is_active


def test_sending_the_form_twice_does_not_undo_it(personas: Personas, tmp_path: Any) -> None:
    later = another_edition(tmp_path, "wt2026-test", "2026-04-01")
    post(personas, later, reason="Published in error", active="no")

    response = post(personas, later, reason="Published in error", active="no")

    assert "wt2026-test is already withdrawn" in response.content.decode()
    later.refresh_from_db()
    assert not later.is_active
    assert Event.objects.filter(action=Action.RULES_DEACTIVATED).count() == 1


def test_withdrawing_changes_no_rule(personas: Personas, tmp_path: Any) -> None:
    later = another_edition(tmp_path, "wt2026-test", "2026-04-01")
    digest = later.digest

    post(personas, later, reason="Published in error", active="no")

    later.refresh_from_db()
    assert parse_rules(rules_document(later)).digest == digest == later.digest


def test_a_set_that_can_be_withdrawn_offers_it(personas: Personas, tmp_path: Any) -> None:
    later = another_edition(tmp_path, "wt2026-test", "2026-04-01")
    client = signed_in_client(personas.ada)
    activation = reverse("cases:rules-activation", kwargs={"pk": later.pk})

    detail = client.get(reverse("cases:rules-set", kwargs={"pk": later.pk})).content.decode()
    form = client.get(activation).content.decode()

    assert f'href="{activation}"' in detail and "Withdraw this set" in detail
    assert '<input type="hidden" name="active" value="no">' in form
    assert "You cannot withdraw" not in form
