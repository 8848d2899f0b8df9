"""The extraction rules as data: phrases, lexicons and limits, each with its reason.

Patterns are matched against the lower-cased matching copy of a page (see `textview`), where
typographic dashes and quotes are plain and "?" between letters is a hyphen; `-` in a pattern
therefore also matches those. A new wording found in real reports is a change here, not in the
extractors.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from casereview.analysis import taxonomy

# --- where to look -----------------------------------------------------------------------------

# A report names itself, its board and its date on the cover and first pages; the same words
# deep in the text are usually about other reviews.
FRONT_PAGES = 3
# The title is among the first lines printed on page 1.
TITLE_SCAN_LINES = 15
# A title line is short; a longer line is a sentence of body text.
TITLE_MAX_WORDS = 22
TITLE_MAX_CHARS = 200
# A publication year outside this range is a misread (reviews began in the 1970s; a year ahead
# allows for reports dated for release).
YEAR_RANGE = (1970, 2100)
# Children are under 18; a larger age in a review is an adult's.
MAX_CHILD_AGE_YEARS = 18.0
# Age arithmetic: weeks, months and days in years, as the design sets out.
DAYS_PER_YEAR = 365.25
# Sex is decided only when one sex's cues outnumber the other's by this factor; otherwise null.
SEX_MAJORITY = 3.0
# Characters either side of a match searched for whom an age or pronoun belongs to.
CONTEXT_CHARS = 60
# Characters after a mention of the child searched for the pronoun that refers back to it; about
# one sentence of report prose, stopped early at the next person named.
PRONOUN_WINDOW_CHARS = 100


@dataclass(frozen=True)
class Rule:
    """A compiled pattern with the value it gives and why it is trusted.

    `needles` are plain strings of which every match contains at least one; a page holding none
    of them is skipped without running the pattern (a substring test is far cheaper).
    """

    value: str
    pattern: re.Pattern[str]
    why: str
    needles: tuple[str, ...] = ()

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        if self.needles and not any(n in text for n in self.needles):
            return []
        return list(self.pattern.finditer(text, start, len(text) if end is None else end))

    def search(self, text: str) -> re.Match[str] | None:
        if self.needles and not any(n in text for n in self.needles):
            return None
        return self.pattern.search(text)


def _rule(value: str, pattern: str, why: str, needles: tuple[str, ...] = ()) -> Rule:
    rule = Rule(value, re.compile(pattern), why, needles)
    for needle in needles:
        assert needle == needle.lower(), needle
    return rule


class RuleSet:
    """Rules searched together, their matches merged in text order."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.rules = rules

    def finditer(
        self, text: str, start: int = 0, end: int | None = None, settled: Container[str] = ()
    ) -> list[tuple[Rule, re.Match[str]]]:
        """Every rule's matches, in text order (ties: the earlier rule first); the rules giving
        a value in `settled` (already found) are not run."""
        stop = len(text) if end is None else end
        hits = [
            (m.start(), i, rule, m)
            for i, rule in enumerate(self.rules)
            if rule.value not in settled
            for m in rule.finditer(text, start, stop)
        ]
        hits.sort(key=lambda h: (h[0], h[1]))
        return [(rule, m) for _, _, rule, m in hits]


# --- review type -------------------------------------------------------------------------------

# Ordered most specific first; the earliest match in the title, else on the front pages, wins.
REVIEW_TYPE_RULES: tuple[Rule, ...] = (
    _rule(
        "national",
        r"\bnational (?:child safeguarding practice )?review\b",
        "the Panel's own reviews call themselves national reviews",
        needles=("national",),
    ),
    _rule(
        "national",
        r"\bcommissioned by the (?:national )?child safeguarding practice review "
        r"panel\b",
        "only national reviews are commissioned by the Panel itself",
        needles=("child safeguarding practice review panel",),
    ),
    _rule(
        "LCSPR",
        r"\blocal child safeguarding practice review\b",
        "the statutory name",
        needles=("local child safeguarding practice review",),
    ),
    _rule("LCSPR", r"\blcspr\b", "the statutory abbreviation", needles=("lcspr",)),
    _rule(
        "LCSPR",
        r"\bchild safeguarding practice review\b(?! panel)(?!'s)",
        "a CSPR that is not the Panel is a local review",
        needles=("child safeguarding practice review",),
    ),
    _rule("LCSPR", r"\bcspr\b", "abbreviation used by partnerships", needles=("cspr",)),
    _rule(
        "SCR",
        r"\bserious case review\b",
        "the statutory name before 2019",
        needles=("serious case review",),
    ),
    _rule("SCR", r"\bscr\b", "the usual abbreviation", needles=("scr",)),
    _rule(
        "other",
        r"\b(?:multi-agency |partnership |thematic |single agency |practice )?"
        r"learning review\b",
        "learning reviews are not statutory reviews",
        needles=("learning review",),
    ),
    _rule(
        "other",
        r"\bpartnership review\b",
        "a local non-statutory review",
        needles=("partnership review",),
    ),
    _rule(
        "other",
        r"\bsilp\b|\bsignificant incident learning process\b",
        "a non-statutory learning review method",
        needles=("silp", "significant incident learning process"),
    ),
    _rule(
        "other",
        # From the first of the words before "inquiry" only: from each, a long run of them was
        # read again to its end.
        r"\b(?<!\bindependent )(?<!\bpublic )(?<!\bstatutory )"
        r"(?:independent |public |statutory )++inquiry\b|\breport of an inquiry\b",
        "inquiries are not case reviews under Working Together",
        needles=("inquiry",),
    ),
    _rule(
        "other",
        r"\bchild practice review\b",
        "the Welsh review type",
        needles=("child practice review",),
    ),
    _rule(
        "other",
        r"\b(?:domestic homicide|safeguarding adults?) review\b",
        "other statutory reviews",
        needles=("domestic homicide review", "safeguarding adult review", "safeguarding adults"),
    ),
    _rule(
        "other",
        r"\b(?:published|commissioned|undertook|carried out|conducted) (?:a|an|its) "
        r"(?:[a-z-]+ ){0,3}review (?:into|of)\b",
        "a review described without a statutory name",
        needles=("review into", "review of"),
    ),
)

# Phrases about other reviews or the review system, not this review ("the Panel", "rapid
# review sent to", "previous serious case review"): a type match inside one is ignored.
REVIEW_TYPE_NOT_THIS = re.compile(
    r"\b(?:previous|earlier|other|an earlier|a previous|national|local) (?:serious case|"
    r"safeguarding practice) reviews\b|\bprevious (?:serious case review|scr)\b"
)
# "Summary Care Record (SCR)": a report that spells "SCR" out as something else uses the letters
# for that; the three words before "(SCR" are looked at, no further.
SCR_SPELLED_OUT = "(scr"
SCR_DEFINITION_CHARS = 60

# --- board -------------------------------------------------------------------------------------

# The part of a board's name after the place: LSCBs (to 2019) and partnerships (from 2019).
BOARD_CORE = re.compile(
    r"\b(?:local )?safeguarding (?:children(?:'s|s')? |child |children and adults )?"
    r"(?:multi-agency )?(?:board|partnership|partnerships|arrangements)\b"
)
# Capitalised words before the core that are not part of a place name.
BOARD_STOP_WORDS: frozenset[str] = frozenset(
    {
        "the",
        "this",
        "a",
        "an",
        "chair",
        "independent",
        "of",
        "by",
        "for",
        "to",
        "from",
        "in",
        "on",
        "at",
        "and",
        "with",
        "report",
        "review",
        "published",
        "executive",
        "summary",
        "serious",
        "case",
        "overview",
        "child",
        "children",
        "dear",
        "our",
        "its",
        "their",
        "member",
        "members",
        "manager",
        "business",
        "unit",
        "behalf",
        "commissioned",
        "national",
        "practice",
        "local",
        "date",
        "author",
        "final",
        "draft",
        "version",
        "all",
        "each",
        *[
            "every",
            "any",
            "some",
            "no",
            "which",
            "that",
            "these",
            "those",
            "both",
            "former",
            "relevant",
            "previous",
            "new",
            "neighbouring",
            "other",
            "many",
            "several",
            "when",
            "where",
            "if",
            "as",
            "his",
            "her",
            "it",
            "we",
            "they",
            "he",
            "she",
            # Words of web pages and news items printed before a board's name.
            "news",
            "statement",
            "press",
            "release",
            "publishes",
            "home",
            "welcome",
            "about",
            "annual",
            "minutes",
            "update",
            "briefing",
            "learning",
        ],
    }
)
# A board written as its place and an acronym ("Harrowfell LSCB"), and the name it stands for.
BOARD_ACRONYM = re.compile(r"(?<= )(LSCB|SCB|LSCP|SCP)\b")
BOARD_ACRONYMS: dict[str, str] = {
    "LSCB": "Local Safeguarding Children Board",
    "SCB": "Safeguarding Children Board",
    "LSCP": "Local Safeguarding Children Partnership",
    "SCP": "Safeguarding Children Partnership",
}
# Words just before a board's place that make it another authority than the one reviewing
# ("a neighbouring Eastwold Safeguarding Children Board area").
BOARD_OTHER_AUTHORITY = re.compile(
    r"\b(?:neighbouring|another|other|previous|former|moved to|moved from|transferred to|"
    r"transferred from)\s+(?:the\s+)?$"
)
# Words before a child's designation ("Child M", "Baby R"): the letter after one is no place.
DESIGNATION_WORDS: frozenset[str] = frozenset({"child", "baby", "person", "people", "group"})
# Words that may join parts of a place name ("Brighton and Hove", "Kingston upon Thames").
BOARD_CONNECTORS: frozenset[str] = frozenset({"and", "upon", "on", "of", "the", "in", "&"})
# Place names run to five words at most ("Bath and North East Somerset").
BOARD_MAX_PLACE_WORDS = 5
# A board named by its kind alone and then placed ("The Local Safeguarding Children Board
# (LSCB) is a partnership of the agencies within Northmere"), read on the page's own text: the
# first capitalised words after "in", "within", "for" or "across", in the same sentence and
# close by. Used only when no board is named with its place in front.
BOARD_PLACE_AFTER = re.compile(
    r"(?:\s*\([A-Z]{2,6}\))?[^.;:!?]{0,60}?\b(?:in|within|for|across) "
    r"([A-Z][\w'-]+(?: (?:and|upon|on|&) [A-Z][\w'-]+| [A-Z][\w'-]+){0,3})"
)
# Capitalised words after such a board that are not its place.
BOARD_NOT_PLACES: frozenset[str] = frozenset(
    {"england", "wales", "scotland", "britain", "the", "this", "children", "working"}
)
NATIONAL_PANEL = re.compile(r"\bchild safeguarding practice review panel\b")
NATIONAL_PANEL_NAME = "Child Safeguarding Practice Review Panel"

# --- dates and years ---------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? )?"
# 14 June 2012, 14th June 2012, June 14, 2012, June 2012, 14/06/2012, 14.06.12, 2012-06-14
DATE = re.compile(
    _WEEKDAY + r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<m1>" + _MONTH + r"),? (?P<y1>\d{4})"
    r"|(?P<m2>" + _MONTH + r") (?P<d2>\d{1,2})(?:st|nd|rd|th)?,? (?P<y2>\d{4})"
    r"|(?P<m3>" + _MONTH + r"),? (?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})[/.](?P<m4>\d{1,2})[/.](?P<y4>\d{4}|\d{2})(?!\d)"
    r"|(?P<y5>\d{4})-(?P<m5>\d{2})-(?P<d5>\d{2}))\b"
)
# Labels that make a date the publication date.
PUBLISHED_LABEL = re.compile(
    r"\b(?:published|publication date|date of publication|date published|publication|posted|"
    r"issued|released)"
    r"\s*+(?:(?:on|in|:|-)\s*+)?$"
)
# Labels that make a date on the cover the report's date (a report is published once final).
REPORT_DATE_LABEL = re.compile(
    r"\b(?:date|dated|final (?:report|version)|version date)\s*+(?::\s*+)?$"
)
# A date near these words is a fact of the case, not the report's date.
CASE_DATE_WORDS = re.compile(
    r"\b(?:born|birth|d\.?o\.?b|d\.?o\.?d|died|death|incident|injur|admitted|harm|between|"
    r"since|until|from|during|aged|age)\b"
)
# A date after these words is told in a sentence of the story, not printed as the report's date.
NARRATIVE_DATE_BEFORE = re.compile(
    r"\b(?:in|on|by|since|during|from|until|after|before|when|between|early|late|mid)\s*$"
)
# The holder between the mark and the year is a few words ("© Northmere Safeguarding Children
# Partnership 2021"): at most twelve, of at most forty letters, so that a page of "copyright"
# repeated is not read to its end from each one.
COPYRIGHT_YEAR = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:[a-z]{1,40} ){0,12}?(?:copyright )?(\d{4})\b"
)

# --- child's age -------------------------------------------------------------------------------

NUMBER_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUM = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(NUMBER_WORDS) + r"|a|an)"
_UNIT = r"(?:years?|yrs?|months?|weeks?|days?)"
# Each gives (n, unit) and optionally (n2, unit2) for "3 years and 4 months".
AGE_PATTERNS: tuple[Rule, ...] = (
    _rule(
        "hyphenated",
        r"\b(?P<n>" + _NUM + r")[ -](?P<u>year|month|week|day)[ -]old\b",
        "'six-week-old baby', 'a 3-year-old child'",
    ),
    _rule(
        "aged",
        r"\baged (?P<n>"
        + _NUM
        + r")(?: (?P<u>"
        + _UNIT
        + r"))?(?:,? and (?P<n2>"
        + _NUM
        + r") (?P<u2>"
        + _UNIT
        + r"))?(?! ?(?:-|to|and|or) ?\d)\b",
        "'aged 3', 'aged five months', 'aged 3 years and 4 months'",
    ),
    _rule(
        "old",
        r"\b(?P<n>"
        + _NUM
        + r") (?P<u>"
        + _UNIT
        + r")(?:,? and (?P<n2>"
        + _NUM
        + r") (?P<u2>"
        + _UNIT
        + r"))? old\b",
        "'5 months old', '2 years and 3 months old'",
    ),
    _rule(
        "was_when",
        r"\b(?:was|were) (?:only |just )?(?P<n>\d{1,2}|"
        + "|".join(list(NUMBER_WORDS)[1:])
        + r")(?: (?P<u>"
        + _UNIT
        + r"))?(?= (?:old )?(?:when|at the time)\b)",
        "'Child M was 15 when she died': an age told without 'aged' or 'old'",
    ),
    _rule(
        "labelled",
        r"\bage(?P<when> at (?:the )?(?:time of (?:the )?)?(?:death|incident|injur(?:y|ies)|"
        r"harm))?:? (?P<n>\d{1,2}(?:\.\d)?)(?: (?P<u>" + _UNIT + r"))?\b",
        "a form's 'Age at death: 14 months' (about the child when it names the incident)",
    ),
    _rule(
        "span",
        r"\b(?:(?P<who>his|her|their|[a-z]+'s) )?first (?P<n>" + _NUM + r") "
        r"(?P<u>months|weeks|years)(?P<life> of (?:his |her |their )?life)?\b",
        "'during his first three months', 'the first six weeks of life': the age a span of "
        "early life reaches; only with the child's possessive or 'of life'",
    ),
    _rule(
        "age_of",
        r"\bat the age of (?P<n>" + _NUM + r")(?: (?P<u>" + _UNIT + r"))?\b",
        "'at the age of 14'",
    ),
)
# "aged three and a half", "2\u00bd years old": half a unit more than the number before it.
AGE_HALF = re.compile(r" and a half\b|\u00bd| 1/2\b")
# Labels before a date of birth, and before the date of death or of the incident.
DOB_CUE = re.compile(r"\b(?:d\.? ?o\.? ?b\b\.?|date of birth\b|born\b)")
DOD_CUE = re.compile(
    r"\b(?:d\.? ?o\.? ?d\b\.?|date of death\b|died\b|date of (?:the )?incident\b|"
    r"(?:injured|harmed|admitted|happened|occurred)\b)"
)
LABEL_GAP = re.compile(r"(?:\s|:|-|\bon\b|\bwas\b)*")
# Words every age statement contains; the full patterns run only this close to one.
AGE_ANCHOR = re.compile(
    r"(?:year|month|week|day|yr)s?[ -]old\b|\baged\b|\bage of\b|\bfirst [a-z0-9]+ "
    r"(?:months|weeks|years)\b|\bage(?: at [a-z ]{1,30}?)?:? \d|"
    r"\b(?:was|were) (?:only |just )?[a-z0-9]+ (?:(?:years?|months?|weeks?|days?) )?(?:old )?"
    r"(?:when|at the time)\b"
)
AGE_ANCHOR_REACH = 40
# An age in the same sentence as the incident is the age at the incident.
INCIDENT_WORDS = re.compile(r"\b(?:died|death|incident|injur|harm|admitted|time of)")
# The subject child, as reports name them.
CHILD_REF = re.compile(
    r"\b(?:(?:child|baby|infant|young person|sibling group) [a-z0-9]{1,3}\b|the (?:subject )?"
    r"(?:child|baby|infant|young person|toddler|boy|girl)\b)"
)
# A child named rather than designated: "the death of Amelia Stone", "the murder of ...".
# The name is two or three capitalised words; the review must name one such person only.
NAMED_SUBJECT = re.compile(
    r"\b(?:death|murder|killing|manslaughter|abuse|injuries|injury) of "
    r"((?:[A-Z][a-z\u00c0-\u017f'-]+ ){1,2}[A-Z][a-z\u00c0-\u017f'-]+)\b"
)
# A child called by a first name only ("This review is about Tamsin, who ..."): the name after
# words that introduce the subject, followed by words about a person, not a surname. It is the
# subject only when the opening pages use it again (`FIRST_NAME_MIN_USES`).
NAMED_SUBJECT_FIRST = re.compile(
    r"\b(?:(?:review|report|inquiry) (?:is )?(?:about|into|concerns)|concerns|focuses on|"
    r"relates to|death of|murder of|injuries to|harm to) ([A-Z][a-z\u00c0-\u017f'-]+)\b"
    r"(?=,? (?:who|aged|a|an|was|had|died)\b)"
)
FIRST_NAME_MIN_USES = 3
# Capitalised words that begin such a phrase but are not a first name.
NOT_FIRST_NAMES: frozenset[str] = frozenset(
    {"the", "a", "an", "child", "baby", "children", "young", "mr", "mrs", "ms", "miss", "dr"}
)
CHILD_NOUNS = re.compile(
    r"^(?:baby|child|infant|boy|girl|toddler|son|daughter|newborn|"
    r"young person|teenager|adolescent)\b"
)
# People other than the subject child; an age or pronoun next to one is theirs.
OTHER_PEOPLE = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|step-?(?:father|mother|parent)|partner|boyfriend|"
    r"girlfriend|grand(?:mother|father|parents?)|uncle|aunt|cousin|siblings?|brothers?|"
    r"sisters?|half-(?:brother|sister|sibling)|twin|older|younger|eldest|adult|man|woman|"
    r"mr|mrs|ms|miss|perpetrator|carer|relative|friend|neighbour|lodger)\b"
)
# Generic statements about children in general, not this child ("children aged under 5").
GENERIC_AGE = re.compile(
    r"\b(?:children|babies|infants|young people|under|over|between|"
    r"up to|at least|more than|less than|average|now|currently|presently|today)\s*$"
)
# An age in a sentence about an earlier event of the child's life ("at the time of the first
# referral") is less likely the age at the incident.
AGE_EARLIER_EVENT = re.compile(
    r"\b(?:first (?:referr\w*|seen|known|assessment|contact|visit|concerns?)|was born|birth|"
    r"moved (?:to|house)|started (?:school|nursery))\b"
)

# --- sex ---------------------------------------------------------------------------------------

SEX_NOUNS: dict[str, str] = {
    "boy": "male",
    "boys": "male",
    "son": "male",
    "sons": "male",
    "girl": "female",
    "girls": "female",
    "daughter": "female",
    "daughters": "female",
}
SEX_NOUN = re.compile(r"\b(?:boys?|girls?|sons?|daughters?)\b")
# "his sister, a girl of 7": a boy/girl word after these is about someone else.
SEX_NOUN_NOT_CHILD = re.compile(
    r"\b(?:brother|sister|sibling|cousin|twin|older|younger|eldest|other|another|half|step|"
    r"their own|adult)\b[\w' -]*$"
)
PRONOUNS: dict[str, str] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b")
# "boys and girls", "sons or daughters": both sexes named together say nothing about the child.
BOTH_SEXES = re.compile(
    r"\b(?:boys? (?:and|or) girls?|girls? (?:and|or) boys?|sons? (?:and|or) "
    r"daughters?|daughters? (?:and|or) sons?|he or she|she or he|his or "
    r"her|her or his|he/she|his/her|s/he)\b"
)

# --- outcome -----------------------------------------------------------------------------------

OUTCOME_RULES: tuple[Rule, ...] = (
    _rule(
        "death", r"\b(?:died|dies|has died|had died)\b", "the child died", needles=("died", "dies")
    ),
    _rule(
        "death",
        r"\bpassed away\b|\btook (?:his|her|their) own life\b|\blost (?:his|her|their) life\b"
        r"|\bsud[ic]\b|\bsids\b|\bcot death\b",
        "a death told in other words, or a sudden unexpected death of an infant or child",
        needles=("passed away", "own life", "lost", "sudi", "sudc", "sids", "cot death"),
    ),
    _rule("death", r"\b(?:death|deaths) of\b", "'the death of Child T'", needles=("death",)),
    _rule(
        "death",
        r"\b(?:his|her|their|child's|baby's|infant's|[a-z]'s) death\b",
        "'his death', 'the child's death'",
        needles=("death",),
    ),
    _rule(
        "death",
        r"\b(?:was|were) (?:killed|murdered|found dead|pronounced dead)\b|\bfatal"
        r"(?:ly)? (?:injur|assault|neglect)|\bmanslaughter\b|\bmurder of\b",
        "a killing or a fatal injury",
        needles=("killed", "murder", "dead", "fatal", "manslaughter"),
    ),
    _rule(
        "death",
        r"\bd\.? ?o\.? ?d\b|\bdate of death\b|\bsudden unexpected death\b",
        "a date of death is recorded",
    ),
    _rule(
        "serious harm",
        r"\bserious(?:ly)? (?:harm|harmed|injur\w*|physical harm)\b",
        "'seriously injured', 'serious harm'",
        needles=("serious",),
    ),
    _rule(
        "serious harm",
        r"\bsignificant harm\b|\blife-threatening\b|\bnon-accidental injur",
        "threshold and medical terms for serious harm",
        needles=("significant harm", "life-threatening", "non-accidental injur"),
    ),
    _rule(
        "serious harm",
        r"\b(?:sexual(?:ly)? exploit\w*|sexually abused|abuse of (?:a|the) "
        r"(?:young )?(?:child|baby|infant))\b|\bbrain injur|\bhead injur",
        "abuse or injury of the child",
        needles=("sexual", "abuse of", "brain injur", "head injur"),
    ),
    _rule(
        "serious harm",
        r"\b(?:sustained|suffered|received|found to have|diagnosed with) (?:[a-z-]+ ){0,4}?"
        r"(?:injur(?:y|ies)|fractures?|burns|bleeding|bruising)\b"
        r"|\b(?:fractured|broken) (?:skull|ribs?|arms?|legs?|femur|wrist)\b"
        r"|\b(?:skull|rib|leg|arm|metaphyseal) fractures?\b|\bsubdural",
        "injuries the child sustained, described rather than called serious",
        needles=("injur", "fractur", "burns", "bleeding", "bruising", "broken", "subdural"),
    ),
    _rule(
        "serious harm",
        r"\b(?:paediatric |neonatal )?intensive (?:care|therapy)\b|\bpicu\b|\blife support\b"
        r"|\b(?:admitted|taken|rushed|brought|transferred) to (?:a |the )?(?:[a-z]+ ){0,3}?"
        r"hospital (?:with|after|following|suffering from) (?:[a-z-]+ ){0,4}?"
        r"(?:injur\w*|fractur\w*|burns|bleeding|overdose|poison\w*|seizures?|wounds?)",
        "intensive care, or a hospital admission for injuries",
        needles=("intensive", "picu", "life support", "hospital"),
    ),
    _rule(
        "serious harm",
        r"\b(?:permanent(?:ly)?|lasting|lifelong|life-long|life-changing|long-term) "
        r"(?:[a-z-]+ )?(?:disabilit\w*|disabled|brain damage|impairment|injur\w*)"
        r"|\bbrain damage\b|\bleft (?:him|her|them) (?:severely |permanently )?disabled\b",
        "a lasting disability or impairment left by the harm",
        needles=(
            "permanent",
            "lasting",
            "lifelong",
            "life-long",
            "life-changing",
            "long-term",
            "brain damage",
            "disabled",
        ),
    ),
)
# Death or harm of someone else ("her mother died", "the death of his father").
OUTCOME_OTHER_PERSON = re.compile(
    r"\b(?:mother|father|parent|grandmother|grandfather|partner|uncle|aunt|brother|sister|"
    r"sibling|adult|man|woman)(?:'s)?\s*(?:who\s+)?(?:had\s+|has\s+)?$"
)
# Another person as the subject of what follows ("her mother was admitted to hospital with
# head injuries"): harm after it, with no child named in between, is that person's.
OUTCOME_OTHER_SUBJECT = re.compile(
    r"\b(?:mother|father|parent|step-?(?:father|mother)|grandmother|grandfather|partner|"
    r"boyfriend|uncle|aunt|brother|sister|sibling|adult|man|woman)(?:'s)?"
    r" (?:(?:also|later|previously|herself|himself) )?(?:was|were|had been|has been)\b"
)
# The statutory criteria quoted in reports ("when a child dies or is seriously harmed").
OUTCOME_GENERIC = re.compile(
    r"\b(?:if|when|where|whenever) (?:a|any) child (?:dies|has died|is seriously|has been "
    r"seriously)|\bchild death (?:overview|review)|\bdeaths? of children\b|"
    r"\b(?:abuse|neglect) (?:or|and) (?:abuse|neglect) (?:is|was|were|are) (?:known|suspected)"
)

# --- abuse types -------------------------------------------------------------------------------

# Injuries are physical abuse only when the sentence says someone caused them (`INFLICTED`).
INJURY_RULE = _rule(
    "physical",
    r"\b(?:fractur\w*|bruis\w*|burns|scald\w*|bite marks?|broken (?:bones?|ribs?|arms?|"
    r"legs?|skull))\b",
    "injuries, taken as physical abuse only when the sentence says they were inflicted (INFLICTED)",
    needles=("fractur", "bruis", "burns", "scald", "bite mark", "broken"),
)

# Abuse implied by the child's circumstances: taken only where no other person is named as
# the one it happened to ("the mother's partner witnessed").
EXPOSURE_RULE = _rule(
    "emotional",
    r"\b(?:exposed to|exposure to|witness(?:ed|ing)?|living with|lived with|grew up with|"
    r"growing up with) (?:[a-z]+ ){0,2}?domestic (?:abuse|violence)\b",
    "a child exposed to domestic abuse is harmed emotionally",
    needles=("domestic abuse", "domestic violence"),
)
NEEDS_UNMET_RULE = _rule(
    "neglect",
    r"\b(?:no|without|lack of|little or no) (?:food|heating|heat|electricity|clean clothes|"
    r"bedding)\b|\b(?:squalid|squalor|filthy|unsanitary|unhygienic)\b|\bmalnourish\w*"
    r"|\bmalnutrition\b|\bfailure to thrive\b|\bfaltering growth\b|\bemaciated\b"
    r"|\buntreated (?:[a-z]+ ){0,2}?(?:medical|dental|health) (?:needs|conditions?|problems?)"
    r"|\b(?:medical|health|dental) needs (?:were|went) (?:unmet|untreated|not met|ignored)\b"
    r"|\bleft (?:alone|unsupervised|unattended) (?:for|at|overnight)\b",
    "a child's basic needs unmet: food, warmth, hygiene, medical care or supervision",
    needles=(
        "food",
        "heat",
        "electricity",
        "clean clothes",
        "bedding",
        "squal",
        "filthy",
        "unsanitary",
        "unhygienic",
        "malnour",
        "malnutrition",
        "thrive",
        "faltering",
        "emaciated",
        "untreated",
        "needs were",
        "needs went",
        "left alone",
        "left unsupervised",
        "left unattended",
    ),
)

ABUSE_RULES: tuple[Rule, ...] = (
    _rule("neglect", r"\bneglect(?:ed|ful)?\b", "neglect named", needles=("neglect",)),
    _rule(
        "physical",
        r"\bphysical(?:ly)? (?:abuse|abused|harm|assault\w*|injur\w*)\b",
        "physical abuse named",
        needles=("physical",),
    ),
    _rule(
        "physical",
        r"\bnon-accidental (?:injur\w*|head injur\w*|trauma)|\babusive head trauma"
        r"|\bshaken baby|\binflicted injur\w*",
        "injuries found to be inflicted",
        needles=("non-accidental", "abusive head", "shaken baby", "inflicted injur"),
    ),
    _rule(
        "physical",
        r"\b(?<!sexual )(?<!sexually )(?<!indecent )(?:assault(?:ed|ing)?|beaten|punched|kicked|"
        r"stabbed|strangled|smothered|suffocated|shaken|battered)\b"
        r"|\b(?:murder(?:ed)?|manslaughter|child cruelty|cruelty|grievous bodily harm|"
        r"wounding|causing or allowing)\b",
        "an assault, a killing or a conviction for one: harm inflicted on the body",
        needles=(
            "assault",
            "beaten",
            "punched",
            "kicked",
            "stabbed",
            "strangled",
            "smothered",
            "suffocated",
            "shaken",
            "battered",
            "murder",
            "manslaughter",
            "cruelty",
            "grievous",
            "wounding",
            "causing or allowing",
        ),
    ),
    INJURY_RULE,
    _rule(
        "sexual",
        r"\bsexual(?:ly)? (?:abuse|abused|exploit\w*|assault\w*|harm)\b"
        r"|\bchild sexual\b|\bcse\b|\brape[ds]?\b",
        "sexual abuse or exploitation named",
        needles=("sexual", "cse", "rape"),
    ),
    _rule(
        "emotional",
        r"\b(?:emotional(?:ly)?|psychological(?:ly)?) (?:abuse|abused|harm)\b",
        "emotional abuse named",
        needles=("emotional", "psychological"),
    ),
    EXPOSURE_RULE,
    NEEDS_UNMET_RULE,
)
# An injury is physical abuse when the sentence says someone caused it.
INFLICTED = re.compile(
    r"\b(?:inflicted|non-accidental|unexplained|deliberate(?:ly)?|caused by|at the hands of|"
    r"assault\w*|abus\w*|shak(?:en|ing)|hit|struck|punched|kicked|beaten|thrown|squeez\w*|"
    r"convicted|cruelty|perpetrat\w*)\b"
)
# The abuse of someone else: a parent's or sibling's history ("her mother had been neglected
# as a child"), or what another person went through ("his brother was sexually abused").
ABUSE_HISTORY = re.compile(
    r"\b(?:as (?:a )?child(?:ren)?|as a teenager|(?:own|early) (?:childhood|history)|"
    r"in (?:his|her|their) (?:own )?(?:childhood|youth)|when (?:he|she|they) (?:was|were) "
    r"(?:young|a child|a teenager)|previous(?:ly)?|prior|history|former|ex-partners?|"
    r"previous partners?)\b"
)
# "was convicted of": the person named before it did it to the child, not went through it.
ABUSE_CONVICTED = re.compile(r"\b(?:convict\w*|charged|sentenced|pleaded|guilty|jailed)\b")
ABUSE_EXPERIENCED = re.compile(
    r"\b(?:had been|has been|was|were|experienced|suffered|disclosed|reported|victims? of|"
    r"subject(?:ed)? to|history of)\b"
)
# "abuse or neglect" is the statutory criterion, quoted in almost every report: not a finding.
ABUSE_GENERIC_PAIR = re.compile(
    r"\b(?:abuse|harm)(?:,| and/or| or| and)(?: [a-z]+)? neglect\b|\bneglect (?:or|and|and/or) "
    r"abuse\b|\bself-neglect\b|\bneglect of (?:duty|their duty)\b"
    # An inquest's legal conclusion ("contributed to by neglect"): a gross failure of care by
    # a service, not the abuse type.
    r"|\b(?:contributed to|caused|aggravated) by (?:gross )?neglect\b"
)
# Sentences of advice or general knowledge, not about this child: training, guidance, "should".
GENERIC_SENTENCE = re.compile(
    r"\b(?:should|must|need to|needs to|can be|could be|may be|might be|training|guidance|"
    r"policy|policies|procedures?|protocols?|awareness|recognis\w*|recogniz\w*|signs? of|"
    r"indicators? of|research|nationally|in general|recommend\w*)\b"
)

# --- agencies and review model -----------------------------------------------------------------


def _agency(code: str, pattern: str, needles: tuple[str, ...] = ()) -> Rule:
    """A rule that a review names an agency as involved, by its code in `addressees.json`."""
    taxonomy.check_addressees((code,), "The agency rules (rules.AGENCY_RULES)")
    return _rule(code, pattern, f"names {taxonomy.addressees()[code].label}", needles)


# Each agency's names in a review's text, in the order the record lists them.
AGENCY_RULES: tuple[Rule, ...] = (
    _agency(
        "childrens_social_care",
        r"\bchildren's (?:social care|services|social work)\b|"
        r"\bsocial workers?\b|\bcsc\b|\bmash\b",
        needles=("children's", "social worker", "csc", "mash"),
    ),
    _agency("police", r"\bpolice\b|\bconstabulary\b", needles=("police", "constabulary")),
    _agency(
        "health.gp",
        r"\bgps?\b|\bgeneral practi\w+|\bprimary care\b",
        needles=("gp", "general practi", "primary care"),
    ),
    _agency("health.health_visiting", r"\bhealth visit\w+", needles=("health visit",)),
    _agency("health.midwifery", r"\bmidwi\w+|\bmaternity\b", needles=("midwi", "maternity")),
    _agency(
        "health.acute",
        r"\bemergency department\b|\ba ?& ?e\b|\bhospital\b|\bambulance\b",
        needles=("emergency department", "&", "hospital", "ambulance"),
    ),
    _agency("health.paediatrics", r"\bpaediatric\w*", needles=("paediatric",)),
    _agency(
        "health.camhs",
        r"\bcamhs\b|\bchild and adolescent mental health",
        needles=("camhs", "child and adolescent mental health"),
    ),
    _agency(
        "health.adult_mental_health",
        r"\badult mental health\b|\bmental health (?:trust|"
        r"services?|team)\b",
        needles=("mental health",),
    ),
    _agency(
        "health.substance_misuse",
        r"\bsubstance misuse service|\bdrug and alcohol "
        r"(?:service|team|worker)",
        needles=("substance misuse service", "drug and alcohol"),
    ),
    _agency(
        "education.schools",
        r"\bschools?\b|\bacadem(?:y|ies)\b|\bteachers?\b",
        needles=("school", "academ", "teacher"),
    ),
    _agency(
        "education.early_years",
        r"\bnurser(?:y|ies)\b|\bearly years\b|\bchildren's centre",
        needles=("nurser", "early years", "children's centre"),
    ),
    _agency(
        "probation_youth_justice",
        r"\bprobation\b|\byouth (?:justice|offending)\b",
    ),
    _agency("housing", r"\bhousing\b", needles=("housing",)),
    _agency(
        "adult_social_care",
        r"\badult social care\b|\badult services\b",
        needles=("adult social care", "adult services"),
    ),
    _agency(
        "voluntary_sector",
        r"\bdomestic abuse service|\bvoluntary (?:sector|organisation)|"
        r"\bcharit(?:y|ies)\b|\bwomen's aid\b|\bidva\b",
        needles=("domestic abuse service", "voluntary", "charit", "women's aid", "idva"),
    ),
)

# A report's own list of the agencies involved; when present it, not every passing mention of
# an agency in the analysis or recommendations, says who was involved.
AGENCY_LIST_CUE = re.compile(
    r"\bagencies (?:that|which|who) (?:contributed|were involved|took part|provided|worked)|"
    r"\bthe following agencies\b|\bagencies involved\b|\bcontributions? (?:were|was) "
    r"(?:received|provided) from\b|\b(?:imrs?|individual management reviews?|agency reports?) "
    r"(?:were|was) (?:provided|received|submitted) (?:by|from)\b"
)
# How far past the cue a bulleted list of agencies may run.
AGENCY_LIST_CHARS = 600

REVIEW_MODEL_RULES: tuple[Rule, ...] = (
    _rule(
        "hybrid",
        # At most twelve words between: from each "hybrid" in a long run of words, an unbounded
        # gap was read to the run's end.
        r"\bhybrid (?:[\w-]+ ){0,12}?(?:model|methodology|approach)\b",
        "mixed methods; first, since it names the methods it mixes",
        needles=("hybrid",),
    ),
    _rule(
        "SILP",
        r"\bsilp\b|\bsignificant incident learning process\b",
        "named method",
        needles=("silp", "significant incident learning process"),
    ),
    _rule(
        "Learning Together (SCIE systems model)",
        r"\blearning together\b|\bscie\b",
        "SCIE's systems method",
        needles=("learning together", "scie"),
    ),
    _rule(
        "systems approach",
        r"\bsystems? (?:approach|methodology|model|method)\b",
        "systems methods in general",
        needles=(
            "system approach",
            "systems approach",
            "system method",
            "systems method",
            "system model",
            "systems model",
        ),
    ),
    _rule(
        "appreciative inquiry",
        r"\bappreciative inquiry\b",
        "named method",
        needles=("appreciative inquiry",),
    ),
    _rule(
        "practitioner-led",
        r"\bpractitioner(?:s')?(?:-led| event| learning event| "
        r"workshop)",
        "practitioner events at the centre of the review",
        needles=("practitioner",),
    ),
    _rule(
        "individual management reviews",
        r"\bindividual management reviews?\b|\bimrs?\b",
        "the traditional SCR method",
        needles=("individual management review", "imr"),
    ),
    _rule(
        "rapid review",
        r"\brapid review (?:extended|model|methodology)\b",
        "an extended rapid review",
        needles=("rapid review",),
    ),
    _rule("child's journey", r"\bchild's journey\b", "named method", needles=("child's journey",)),
    _rule(
        "family-centred",
        r"\bfamily-centred (?:model|methodology|approach)\b",
        "named method",
        needles=("family-centred",),
    ),
)
# The sentence must say this is how the review was done, not mention the method in passing.
REVIEW_MODEL_CONTEXT = re.compile(
    r"\b(?:used|using|use of|adopted|followed|based on|methodology|method|model|approach)\b"
)

# --- title -------------------------------------------------------------------------------------

TITLE_STRONG = re.compile(
    r"\b(?:serious case review|safeguarding practice review|learning review|national review|"
    r"practice review|case review|inquiry|partnership review|thematic review)\b"
)
TITLE_WEAK = re.compile(
    r"\b(?:review|executive summary|overview report|briefing|report|learning from|lessons from)"
    r"\b"
)
# A title line ending in one of these, or a next line starting with one, continues.
TITLE_CONNECTOR_END = re.compile(
    r"(?:\b(?:of|into|in|for|the|a|an|and|from|on|to|concerning|regarding|about|respect|child|"
    r"baby|people|group)|[:\-,&])"
    r"$"
)
TITLE_CONNECTOR_START = re.compile(
    r"^(?:(?:in respect of|into|of|concerning|relating to|regarding|about|for|on)\b|[:\-(]|"
    r"(?:child|baby|young people|young person|sibling group|children) [a-z0-9]{1,3}\b)"
)
# The parts a cover sets on lines of their own under the review's name ("Serious Case Review" /
# "Executive Summary" / "Baby R"): the title runs on over them.
TITLE_PART = re.compile(
    r"^(?:(?:independent |final |the )?(?:executive summary|overview report|summary report|"
    r"learning brief(?:ing)?|briefing|report|summary)(?: report)?)$"
)
# A form's label before the title ("Title: ...", "Name of review: ...").
TITLE_LABEL = re.compile(r"^(?:title|review title|report title|name of (?:the )?review)\s*:\s*")
# A line that opens a list ("The themes identified include:") is not a title.
LIST_LEAD_IN = re.compile(
    r"\b(?:include|includes|including|following|below|are|were|as follows|highlighted|"
    r"identified)\b[^:]*:$"
)
# A short line ending in a full stop with one of these verbs is a sentence, not a title.
TITLE_SENTENCE_VERB = re.compile(r"\b(?:is|was|were|are|has|have|had|will)\b")
# Lines on a cover that are not the title.
TITLE_STOP = re.compile(
    r"^(?:contents|table of contents|author|authors?:|prepared by|date|published|publication|"
    r"independent (?:author|reviewer|chair)|lead reviewer|version|draft|final|this report|"
    r"page \d|\d+$)"
)

# One-pass searchers over the rule tables above.
OUTCOME_SET = RuleSet(OUTCOME_RULES)
ABUSE_SET = RuleSet(ABUSE_RULES)
AGENCY_SET = RuleSet(AGENCY_RULES)
REVIEW_MODEL_SET = RuleSet(REVIEW_MODEL_RULES)
# Enough consistent cues to settle the child's sex; reading further only costs time.
SEX_ENOUGH_CUES = 12
# The subject's name is used throughout; the first pages settle which name is most used.
SUBJECT_SCAN_PAGES = 10
