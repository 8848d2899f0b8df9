"""Build one fictional report from (seed, index): its facts, its blocks and its ground truth.

Every random choice comes from a generator seeded by (seed, index, aspect), so report i depends
only on the seed and i (never on the corpus size), and an override of one aspect (say the
recommendation layout) leaves the others as they would have been.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from casereview.democorpus import prose
from casereview.democorpus.families import (
    FAMILIES,
    MEASURES,
    SUB_ITEMS,
    TEMPLATES,
    TIMESCALES,
    Family,
)
from casereview.democorpus.model import (
    Contents,
    PageBreak,
    Para,
    Planted,
    Recommendation,
    Report,
    Run,
    Table,
)
from casereview.democorpus.tables import (
    ABUSE_PHRASES,
    ADDRESSEES,
    AGENCY_PRACTITIONER,
    AREAS,
    FIRST_NAMES_F,
    FIRST_NAMES_M,
    MONTHS,
    NATIONAL_PANEL,
    NUMBER_WORDS,
    OTHER_REVIEW_NAMES,
    PARTNERSHIP_FROM_YEAR,
    REVIEW_MODELS,
    SCHOOLS,
    STREETS,
    SURNAMES,
    THEMES,
    Area,
    Theme,
)

KINDS = ("pdf", "docx", "scanned", "broken")
BROKEN_REASONS = (
    "zero_byte",
    "truncated_pdf",
    "corrupt_bytes",
    "mislabelled_html",
    "mislabelled_text",
    "encrypted_pdf",
    "zip_bomb_docx",
)
# Recommendation layouts and their share of the corpus.
LAYOUTS: dict[str, float] = {
    "numbered_dot": 0.22,
    "numbered_paren": 0.08,
    "r_prefix": 0.10,
    "recommendation_colon": 0.10,
    "lettered": 0.10,
    "table": 0.14,
    "bullets": 0.05,
    "heading_paras": 0.08,
    "national_split": 0.08,
    "none": 0.05,
}
STYLE_WEIGHTS: dict[str, float] = {"arial": 0.55, "times": 0.2, "compact": 0.15, "large": 0.1}
# Share of reports that read like an unredacted draft, with identifying details left in.
IDENTIFIER_SHARE = 0.3

# Fixed positions in the first 60 indexes, so a 60-report demo corpus always holds every kind
# of broken file, scanned and DOCX reports, and the tricky recommendation layouts.
DEMO_KINDS: dict[int, tuple[str, str | None]] = {
    3: ("docx", None),
    7: ("scanned", None),
    11: ("broken", "zero_byte"),
    13: ("docx", None),
    17: ("broken", "truncated_pdf"),
    23: ("broken", "corrupt_bytes"),
    29: ("broken", "mislabelled_html"),
    31: ("scanned", None),
    37: ("broken", "encrypted_pdf"),
    41: ("docx", None),
    43: ("broken", "zip_bomb_docx"),
    47: ("broken", "mislabelled_text"),
    53: ("docx", None),
    58: ("docx", None),
}
DEMO_LAYOUTS: dict[int, str] = {
    0: "numbered_dot",
    1: "table",
    2: "lettered",
    4: "heading_paras",
    5: "none",
    6: "national_split",
    8: "bullets",
    9: "r_prefix",
    10: "recommendation_colon",
    12: "numbered_paren",
    13: "table",
    14: "lettered",
    15: "numbered_dot",
    30: "table",
}
DEMO_IDENTIFIERS = frozenset({1, 6, 13, 20})
DEMO_MANY_RECOMMENDATIONS = {15: 52, 30: 44}
DEMO_EXEC_REPEATS = frozenset({0, 9})
DEMO_ZERO_RECOMMENDATIONS = frozenset({25})

_SLUG = re.compile(r"[^a-z0-9]+")


def rng_for(seed: int, index: int, aspect: str) -> random.Random:
    """A generator for one aspect of one report; string seeds hash the same on every run."""
    return random.Random(f"democorpus:{seed}:{index}:{aspect}")


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def nhs_number(rng: random.Random) -> str:
    """An invented NHS number in the 999 test range that passes the modulus-11 check."""
    while True:
        digits = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        check = 11 - sum(d * (10 - i) for i, d in enumerate(digits)) % 11
        if check == 11:
            check = 0
        if check != 10:
            s = "".join(map(str, [*digits, check]))
            return f"{s[:3]} {s[3:6]} {s[6:]}"


def nhs_number_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10:
        return False
    check = 11 - sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    return (0 if check == 11 else check) == digits[9]


@dataclass(frozen=True)
class Age:
    """The child's age as printed, with its ground-truth value in decimal years."""

    years: float
    sentence: str
    style: str
    date_of_birth: date
    incident: date


def _age(rng: random.Random, subject: str, outcome: str, pronoun: str, incident: date) -> Age:
    band = rng.choices((0, 1, 2, 3, 4), weights=(40, 20, 15, 17, 8))[0]
    low, high = ((0, 364), (365, 1826), (1827, 4019), (4020, 5845), (5846, 6573))[band]
    days = rng.randint(low, high)
    when = "when " + pronoun + (" died" if outcome == "death" else " was seriously harmed")
    if rng.random() < 0.15 and days > 0:
        dob = incident - timedelta(days=days)
        event = "died" if outcome == "death" else "was seriously injured"
        text = rng.choice(
            (
                f"{subject} was born on {long_date(dob)} and {event} on {long_date(incident)}.",
                f"{subject} was born on {long_date(dob)}, and the incident that led to this review "
                f"happened on {long_date(incident)}.",
            )
        )
        return Age(round(days / 365.25, 4), text, "dates", dob, incident)
    if days < 28:
        n = max(1, days)
        text = rng.choice(
            (
                f"{subject} was {n} days old {when}.",
                f"{subject} was a newborn baby, aged {n} days, at the time of the incident.",
            )
        )
        return Age(round(n / 365.25, 4), text, "days", incident - timedelta(days=n), incident)
    if days < 91:
        w = days // 7
        text = rng.choice(
            (
                f"{subject} was a {NUMBER_WORDS[w]}-week-old baby {when}.",
                f"{subject} was aged {w} weeks at the time of the incident.",
                f"{subject} was {w} weeks old {when}.",
            )
        )
        return Age(
            round(w * 7 / 365.25, 4), text, "weeks", incident - timedelta(days=w * 7), incident
        )
    if days < 730:
        m = max(3, int(days / 30.4375))
        text = rng.choice(
            (
                f"{subject} was aged {m} months at the time of the incident.",
                f"{subject} was a {m}-month-old baby {when}.",
                f"{subject} was {m} months old {when}.",
            )
        )
        return Age(
            round(m / 12, 4), text, "months", incident - timedelta(days=int(m * 30.4375)), incident
        )
    y = int(days / 365.25)
    if rng.random() < 0.2:
        m = rng.randint(1, 11)
        text = f"{subject} was aged {y} years and {m} months when the incident occurred."
        return Age(
            round(y + m / 12, 4),
            text,
            "years_months",
            incident - timedelta(days=int(y * 365.25 + m * 30.4375)),
            incident,
        )
    choices = (
        f"{subject} was {y} years old {when}.",
        f"{subject} was aged {y} at the time of the incident.",
        f"{subject} was a {NUMBER_WORDS[min(y, 20)]}-year-old child {when}.",
    )
    return Age(
        float(y), rng.choice(choices), "years", incident - timedelta(days=int(y * 365.25)), incident
    )


class _Writer:
    """Appends blocks to a report and records the ground truth of what it plants."""

    def __init__(self, report: Report, rng: random.Random, slots: dict[str, str]) -> None:
        self.report = report
        self.rng = rng
        self.slots = slots
        self.counter = 0
        self.contents: list[tuple[str, str]] = []

    def anchor(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def fill(self, template: str, **extra: str) -> str:
        text = template.format_map({**self.slots, **extra} if extra else self.slots)
        return text[:1].upper() + text[1:]

    def add(self, block: Para | Table | PageBreak | Contents) -> None:
        self.report.blocks.append(block)

    def heading(self, text: str, level: int = 1, contents: bool = True) -> str:
        anchor = self.anchor("h")
        style = "h1" if level == 1 else "h2"
        self.add(Para([Run(text)], style=style, anchor=anchor, keep_with_next=True))
        if contents and level == 1:
            self.contents.append((text, anchor))
        return anchor

    def para(self, text: str, anchor: str | None = None, keep: bool = False, **kw: Any) -> None:
        self.add(Para([Run(text)], anchor=anchor, keep=keep, **kw))

    def sentences(self, bank: tuple[str, ...], n: int) -> str:
        picks = self.rng.sample(bank, min(n, len(bank)))
        return " ".join(self.fill(s) for s in picks)

    def planted(
        self, item_kind: str, quote: str, paragraph: str, code: str = "", label: str = ""
    ) -> Planted:
        """A keep-together paragraph that contains `quote` verbatim, recorded for ground truth."""
        anchor = self.anchor("p")
        self.para(paragraph, anchor=anchor, keep=True)
        return Planted(anchor=anchor, kind=item_kind, text=quote, code=code, label=label)


def build_report(
    seed: int,
    index: int,
    *,
    kind: str | None = None,
    broken: str | None = None,
    layout: str | None = None,
    style: str | None = None,
    review_type: str | None = None,
    identifiers: bool | None = None,
    recommendations: int | None = None,
    exec_summary_repeats: bool | None = None,
    pages: int | None = None,
) -> Report:
    """Build report `index` of the corpus for `seed`; keyword overrides pin one aspect each.

    kind: "pdf" | "docx" | "scanned" | "broken"; broken: one of BROKEN_REASONS (implies kind
    "broken"); layout: one of LAYOUTS; style: one of the page styles; review_type: "SCR" |
    "LCSPR" | "national" | "other"; recommendations: how many to write; pages: a rough target.
    """
    kind, broken = _pick_kind(seed, index, kind, broken)
    r_meta = rng_for(seed, index, "meta")
    meta = _pick_meta(r_meta, review_type)
    child = _pick_child(rng_for(seed, index, "child"), meta.year)
    shape = _pick_shape(
        rng_for(seed, index, "layout"),
        index,
        kind,
        meta.review_type,
        layout=layout,
        style=style,
        recommendations=recommendations,
        exec_summary_repeats=exec_summary_repeats,
        identifiers=identifiers,
        pages=pages,
    )
    header, title = _header_and_title(r_meta, meta, child.pseudonym)
    report = _new_report(seed, index, kind, broken, meta, child, shape, header, title)
    r_text = rng_for(seed, index, "text")
    w = _Writer(report, r_text, _slots(r_text, meta, child))
    themes = _themes(rng_for(seed, index, "themes"), child.age.years, child.abuse, child.outcome)
    families = _families(
        rng_for(seed, index, "families"),
        shape.recommendations,
        themes,
        shape.layout,
        meta.review_type,
    )
    _compose(
        w,
        meta.area,
        meta.type_label,
        child.age,
        themes,
        families,
        shape.identifiers,
        shape.pages,
        meta.year,
    )
    return report


def _new_report(
    seed: int,
    index: int,
    kind: str,
    broken: str | None,
    meta: _Meta,
    child: _Child,
    shape: _Shape,
    header: str,
    title: str,
) -> Report:
    """The report's record, before its text is written."""
    slug = slugify(
        f"{'national-panel' if meta.review_type == 'national' else meta.area.name} "
        f"{child.pseudonym} {meta.year}"
    )
    return Report(
        seed=seed,
        index=index,
        kind=kind,
        broken=broken,
        layout=shape.layout,
        style=shape.style,
        slug=slug,
        title=title,
        board=meta.board,
        area=meta.area.name,
        region=meta.area.region,
        year_published=meta.year,
        review_type=meta.review_type,
        review_model=meta.review_model,
        pseudonym=child.pseudonym,
        sex=child.sex,
        age_years=child.age.years,
        age_expression=child.age.style,
        date_of_birth=child.age.date_of_birth,
        incident_date=child.incident,
        outcome=child.outcome,
        abuse_types=child.abuse,
        agencies=child.agencies,
        header=header,
        exec_summary_repeats=shape.exec_summary_repeats,
    )


class _Meta(NamedTuple):
    """What a report is: its year, type, place, board and method."""

    year: int
    review_type: str
    area: Area
    board: str
    type_label: str
    review_model: str | None


class _Child(NamedTuple):
    """The subject child and what happened."""

    outcome: str
    sibling_group: bool
    pronoun: str
    letter: str
    incident: date
    age: Age
    pseudonym: str
    sex: str | None
    abuse: list[str]
    agencies: list[str]


class _Shape(NamedTuple):
    """How a report is laid out and how long it is."""

    layout: str
    style: str
    recommendations: int
    exec_summary_repeats: bool
    identifiers: bool
    pages: int


def _pick_kind(
    seed: int, index: int, kind: str | None, broken: str | None
) -> tuple[str, str | None]:
    """The file's kind ("pdf", "docx", "scanned", "broken") and, if broken, how."""
    r_kind = rng_for(seed, index, "kind")
    if broken is not None:
        kind = "broken"
    if kind is None:
        if index in DEMO_KINDS:
            kind, broken = DEMO_KINDS[index]
        elif index < 60:
            kind = "pdf"
        else:
            roll = r_kind.random()
            kind = (
                "pdf"
                if roll < 0.85
                else "docx"
                if roll < 0.95
                else ("scanned" if roll < 0.975 else "broken")
            )
    if kind == "broken" and broken is None:
        broken = DEMO_KINDS.get(index, ("", None))[1] or r_kind.choice(BROKEN_REASONS)
    if kind not in KINDS or (broken is not None and broken not in BROKEN_REASONS):
        raise ValueError(f"unknown kind {kind!r} or broken reason {broken!r}")
    return kind, broken


def _pick_meta(r_meta: random.Random, review_type: str | None) -> _Meta:
    """The year, review type, area, board and review model (the `r_meta` draws before the
    header's and title's)."""
    year = r_meta.choices(range(2008, 2027), weights=[0.6 + 0.05 * i for i in range(19)])[0]
    if review_type is None:
        roll = r_meta.random()
        if roll < 0.1:
            review_type = "other"
        elif year <= 2018:
            review_type = "SCR"
        elif year <= 2020:
            review_type = "SCR" if roll < 0.45 else "LCSPR"
        else:
            review_type = "national" if roll < 0.14 else "LCSPR"
    if review_type == "SCR":
        year = min(year, 2020)
    elif review_type in ("LCSPR", "national"):
        year = max(year, 2020 if review_type == "national" else 2019)
    area: Area = r_meta.choice(AREAS)
    if review_type == "national":
        board = NATIONAL_PANEL
    elif review_type == "SCR" or year < PARTNERSHIP_FROM_YEAR:
        board = f"{area.name} Local Safeguarding Children Board"
    else:
        board = f"{area.name} Safeguarding Children Partnership"
    type_label = {
        "SCR": "Serious Case Review",
        "LCSPR": "Local Child Safeguarding Practice Review",
        "national": "National Child Safeguarding Practice Review",
        "other": r_meta.choice(OTHER_REVIEW_NAMES),
    }[review_type]
    models = [m for m, lo, hi in REVIEW_MODELS if lo <= year <= hi]
    review_model = r_meta.choice(models) if r_meta.random() < 0.7 else None
    return _Meta(year, review_type, area, board, type_label, review_model)


def _pick_child(r_child: random.Random, year: int) -> _Child:
    """The subject child: outcome, sex, pseudonym, age, abuse and the agencies involved."""
    outcome = "death" if r_child.random() < 0.55 else "serious harm"
    sibling_group = r_child.random() < 0.05
    sex_of_child = r_child.choice(("female", "male"))
    letter = r_child.choice("ABCDEFGHJKLMNPRSTWXYZ")
    incident = date(year - r_child.randint(1, 2), r_child.randint(1, 12), r_child.randint(1, 28))
    pronoun = "she" if sex_of_child == "female" else "he"
    age = _age(r_child, "SUBJECT", outcome, pronoun, incident)
    if sibling_group:
        pseudonym = f"Sibling group {letter}"
        subject = f"The youngest child in {pseudonym}"
    elif age.years < 1 and r_child.random() < 0.6:
        pseudonym = f"Baby {letter}"
        subject = pseudonym
    else:
        pseudonym = f"Child {letter}" if r_child.random() < 0.85 else f"Child {letter}{letter}"
        subject = pseudonym
    age = Age(
        age.years,
        age.sentence.replace("SUBJECT", subject),
        age.style,
        age.date_of_birth,
        age.incident,
    )
    sex = None if sibling_group else sex_of_child
    abuse = [
        a
        for a, p in zip(
            ("neglect", "physical", "sexual", "emotional"),
            (0.6, 0.5, 0.3 if age.years >= 8 else 0.1, 0.35),
            strict=True,
        )
        if r_child.random() < p
    ] or [r_child.choice(("neglect", "physical"))]
    agencies = _agencies(r_child, age.years)
    return _Child(
        outcome, sibling_group, pronoun, letter, incident, age, pseudonym, sex, abuse, agencies
    )


def _pick_shape(
    r_layout: random.Random,
    index: int,
    kind: str,
    review_type: str,
    *,
    layout: str | None,
    style: str | None,
    recommendations: int | None,
    exec_summary_repeats: bool | None,
    identifiers: bool | None,
    pages: int | None,
) -> _Shape:
    """The layout, style, number of recommendations and length; values given are kept."""
    if layout is None:
        layout = DEMO_LAYOUTS.get(index) or _weighted(r_layout, LAYOUTS)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    if style is None:
        style = _weighted(r_layout, STYLE_WEIGHTS)
    if recommendations is None:
        if layout == "none" or index in DEMO_ZERO_RECOMMENDATIONS:
            recommendations = 0
        elif index in DEMO_MANY_RECOMMENDATIONS:
            recommendations = DEMO_MANY_RECOMMENDATIONS[index]
        else:
            roll = r_layout.random()
            recommendations = (
                0
                if roll < 0.02
                else r_layout.randint(1, 5)
                if roll < 0.12
                else r_layout.randint(40, 60)
                if roll > 0.97
                else r_layout.randint(21, 39)
                if roll > 0.85
                else r_layout.randint(6, 20)
            )
    if exec_summary_repeats is None:
        exec_summary_repeats = index in DEMO_EXEC_REPEATS or (
            0 < recommendations <= 20 and r_layout.random() < 0.25
        )
    if identifiers is None:
        identifiers = index in DEMO_IDENTIFIERS or r_layout.random() < IDENTIFIER_SHARE
    if pages is None:
        pages = int(min(110, max(9, r_layout.lognormvariate(math.log(29), 0.45))))
        if review_type == "national":
            pages = int(pages * 1.4)
        if kind == "scanned":
            pages = min(pages, 16)
    return _Shape(layout, style, recommendations, exec_summary_repeats, identifiers, pages)


def _header_and_title(r_meta: random.Random, meta: _Meta, pseudonym: str) -> tuple[str, str]:
    """The running header and the title, in one of the ways each type of review is named."""
    board, type_label, review_type = meta.board, meta.type_label, meta.review_type
    header = r_meta.choice(
        (
            f"{board} | {pseudonym} — {type_label}",
            f"{pseudonym}: {type_label}",
            f"{type_label} — {pseudonym} — {board}",
        )
    )
    title = r_meta.choice(
        {
            "SCR": (
                f"Serious Case Review: {pseudonym}",
                f"{pseudonym}: Serious Case Review",
                f"Serious Case Review into the circumstances of {pseudonym}",
            ),
            "LCSPR": (
                f"Local Child Safeguarding Practice Review: {pseudonym}",
                f"{pseudonym}: A Local Child Safeguarding Practice Review",
                f"Child Safeguarding Practice Review — {pseudonym}",
            ),
            "national": (
                f"National Review: {pseudonym}",
                f"{pseudonym}: a national child safeguarding practice review",
            ),
            "other": (
                f"{type_label}: {pseudonym}",
                f"Learning from the experiences of {pseudonym}: {type_label}",
            ),
        }[review_type]
    )
    return header, title


def _slots(r_text: random.Random, meta: _Meta, child: _Child) -> dict[str, str]:
    """The words that fill the prose templates' slots for this report."""
    board, area, agencies, abuse = meta.board, meta.area, child.agencies, child.abuse
    pseudonym, sibling_group, pronoun, letter = (
        child.pseudonym,
        child.sibling_group,
        child.pronoun,
        child.letter,
    )
    mother, father = r_text.choice(
        (
            ("Mother", "Father"),
            (f"Ms {letter}", "Mr K"),
            ("Adult M", "Adult F"),
            ("the mother", "the father"),
        )
    )
    practitioner_agency = r_text.choice(agencies)
    slots = {
        "child": pseudonym if not sibling_group else "the youngest child",
        "they": pronoun,
        "They": pronoun.capitalize(),
        "their": "her" if pronoun == "she" else "his",
        "Their": "Her" if pronoun == "she" else "His",
        "them": "her" if pronoun == "she" else "him",
        "girl": "girl" if pronoun == "she" else "boy",
        "mother": mother,
        "father": father,
        "board": board,
        "town": area.town,
        "agency": r_text.choice(agencies),
        "practitioner": AGENCY_PRACTITIONER[practitioner_agency],
        "category": {
            "neglect": "neglect",
            "physical": "physical abuse",
            "sexual": "sexual abuse",
            "emotional": "emotional abuse",
        }[abuse[0]],
        "hospital": f"{area.town} General Hospital",
        "when": "",
        "n": "1",
    }
    return slots


def _agencies(rng: random.Random, years: float) -> list[str]:
    pool = [
        "children's social care",
        "police",
        "GP",
        "emergency department",
        "housing",
        "adult mental health",
        "substance misuse service",
        "domestic abuse service",
        "ambulance service",
        "probation",
        "adult social care",
        "paediatrics",
    ]
    if years < 5:
        pool += ["health visiting", "midwifery", "early years"]
    if years >= 4:
        pool += ["school"]
    if years >= 10:
        pool += ["CAMHS", "youth justice"]
    chosen = rng.sample(pool, min(len(pool), rng.randint(4, 9)))
    first = ["children's social care", "police", "GP"]
    return [a for a in first if a in chosen or rng.random() < 0.8] + [
        a for a in chosen if a not in first
    ]


def _themes(rng: random.Random, years: float, abuse: list[str], outcome: str) -> list[Theme]:
    chosen = []
    for theme in THEMES:
        low, high = theme.ages
        if not low <= years <= high:
            continue
        weight = theme.weight
        if theme.code == "T2.neglect" and "neglect" in abuse:
            weight = 0.95
        if theme.code == "T4.safe_sleep" and outcome != "death":
            weight = 0.1
        if rng.random() < weight:
            chosen.append(theme)
    return chosen


# A fixed popularity per family, so that some lessons recur far more often than others.
_POPULARITY = {
    f.id: 1.0 / (1 + rank) ** 0.6
    for rank, f in enumerate(
        random.Random("democorpus-family-popularity").sample(FAMILIES, len(FAMILIES))
    )
}


def _families(
    rng: random.Random, count: int, themes: list[Theme], layout: str, review_type: str
) -> list[Family]:
    codes = {t.code for t in themes}
    national_share = (
        0.5 if review_type == "national" else 0.15 if layout == "national_split" else 0.02
    )
    weights = []
    for f in FAMILIES:
        wgt = _POPULARITY[f.id] * (4.0 if codes.intersection(f.themes) else 1.0)
        if f.mechanism == "A11":
            wgt *= national_share * 10
        weights.append(wgt)
    pool = list(FAMILIES)
    picked: list[Family] = []
    for _ in range(min(count, len(pool))):
        i = rng.choices(range(len(pool)), weights=weights)[0]
        picked.append(pool.pop(i))
        weights.pop(i)
    if layout == "national_split" and picked and not any(f.mechanism == "A11" for f in picked):
        picked[-1] = next(f for f in FAMILIES if f.mechanism == "A11")
    return picked


def _compose(
    w: _Writer,
    area: Area,
    type_label: str,
    age: Age,
    themes: list[Theme],
    families: list[Family],
    identifiers: bool,
    pages: int,
    year: int,
) -> None:
    """The report's text, section by section, in the order a review sets them out."""
    r = w.report
    rng = w.rng
    contents = _cover(w, type_label, year)

    recs = _recommendations(w, families, year)
    r.recommendations = recs
    fixed = 9 + len(recs) / 7
    spare = max(2.0, pages - fixed)
    n_events = max(6, int(spare * 7.8))
    n_analysis = max(4, int(spare * 5.4))

    _executive_summary(w, area, type_label, recs)
    _introduction(w)
    legal_name = _background(w, area, age, identifiers)
    themes_left = _Themes(w, themes)
    for _ in range(min(3, len(themes_left.queue))):
        themes_left.plant()
    _chronology(w, age, n_events, legal_name, themes_left.plant)
    _findings(w, n_analysis, themes_left.plant)
    while themes_left.queue:
        themes_left.plant()
    _learning(w)

    w.heading("Conclusions")
    w.para(w.sentences(prose.CONCLUSIONS[0 if r.outcome == "death" else 1 :], 3))
    w.para(w.sentences(prose.ANALYSIS, 3))

    if r.layout != "none":
        w.heading("Recommendations")
        if not recs:
            w.para(rng.choice(prose.NO_RECOMMENDATIONS))
        _print_recommendations(w, recs, repeat=False)

    _response_and_action_plan(w, recs, year)
    _appendices(w)
    contents.entries.extend(w.contents)


def _cover(w: _Writer, type_label: str, year: int) -> Contents:
    """The cover page (title, type, board, publication date, reviewer) and the contents page."""
    r = w.report
    rng = w.rng
    published = f"{MONTHS[rng.randint(0, 11)]} {year}"
    pub_line = rng.choice(
        (
            f"Published: {published}",
            f"Date of publication: {published}",
            f"Final report, published {published}",
        )
    )
    title_anchor = w.anchor("p")
    w.add(Para([Run(r.title)], style="title", anchor=title_anchor, space_before=180, center=True))
    type_anchor = w.anchor("p")
    w.add(
        Para([Run(type_label)], style="subtitle", anchor=type_anchor, center=True, space_before=20)
    )
    board_anchor = w.anchor("p")
    w.add(Para([Run(r.board)], style="subtitle", anchor=board_anchor, center=True))
    pub_anchor = w.anchor("p")
    w.add(Para([Run(pub_line)], anchor=pub_anchor, center=True, space_before=40))
    w.add(
        Para(
            [
                Run(
                    "Independent lead reviewer: "
                    f"{rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)} {rng.choice(SURNAMES)}"
                )
            ],
            center=True,
        )
    )
    r.evidence["title"] = Planted(title_anchor, "evidence", r.title)
    r.evidence["review_type"] = Planted(type_anchor, "evidence", type_label)
    r.evidence["board"] = Planted(board_anchor, "evidence", r.board)
    r.evidence["year_published"] = Planted(pub_anchor, "evidence", pub_line)
    w.add(PageBreak())
    w.add(Para([Run("Contents")], style="h1"))
    contents = Contents([])
    w.add(contents)
    w.add(PageBreak())
    return contents


def _executive_summary(w: _Writer, area: Area, type_label: str, recs: list[Recommendation]) -> None:
    """The executive summary; some repeat the recommendations."""
    r = w.report
    w.heading("Executive summary")
    w.para(
        w.fill(
            f"This {type_label.lower()} concerns {{child}}, and was commissioned by the {{board}}."
        )
        if r.review_type != "national"
        else w.fill(
            "This review was commissioned by the Child Safeguarding Practice Review Panel "
            f"following a serious incident notification from {area.name}."
        )
    )
    w.para(w.sentences(prose.ANALYSIS, 4))
    if r.exec_summary_repeats and recs:
        w.para(
            "The review makes the following recommendations, which are set out in full in "
            "the recommendations section of this report."
        )
        _print_recommendations(w, recs, repeat=True)
    w.add(PageBreak())


def _introduction(w: _Writer) -> None:
    """The introduction, the review model and the terms of reference (decoys)."""
    r = w.report
    rng = w.rng
    w.heading("Introduction")
    w.para(w.sentences(prose.INTRO, 3))
    if r.review_model:
        sentence = rng.choice(
            (
                f"The review used the {r.review_model}.",
                f"This review was carried out using the {r.review_model}.",
            )
        )
        r.evidence["review_model"] = w.planted(
            "evidence", sentence, sentence + " " + w.sentences(prose.INTRO, 2)
        )
    w.para(w.sentences(prose.INTRO, 3))
    w.heading("Terms of reference", 2)
    w.para("The review panel agreed the following terms of reference.")
    tor_style = rng.choice(("{n}.", "{n})", "({n})"))
    for n, item in enumerate(rng.sample(prose.TERMS_OF_REFERENCE, rng.randint(4, 8)), 1):
        anchor = w.anchor("d")
        text = w.fill(item)
        w.para(text, anchor=anchor, label=tor_style.format(n=n), indent=1)
        r.decoys.append(Planted(anchor, "terms_of_reference", text, number=str(n)))
    agencies_text = ", ".join(r.agencies[:-1]) + " and " + r.agencies[-1]
    w.para(f"The agencies that contributed to the review were {agencies_text}.")


def _background(w: _Writer, area: Area, age: Age, identifiers: bool) -> str:
    """The child and family: age, sex, outcome and abuse types, with their evidence; returns the
    child's legal name where an unredacted draft holds it."""
    r = w.report
    rng = w.rng
    w.heading("Background and family context")
    r.evidence["child.age_years"] = w.planted(
        "evidence", age.sentence, age.sentence + " " + w.fill(rng.choice(prose.BACKGROUND))
    )
    if r.sex:
        sex_sentence = w.fill(
            rng.choice(
                (
                    "{child} was described by {their} family as a cheerful and affectionate "
                    "{girl}.",
                    "{child} is a {girl} who lived with {their} family in {town}.",
                    "Those who knew {child} describe a {girl} who loved music and being outdoors.",
                )
            )
        )
        r.evidence["child.sex"] = w.planted("evidence", sex_sentence, sex_sentence)
    outcome_sentence = w.fill(
        rng.choice(
            (
                "{child} died in hospital two days after being admitted.",
                "{child} died at home, and the cause of death was later found to be "
                "non-accidental.",
            )
            if r.outcome == "death"
            else (
                "{child} suffered serious injuries, including fractures, but survived.",
                "{child} was seriously harmed and needed treatment in a specialist hospital.",
            )
        )
    )
    r.evidence["outcome"] = w.planted("evidence", outcome_sentence, outcome_sentence)
    phrases = [ABUSE_PHRASES[a] for a in r.abuse_types]
    joined = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]
    abuse_sentence = w.fill(
        rng.choice(
            (
                f"The review considered concerns about {joined}.",
                f"Agencies had been aware of concerns about {joined} before the incident.",
            )
        )
    )
    r.evidence["abuse_types"] = w.planted("evidence", abuse_sentence, abuse_sentence)
    if age.style == "dates":
        r.identifiers.append(
            Planted(
                r.evidence["child.age_years"].anchor, "date_of_birth", long_date(age.date_of_birth)
            )
        )
    legal_name = ""
    if identifiers:
        legal_name = _plant_identifiers(w, area, age)
    w.para(w.sentences(prose.BACKGROUND, 4))
    return legal_name


class _Themes:
    """The report's themes, planted one at a time through its text, in a shuffled order."""

    def __init__(self, w: _Writer, themes: list[Theme]) -> None:
        self.w = w
        self.queue = list(themes)
        w.rng.shuffle(self.queue)

    def plant(self) -> None:
        """A paragraph stating the next theme, while any is left."""
        w, rng = self.w, self.w.rng
        if self.queue:
            theme = self.queue.pop()
            quote = w.fill(rng.choice(theme.sentences))
            w.report.themes.append(
                w.planted(
                    "theme",
                    quote,
                    quote + " " + w.sentences(prose.ANALYSIS, rng.randint(1, 2)),
                    code=theme.code,
                    label=theme.label,
                )
            )


def _chronology(
    w: _Writer, age: Age, n_events: int, legal_name: str, plant_theme: Callable[[], None]
) -> None:
    """The chronology: dated events in paragraphs under episodes, or in a table."""
    r = w.report
    rng = w.rng
    w.heading(
        rng.choice(
            ("Chronology of key events", "Key practice episodes", "Summary of agency involvement")
        )
    )
    events = [e for lo, hi, e in prose.CHRONOLOGY if lo <= age.years <= hi]
    start = age.incident - timedelta(days=min(3 * 365, max(270, int(age.years * 365.25) + 200)))
    span = (age.incident - start).days
    dates = sorted(start + timedelta(days=rng.randint(0, span - 1)) for _ in range(n_events))
    as_table = rng.random() < 0.25
    episodes = rng.sample(prose.EPISODES, min(len(prose.EPISODES), max(2, n_events // 8)))
    per_episode = max(1, n_events // len(episodes))
    rows: list[list[str]] = []
    for n, when in enumerate(dates):
        if n % per_episode == 0 and n // per_episode < len(episodes) and not as_table:
            w.heading(f"Episode {n // per_episode + 1}: {w.fill(episodes[n // per_episode])}", 2)
        fmt = rng.choice(prose.WHEN_FORMATS)
        when_text = fmt.format(
            d=when.day,
            dd=f"{when.day:02d}",
            mm=f"{when.month:02d}",
            month=MONTHS[when.month - 1],
            year=when.year,
        )
        agency = rng.choice(r.agencies)
        text = w.fill(
            rng.choice(events),
            when=when_text,
            agency=agency,
            practitioner=AGENCY_PRACTITIONER[agency],
        )
        if as_table:
            rows.append(
                [
                    f"{when.day:02d}/{when.month:02d}/{when.year}",
                    agency.capitalize(),
                    text.split(", ", 1)[1][0].upper() + text.split(", ", 1)[1][1:],
                ]
            )
        else:
            w.para(text)
            if n % 9 == 4:
                plant_theme()
        if legal_name and n == len(dates) // 2 and not as_table:
            anchor = w.anchor("p")
            w.para(
                f"Records from this period refer to {w.slots['child']} by {w.slots['their']} "
                f"full name, {legal_name}, which has been left in this draft in error.",
                anchor=anchor,
                keep=True,
            )
            r.identifiers.append(Planted(anchor, "name", legal_name))
    if as_table:
        w.add(Table([0.16, 0.2, 0.64], ["Date", "Agency", "Event"], rows, [None] * len(rows)))


def _findings(w: _Writer, n_analysis: int, plant_theme: Callable[[], None]) -> None:
    """The analysis: numbered findings (not recommendations) with paragraphs and questions."""
    r = w.report
    rng = w.rng
    w.heading(rng.choice(("Analysis", "Analysis and findings", "Findings")))
    n_findings = rng.randint(3, 8)
    finding_texts = rng.sample(prose.FINDINGS, n_findings)
    per_finding = max(1, n_analysis // n_findings)
    for n, finding in enumerate(finding_texts, 1):
        text = w.fill(finding)
        anchor = w.anchor("f")
        w.add(
            Para(
                [Run(f"Finding {n}: ", bold=True), Run(text, bold=True)],
                anchor=anchor,
                keep=True,
                space_before=6,
            )
        )
        r.findings.append(Planted(anchor, "finding", text, number=str(n)))
        for _ in range(per_finding):
            w.para(w.sentences(prose.ANALYSIS, rng.randint(3, 6)))
        if n % 2 == 0:
            plant_theme()
        if r.layout == "none" or rng.random() < 0.2:
            w.para("Questions for the partnership:", keep_with_next=True)
            for q in rng.sample(prose.QUESTIONS, 2):
                anchor = w.anchor("d")
                w.para(q, anchor=anchor, label="•", indent=1)
                r.decoys.append(Planted(anchor, "question", q))


def _learning(w: _Writer) -> None:
    """Learning points, good practice and areas for improvement: none is a recommendation."""
    r = w.report
    rng = w.rng
    w.heading(rng.choice(("Learning points", "Key learning", "Learning from this review")))
    lp_style = rng.choice(("{n}.", "Learning point {n}:", "L{n}"))
    for n, point in enumerate(rng.sample(prose.LEARNING_POINTS, rng.randint(3, 7)), 1):
        anchor = w.anchor("l")
        label = lp_style.format(n=n)
        if label.startswith("Learning point"):
            w.add(Para([Run(label + " ", bold=True), Run(point)], anchor=anchor))
        else:
            w.para(point, anchor=anchor, label=label, indent=1)
        r.learning_points.append(Planted(anchor, "learning_point", point, number=str(n)))
    w.heading("Good practice", 2)
    for item in rng.sample(prose.GOOD_PRACTICE, rng.randint(2, 4)):
        anchor = w.anchor("d")
        text = w.fill(item)
        w.para(text, anchor=anchor, label="•", indent=1)
        r.decoys.append(Planted(anchor, "good_practice", text))
    if rng.random() < 0.5:
        w.heading("Areas for improvement", 2)
        for item in rng.sample(prose.IMPROVEMENTS, rng.randint(2, 5)):
            anchor = w.anchor("d")
            text = item[0].upper() + item[1:] + "."
            w.para(text, anchor=anchor, label="•", indent=1)
            r.decoys.append(Planted(anchor, "area_for_improvement", text))


def _response_and_action_plan(w: _Writer, recs: list[Recommendation], year: int) -> None:
    """Sometimes, the board's response and an action plan table naming the recommendations."""
    r = w.report
    rng = w.rng
    if recs and rng.random() < 0.3:
        w.heading(
            f"Response from the {r.board}"
            if r.review_type != "national"
            else "Response to the review"
        )
        anchor = w.anchor("d")
        text = w.sentences(prose.BOARD_RESPONSE, 3)
        w.para(text, anchor=anchor)
        r.decoys.append(Planted(anchor, "board_response", text))
        rows = []
        anchors: list[str | None] = []
        for rec in recs[: rng.randint(1, min(8, len(recs)))]:
            anchor = w.anchor("d")
            action = rng.choice(prose.ACTIONS)
            rows.append(
                [
                    rec.number or "-",
                    action,
                    rng.choice(("Partnership", "CSC", "Health", "Police")),
                    f"{MONTHS[rng.randint(0, 11)]} {year + 1}",
                    rng.choice(("Open", "In progress", "Complete")),
                ]
            )
            anchors.append(anchor)
            r.decoys.append(Planted(anchor, "action_plan", action, number=rec.number))
        w.heading("Action plan", 2, contents=False)
        w.add(
            Table(
                [0.1, 0.42, 0.16, 0.18, 0.14],
                ["Rec.", "Action", "Lead", "By when", "Status"],
                rows,
                anchors,
            )
        )


def _appendices(w: _Writer) -> None:
    """The glossary and, sometimes, the panel membership."""
    rng = w.rng
    w.heading("Appendix A: Glossary")
    for term, meaning in rng.sample(prose.GLOSSARY, rng.randint(5, len(prose.GLOSSARY))):
        w.add(Para([Run(term + " ", bold=True), Run("— " + meaning)]))
    if rng.random() < 0.6:
        w.heading("Appendix B: Review panel membership")
        for role in rng.sample(prose.PANEL_ROLES, rng.randint(4, len(prose.PANEL_ROLES))):
            w.para(role, label="•", indent=1)


_INWARD = "ABDEFGHJLNPQRSTUWXYZ"


def _plant_identifiers(w: _Writer, area: Area, age: Age) -> str:
    """Plant the details an unredacted draft would hold; returns the child's legal name."""
    rng = w.rng
    r = w.report
    female = r.sex == "female" if r.sex else rng.random() < 0.5
    surname = rng.choice(SURNAMES)
    child_name = f"{rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)} {surname}"
    mother_first = rng.choice(FIRST_NAMES_F)
    mother_surname = surname if rng.random() < 0.6 else rng.choice(SURNAMES)
    mother_name = f"{mother_first} {mother_surname}"
    father_name = f"{rng.choice(FIRST_NAMES_M)} {rng.choice(SURNAMES)}"
    sibling_name = f"{rng.choice(FIRST_NAMES_F + FIRST_NAMES_M)} {surname}"
    dob = age.date_of_birth
    dob_text = long_date(dob) if rng.random() < 0.6 else f"{dob.day:02d}/{dob.month:02d}/{dob.year}"
    postcode = (
        f"{area.postcode}{rng.randint(1, 9)} {rng.randint(1, 9)}"
        f"{rng.choice(_INWARD)}{rng.choice(_INWARD)}"
    )
    address = f"{rng.randint(1, 120)} {rng.choice(STREETS)}, {area.town} {postcode}"
    nhs = nhs_number(rng)
    ni = (
        f"QQ {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.choice('ABCD')}"
    )
    phone = (area.dialling if rng.random() < 0.5 else "07700 900") + f"{rng.randint(0, 999):03d}"
    email = (
        f"{mother_first.lower()}.{mother_surname.lower()}{rng.randint(1, 99)}@"
        f"{rng.choice(('example.com', 'example.org', 'example.net'))}"
    )
    child, their = w.slots["child"], w.slots["their"]

    def plant(paragraph: str, items: list[tuple[str, str]]) -> None:
        anchor = w.anchor("i")
        w.para(paragraph, anchor=anchor, keep=True)
        for item_kind, text in items:
            assert text in paragraph
            r.identifiers.append(Planted(anchor, item_kind, text))

    plant(
        f"{child[:1].upper() + child[1:]} (full name {child_name}, date of birth {dob_text}, "
        f"NHS number {nhs}) lived with {their} mother, {mother_name}, and a sibling, "
        f"{sibling_name}, at {address}.",
        [
            ("name", child_name),
            ("date_of_birth", dob_text),
            ("nhs_number", nhs),
            ("name", mother_name),
            ("name", sibling_name),
            ("address", address),
            ("postcode", postcode),
        ],
    )
    if age.years >= 4:
        school = rng.choice(SCHOOLS).format(town=area.town)
        plant(f"At the time of the incident {child} attended {school}.", [("school", school)])
    plant(
        f"{w.slots['father'][:1].upper() + w.slots['father'][1:]} is {father_name}, "
        f"National Insurance number {ni}.",
        [("name", father_name), ("ni_number", ni)],
    )
    plant(
        f"The family could be contacted on {phone} or by email at {email}.",
        [("phone", phone), ("email", email)],
    )
    return child_name


def _who(rng: random.Random, code: str, board: str, area: str, year: int) -> str:
    icb = (
        f"NHS {area} Primary Care Trust"
        if year < 2013
        else f"NHS {area} Clinical Commissioning Group"
        if year < 2022
        else f"NHS {area} Integrated Care Board"
    )
    name = rng.choice(ADDRESSEES[code].names)
    return name.format(board=board, area=area, icb=icb)


def _recommendations(w: _Writer, families: list[Family], year: int) -> list[Recommendation]:
    """Word each family's recommendation and number it per the report's layout."""
    r = w.report
    rng = w.rng
    layout = r.layout
    recs: list[Recommendation] = []
    national = [f for f in families if f.mechanism == "A11"]
    local = [f for f in families if f.mechanism != "A11"]
    ordered = national + local if layout == "national_split" else families
    table_timescale = layout == "table" and rng.random() < 0.5
    for n, family in enumerate(ordered, 1):
        template = rng.choice(TEMPLATES[family.mechanism])
        codes = [rng.choice(family.addressees)]
        if len(family.addressees) > 1 and rng.random() < 0.15:
            codes = list(family.addressees[:2])
        elif family.level == "multi-agency" and rng.random() < 0.1:
            codes = ["all_agencies"]
        who = " and ".join(_who(rng, c, r.board, r.area, year) for c in codes)
        if not template.startswith("{who}") and who.startswith("The "):
            who = "the" + who[3:]
        if len(codes) == 2 and who.count("The ") + who.count("the ") > 1:
            who = who.replace(" and The ", " and the ")
        staff = ADDRESSEES[codes[0]].staff
        # A table names the lead agency in its own column, so the cell text need not.
        named = "{who}" in template or layout == "table"
        text = template.format(who=who, topic=rng.choice(family.topics), staff=staff)
        flags: set[str] = set()
        if named:
            flags.add("has_owner")
        if rng.random() < 0.45 or table_timescale:
            if not table_timescale:
                month = MONTHS[rng.randint(0, 11)]
                text += rng.choice(TIMESCALES).format(month=month, year=year + 1)
            flags.add("has_timescale")
        if rng.random() < 0.35:
            measure = rng.choice(MEASURES)
            text += measure
            flags.add("measurable")
            if "within" in measure:
                flags.add("has_timescale")
        if rng.random() < 0.2:
            text += f" (Finding {rng.randint(1, 3)})"
            flags.add("traceable")
        text += "."
        subs: list[str] = []
        if layout == "lettered" and rng.random() < 0.55:
            text = text[:-1] + ", ensuring that:"
            picks = rng.sample(SUB_ITEMS, rng.randint(2, 4))
            sub_style = rng.choice(("{l})", "({l})", "{l}."))
            for k, (sub, adds) in enumerate(picks):
                end = "." if k == len(picks) - 1 else ";"
                subs.append(f"{sub_style.format(l='abcd'[k])} {sub}{end}")
                if adds:
                    flags.add(
                        {
                            "measurable": "measurable",
                            "timescale": "has_timescale",
                            "owner": "has_owner",
                        }[adds]
                    )
        section = (
            ("national" if family.mechanism == "A11" else "local")
            if (layout == "national_split")
            else "main"
        )
        number = _number(layout, n, family, ordered)
        level = (
            "national"
            if codes == ["national_bodies"]
            else ("multi-agency" if codes == ["all_agencies"] else family.level)
        )
        full = " ".join([text, *subs])
        recs.append(
            Recommendation(
                anchor=w.anchor("r"),
                number=number,
                text=full,
                family=family.id,
                mechanism=family.mechanism,
                level=level,
                addressees=codes,
                flags=sorted(flags),
                section=section,
                body=text,
                sub_items=subs,
                owner=who[0].upper() + who[1:],
                timescale_column=rng.choice(
                    ("6 months", "12 months", "3 months", f"March {year + 1}")
                )
                if table_timescale
                else None,
            )
        )
    return recs


def _number(layout: str, n: int, family: Family, ordered: list[Family]) -> str | None:
    if layout == "bullets":
        return None
    if layout == "r_prefix":
        return f"R{n}"
    if layout == "national_split":
        national = [f for f in ordered if f.mechanism == "A11"]
        if family.mechanism == "A11":
            return f"N{n}"
        return str(n - len(national))
    return str(n)


def _print_recommendations(w: _Writer, recs: list[Recommendation], repeat: bool) -> None:
    if not recs:
        return
    r = w.report
    rng = random.Random(f"{r.seed}:{r.index}:print")  # same choices for the summary and body
    layout = r.layout
    r_label = rng.choice(("R{n}", "R{n}.", "R{n}:"))
    if layout == "table":
        with_time = recs[0].timescale_column is not None
        header = ["No.", "Recommendation", "Lead agency"] + (["Timescale"] if with_time else [])
        widths = [0.08, 0.6, 0.32] if not with_time else [0.08, 0.5, 0.24, 0.18]
        rows = []
        for rec in recs:
            row = [rec.number or "", rec.body, rec.owner]
            if rec.timescale_column is not None:
                row.append(rec.timescale_column)
            rows.append(row)
        w.add(Table(widths, header, rows, [None if repeat else x.anchor for x in recs]))
        return
    current_section = ""
    for rec in recs:
        text, subs = rec.body, rec.sub_items
        anchor = None if repeat else rec.anchor
        if layout == "national_split" and rec.section != current_section and not repeat:
            current_section = rec.section
            w.heading(
                "National recommendations"
                if rec.section == "national"
                else f"Recommendations for the {r.board}"
                if r.review_type != "national"
                else "Recommendations for local partnerships",
                2,
            )
        if layout == "recommendation_colon":
            w.add(
                Para(
                    [Run(f"Recommendation {rec.number}: ", bold=True), Run(text)],
                    anchor=anchor,
                    space_before=4,
                )
            )
        elif layout == "heading_paras":
            w.add(Para([Run(f"Recommendation {rec.number}")], style="h2", keep_with_next=True))
            w.add(Para([Run(text, bold=True)], anchor=anchor))
            if not repeat:
                for _ in range(rng.randint(1, 2)):
                    w.para(rng.choice(prose.EXPLANATIONS))
        elif layout == "bullets":
            w.para(text, anchor=anchor, label="•", indent=1)
        else:
            label = {
                "numbered_paren": f"{rec.number})",
                "r_prefix": r_label.format(n=(rec.number or "")[1:]),
            }.get(layout, f"{rec.number}.")
            w.para(text, anchor=anchor, label=label)
            for sub in subs:
                lab, rest = sub.split(" ", 1)
                w.para(rest, label=lab, indent=1)
