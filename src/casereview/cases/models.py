"""The statutory clocks' rules table (DESIGN §3): versioned rules sets and their rows.

Rows are data, loaded from a rules file by ``casereview.cases.rules``; nothing here stores a due
date or "days left", which ``casereview.cases.clocks`` computes from a case's stored dates.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from casereview.cases.rules import Direction, Event, Kind, Regime, Unit


def _choices(values: type[Regime | Event | Unit | Direction | Kind]) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ")) for member in values]


class RuleSet(models.Model):
    """One edition of the limits. The rules in force on a date are those of the latest active
    set whose ``effective_from`` is on or before it."""

    version = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=300)
    effective_from = models.DateField()
    notes = models.TextField(blank=True)
    # The loaded file's content fingerprint: the same version cannot be reloaded with new rules.
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(default=timezone.now, editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["-effective_from", "-loaded_at"]

    def __str__(self) -> str:
        return f"{self.version} (from {self.effective_from:%d %B %Y})"


class ClockRule(models.Model):
    """One step of one regime: when it falls due, counted from an event on the case."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    regime = models.CharField(max_length=8, choices=_choices(Regime))
    step = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    counts_from = models.CharField(max_length=16, choices=_choices(Event))
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=16, choices=_choices(Unit))
    direction = models.CharField(max_length=8, choices=_choices(Direction))
    kind = models.CharField(max_length=16, choices=_choices(Kind))
    rationale = models.TextField()
    # Sub-steps (the rapid review's day-by-day plan) name the step they belong to.
    parent_step = models.CharField(max_length=64, blank=True)
    is_optional = models.BooleanField(default=False)
    sort_order = models.PositiveIntegerField()

    class Meta:
        ordering: ClassVar = ["rule_set", "regime", "sort_order"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["rule_set", "regime", "step"], name="cases_one_rule_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regime} {self.step}: {self.amount} {self.unit} {self.direction}"
