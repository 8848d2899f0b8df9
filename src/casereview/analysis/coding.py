"""Coding a recommendation (DESIGN §5): its mechanism, addressees, level and quality flags, each
with the words that triggered it.

The rules are data, in `coding-rules.json` beside this module: per code a label, a rationale and
weighted lexicons or patterns, each with the reason it is trusted. This module only applies them:

- the **owners** are the agencies named as the subject ("The police and the local authority
  should...") or as those a concern is to be raised with;
- the **mechanism** is the code whose words score highest, words in the subject and the verb
  phrase after "should" counting more than words in the topic; with no words at all it is the
  rules' default, reported with no trigger;
- the **addressees** are the owners; failing those, national bodies for a national-policy
  recommendation, then the agencies the text mentions, then the rules' default (no trigger);
- the **level** follows from the addressees and the wording;
- the **flags** say whether it names an owner, is measurable, has a timescale and is traceable
  to a finding. (Near-duplicates are found across recommendations, elsewhere.)
- the **owner** is who the text names as acting, in its words: the agencies above, else a
  service, team or post named as the subject though the addressee rules do not know it
  ("Harrowfell Health Visiting Service should...", "The Designated Nurse should..."), else a
  named lead mentioned anywhere. A workforce in general ("Practitioners should...") is none.

Every code given carries a `Trigger` with the verbatim words of the text, so a reader can see why
and staff can confirm or correct it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from casereview.analysis import taxonomy
from casereview.analysis.taxonomy import MECHANISM_CODES

RULES_FILE = "coding-rules.json"
LEVELS: tuple[str, ...] = ("individual", "single agency", "multi-agency", "national")
FLAGS: tuple[str, ...] = ("has_owner", "measurable", "has_timescale", "traceable")
OWNER_KINDS: tuple[str, ...] = ("addressee", "named service", "named post", "named lead")
NATIONAL_ADDRESSEE = "national_bodies"
NATIONAL_MECHANISM = "A11"
# Addressee codes that stand for several agencies at once: either makes a recommendation
# multi-agency.
MULTI_AGENCY_ADDRESSEES = frozenset({"partnership", "all_agencies"})
# The generic health code gives way to a specific health service named alongside it.
GENERIC_HEALTH = "health"
# How many words may separate the owners from "should" ("The police, as lead agency, should").
MAX_WORDS_AFTER_OWNERS = 4

# A space or hyphen in a lexicon phrase also matches a PDF's "?" for a hyphen, typographic dashes
# or nothing ("multiagency"). It is the set [\s\-?\u2010-\u2014] repeated, written so that the
# dashes beyond Latin-1 stay a class of their own: one class holding both them and \s compiles
# to a 64 KiB character map at each of a lexicon's thousands of word gaps, most of the time
# compiling the rules took. Each repetition takes one character, so the matches are the same.
_SEPARATOR = r"(?:[\s\-?]|(?=[\u2010-\u2014]).)*"
_APOSTROPHE = "['\u2019]?"
_WORD_RE = re.compile(r"\S+")

Span = tuple[int, int]


@dataclass(frozen=True)
class Trigger:
    """Why a code was given: the code and the verbatim words in the text that triggered it."""

    code: str
    words: str


@dataclass(frozen=True)
class Owner:
    """Who a recommendation names as acting: its verbatim words, and how they were recognised
    (one of `OWNER_KINDS`: an agency the addressee rules know, a service or team or a post named
    as the subject, or a named lead mentioned in the text)."""

    words: str
    kind: str


@dataclass(frozen=True)
class Coding:
    mechanism: str
    """One primary mechanism, A1-A11."""
    addressees: tuple[str, ...] = ()
    level: str | None = None
    flags: tuple[str, ...] = ()
    triggers: tuple[Trigger, ...] = field(default=())
    scores: tuple[tuple[str, float], ...] = ()
    """Every mechanism that scored, best first: the runners-up a reviewer may prefer."""
    owner: Owner | None = None
    """Who it names as acting, when it names anyone (the `has_owner` flag's evidence)."""


class CodingRulesError(ValueError):
    """The coding rules file is malformed; the message says where and how to fix it."""


@dataclass(frozen=True)
class Rule:
    """One lexicon or pattern: what it matches, its weight and why it is trusted.

    Its regular expressions are compiled when first used, once per process: a process codes
    few texts, most of whose words no lexicon's needles find, and compiling every lexicon of
    the rules up front took a third of a second.
    """

    source: str
    """The regular expression, matched with IGNORECASE (`pattern`)."""
    weight: float
    why: str
    needles: tuple[str, ...] = ()
    """Lower-case strings of which every match holds one: a text with none is skipped cheaply."""
    caseless: bool = False
    """Whether `source` finds the same spans without IGNORECASE in lower-cased text (`lowered`):
    every lexicon, and a pattern with no capitals or inline flags (`_caseless`)."""

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, re.IGNORECASE)

    @functools.cached_property
    def lowered(self) -> re.Pattern[str] | None:
        """The same pattern for lower-cased text without IGNORECASE (faster), if `caseless`."""
        return re.compile(self.source) if self.caseless else None

    def spans(self, text: str, lowered: str) -> list[Span]:
        """Where the rule matches `text`; `lowered` is `text.lower()`."""
        if self.needles and not any(n in lowered for n in self.needles):
            return []
        if self.lowered is not None and len(lowered) == len(text):
            found = self.lowered.finditer(lowered)
        else:
            found = self.pattern.finditer(text)
        return [m.span() for m in found if m.end() > m.start()]


@dataclass(frozen=True)
class CodeRules:
    code: str
    label: str
    rationale: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class AddresseeRules:
    code: str
    label: str
    group: str
    """Agencies of one group (the health services) count once when deciding multi-agency."""
    rationale: str
    names: tuple[Rule, ...]
    """How a report names the agency as an owner."""
    mentions: tuple[Rule, ...]
    """How a report mentions its staff or services, implying it without naming an owner."""


@dataclass(frozen=True)
class Boost:
    addressee: str
    code: str
    weight: float
    why: str


@dataclass(frozen=True)
class NamedOwnerRules:
    """How a service, team or post named as the subject is recognised (`_named_owner`)."""

    bodies: frozenset[str]
    posts: frozenset[str]
    qualified: frozenset[str]
    qualifiers: frozenset[str]
    breaks: frozenset[str]
    max_words: int


@dataclass(frozen=True)
class CodingRules:
    mechanisms: tuple[CodeRules, ...]
    default_mechanism: str
    head_words: int
    head_multiplier: float
    lead_words: int
    lead_multiplier: float
    boosts: tuple[Boost, ...]
    modal: re.Pattern[str]
    weak_modal: re.Pattern[str]
    preamble: re.Pattern[str]
    role: re.Pattern[str]
    joiner: re.Pattern[str]
    determiner: re.Pattern[str]
    raise_with: re.Pattern[str]
    addressees: tuple[AddresseeRules, ...]
    default_addressee: str
    levels: Mapping[str, tuple[Rule, ...]]
    flags: tuple[CodeRules, ...]
    named_owner: NamedOwnerRules


# --- loading and validating the rules ---------------------------------------------------------


@functools.cache
def shipped_rules() -> CodingRules:
    """The rules that ship with casereview, read and checked once."""
    text = resources.files("casereview.analysis").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return load_rules(text)


def load_rules(text: str) -> CodingRules:
    """Parse and check a rules file's text; a `CodingRulesError` says what is wrong and where.

    The codes' labels and rationales come from the taxonomy files (see `taxonomy`); the rules
    file gives the words that match them, and may name no code the taxonomy does not list.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodingRulesError(
            f"The coding rules are not valid JSON (line {exc.lineno}, column {exc.colno}): "
            f"{exc.msg}."
        ) from None
    root = _obj(data, "the coding rules file")
    mech = _obj(root.get("mechanism"), "'mechanism'")
    mechanisms = _mechanism_codes(mech)
    default_mechanism = _default_mechanism(mech)
    adr = _obj(root.get("addressees"), "'addressees'")
    addressees = _addressees_section(adr)
    default_addressee = _text(adr.get("default"), "'addressees.default'")
    _text(adr.get("default_rationale"), "'addressees.default_rationale'")
    known = {a.code for a in addressees}
    for needed in (default_addressee, NATIONAL_ADDRESSEE, GENERIC_HEALTH, *MULTI_AGENCY_ADDRESSEES):
        if needed not in known:
            raise CodingRulesError(f"'addressees.codes' must include {needed!r}.")
    patterns = _subject_patterns(_obj(root.get("subject"), "'subject'"))
    return CodingRules(
        mechanisms=mechanisms,
        default_mechanism=default_mechanism,
        head_words=_count(mech.get("head_words"), "'mechanism.head_words'"),
        head_multiplier=_weight(mech.get("head_multiplier"), "'mechanism.head_multiplier'"),
        lead_words=_count(mech.get("lead_words"), "'mechanism.lead_words'"),
        lead_multiplier=_weight(mech.get("lead_multiplier"), "'mechanism.lead_multiplier'"),
        boosts=_boosts(mech, known),
        modal=patterns["modal"],
        weak_modal=patterns["weak_modal"],
        preamble=patterns["preamble"],
        role=patterns["role"],
        joiner=patterns["joiner"],
        determiner=patterns["determiner"],
        raise_with=patterns["raise_with"],
        addressees=addressees,
        default_addressee=default_addressee,
        levels=_level_rules(_obj(root.get("levels"), "'levels'")),
        flags=_flag_rules(_obj(root.get("flags"), "'flags'")),
        named_owner=_named_owner_rules(_obj(root.get("named_owner"), "'named_owner'")),
    )


def _mechanism_codes(mech: dict[str, Any]) -> tuple[CodeRules, ...]:
    """Each mechanism's rules, A1 to A11, with its label and rationale from the taxonomy."""
    codes = _obj(mech.get("codes"), "'mechanism.codes'")
    missing = [c for c in MECHANISM_CODES if c not in codes]
    extra = [c for c in codes if c not in MECHANISM_CODES]
    if missing or extra:
        raise CodingRulesError(
            "'mechanism.codes' must hold exactly the codes A1 to A11"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(extra)}" if extra else "")
            + "."
        )
    named = taxonomy.mechanisms()
    out = []
    for code in MECHANISM_CODES:
        where = f"mechanism code {code}"
        spec = _obj(codes[code], where)
        rules = _rules(spec.get("rules"), where)
        out.append(CodeRules(code, named[code].label, named[code].rationale, rules))
    return tuple(out)


def _default_mechanism(mech: dict[str, Any]) -> str:
    """The mechanism of a recommendation no rule matches, and the settings that weigh words."""
    default = _text(mech.get("default"), "'mechanism.default'")
    if default not in MECHANISM_CODES:
        raise CodingRulesError(f"'mechanism.default' is {default!r}; it must be one of A1 to A11.")
    _text(mech.get("default_rationale"), "'mechanism.default_rationale'")
    for key in ("head_words", "head_multiplier", "lead_words", "lead_multiplier"):
        _text(mech.get(f"{key}_rationale"), f"'mechanism.{key}_rationale'")
    return default


def _addressees_section(adr: dict[str, Any]) -> tuple[AddresseeRules, ...]:
    """Each addressee's rules, with its label, group and rationale from the taxonomy."""
    codes = _obj(adr.get("codes"), "'addressees.codes'")
    if not codes:
        raise CodingRulesError("'addressees.codes' must name at least one addressee.")
    try:
        taxonomy.check_addressees(codes, "The coding rules' 'addressees.codes'")
    except taxonomy.TaxonomyError as exc:
        raise CodingRulesError(str(exc)) from None
    return tuple(_addressee_rules(code, spec) for code, spec in codes.items())


def _boosts(mech: dict[str, Any], addressees: set[str]) -> tuple[Boost, ...]:
    boosts = []
    for n, item in enumerate(_list(mech.get("addressee_boosts", []), "'addressee_boosts'"), 1):
        where = f"'mechanism.addressee_boosts' item {n}"
        spec = _obj(item, where)
        boost = Boost(
            addressee=_text(spec.get("addressee"), f"{where}: 'addressee'"),
            code=_text(spec.get("code"), f"{where}: 'code'"),
            weight=_weight(spec.get("weight"), f"{where}: 'weight'"),
            why=_text(spec.get("why"), f"{where}: 'why'"),
        )
        if boost.addressee not in addressees:
            raise CodingRulesError(f"{where} names an unknown addressee {boost.addressee!r}.")
        if boost.code not in MECHANISM_CODES:
            raise CodingRulesError(f"{where} names an unknown mechanism {boost.code!r}.")
        boosts.append(boost)
    return tuple(boosts)


_SUBJECT_KEYS = ("modal", "weak_modal", "preamble", "role", "joiner", "determiner", "raise_with")


def _subject_patterns(subject: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    patterns = {}
    for key in _SUBJECT_KEYS:
        patterns[key] = _compile(_text(subject.get(key), f"'subject.{key}'"), f"'subject.{key}'")
        _text(subject.get(f"{key}_rationale"), f"'subject.{key}_rationale'")
    return patterns


def _named_owner_rules(spec: dict[str, Any]) -> NamedOwnerRules:
    _text(spec.get("rationale"), "'named_owner.rationale'")

    def words(key: str) -> frozenset[str]:
        where = f"'named_owner.{key}'"
        _text(spec.get(f"{key}_rationale"), f"'named_owner.{key}_rationale'")
        items = _list(spec.get(key), where)
        if not items:
            raise CodingRulesError(f"{where} is empty.")
        return frozenset(_text(w, f"each of {where}").strip().lower() for w in items)

    _text(spec.get("max_words_rationale"), "'named_owner.max_words_rationale'")
    return NamedOwnerRules(
        bodies=words("bodies"),
        posts=words("posts"),
        qualified=words("qualified"),
        qualifiers=words("qualifiers"),
        breaks=words("breaks"),
        max_words=_count(spec.get("max_words"), "'named_owner.max_words'"),
    )


def _level_rules(levels: dict[str, Any]) -> dict[str, tuple[Rule, ...]]:
    _text(levels.get("rationale"), "'levels.rationale'")
    return {
        level: _rules(levels.get(level), f"level {level!r}")
        for level in ("individual", "multi-agency", "national")
    }


def _flag_rules(flags: dict[str, Any]) -> tuple[CodeRules, ...]:
    unknown = [f for f in flags if f not in FLAGS]
    if unknown:
        raise CodingRulesError(
            f"'flags' holds unknown flags {', '.join(unknown)}; the flags are {', '.join(FLAGS)}."
        )
    return tuple(_code_rules(f, flags[f], f"flag {f}") for f in FLAGS if f in flags)


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CodingRulesError(f"{where} must be an object ({{...}}).")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise CodingRulesError(f"{where} must be a list ([...]).")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CodingRulesError(f"{where} must be a non-empty piece of text.")
    return value


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise CodingRulesError(f"{where} must be a whole number, 0 or more.")
    return value


def _weight(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise CodingRulesError(f"{where} must be a number greater than 0.")
    return float(value)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise CodingRulesError(f"{where} is not a valid regular expression: {exc}.") from None


def _code_rules(code: str, value: Any, where: str) -> CodeRules:
    spec = _obj(value, where)
    return CodeRules(
        code=code,
        label=_text(spec.get("label"), f"{where}: 'label'"),
        rationale=_text(spec.get("rationale"), f"{where}: 'rationale'"),
        rules=_rules(spec.get("rules"), where),
    )


def _addressee_rules(code: str, value: Any) -> AddresseeRules:
    where = f"addressee {code}"
    spec = _obj(value, where)
    named = taxonomy.addressees()[code]
    return AddresseeRules(
        code=code,
        label=named.label,
        group=named.group,
        rationale=named.rationale,
        names=_rules(spec.get("names"), f"{where} names"),
        mentions=_rules(spec.get("mentions"), f"{where} mentions"),
    )


def _rules(value: Any, where: str) -> tuple[Rule, ...]:
    items = _list(value, f"{where}: 'rules'")
    if not items:
        raise CodingRulesError(f"{where} has no rules; give it at least one.")
    rules = []
    for n, item in enumerate(items, 1):
        at = f"{where}, rule {n}"
        spec = _obj(item, at)
        has_words, has_pattern = "words" in spec, "pattern" in spec
        if has_words == has_pattern:
            raise CodingRulesError(f"{at} must have either 'words' or 'pattern' (not both).")
        if has_words:
            words = _list(spec["words"], f"{at}: 'words'")
            if not words:
                raise CodingRulesError(f"{at}: 'words' is empty.")
            phrases = [_text(w, f"{at}: each of 'words'") for w in words]
            # Every phrase is escaped: the lexicon's expression is valid without compiling it.
            source = _phrases_pattern(phrases)
            caseless = True
            needles = tuple(sorted({_needle(p) for p in phrases}))
        else:
            source = _text(spec["pattern"], f"{at}: 'pattern'")
            _compile(source, f"{at}: 'pattern'")
            caseless = _caseless(source)
            needles = ()
        rules.append(
            Rule(
                source=source,
                weight=_weight(spec.get("weight", 1), f"{at}: 'weight'"),
                why=_text(spec.get("why"), f"{at}: 'why'"),
                needles=needles,
                caseless=caseless,
            )
        )
    return tuple(rules)


def _caseless(pattern: str) -> bool:
    """Whether a pattern finds the same spans without IGNORECASE in lower-cased text (a third
    quicker): it has no inline flags and no capital letter outside an escape such as \\S or
    \\W. `Rule.spans` uses it only when lower-casing kept the text's length."""
    bare = re.sub(r"\\.", "", pattern)
    flags = re.sub(r"\(\?(?::|<=|<!|=|!)", "", bare)
    return "(?" not in flags and not any(ch.isupper() for ch in bare)


def _phrases_pattern(phrases: Iterable[str]) -> str:
    """One regular expression for a lexicon, longest phrases first so the fullest match wins.

    The word-start check is made once, outside the alternation: inside it, it would stop the
    regular expression engine skipping quickly to possible first letters.
    """
    ordered = sorted(set(phrases), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in ordered) + ")"


def _needle(phrase: str) -> str:
    """The literal start of a phrase's first word, which every match of it contains."""
    first = re.split(r"[\s\-]+", phrase.strip().lower())[0]
    return re.split(r"['\u2019*]", first)[0] or first


def _phrase_pattern(phrase: str) -> str:
    tokens = [t for t in re.split(r"[\s\-]+", phrase.strip().lower()) if t]
    parts = []
    for token in tokens:
        stem, star = (token[:-1], True) if token.endswith("*") else (token, False)
        body = "".join(_APOSTROPHE if ch in "'\u2019" else re.escape(ch) for ch in stem)
        parts.append(body + (r"\w*" if star else ""))
    end = "" if tokens[-1].endswith("*") else r"(?!\w)"
    return _SEPARATOR.join(parts) + end


# --- coding ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    code: str
    start: int
    end: int
    weight: float
    words: str


def code_recommendation(text: str, rules: CodingRules | None = None) -> Coding:
    """The codes of one recommendation's text, each with the words that triggered it."""
    rules = rules or shipped_rules()
    lowered = text.lower()
    start = m.end() if (m := rules.preamble.match(text)) else 0
    modal = rules.modal.search(text, start) or rules.weak_modal.search(text, start)
    owners = _owners(text, start, modal, rules)
    subject_named = _named_owner(text, start, modal, rules) if modal is not None else None
    # Used only when the addressee rules found no owner in the subject.
    named = None if any(modal and h.start < modal.start() for h in owners) else subject_named
    owner_spans = [(h.start, h.end) for h in owners]
    # A named service's own words ("Health Visiting Service") still imply its agency (the
    # addressees) but say nothing of the change asked for (the mechanism).
    named_spans = [(named.start, named.end)] if named else []

    flags, flag_hits = _flags(text, lowered, owners + ([named] if named else []), rules)
    action = modal.end() if modal else start
    lead_from = action if owners or named or modal is None else start
    regions = _Regions(
        lead=(lead_from, _after_words(text, lead_from, rules.lead_words)),
        head_end=_after_words(text, action, rules.head_words),
    )
    # How and by when a change is to be checked, added after the action, says nothing about what
    # the change is; "should monitor the impact of..." is itself the action.
    measure_spans = [
        (h.start, h.end) for h in flag_hits if h.code != "has_owner" and h.start >= regions.head_end
    ]
    mechanism, mech_hits, scores = _mechanism(
        text, lowered, regions, owners, owner_spans + named_spans + measure_spans, rules
    )
    addressees, adr_hits = _addressees(
        text, lowered, owners, owner_spans, mechanism, mech_hits, rules
    )
    all_measures = [(h.start, h.end) for h in flag_hits if h.code != "has_owner"]
    level, level_words = _level(
        text, lowered, addressees, adr_hits, owner_spans + all_measures, rules
    )

    triggers: list[Trigger] = []
    triggers += [Trigger(mechanism, h.words) for h in mech_hits]
    triggers += [Trigger(h.code, h.words) for h in adr_hits]
    if level is not None:
        triggers += [Trigger(level, w) for w in level_words]
    triggers += [Trigger(h.code, h.words) for h in flag_hits]
    return Coding(
        mechanism=mechanism,
        addressees=addressees,
        level=level,
        flags=flags,
        triggers=tuple(dict.fromkeys(triggers)),
        scores=scores,
        owner=_owner(text, owners, subject_named, modal, flag_hits),
    )


def _owner(
    text: str,
    owners: list[_Hit],
    named: _Hit | None,
    modal: re.Match[str] | None,
    flag_hits: list[_Hit],
) -> Owner | None:
    """The owner in the text's words: the agencies named as the subject, else a named service
    or post as the subject, else any agency a concern is to be raised with, else a named lead."""
    subject = [h for h in owners if modal is None or h.start < modal.start()]
    if subject:
        start, end = subject[0].start, subject[-1].end
        if named is not None and named.start <= start and named.end >= end:
            start, end = named.start, named.end  # "The MASH team", not only "MASH"
        return Owner(text[start:end].strip(), "addressee")
    if named is not None:
        return Owner(named.words, named.code)
    if owners:
        return Owner(owners[0].words, "addressee")
    lead = next((h for h in flag_hits if h.code == "has_owner"), None)
    return Owner(lead.words, "named lead") if lead else None


# Words, and the punctuation that ends a noun phrase, in a recommendation's subject.
_SUBJECT_TOKEN_RE = re.compile(r"[^\W\d_][\w'\u2019\-]*|[,;:()\u2013\u2014]")
_SUBJECT_DETERMINERS = frozenset(
    {"the", "each", "every", "its", "their", "our", "this", "all", "any", "some", "other"}
)
_CONJUNCTIONS = frozenset({"and", "or"})


def _named_owner(text: str, start: int, modal: re.Match[str], rules: CodingRules) -> _Hit | None:
    """A service, team or post named as the subject though not in the addressee rules.

    The subject (the words before the modal) is read as a noun phrase: its head is the last
    word before the first comma, preposition or conjunction, and must be a body or a post
    (`named_owner` in the rules); words after it that start with "of" or "for" belong to the
    name ("The Head of Service for Children's Social Care"), and words joined to it by "and"
    share its head ("Health and education leads"). A singular head needs a word before it or a
    name after it ("the MASH team", not "the team"); a plural body must be written as a proper
    name ("Greyport Children's Services", not "health services"), a plural post needs a word
    saying which ("team managers", "Designated Safeguarding Leads", not "Managers"); an
    indefinite subject ("A named nurse should be appointed") is no one. One pass over at most
    `max_words` words: no backtracking.
    """
    named = rules.named_owner
    pos = role.end() if (role := rules.role.match(text, start, modal.start())) else start
    tokens = list(
        itertools.islice(_SUBJECT_TOKEN_RE.finditer(text, pos, modal.start()), named.max_words + 1)
    )
    if not tokens or len(tokens) > named.max_words or tokens[0].group().lower() in ("a", "an"):
        return None
    phrase = _phrase(tokens, 0, named)
    kind = _owner_kind(tokens, phrase, len(phrase), named, pos == start)
    after = len(phrase)
    if kind is None and after < len(tokens) and tokens[after].group().lower() in _CONJUNCTIONS:
        # "Health and education leads": the first words share the next phrase's head.
        joined = _phrase(tokens, after + 1, named)
        if len(phrase) == 1 and joined and joined[0].group().lower() not in _SUBJECT_DETERMINERS:
            after += 1 + len(joined)
            phrase = phrase + joined
            kind = _owner_kind(tokens, joined, after, named, pos == start)
    if kind is None:
        return None
    rest = tokens[after:]
    named_after = len(rest) > 1 and rest[0].group().lower() in ("of", "for")
    end = tokens[-1].end() if named_after else phrase[-1].end()
    # From the subject's first word, with the leaders it is named through ("Senior leaders in").
    begin = tokens[0].start() if pos == start else len(text) - len(text[start:].lstrip())
    return _Hit(kind, begin, end, 1.0, text[begin:end])


def _phrase(tokens: list[re.Match[str]], at: int, named: NamedOwnerRules) -> list[re.Match[str]]:
    """The words from `at` up to the first comma, preposition or conjunction."""
    phrase = []
    for token in tokens[at:]:
        word = token.group().lower()
        if word in named.breaks or not word[0].isalpha():
            break
        phrase.append(token)
    return phrase


def _owner_kind(
    tokens: list[re.Match[str]],
    phrase: list[re.Match[str]],
    after: int,
    named: NamedOwnerRules,
    as_subject: bool,
) -> str | None:
    """ "named service" or "named post" when `phrase`'s head names one, else ``None``; `after`
    is where the words after the phrase start in `tokens`."""
    content = [t for t in phrase if t.group().lower() not in _SUBJECT_DETERMINERS]
    if not content:
        return None
    head = content[-1].group()
    lowered = head.lower()
    qualified = lowered in named.qualified and any(
        t.group().lower() in named.qualifiers for t in content[:-1]
    )
    if lowered in named.bodies:
        # Through its leaders ("The Head of Service...") a body names a post.
        kind = "named service" if as_subject else "named post"
    elif lowered in named.posts or qualified:
        kind = "named post"
    else:
        return None
    rest = tokens[after:]
    named_after = len(rest) > 1 and rest[0].group().lower() in ("of", "for")
    proper = head[0].isupper() and content[-1] is not tokens[0]
    if lowered.endswith("s"):
        body = lowered in named.bodies
        return kind if proper or (not body and len(content) > 1) else None
    return kind if len(content) > 1 or named_after else None


@dataclass(frozen=True)
class _Regions:
    lead: Span
    """The first words of the action (or of a subject that is not an owner)."""
    head_end: int
    """Where the verb phrase after "should" is taken to end."""


def _after_words(text: str, pos: int, count: int) -> int:
    """The offset just past `count` words from `pos` (the end of the text if fewer)."""
    end = pos
    for n, m in enumerate(_WORD_RE.finditer(text, pos)):
        if n >= count:
            break
        end = m.end()
    return end


class _Spans:
    """Spans that others are tested against for overlap, each test a binary search: testing each
    of a long text's hits against a list of all the others took time growing with the square
    of their number (a pasted text repeating one phrase took minutes)."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any span (`start < end`)."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already held."""
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _owners(text: str, start: int, modal: re.Match[str] | None, rules: CodingRules) -> list[_Hit]:
    """Agencies named as the subject, and any a concern is to be raised with."""
    owners = _name_chain(text, start, rules)
    if owners and modal is not None:
        between = text[owners[-1].end : modal.start()]
        if modal.start() < owners[-1].end or len(between.split()) > MAX_WORDS_AFTER_OWNERS:
            owners = []  # the names belong to a longer subject ("Arrangements for GPs to...")
    if modal is not None:
        raised = rules.raise_with.search(text, modal.end())
        if raised:
            owners += _name_chain(text, raised.end(), rules)
    return owners


def _name_chain(text: str, pos: int, rules: CodingRules) -> list[_Hit]:
    """Agency names listed from `pos` ("The police, health partners and the local authority")."""
    hits: list[_Hit] = []
    while pos < len(text):
        hit = _name_at(text, pos, rules)
        if hit is None and (role := rules.role.match(text, pos)):
            hit = _name_at(text, role.end(), rules)
        if hit is None:
            break
        hits.append(hit)
        joined = rules.joiner.match(text, hit.end)
        if joined is None or joined.end() == hit.end:
            break
        pos = joined.end()
    return hits


def _name_at(text: str, pos: int, rules: CodingRules) -> _Hit | None:
    """The longest agency name at `pos`, with or without a leading determiner."""
    starts = [pos]
    if (det := rules.determiner.match(text, pos)) and det.end() > pos:
        starts.append(det.end())
    best: _Hit | None = None
    for adr in rules.addressees:
        for rule in adr.names:
            for at in starts:
                m = rule.pattern.match(text, at)
                if (
                    m
                    and m.end() > at
                    and (best is None or (m.end(), -at) > (best.end, -best.start))
                ):
                    best = _Hit(adr.code, m.start(), m.end(), 1.0, m.group().strip())
    return best


def _mechanism(
    text: str,
    lowered: str,
    regions: _Regions,
    owners: list[_Hit],
    skip: list[Span],
    rules: CodingRules,
) -> tuple[str, list[_Hit], tuple[tuple[str, float], ...]]:
    scored: list[tuple[float, int, int, str, list[_Hit]]] = []
    owner_codes = {h.code for h in owners}
    skipped = _Spans(skip)
    lead_start, lead_end = regions.lead
    for order, code_rules in enumerate(rules.mechanisms):
        hits = _non_overlapping(
            _Hit(code_rules.code, a, b, rule.weight, text[a:b])
            for rule in code_rules.rules
            for a, b in rule.spans(text, lowered)
            if not skipped.overlaps(a, b)
        )
        score = 0.0
        for h in hits:
            if lead_start <= h.start < lead_end:
                score += h.weight * rules.lead_multiplier
            elif h.start < regions.head_end:
                score += h.weight * rules.head_multiplier
            else:
                score += h.weight
        score += sum(
            b.weight
            for b in rules.boosts
            if b.code == code_rules.code and b.addressee in owner_codes
        )
        if score > 0:
            first = min((h.start for h in hits), default=len(text))
            scored.append((score, -first, -order, code_rules.code, hits))
    if not scored:
        return rules.default_mechanism, [], ()
    scored.sort(reverse=True)
    _, _, _, best, hits = scored[0]
    scores = tuple((code, round(score, 2)) for score, _, _, code, _ in scored)
    return best, sorted(hits, key=lambda h: h.start), scores


def _non_overlapping(hits: Iterable[_Hit]) -> list[_Hit]:
    """Within one code, each stretch of text counts once: the heaviest, longest match."""
    kept: list[_Hit] = []
    taken = _Spans()
    for hit in sorted(hits, key=lambda h: (-h.weight, -(h.end - h.start), h.start)):
        if not taken.overlaps(hit.start, hit.end):
            kept.append(hit)
            taken.add(hit.start, hit.end)
    return kept


def _addressees(
    text: str,
    lowered: str,
    owners: list[_Hit],
    owner_spans: list[Span],
    mechanism: str,
    mech_hits: list[_Hit],
    rules: CodingRules,
) -> tuple[tuple[str, ...], list[_Hit]]:
    hits = owners
    if not hits and mechanism == NATIONAL_MECHANISM and mech_hits:
        first = mech_hits[0]
        return (NATIONAL_ADDRESSEE,), [
            _Hit(NATIONAL_ADDRESSEE, first.start, first.end, 1.0, first.words)
        ]
    if not hits:
        hits = _mentions(text, lowered, owner_spans, rules)
    if not hits:
        return (rules.default_addressee,), []
    codes = list(dict.fromkeys(h.code for h in hits))
    groups = {a.code: a.group for a in rules.addressees}
    if GENERIC_HEALTH in codes and any(
        groups[c] == groups[GENERIC_HEALTH] for c in codes if c != GENERIC_HEALTH
    ):
        codes.remove(GENERIC_HEALTH)
    return tuple(codes), [h for h in hits if h.code in codes]


def _mentions(text: str, lowered: str, skip: list[Span], rules: CodingRules) -> list[_Hit]:
    """Agencies the text mentions (their staff or services) outside the spans to skip."""
    skipped = _Spans(skip)
    found = _non_overlapping(
        _Hit(adr.code, a, b, 1.0, text[a:b])
        for adr in rules.addressees
        for rule in adr.mentions
        for a, b in rule.spans(text, lowered)
        if not skipped.overlaps(a, b)
    )
    return sorted(found, key=lambda h: h.start)


def _level(
    text: str,
    lowered: str,
    addressees: tuple[str, ...],
    adr_hits: list[_Hit],
    skip: list[Span],
    rules: CodingRules,
) -> tuple[str | None, list[str]]:
    """The level, from the addressees and the wording outside the `skip` spans (the owners, and
    measures such as "tested through a multi-agency audit", which say nothing of scope)."""

    def words_for(codes: Iterable[str]) -> list[str]:
        wanted = set(codes)
        return [h.words for h in adr_hits if h.code in wanted]

    if NATIONAL_ADDRESSEE in addressees:
        return "national", words_for([NATIONAL_ADDRESSEE])
    individual = _first_match(text, lowered, rules.levels["individual"], [])
    if individual is not None:
        return "individual", [individual]
    multi = [a for a in addressees if a in MULTI_AGENCY_ADDRESSEES]
    if multi:
        return "multi-agency", words_for(multi)
    groups = {a.code: a.group for a in rules.addressees}
    named_groups = {groups[a] for a in addressees}
    if len(named_groups) > 1:
        return "multi-agency", words_for(addressees)
    cue = _first_match(text, lowered, rules.levels["multi-agency"], skip)
    if cue is not None:
        return "multi-agency", [cue]
    adr_spans = [(h.start, h.end) for h in adr_hits]
    others = [
        h
        for h in _mentions(text, lowered, skip + adr_spans, rules)
        if groups[h.code] not in named_groups
    ]
    if others:
        return "multi-agency", [*words_for(addressees), others[0].words]
    return "single agency", words_for(addressees)


def _first_match(text: str, lowered: str, rules: tuple[Rule, ...], skip: list[Span]) -> str | None:
    best: Span | None = None
    skipped = _Spans(skip)
    for rule in rules:
        for span in rule.spans(text, lowered):
            if not skipped.overlaps(*span):
                if best is None or span < best:
                    best = span
                break
    return text[best[0] : best[1]] if best else None


def _flags(
    text: str, lowered: str, owners: list[_Hit], rules: CodingRules
) -> tuple[tuple[str, ...], list[_Hit]]:
    flags: list[str] = []
    hits: list[_Hit] = []
    for flag in rules.flags:
        found = (
            [_Hit(flag.code, h.start, h.end, 1.0, h.words) for h in owners]
            if (flag.code == "has_owner")
            else []
        )
        for rule in flag.rules:
            found += [_Hit(flag.code, a, b, 1.0, text[a:b]) for a, b in rule.spans(text, lowered)]
        if found:
            flags.append(flag.code)
            hits += sorted(found, key=lambda h: h.start)
    return tuple(flags), hits
