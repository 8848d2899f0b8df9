"""Administrators' changes to the clocks' rules table (DESIGN §3, issue 3 item 3).

A rules set is never changed in place: the clocks of cases worked out with it must stay as they
were. An edit publishes a new edition instead: a new ``RuleSet`` that copies the rows of the set
it starts from, with the administrator's changes, under a new version and effective date. It goes
through the same reader and installer as a rules file (``casereview.cases.rules``), so the web
cannot make anything the file format forbids. A set can also be withdrawn or brought back, but
never so that dates it covered are left with no rules at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, Final

from django.db import IntegrityError, transaction

from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import diff, record, snapshot
from casereview.cases.models import ClockRule, RuleSet
from casereview.cases.rules import RuleRow, RuleSetData, install_rule_set, parse_rules
from casereview.cases.services import Refused

StepKey = tuple[str, str]
"""A step's identity: (regime, step), for example ("CSPR", "rapid_review")."""

EDITABLE_FIELDS: Final = (
    "label",
    "counts_from",
    "amount",
    "unit",
    "direction",
    "kind",
    "rationale",
    "optional",
)
"""What a web edition may change in a step. Its regime, key and parent stay: code knows steps by
key (``case_clocks.MET_BY`` says what meets each one), so new or removed steps come in a rules
file, where the person making them can see the whole structure."""

NEW_EDITION: Final = "The new edition"
"""How the validator's messages name a web edition ("The new edition, rule 3: …")."""


class RulesRefused(Refused):
    """A refused change to the rules table; ``field`` names the form field it concerns, if any."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__([reason])
        self.field = field


def _day(on: datetime.date) -> str:
    return f"{on.day} {on:%B %Y}"


# Reading a set -------------------------------------------------------------------------------


def rules_document(rule_set: RuleSet) -> dict[str, Any]:
    """A rules set in the rules-file format: what its download holds and what a new edition
    starts from. Reading it back gives the set's own digest, so loading a downloaded set where
    it already is changes nothing."""
    rules: list[dict[str, Any]] = []
    for rule in rule_set.rules.order_by("sort_order"):
        row: dict[str, Any] = {
            "regime": rule.regime,
            "step": rule.step,
            "label": rule.label,
            "counts_from": rule.counts_from,
            "amount": rule.amount,
            "unit": rule.unit,
            "direction": rule.direction,
            "kind": rule.kind,
            "rationale": rule.rationale,
        }
        if rule.parent_step:
            row["parent"] = rule.parent_step
        if rule.is_optional:
            row["optional"] = True
        if rule.met_by:
            row["met_by"] = rule.met_by
            row["met_by_rationale"] = rule.met_by_rationale
        rules.append(row)
    return {
        "version": rule_set.version,
        "title": rule_set.title,
        "effective_from": rule_set.effective_from.isoformat(),
        "notes": rule_set.notes,
        "rules": rules,
    }


@dataclass(frozen=True)
class InForce:
    """The dates a set governs: events from ``start`` to ``end`` (None: until a later set)."""

    start: datetime.date
    end: datetime.date | None


def _precedence(rule_set: RuleSet) -> tuple[datetime.date, datetime.datetime, int]:
    # The same order as clocks.rule_set_in_force: latest effective date, then latest loaded.
    return (rule_set.effective_from, rule_set.loaded_at, rule_set.pk)


def period_in_force(rule_set: RuleSet, active_sets: Iterable[RuleSet]) -> InForce | None:
    """When ``rule_set`` is the one in force, given every active set; None if it never is (it
    is withdrawn, or a set loaded later starts on the same day)."""
    if not rule_set.is_active:
        return None
    takes_over = [
        other.effective_from
        for other in active_sets
        if other.pk != rule_set.pk and _precedence(other) > _precedence(rule_set)
    ]
    if not takes_over:
        return InForce(rule_set.effective_from, None)
    handover = min(takes_over)
    if handover <= rule_set.effective_from:
        return None
    return InForce(rule_set.effective_from, handover - datetime.timedelta(days=1))


def withdrawal_refusal(rule_set: RuleSet) -> str | None:
    """Why ``rule_set`` cannot be withdrawn, or None if it can. It cannot when no other active
    set starts on or before it: the dates it covers would be left with no rules."""
    others = RuleSet.objects.filter(is_active=True).exclude(pk=rule_set.pk)
    if others.filter(effective_from__lte=rule_set.effective_from).exists():
        return None
    later = others.order_by("effective_from").first()
    start = _day(rule_set.effective_from)
    if later is None:
        return (
            f"{rule_set.version} is the only active rules set, so withdrawing it would leave "
            "every clock with no rules. Publish or bring back another set first."
        )
    last = _day(later.effective_from - datetime.timedelta(days=1))
    return (
        f"No other active rules set covers events from {start} to {last}, so withdrawing "
        f"{rule_set.version} would leave their clocks with no rules. Bring back or load a set "
        f"in force from {start} or earlier first."
    )


# A new edition -------------------------------------------------------------------------------


def _flat(data: RuleSetData) -> dict[str, Any]:
    """One level of named values, for the audit trail's field-level changes."""
    values: dict[str, Any] = {
        "version": data.version,
        "title": data.title,
        "effective_from": data.effective_from.isoformat(),
        "notes": data.notes,
    }
    for rule in data.rules:
        for name, value in asdict(rule).items():
            if name not in ("regime", "step"):
                plain = value.value if isinstance(value, Enum) else value
                values[f"{rule.regime} {rule.step} {name}"] = plain
    return values


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def _step_changes(before: Sequence[RuleRow], after: Sequence[RuleRow]) -> list[str]:
    """Each changed step in words, for the new edition's notes."""
    old = {(rule.regime, rule.step): asdict(rule) for rule in before}
    lines = []
    for rule in after:
        was = old[(rule.regime, rule.step)]
        now = asdict(rule)
        changed = [
            f"{name.replace('_', ' ')} {_shown(was[name])} → {_shown(now[name])}"
            for name in EDITABLE_FIELDS
            if name not in ("label", "rationale") and was[name] != now[name]
        ]
        changed += [f"new {name}" for name in ("label", "rationale") if was[name] != now[name]]
        if changed:
            lines.append(f"{rule.regime} {rule.step}: {', '.join(changed)}")
    return lines


def publish_edition(
    actor: Actor,
    source: RuleSet,
    *,
    version: str,
    title: str,
    effective_from: datetime.date,
    notes: str,
    steps: Mapping[StepKey, Mapping[str, object]],
) -> RuleSet:
    """Publish a new edition made from ``source`` with the changes in ``steps`` (values as typed,
    keyed by step; only :data:`EDITABLE_FIELDS` count). ``source`` itself is left as it was.

    Raises ``RulesFileError`` for anything the rules file format forbids (its message names the
    rule by number, in ``source``'s order) and :class:`RulesRefused` for a version already used
    or an edition that changes no step.
    """
    document = rules_document(source)
    was = parse_rules(document, source=f"Rules set {source.version}")
    for row in document["rules"]:
        edits = steps.get((row["regime"], row["step"]), {})
        row.update({name: value for name, value in edits.items() if name in EDITABLE_FIELDS})
    document.update(
        version=version, title=title, effective_from=effective_from.isoformat(), notes=notes
    )
    # Every value goes through the rules file's own reader before anything is compared or saved.
    edited = parse_rules(document, source=NEW_EDITION)
    changes = _step_changes(was.rules, edited.rules)
    if not changes:
        raise RulesRefused(
            "You have not changed any step. Change at least one limit, event or wording; "
            "an edition with the same steps would change no clock."
        )
    document["notes"] = f"{edited.notes}\n\nMade from {source.version}. Changed: " + "; ".join(
        changes
    )
    data = parse_rules(document, source=NEW_EDITION)
    taken = (
        f"Version {data.version} is already used by another rules set. Give the new edition "
        "a version of its own."
    )
    try:
        with transaction.atomic():
            if RuleSet.objects.filter(version=data.version).exists():
                raise RulesRefused(taken, field="version")
            rule_set: RuleSet = install_rule_set(data, RuleSet, ClockRule)
            record(
                Action.RULES_EDITED,
                actor=actor,
                obj=rule_set,
                summary=(
                    f"Published rules edition {rule_set.version} from {source.version}, in force "
                    f"for events from {_day(rule_set.effective_from)}: {len(changes)} "
                    f"step{'s' if len(changes) != 1 else ''} changed"
                ),
                changes=diff(_flat(was), _flat(data)),
                data={"based_on": source.version, "digest": data.digest},
            )
    except IntegrityError:
        # Another administrator took the version between the check and the insert.
        raise RulesRefused(taken, field="version") from None
    return rule_set


# Withdrawing and bringing back -----------------------------------------------------------------


def set_active(actor: Actor, rule_set: RuleSet, *, active: bool, reason: str) -> RuleSet:
    """Withdraw a rules set (``active=False``) or bring it back, for the reason given. The set's
    rules are not touched; only which dates it governs changes."""
    reason = reason.strip()
    if not reason:
        raise RulesRefused("Enter the reason for this change", field="reason")
    with transaction.atomic():
        # Lock the active sets, so two withdrawals at once cannot leave dates with no rules.
        list(RuleSet.objects.select_for_update().filter(is_active=True))
        rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
        if rule_set.is_active == active:
            state = "in use" if active else "withdrawn"
            raise RulesRefused(f"{rule_set.version} is already {state}.")
        if not active:
            refusal = withdrawal_refusal(rule_set)
            if refusal:
                raise RulesRefused(refusal)
        before = snapshot(rule_set, ("is_active",))
        rule_set.is_active = active
        rule_set.save(update_fields=["is_active"])
        verb = "Brought back" if active else "Withdrew"
        record(
            Action.RULES_ACTIVATED if active else Action.RULES_DEACTIVATED,
            actor=actor,
            obj=rule_set,
            summary=f"{verb} rules set {rule_set.version}: {reason}",
            changes=diff(before, snapshot(rule_set, ("is_active",))),
            data={"reason": reason},
        )
    return rule_set
