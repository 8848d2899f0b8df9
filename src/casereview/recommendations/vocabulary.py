"""The words for the codes of DESIGN §5, as people read them on the pages."""

from __future__ import annotations

from typing import Final

MECHANISMS: Final = {
    "A1": "Policy or procedure",
    "A2": "Training or awareness",
    "A3": "Supervision, management oversight or quality assurance",
    "A4": "Information sharing, recording or IT tools",
    "A5": "Assessment and risk analysis",
    "A6": "Multi-agency decision-making, escalation or challenge",
    "A7": "Direct work with the child and family",
    "A8": "Workforce, capacity or resources",
    "A9": "Service provision or commissioning",
    "A10": "Governance, assurance or the review process",
    "A11": "National policy or legislation",
}

FLAGS: Final = {
    "has_owner": "Names an owner",
    "measurable": "Measurable",
    "has_timescale": "Has a timescale",
    "timescale": "Has a timescale",
    "traceable": "Traceable to a finding",
}


def mechanism_label(code: str) -> str:
    return f"{code}: {MECHANISMS[code]}" if code in MECHANISMS else code


def addressee_label(code: str) -> str:
    return code.replace("childrens", "children's").replace("_", " ").capitalize()


def flag_label(code: str) -> str:
    return FLAGS.get(code, code.replace("_", " ").capitalize())
