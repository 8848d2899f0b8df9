"""People confirm or correct a recommendation's codes (audited); their labels are the labelled
data the automatic coding is measured against (:func:`evaluation`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from casereview.analysis.coding import FLAGS, LEVELS, MECHANISM_CODES, shipped_rules
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import diff, record
from casereview.recommendations.models import CodingLabel, CodingStatus, Recommendation
from casereview.recommendations.vocabulary import addressee_label, flag_label, mechanism_name

CODED = ("mechanism", "addressees", "level", "flags")


def addressee_choices() -> list[tuple[str, str]]:
    return [(a.code, addressee_label(a.code)) for a in shipped_rules().addressees]


def mechanism_choices() -> list[tuple[str, str]]:
    return [(code, mechanism_name(code)) for code in MECHANISM_CODES]


def level_choices() -> list[tuple[str, str]]:
    return [(level, level.capitalize()) for level in LEVELS]


def flag_choices() -> list[tuple[str, str]]:
    return [(flag, flag_label(flag)) for flag in FLAGS]


def _machine(rec: Recommendation) -> dict[str, Any]:
    return {
        "mechanism": rec.machine_mechanism,
        "addressees": sorted(rec.machine_addressees),
        "level": rec.machine_level,
        "flags": sorted(rec.machine_flags),
    }


@transaction.atomic
def label(rec: Recommendation, values: dict[str, Any], *, actor: Actor) -> Any:
    """Record a person's codes for a recommendation; they are in force from now on."""
    person = {
        "mechanism": values["mechanism"],
        "addressees": sorted(values["addressees"]),
        "level": values["level"],
        "flags": sorted(values["flags"]),
    }
    before = {name: getattr(rec, name) for name in CODED}
    agrees = person == _machine(rec)
    made = CodingLabel.objects.create(
        recommendation=rec,
        text=rec.text,
        agrees_with_machine=agrees,
        labelled_by=actor.signed_in_user,
        **person,
    )
    for name, value in person.items():
        setattr(rec, name, value)
    rec.coding_status = CodingStatus.CONFIRMED if agrees else CodingStatus.CORRECTED
    rec.save(update_fields=[*CODED, "coding_status"])
    record(
        Action.RECOMMENDATION_CODED,
        actor=actor,
        obj=rec,
        board=rec.document.board,
        summary=f"{'Confirmed' if agrees else 'Corrected'} the codes of recommendation "
        f"{rec.number or rec.position} of {rec.document.display_title}"[:500],
        data={"document": rec.document_id},
        changes=diff(before, person),
    )
    return made


# --- evaluation against people's labels ----------------------------------------------------------


@dataclass(frozen=True)
class Score:
    code: str
    label: str
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    @property
    def support(self) -> int:
        return self.true_positive + self.false_negative


@dataclass(frozen=True)
class Evaluation:
    labelled: int
    mechanisms: list[Score]
    addressees: list[Score]
    flags: list[Score]
    level_agreement: float | None


def _scores(
    pairs: list[tuple[set[str], set[str]]], choices: Iterable[tuple[str, str]]
) -> list[Score]:
    scores = []
    for code, text in choices:
        tp = sum(1 for machine, person in pairs if code in machine and code in person)
        fp = sum(1 for machine, person in pairs if code in machine and code not in person)
        fn = sum(1 for machine, person in pairs if code not in machine and code in person)
        if tp or fp or fn:
            scores.append(Score(code, text, tp, fp, fn))
    return scores


def evaluation(recommendations: Any) -> Evaluation:
    """Per-code precision, recall and F1 of the machine's codes against the latest label of each
    labelled recommendation among ``recommendations``."""
    latest: dict[int, CodingLabel] = {}
    labels = CodingLabel.objects.filter(recommendation__in=recommendations).order_by(
        "recommendation_id", "-labelled_at", "-pk"
    )
    for found in labels.select_related("recommendation"):
        latest.setdefault(found.recommendation_id, found)
    rows = list(latest.values())
    mech = [({r.recommendation.machine_mechanism}, {r.mechanism}) for r in rows]
    adr = [(set(r.recommendation.machine_addressees), set(r.addressees)) for r in rows]
    flg = [(set(r.recommendation.machine_flags), set(r.flags)) for r in rows]
    levels = [r.recommendation.machine_level == r.level for r in rows]
    return Evaluation(
        labelled=len(rows),
        mechanisms=_scores(mech, mechanism_choices()),
        addressees=_scores(adr, addressee_choices()),
        flags=_scores(flg, flag_choices()),
        level_agreement=sum(levels) / len(levels) if levels else None,
    )
