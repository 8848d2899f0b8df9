"""The coding rules file is checked on load, and its mistakes are reported in plain words."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from casereview.analysis.coding import (
    FLAGS,
    MECHANISM_CODES,
    CodingRulesError,
    code_recommendation,
    load_rules,
    shipped_rules,
)
from casereview.analysis.taxonomy import TaxonomyError, load_mechanisms


def _shipped() -> dict[str, Any]:
    text = resources.files("casereview.analysis").joinpath("coding-rules.json").read_text()
    return json.loads(text)


def _load(data: dict[str, Any]):
    return load_rules(json.dumps(data))


def test_the_shipped_rules_load_and_cover_every_code_and_flag():
    rules = shipped_rules()
    assert tuple(c.code for c in rules.mechanisms) == MECHANISM_CODES
    assert tuple(f.code for f in rules.flags) == FLAGS
    assert rules.default_mechanism in MECHANISM_CODES
    assert rules.default_addressee in {a.code for a in rules.addressees}


def _taxonomy(name: str) -> dict[str, Any]:
    text = resources.files("casereview.analysis").joinpath(name).read_text()
    return json.loads(text)["codes"]


def test_every_shipped_code_and_rule_says_why():
    data = _shipped()
    # The codes' labels and rationales are the taxonomy's; the rules file gives their words.
    mechanisms, addressees = _taxonomy("mechanisms.json"), _taxonomy("addressees.json")
    for code, spec in data["mechanism"]["codes"].items():
        assert mechanisms[code]["label"] and mechanisms[code]["rationale"], code
        assert all(rule["why"] for rule in spec["rules"]), code
    for code, spec in data["addressees"]["codes"].items():
        assert addressees[code]["rationale"], code
        assert all(rule["why"] for rule in spec["names"] + spec["mentions"]), code


def test_the_shipped_rules_are_read_once():
    assert shipped_rules() is shipped_rules()


def test_rules_can_be_passed_in_to_code_with_an_edited_edition():
    data = _shipped()
    data["mechanism"]["codes"]["A8"]["rules"].append(
        {"words": ["rota gaps"], "weight": 9, "why": "A new phrase seen in a report."}
    )
    coding = code_recommendation("The trust should fill rota gaps.", _load(data))
    assert coding.mechanism == "A8"
    assert "rota gaps" in [t.words for t in coding.triggers]


def _broken(edit) -> str:
    data = copy.deepcopy(_shipped())
    edit(data)
    with pytest.raises(CodingRulesError) as err:
        _load(data)
    return str(err.value)


def test_invalid_json_names_the_line():
    with pytest.raises(CodingRulesError, match="not valid JSON \\(line 1"):
        load_rules("{not json")


def test_a_missing_mechanism_code_is_named():
    message = _broken(lambda d: d["mechanism"]["codes"].pop("A7"))
    assert "missing: A7" in message


def test_an_unknown_mechanism_code_is_named():
    message = _broken(lambda d: d["mechanism"]["codes"].update(A12=d["mechanism"]["codes"]["A1"]))
    assert "unknown: A12" in message


def test_a_default_mechanism_outside_the_list_is_refused():
    message = _broken(lambda d: d["mechanism"].update(default="B1"))
    assert "'mechanism.default' is 'B1'" in message


def test_a_rule_with_both_words_and_pattern_is_refused():
    def edit(d):
        d["mechanism"]["codes"]["A2"]["rules"][0]["pattern"] = "training"

    assert "mechanism code A2, rule 1 must have either 'words' or 'pattern'" in _broken(edit)


def test_a_bad_regular_expression_is_named_with_its_place():
    def edit(d):
        d["flags"]["traceable"]["rules"][0]["pattern"] = "(unclosed"

    message = _broken(edit)
    assert "flag traceable, rule 1: 'pattern' is not a valid regular expression" in message


def test_a_weight_must_be_positive():
    def edit(d):
        d["mechanism"]["codes"]["A3"]["rules"][0]["weight"] = 0

    assert "'weight' must be a number greater than 0" in _broken(edit)


def test_a_rule_without_a_reason_is_refused():
    def edit(d):
        del d["mechanism"]["codes"]["A4"]["rules"][0]["why"]

    assert "mechanism code A4, rule 1: 'why' must be a non-empty piece of text" in _broken(edit)


def test_a_code_without_a_rationale_is_refused():
    # A mechanism's rationale is in the taxonomy file, which is checked as it is read.
    data = {"codes": copy.deepcopy(_taxonomy("mechanisms.json"))}
    data["codes"]["A5"]["rationale"] = ""
    with pytest.raises(TaxonomyError) as err:
        load_mechanisms(json.dumps(data))
    assert "mechanism code A5: 'rationale'" in str(err.value)


def test_an_unknown_flag_is_named():
    def edit(d):
        d["flags"]["is_smart"] = d["flags"]["measurable"]

    assert "unknown flags is_smart" in _broken(edit)


def test_a_boost_for_an_unknown_addressee_is_refused():
    def edit(d):
        d["mechanism"]["addressee_boosts"][0]["addressee"] = "ministry_of_magic"

    assert "unknown addressee 'ministry_of_magic'" in _broken(edit)


def test_the_default_addressee_must_be_a_known_code():
    message = _broken(lambda d: d["addressees"].update(default="everyone"))
    assert "must include 'everyone'" in message


def test_an_empty_lexicon_is_refused():
    def edit(d):
        d["mechanism"]["codes"]["A9"]["rules"][0]["words"] = []

    assert "mechanism code A9, rule 1: 'words' is empty" in _broken(edit)


def test_patterns_read_in_lower_case_find_what_they_find_ignoring_case():
    """A rule's lower-case twin (`Rule.lowered`, used on lower-cased text for speed) finds
    exactly the spans the rule finds ignoring case, in text of every case."""
    from tests.analysis.test_coding_mechanism import EXAMPLES

    rules = shipped_rules()
    every = [
        rule
        for group in (*rules.mechanisms, *rules.flags)
        for rule in group.rules
        if rule.lowered is not None
    ]
    # Lexicons carry needles; the rest are hand-written patterns given a twin by `_caseless`.
    assert any(not rule.needles for rule in every), "no pattern rule has a lower-case twin"
    texts = [text for _, text, _ in EXAMPLES]
    texts += [t.upper() for t in texts] + [t.title() for t in texts]
    found_any = False
    for rule in every:
        for text in texts:
            lowered = text.lower()
            expected = [m.span() for m in rule.pattern.finditer(text) if m.end() > m.start()]
            assert rule.spans(text, lowered) == expected, (rule.pattern.pattern, text)
            found_any = found_any or bool(expected)
    assert found_any


def test_a_pattern_with_capitals_or_inline_flags_keeps_ignoring_case():
    data = _shipped()
    data["mechanism"]["codes"]["A1"]["rules"] = [
        {"pattern": r"\bNHS\b", "why": "capitals"},
        {"pattern": r"(?-i:gp)\b", "why": "case-sensitive part"},
        {"pattern": r"\bsafeguard\w*\s+\S+", "why": "no capitals"},
    ]
    first, second, third = _load(data).mechanisms[0].rules
    assert first.lowered is None and second.lowered is None
    assert third.lowered is not None


def test_the_words_for_a_named_owner_must_each_say_why():
    def edit(d):
        del d["named_owner"]["posts_rationale"]

    assert "'named_owner.posts_rationale' must be a non-empty piece of text" in _broken(edit)


def test_a_new_kind_of_post_is_a_change_to_the_rules_file():
    data = _shipped()
    text = "The Virtual School Registrar should track the attendance of children in care."
    assert code_recommendation(text, _load(data)).owner is None

    data["named_owner"]["posts"].append("registrar")
    owner = code_recommendation(text, _load(data)).owner

    assert owner is not None
    assert (owner.words, owner.kind) == ("The Virtual School Registrar", "named post")


def test_a_space_or_hyphen_in_a_lexicon_phrase_matches_any_run_of_spaces_hyphens_and_dashes():
    """Between the words of a lexicon phrase may come any run of white space, hyphens, a PDF's
    '?' for a lost hyphen and the typographic dashes U+2010 to U+2014, or nothing; nothing else.
    (The expression is written so that it compiles quickly; this is what it must still mean.)"""
    import re

    from casereview.analysis.coding import _phrase_pattern

    phrase = re.compile(_phrase_pattern("multi agency"))
    gaps = [" ", "-", "?", "", "\n", " \u2010 ", "\u2011", "\u2012", "\u2013\u2013", "\u2014 ?"]
    for gap in gaps:
        text = f"a multi{gap}agency plan"
        assert [m.span() for m in phrase.finditer(text)] == [(2, 13 + len(gap))], repr(gap)
    for gap in ("\u2015", "\u2212", "_", "/", "."):
        assert phrase.search(f"a multi{gap}agency plan") is None, repr(gap)
