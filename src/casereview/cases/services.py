"""State changes for cases and their clocks. Each is one function in one transaction."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from casereview.cases.models import ClockRule, RuleSet
from casereview.cases.rules import install_rule_set, read_rules_file


def load_rules(path: Path | str) -> RuleSet:
    """Load a rules file as a new rules set (a new edition of the guidance), keeping the older
    sets for the dates they still govern. Loading the same file again changes nothing; reusing
    a version for different rules raises ``RulesFileError``."""
    data = read_rules_file(path)
    with transaction.atomic():
        rule_set: RuleSet = install_rule_set(data, RuleSet, ClockRule)
    return rule_set
