"""A new edition of the guidance is a data change: loading a rules file adds a versioned set, and
each date keeps the rules its effective dates give it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from casereview.cases.clocks import deadlines, rule_set_in_force
from casereview.cases.models import RuleSet
from casereview.cases.rules import SHIPPED_RULES_FILE, RulesFileError
from casereview.cases.services import load_rules
from tests.cases.dates import d

pytestmark = pytest.mark.django_db


def edition(**changes: Any) -> dict[str, Any]:
    """A small imaginary 2026 edition that shortens the SIN to three working days."""
    document: dict[str, Any] = {
        "version": "wt2026-test",
        "title": "An imaginary 2026 edition",
        "effective_from": "2026-04-01",
        "notes": "",
        "rules": [
            {
                "regime": "CSPR",
                "step": "sin",
                "label": "Serious incident notification (SIN) sent",
                "counts_from": "aware",
                "amount": 3,
                "unit": "working_days",
                "direction": "after",
                "kind": "deadline",
                "rationale": "Imaginary guidance for the test.",
            }
        ],
    }
    document.update(changes)
    return document


def write(tmp_path: Path, document: object, name: str = "rules.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_loading_a_new_file_makes_a_new_version_and_keeps_the_old_one(tmp_path: Path) -> None:
    new = load_rules(write(tmp_path, edition()))
    assert new.version == "wt2026-test"
    assert set(RuleSet.objects.filter(is_active=True).values_list("version", flat=True)) == {
        "wt2018-2023",
        "wt2026-test",
    }


def test_dates_before_the_new_edition_keep_the_old_rules(tmp_path: Path) -> None:
    load_rules(write(tmp_path, edition()))
    # Tuesday 31 March 2026, old rules, five working days over Easter (3 and 6 April):
    # Wed 1 (1), Thu 2 (2), Tue 7 (3), Wed 8 (4), Thu 9 (5).
    (old,) = deadlines("CSPR", "aware", d("2026-03-31"))
    assert (old.due, old.rule_set_version) == (d("2026-04-09"), "wt2018-2023")
    # Wednesday 1 April 2026, new rules, three working days: Thu 2 (1), Tue 7 (2), Wed 8 (3).
    (new,) = deadlines("CSPR", "aware", d("2026-04-01"))
    assert (new.due, new.rule_set_version) == (d("2026-04-08"), "wt2026-test")
    (later,) = deadlines("CSPR", "aware", d("2026-06-01"))
    assert later.due == d("2026-06-04")


def test_a_rules_set_can_be_given_explicitly(tmp_path: Path) -> None:
    load_rules(write(tmp_path, edition()))
    old = RuleSet.objects.get(version="wt2018-2023")
    (step,) = deadlines("CSPR", "aware", d("2026-06-01"), rule_set=old)
    assert step.due == d("2026-06-08")


def test_a_withdrawn_rules_set_is_no_longer_in_force(tmp_path: Path) -> None:
    new = load_rules(write(tmp_path, edition()))
    new.is_active = False
    new.save()
    assert rule_set_in_force(d("2026-06-01")).version == "wt2018-2023"


def test_loading_the_same_file_again_changes_nothing() -> None:
    again = load_rules(SHIPPED_RULES_FILE)
    assert again.version == "wt2018-2023"
    assert RuleSet.objects.count() == 1


def test_it_refuses_a_version_already_loaded_with_different_rules(tmp_path: Path) -> None:
    with pytest.raises(RulesFileError, match="wt2018-2023 is already loaded with different"):
        load_rules(write(tmp_path, edition(version="wt2018-2023")))
    assert RuleSet.objects.count() == 1


@pytest.mark.parametrize(
    ("rule_change", "message"),
    [
        ({"regime": "LSCB"}, "regime must be one of SCR, CSPR, PFD, not 'LSCB'"),
        ({"counts_from": "born"}, "counts_from must be one of aware, notified"),
        ({"unit": "fortnights"}, "unit must be one of working_days"),
        ({"direction": "around"}, "direction must be one of after, before"),
        ({"kind": "wish"}, "kind must be one of deadline, target, minimum"),
        ({"amount": -1}, "amount must be a whole number, 0 or more"),
        ({"amount": "five"}, "amount must be a whole number"),
        ({"step": "Rapid Review"}, "must be lower-case letters"),
        ({"label": ""}, "label must be a non-empty piece of text"),
        ({"parent": "nowhere"}, "names a parent step 'nowhere' that is not in the file"),
        ({"optional": "yes"}, "optional must be true or false"),
    ],
)
def test_it_explains_what_is_wrong_with_a_rule(
    tmp_path: Path, rule_change: dict[str, object], message: str
) -> None:
    document = edition()
    document["rules"][0].update(rule_change)
    with pytest.raises(RulesFileError, match="rule 1") as error:
        load_rules(write(tmp_path, document))
    assert message in str(error.value)
    assert RuleSet.objects.count() == 1


def test_it_refuses_the_same_step_twice_in_one_regime(tmp_path: Path) -> None:
    document = edition()
    document["rules"].append(dict(document["rules"][0]))
    with pytest.raises(RulesFileError, match="the CSPR step 'sin' appears more than once"):
        load_rules(write(tmp_path, document))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (edition(effective_from="April 2026"), "effective_from must be a date"),
        (edition(rules=[]), "rules must be a non-empty list"),
        (edition(version=""), "version must be a non-empty piece of text"),
        ([], "must hold a JSON object"),
    ],
)
def test_it_explains_what_is_wrong_with_the_file(
    tmp_path: Path, document: object, message: str
) -> None:
    with pytest.raises(RulesFileError, match=message):
        load_rules(write(tmp_path, document))


def test_it_explains_a_file_that_is_not_json_or_not_there(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(RulesFileError, match="is not valid JSON"):
        load_rules(broken)
    with pytest.raises(RulesFileError, match="Cannot read the rules file"):
        load_rules(tmp_path / "missing.json")


def test_operators_can_load_a_file_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("load_clock_rules", str(write(tmp_path, edition())))
    assert "Rules wt2026-test are loaded (1 steps)" in capsys.readouterr().out
    assert RuleSet.objects.filter(version="wt2026-test").exists()
