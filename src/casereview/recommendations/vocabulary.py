"""The words for the codes of DESIGN §5, as people read them on the pages."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Final

from casereview.analysis.coding import LEVELS, shipped_rules
from casereview.analysis.taxonomy import mechanisms

# Each mechanism's name as a reader sees it, from the taxonomy (`analysis/mechanisms.json`).
MECHANISMS: Final = {code: m.name for code, m in mechanisms().items()}

FLAGS: Final = {
    "has_owner": "Names an owner",
    "measurable": "Measurable",
    "has_timescale": "Has a timescale",
    "timescale": "Has a timescale",
    "traceable": "Traceable to a finding",
}


def mechanism_label(code: str) -> str:
    """With its code, for the national statistics, whose downloads list mechanisms by code."""
    return f"{code}: {MECHANISMS[code]}" if code in MECHANISMS else code


def mechanism_name(code: str) -> str:
    """The mechanism as a reader of one recommendation sees it: its name alone."""
    return MECHANISMS.get(code, code)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


@functools.cache
def _addressee_labels() -> dict[str, str]:
    """Each addressee's label from the coding rules; an agency within a group (the health
    services, education) is named with its group, as "Health — GP and primary care"."""
    labels = {}
    for addressee in shipped_rules().addressees:
        label = _capital(addressee.label)
        if addressee.code != addressee.group and "." in addressee.code:
            label = f"{_capital(addressee.group.replace('_', ' '))} — {label}"
        labels[addressee.code] = label
    return labels


def addressee_label(code: str) -> str:
    return _addressee_labels().get(code) or _capital(code.replace("_", " "))


def flag_label(code: str) -> str:
    return FLAGS.get(code, _capital(code.replace("_", " ")))


def code_label(code: str) -> str:
    """Any code a reason (trigger) names: a mechanism, an addressee, a flag or a level."""
    if code in MECHANISMS:
        return mechanism_name(code)
    if code in _addressee_labels():
        return addressee_label(code)
    if code in FLAGS:
        return flag_label(code)
    return _capital(code) if code in LEVELS else code


def reasons(triggers: Iterable[Any]) -> str:
    """The words that led to each code, as "Training or awareness: “training”; …". A trigger
    is stored as a mapping and comes from the analyser as an object: both have code and words."""
    parts = []
    for trigger in triggers:
        code, words = (
            (trigger["code"], trigger["words"])
            if isinstance(trigger, dict)
            else (trigger.code, trigger.words)
        )
        parts.append(f"{code_label(code)}: \u201c{words}\u201d")
    return "; ".join(parts)
