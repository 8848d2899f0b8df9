"""The statutory clocks' rules table as data (DESIGN §3, STYLE habit 2).

A rules file (``clock-rules.json`` ships with the package) holds one versioned edition of the
limits. This module is the one loader: it reads and checks a file (:func:`read_rules_file`,
pure Python) and writes it into the database (:func:`install_rule_set`, given the model
classes, so the data migration can pass its historical models and
``casereview.cases.services.load_rules`` the real ones). A new edition of the guidance is a new
file with a new ``version``: loading it adds a rules set and keeps the old ones.

File format::

    {"version": str, "title": str, "effective_from": "YYYY-MM-DD", "notes": str,
     "rules": [{"regime": "SCR"|"CSPR"|"PFD", "step": str, "label": str,
                "counts_from": EVENT, "amount": int, "unit": UNIT,
                "direction": "after"|"before", "kind": "deadline"|"target"|"minimum",
                "rationale": str, "parent": str (optional), "optional": bool (optional),
                "met_by": MET_BY (optional), "met_by_rationale": str (with met_by)}]}

A step is met only on a date a person recorded. Most steps are recorded on their own (the
"record as done" page); ``met_by`` declares that a date recorded for something else *is* the
step (the notification date is the SIN), and ``met_by_rationale`` says why.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, TypeVar

SHIPPED_RULES_FILE: Final = Path(__file__).with_name("clock-rules.json")

E = TypeVar("E", bound=StrEnum)


class Regime(StrEnum):
    """Serious case reviews (Working Together 2013/2015) or child safeguarding practice reviews
    (Working Together 2018/2023); see ``casereview.cases.clocks.regime_for``."""

    SCR = "SCR"
    CSPR = "CSPR"
    # A coroner's Prevention of Future Deaths report (Regulations 28 and 29 of the Coroners
    # (Investigations) Regulations 2013): its addressees' response, not a case's regime.
    PFD = "PFD"


# The regimes a case runs under; PFD rows time a coroner's report's responses (ADR 0016).
CASE_REGIMES: Final = (Regime.SCR, Regime.CSPR)


class Event(StrEnum):
    """What a clock counts from. The names are part of the command-line contract (DESIGN §9)."""

    AWARE = "aware"
    NOTIFIED = "notified"
    DECIDED = "decided"
    INITIATED = "initiated"
    PUBLISHED = "published"
    # The date a coroner's PFD report bears ("date of report").
    REPORTED = "reported"


class MetBy(StrEnum):
    """The dates a person records elsewhere that a rules row may declare meet its step."""

    NOTIFIED = "notified"
    """The date notified, typed on the notification form."""
    DECIDED = "decided"
    """The chair's decision date, typed on the decision form."""
    DECISION_SENT_TO_PANEL = "decision_sent_to_panel"
    """The date the decision was sent to the national panel, typed on the decision form."""
    FINAL = "final"
    """The date the chair signed off the final report, typed when the case moves to Final."""
    PANEL_COPY_SENT = "panel_copy_sent"
    """The date a copy went to the national panel, typed only if the person knows it."""
    PUBLISHED = "published"
    """The date the report was published, typed when the case moves to Published."""


class Unit(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class Direction(StrEnum):
    AFTER = "after"
    # "At least n before the event": the step falls due on the latest date that still satisfies it.
    BEFORE = "before"


class Kind(StrEnum):
    DEADLINE = "deadline"
    TARGET = "target"
    # "At least": the step must not happen before (after) / must happen by (before) the date.
    MINIMUM = "minimum"


EVENT_LABELS: Final[Mapping[Event, str]] = {
    Event.AWARE: "the board became aware",
    Event.NOTIFIED: "notification sent",
    Event.DECIDED: "decision on a review recorded",
    Event.INITIATED: "review commissioned",
    Event.PUBLISHED: "report published",
    Event.REPORTED: "coroner's report dated",
}

STEP_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class RulesFileError(ValueError):
    """A rules file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class RuleRow:
    regime: Regime
    step: str
    label: str
    counts_from: Event
    amount: int
    unit: Unit
    direction: Direction
    kind: Kind
    rationale: str
    parent: str = ""
    optional: bool = False
    met_by: str = ""
    met_by_rationale: str = ""


@dataclass(frozen=True)
class RuleSetData:
    version: str
    title: str
    effective_from: datetime.date
    notes: str
    rules: tuple[RuleRow, ...]

    @property
    def digest(self) -> str:
        """A fingerprint of the content, so loading the same edition twice is harmless and
        reusing a version for different rules is refused."""
        content = {
            "version": self.version,
            "title": self.title,
            "effective_from": self.effective_from.isoformat(),
            "notes": self.notes,
            "rules": [_digested(rule) for rule in self.rules],
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _digested(rule: RuleRow) -> dict[str, Any]:
    """A row as the digest sees it: without an empty ``met_by``, so files written before rows
    could declare one keep the digest they were loaded with."""
    row = asdict(rule)
    if not rule.met_by:
        del row["met_by"], row["met_by_rationale"]
    return row


def _choice(enum: type[E], value: object, where: str, field: str) -> E:
    if isinstance(value, str) and value in {member.value for member in enum}:
        return enum(value)
    choices = ", ".join(member.value for member in enum)
    raise RulesFileError(f"{where}: {field} must be one of {choices}, not {value!r}.")


def _text(row: Mapping[str, Any], field: str, where: str, *, required: bool = True) -> str:
    value = row.get(field, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise RulesFileError(f"{where}: {field} must be a non-empty piece of text.")
    return value.strip()


def parse_rules(document: object, source: str = "the rules file") -> RuleSetData:
    """Check a decoded rules document and turn it into :class:`RuleSetData`."""
    if not isinstance(document, dict):
        raise RulesFileError(f"{source} must hold a JSON object with version, rules and so on.")
    version = _text(document, "version", source)
    title = _text(document, "title", source)
    notes = _text(document, "notes", source, required=False)
    try:
        effective_from = datetime.date.fromisoformat(str(document.get("effective_from")))
    except ValueError:
        raise RulesFileError(f"{source}: effective_from must be a date like 2019-09-29.") from None
    rows = document.get("rules")
    if not isinstance(rows, list) or not rows:
        raise RulesFileError(f"{source}: rules must be a non-empty list.")

    rules: list[RuleRow] = []
    for number, row in enumerate(rows, start=1):
        where = f"{source}, rule {number}"
        if not isinstance(row, dict):
            raise RulesFileError(f"{where} must be a JSON object.")
        step = _text(row, "step", where)
        if not STEP_KEY.match(step):
            raise RulesFileError(
                f"{where}: step {step!r} must be lower-case letters, digits and underscores."
            )
        amount = row.get("amount")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
            raise RulesFileError(f"{where}: amount must be a whole number, 0 or more.")
        optional = row.get("optional", False)
        if not isinstance(optional, bool):
            raise RulesFileError(f"{where}: optional must be true or false.")
        met_by = ""
        met_by_rationale = ""
        if row.get("met_by"):
            met_by = _choice(MetBy, row.get("met_by"), where, "met_by").value
            met_by_rationale = _text(row, "met_by_rationale", where)
        rules.append(
            RuleRow(
                regime=_choice(Regime, row.get("regime"), where, "regime"),
                step=step,
                label=_text(row, "label", where),
                counts_from=_choice(Event, row.get("counts_from"), where, "counts_from"),
                amount=amount,
                unit=_choice(Unit, row.get("unit"), where, "unit"),
                direction=_choice(Direction, row.get("direction"), where, "direction"),
                kind=_choice(Kind, row.get("kind"), where, "kind"),
                rationale=_text(row, "rationale", where),
                parent=_text(row, "parent", where, required=False),
                optional=optional,
                met_by=met_by,
                met_by_rationale=met_by_rationale,
            )
        )

    keys = [(rule.regime, rule.step) for rule in rules]
    for regime, step in keys:
        if keys.count((regime, step)) > 1:
            raise RulesFileError(f"{source}: the {regime} step {step!r} appears more than once.")
    for number, rule in enumerate(rules, start=1):
        if rule.parent and (rule.regime, rule.parent) not in keys:
            raise RulesFileError(
                f"{source}, rule {number}: the {rule.regime} step {rule.step!r} names a parent "
                f"step {rule.parent!r} that is not in the file."
            )
    return RuleSetData(version, title, effective_from, notes, tuple(rules))


def read_rules_file(path: Path | str) -> RuleSetData:
    """Read and check a rules file; a :class:`RulesFileError` says what is wrong with it."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RulesFileError(f"Cannot read the rules file {path}: {error.strerror}.") from None
    except json.JSONDecodeError as error:
        raise RulesFileError(
            f"The rules file {path} is not valid JSON (line {error.lineno}: {error.msg})."
        ) from None
    return parse_rules(document, source=f"The rules file {path.name}")


def _has_field(model: Any, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def install_rule_set(data: RuleSetData, rule_set_model: Any, clock_rule_model: Any) -> Any:
    """Write ``data`` as a new active rules set, or return the one already loaded with the same
    version and content. The caller provides the transaction."""
    existing = rule_set_model.objects.filter(version=data.version).first()
    if existing is not None:
        if existing.digest != data.digest:
            raise RulesFileError(
                f"Version {data.version} is already loaded with different rules. "
                "Give the new edition a new version so the old clocks keep their rules."
            )
        return existing
    rule_set = rule_set_model.objects.create(
        version=data.version,
        title=data.title,
        effective_from=data.effective_from,
        notes=data.notes,
        digest=data.digest,
        is_active=True,
    )
    clock_rule_model.objects.bulk_create(
        clock_rule_model(
            rule_set=rule_set,
            regime=rule.regime.value,
            step=rule.step,
            label=rule.label,
            counts_from=rule.counts_from.value,
            amount=rule.amount,
            unit=rule.unit.value,
            direction=rule.direction.value,
            kind=rule.kind.value,
            rationale=rule.rationale,
            parent_step=rule.parent,
            is_optional=rule.optional,
            sort_order=order,
            # The migration that first loads the rules runs before rows could declare met_by;
            # cases migration 0005 fills it in.
            **(
                {"met_by": rule.met_by, "met_by_rationale": rule.met_by_rationale}
                if _has_field(clock_rule_model, "met_by")
                else {}
            ),
        )
        for order, rule in enumerate(data.rules, start=1)
    )
    return rule_set
