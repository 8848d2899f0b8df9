"""Every signed-in member of staff can read the rules sets and download one as a rules file;
administrators also see how to change them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.urls import reverse

from casereview.cases.models import RuleSet
from casereview.cases.rules import parse_rules
from casereview.cases.services import load_rules
from tests.conftest import Personas, signed_in_client
from tests.rules_admin import SHIPPED, shipped


def page(personas: Personas, persona: str, name: str, **kwargs: Any) -> str:
    response = signed_in_client(personas.by_name(persona)).get(reverse(name, kwargs=kwargs or None))
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_each_set_and_the_one_in_force_today(personas: Personas) -> None:
    text = page(personas, "bob", "cases:rules")

    assert "Rules in force today:" in text
    assert f">{SHIPPED}</a>" in text
    assert "From 1 January 2008" in text
    assert "In force today" in text


def test_a_set_shows_every_step_with_its_limit_and_reason(personas: Personas) -> None:
    text = page(personas, "dana", "cases:rules-set", pk=shipped().pk)

    assert "Rapid review sent to the national panel" in text
    assert "15 working days after notified (notification sent)" in text
    assert "at least 7 working days before published (report published)" in text
    assert "within 15 working days of the notification" in text
    assert "Optional sub-step" in text


def test_only_administrators_see_how_to_change_the_rules(personas: Personas) -> None:
    pk = shipped().pk
    edit = reverse("cases:rules-edit", kwargs={"pk": pk})

    assert edit in page(personas, "ada", "cases:rules-set", pk=pk)
    assert edit in page(personas, "ada", "cases:rules")
    for persona in ("alice", "priya"):
        assert edit not in page(personas, persona, "cases:rules-set", pk=pk)
        assert edit not in page(personas, persona, "cases:rules")


def test_the_only_set_shows_why_it_cannot_be_withdrawn(personas: Personas) -> None:
    text = page(personas, "ada", "cases:rules-set", pk=shipped().pk)

    assert "This set cannot be withdrawn: wt2018-2023 is the only active rules set" in text
    assert reverse("cases:rules-activation", kwargs={"pk": shipped().pk}) not in text


def test_a_downloaded_set_is_a_rules_file_that_loads_as_the_same_set(
    personas: Personas, tmp_path: Path
) -> None:
    response = signed_in_client(personas.charlie).get(
        reverse("cases:rules-file", kwargs={"pk": shipped().pk})
    )
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="clock-rules-wt2018-2023.json"'
    document = json.loads(response.content)
    path = tmp_path / "downloaded.json"
    path.write_bytes(response.content)

    assert parse_rules(document).digest == shipped().digest
    assert load_rules(path) == shipped()
    assert RuleSet.objects.count() == 1


def test_a_set_replaced_on_its_own_first_day_says_so(personas: Personas, tmp_path: Path) -> None:
    document = json.loads(
        signed_in_client(personas.ada)
        .get(reverse("cases:rules-file", kwargs={"pk": shipped().pk}))
        .content
    )
    document["version"] = "wt2008-correction"
    path = tmp_path / "correction.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    load_rules(path)

    text = page(personas, "ada", "cases:rules-set", pk=shipped().pk)

    assert "None: replaced by a set loaded later with the same date (wt2008-correction)" in text
