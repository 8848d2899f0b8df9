"""The mechanism and addressee codes are written once, in two data files, and every rule that
names a code is checked against them."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from casereview.analysis import rules as R
from casereview.analysis import taxonomy
from casereview.analysis.coding import CodingRulesError, load_rules, shipped_rules
from casereview.analysis.recommendations import ADDRESSEE_RULES
from casereview.analysis.taxonomy import (
    TaxonomyError,
    check_addressees,
    load_addressees,
    load_mechanisms,
)
from casereview.democorpus import MECHANISMS as DEMO_MECHANISMS
from casereview.recommendations.vocabulary import MECHANISMS as READER_NAMES


def _file(name: str) -> dict[str, Any]:
    return json.loads(resources.files("casereview.analysis").joinpath(name).read_text())


def test_each_addressee_and_mechanism_has_a_label_and_a_rationale():
    addressees = taxonomy.addressees()
    mechanisms = taxonomy.mechanisms()
    assert tuple(mechanisms) == taxonomy.MECHANISM_CODES
    assert {"partnership", "national_bodies", "all_agencies", "health"} <= set(addressees)
    for a in addressees.values():
        assert a.label and a.group and a.rationale, a.code
    for m in mechanisms.values():
        assert m.label and m.name and m.rationale, m.code


def test_the_files_are_read_once():
    assert taxonomy.addressees() is taxonomy.addressees()
    assert taxonomy.mechanisms() is taxonomy.mechanisms()


def test_the_three_addressee_rule_sets_use_only_the_taxonomys_codes():
    known = set(taxonomy.addressees())
    assert {rule.value for rule in R.AGENCY_RULES} <= known
    assert {code for code, _ in ADDRESSEE_RULES} <= known
    assert set(_coding_codes()) <= known
    assert [a.code for a in shipped_rules().addressees] == _coding_codes()


def _coding_codes() -> list[str]:
    return list(_file("coding-rules.json")["addressees"]["codes"])


def test_the_coder_takes_each_addressees_words_from_the_taxonomy():
    police = next(a for a in shipped_rules().addressees if a.code == "police")
    assert police.label == taxonomy.addressees()["police"].label
    assert police.rationale == taxonomy.addressees()["police"].rationale
    assert "label" not in _file("coding-rules.json")["addressees"]["codes"]["police"]


def test_the_pages_the_coder_and_the_demo_corpus_share_one_list_of_mechanisms():
    mechanisms = taxonomy.mechanisms()
    assert {code: m.name for code, m in mechanisms.items()} == READER_NAMES
    assert {code: m.label for code, m in mechanisms.items()} == DEMO_MECHANISMS
    assert [m.label for m in shipped_rules().mechanisms] == [m.label for m in mechanisms.values()]
    assert READER_NAMES["A2"] == "Training or awareness"
    assert DEMO_MECHANISMS["A2"] == "training/awareness"


def test_a_rule_naming_an_addressee_the_taxonomy_lacks_is_refused_in_plain_words():
    with pytest.raises(TaxonomyError) as err:
        check_addressees(["police", "ministry_of_magic"], "The agency rules")
    message = str(err.value)
    assert "The agency rules names addressee 'ministry_of_magic'" in message
    assert "addressees.json does not list" in message


def test_coding_rules_for_an_addressee_the_taxonomy_lacks_are_refused():
    data = _file("coding-rules.json")
    data["addressees"]["codes"]["ministry_of_magic"] = data["addressees"]["codes"]["police"]
    with pytest.raises(CodingRulesError, match=r"'ministry_of_magic', which addressees\.json"):
        load_rules(json.dumps(data))


def test_a_mechanism_missing_from_the_taxonomy_is_named():
    data = _file("mechanisms.json")
    del data["codes"]["A7"]
    with pytest.raises(TaxonomyError, match="missing: A7"):
        load_mechanisms(json.dumps(data))


def test_an_addressee_without_a_group_is_named():
    data = _file("addressees.json")
    del data["codes"]["housing"]["group"]
    with pytest.raises(TaxonomyError, match="addressee housing: 'group' must be a non-empty"):
        load_addressees(json.dumps(data))


def test_a_taxonomy_file_that_is_not_json_names_its_line():
    with pytest.raises(TaxonomyError, match=r"addressees.json is not valid JSON \(line 1"):
        load_addressees("{not json")
