"""Tests of the clock rules pages: new editions, withdrawing sets, and the deadlines calculator.

The helpers here build what the new-edition form posts, starting from a rules set's own rows, so
each test states only the change it is about.
"""

from __future__ import annotations

import datetime
from typing import Any

from casereview.cases.models import RuleSet

SHIPPED = "wt2018-2023"


def shipped() -> RuleSet:
    return RuleSet.objects.get(version=SHIPPED)


def date_fields(name: str, on: datetime.date) -> dict[str, str]:
    return {
        f"{name}-day": str(on.day),
        f"{name}-month": str(on.month),
        f"{name}-year": str(on.year),
    }


def edition_form(
    source: RuleSet,
    *,
    steps: dict[str, dict[str, Any]] | None = None,
    effective_from: datetime.date = datetime.date(2026, 4, 1),
    **fields: Any,
) -> dict[str, Any]:
    """What the form posts for a new edition of ``source``: every step as it is, except the
    changes in ``steps`` (keyed "REGIME-step", e.g. "CSPR-sin")."""
    data: dict[str, Any] = {
        "version": "wt2026-test",
        "title": "An imaginary 2026 edition",
        "notes": "Imaginary guidance that shortens the SIN to three working days.",
        **date_fields("effective_from", effective_from),
    }
    for rule in source.rules.all():
        prefix = f"{rule.regime}-{rule.step}"
        data.update(
            {
                f"{prefix}-label": rule.label,
                f"{prefix}-counts_from": rule.counts_from,
                f"{prefix}-amount": str(rule.amount),
                f"{prefix}-unit": rule.unit,
                f"{prefix}-direction": rule.direction,
                f"{prefix}-kind": rule.kind,
                f"{prefix}-rationale": rule.rationale,
            }
        )
        if rule.is_optional:
            data[f"{prefix}-optional"] = "on"
    for prefix, changes in (steps or {}).items():
        for field, value in changes.items():
            name = f"{prefix}-{field}"
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
    data.update(fields)
    return data


SHORTER_SIN = {"CSPR-sin": {"amount": "3"}}
