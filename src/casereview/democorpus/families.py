"""The bank of recommendation families that makes recommendations recur across the corpus.

A family is one lesson (for example, "training on bruising in non-mobile babies"). Each report
draws a few families and words each one afresh from its mechanism's paraphrase templates and the
family's own topic phrasings, so near-duplicates recur across boards and years with different
wording. The family id is the ground truth for recurrence clusters.

The families themselves are data, in `families.psv` beside this module (its header describes
the columns); ids follow line order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


def _mechanism_labels() -> dict[str, str]:
    """Each mechanism's short label, read as data from the taxonomy that the coder uses
    (`casereview/analysis/mechanisms.json`), so that the two cannot drift apart."""
    text = resources.files("casereview.analysis").joinpath("mechanisms.json").read_text("utf-8")
    return {code: spec["label"] for code, spec in json.loads(text)["codes"].items()}


MECHANISMS: dict[str, str] = _mechanism_labels()


@dataclass(frozen=True)
class Family:
    id: str
    mechanism: str
    level: str
    addressees: tuple[str, ...]
    topics: tuple[str, ...]
    themes: tuple[str, ...]


def _parse(rows: str) -> tuple[Family, ...]:
    families = []
    lines = (line for line in rows.splitlines() if line.strip() and not line.startswith("#"))
    for n, line in enumerate(lines):
        mech, level, addressees, topics, themes = line.split("|")
        families.append(
            Family(
                id=f"F{n + 1:03d}",
                mechanism=mech,
                level=level,
                addressees=tuple(addressees.split(",")),
                topics=tuple(topics.split(";")),
                themes=tuple(t for t in themes.split(",") if t),
            )
        )
    return tuple(families)


FAMILIES: tuple[Family, ...] = _parse(
    resources.files("casereview.democorpus").joinpath("families.psv").read_text(encoding="utf-8")
)
FAMILY_BY_ID: dict[str, Family] = {f.id: f for f in FAMILIES}

# Paraphrase templates per mechanism. `{who}` is the addressee as printed; a template without
# it names no owner. `{staff}` is the workforce the recommendation is aimed at.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "A1": (
        "{who} should review and update the procedures on {topic}",
        "{who} must ensure that local guidance on {topic} is revised, re-issued and understood "
        "by {staff}",
        "A single multi-agency protocol on {topic} should be agreed and published",
        "{who} should develop a clear procedure for {topic}, setting out what practitioners are "
        "expected to do",
        "The procedures on {topic} need to be strengthened so that practitioners know what to do",
    ),
    "A2": (
        "{who} should ensure that all {staff} receive training on {topic}",
        "Multi-agency training on {topic} must be delivered to {staff}",
        "{who} should provide briefings for {staff} on {topic}, drawing on the learning from "
        "this review",
        "The learning from this review about {topic} should be disseminated to {staff}",
        "{who} should raise awareness among {staff} of {topic}",
    ),
    "A3": (
        "{who} should ensure that supervision of {staff} includes explicit discussion of {topic}",
        "{who} should audit a sample of cases to test practice in relation to {topic}",
        "Managers should provide and record oversight of {topic}",
        "{who} should strengthen the quality assurance of {topic}",
        "{who} should seek evidence that management oversight of {topic} is effective",
    ),
    "A4": (
        "{who} should strengthen the arrangements for {topic}",
        "{who} must ensure that recording systems support {topic}",
        "Arrangements for {topic} should be reviewed so that information reaches the "
        "professionals who need it",
        "{who} should agree a protocol for {topic}",
        "{who} should improve practice in relation to {topic}",
    ),
    "A5": (
        "{who} should ensure that assessments address {topic}",
        "Assessments completed by {staff} must take account of {topic}",
        "{who} should introduce a practice standard for {topic}",
        "{who} should review the quality of practice in relation to {topic}",
        "Practitioners should be supported to improve {topic}",
    ),
    "A6": (
        "{who} should review the effectiveness of {topic}",
        "Multi-agency arrangements for {topic} should be strengthened",
        "{who} should seek assurance about {topic}",
        "{who} must ensure that {staff} understand their role in {topic}",
        "{who} should set clear expectations for {topic}",
    ),
    "A7": (
        "{who} should ensure that practitioners prioritise {topic}",
        "{who} should set clear practice expectations for {topic}",
        "Practice with families should routinely include {topic}",
        "{who} should develop guidance and resources to support {staff} with {topic}",
        "{who} should be able to evidence improvement in {topic}",
    ),
    "A8": (
        "{who} should review {topic}",
        "{who} should set out a plan to address {topic}",
        "Action should be taken to address {topic}",
        "{who} should report to the partnership on {topic}",
        "{who} must give priority to {topic}",
    ),
    "A9": (
        "{who} should review the commissioning of {topic}",
        "{who} should ensure that families have timely access to {topic}",
        "{who} should consider whether current provision of {topic} meets local need",
        "Commissioners should work with providers to improve {topic}",
        "{who} should develop {topic} in response to the needs identified in this review",
    ),
    "A10": (
        "{who} should seek assurance about {topic}",
        "{who} should monitor {topic} and report progress to the executive group",
        "{who} should review {topic}",
        "Arrangements for {topic} should be strengthened",
        "{who} should put in place arrangements to oversee {topic}",
    ),
    "A11": (
        "{who} should consider {topic}",
        "{who} should review national guidance on {topic}",
        "{who} should consider whether legislation or statutory guidance is needed on {topic}",
        "National guidance on {topic} should be strengthened",
        "The Child Safeguarding Practice Review Panel should raise {topic} with {who}",
    ),
}

TIMESCALES: tuple[str, ...] = (
    " within six months",
    " within three months of publication",
    " by {month} {year}",
    " within 12 months",
    " by the end of {year}",
)

MEASURES: tuple[str, ...] = (
    " and report to the partnership on the impact of this work",
    ", with compliance tested through a multi-agency audit",
    " and evidence the impact through an audit within 12 months",
    " and provide assurance to the partnership that this has been completed",
    ", measuring progress through the partnership's performance dataset",
)

# Sub-items (lettered under a parent recommendation). The flag says what each adds.
SUB_ITEMS: tuple[tuple[str, str], ...] = (
    ("the learning from this review is included", ""),
    ("practitioners across all agencies can take part", ""),
    ("attendance is monitored and reported to the partnership", "measurable"),
    ("the impact is evaluated through a multi-agency audit", "measurable"),
    ("the arrangements are reviewed within 12 months", "timescale"),
    ("the views of children and families are sought", ""),
    ("a named lead is identified in each agency", "owner"),
    ("progress is reported to the executive group every six months", "timescale"),
)
