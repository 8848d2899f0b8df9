"""Finding every recommendation in a review: its number, verbatim text, page and addressees.

A report's recommendations sit in sections headed as such ("Recommendations", "National
recommendations", "Summary of recommendations", "Recommendations for the police") or follow a
sentence that announces them ("The review makes the following recommendations:"). Inside such a
section every numbered, lettered, "R1" / "Recommendation 4:" labelled, bulleted or tabled item is
one recommendation; lettered sub-items and bullets under a numbered item stay with their parent;
explanatory paragraphs between items are not part of any. Findings, learning points, areas for
improvement, good practice, terms of reference and board responses have their own headings, so
they are never read as recommendations; a report without a recommendations section yields none.

Text comes from `Page.text`, where line breaks are the reader's: a PDF wraps paragraphs at the
page width, a DOCX or web page gives one paragraph per line. A paragraph ends at a blank line, or
at a sentence end on a line the next word would have fitted on (see `WRAP_SHARE`).

Executive summaries often list the recommendations again: an item whose text is also found
outside a summary is kept once, from the full section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from casereview.analysis import taxonomy
from casereview.analysis.coding import Coding, code_recommendation
from casereview.analysis.layout import PAGE_NUMBER
from casereview.analysis.model import Document
from casereview.analysis.rules import NUMBER_WORDS
from casereview.analysis.textview import collapse

# --- limits ------------------------------------------------------------------------------------

# A wrapped line is nearly full, so a sentence end on a line the next word would have fitted on
# is a paragraph end. Measured on generated PDFs against the typical full line (below): wrapped
# body lines score 0.95-1.15, and 97% of them above 0.95; lower cuts miss paragraph ends whose
# last line is nearly full, higher ones split paragraphs at sentence ends.
WRAP_SHARE = 0.95
# The typical full line of a PDF is this percentile of its line lengths (headings and the last
# lines of paragraphs are shorter; few lines are longer).
WIDTH_PERCENTILE = 0.9
# Lines shorter than this are not counted when estimating the full line width.
WIDTH_MIN_CHARS = 20
# A heading is short; a longer line is a sentence of text.
HEADING_MAX_WORDS = 12
# Only a long heading wraps onto a second line; a short one is followed by a sub-heading.
WRAPPED_HEADING_MIN_WORDS = 5
# A recommendation is a sentence: a shorter item is a label, a contents entry or a fragment.
MIN_ITEM_WORDS = 4
# Lines of prose a recommendations section may hold before its first item (an introduction) and
# between items (explanations); more means the section has ended without a heading we know.
MAX_INTRO_LINES = 40
MAX_GAP_LINES = 25
# An agency's sub-heading among the items is a name of a few words ("Children's Social Care").
SUBHEADING_MAX_WORDS = 4
# Numbered items may skip a number or two (an item removed, a misread digit), no more.
MAX_NUMBER_SKIP = 3

# --- section markers (rules as data) -----------------------------------------------------------

# "Recommendations", "7. National recommendations", "Summary of the review's recommendations",
# "Recommendations for the police", "Conclusions and recommendations": up to three words before
# the word and an optional "for/to/of/arising ..." tail.
REC_HEADING = re.compile(
    r"^(?:(?:summary|list|schedule|table) of (?:the )?)?"
    r"(?:[\w'&-]+ ){0,3}?recommendations?"
    r"(?: (?:for|to|of|from|arising|made|and|by)\b.{0,120})?:?$"
)
# Headings that speak about recommendations without listing them.
NOT_REC_HEADING = re.compile(
    r"\b(?:response|responses|progress|implementation|implementing|action plan|update|status|"
    r"monitoring|accepted|previous|earlier|impact)\b"
)
# A sentence announcing a list of recommendations.
REC_OPENER = re.compile(
    r"\b(?:following|these|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve) (?:key )?)recommendations?\b|\brecommends? (?:that|the following)\b|"
    r"\brecommendations? (?:are|is) (?:as follows|set out below|listed below|below)\b"
)
# A numbered paragraph that announces the list ("9.1 The following recommendations are made to
# the board:", "The Panel makes the following recommendations:"): an introduction, not an item,
# when it ends in a colon or asks nothing ("should") itself.
REC_LEAD_IN = re.compile(
    r"\b(?:the following|these|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve) (?:key |further |main )?)recommendations?\b|\brecommendations? (?:are|is|were) "
    r"(?:as follows|set out|listed|made|offered)\b|\b(?:makes?|made|recommends?) the following\b"
)
# A line under an item naming who leads it or by when ("Lead: Harrowfell Police"): the item's
# addressee, not its text.
LEAD_LINE = re.compile(
    r"^(?:lead(?: agency| agencies| partners?| organisation| officer)?|responsible(?: agency|"
    r" agencies| lead| officer)?|owner|accountable(?: agency)?|timescales?|target date|by when)"
    r"\s*+(?::|[\-\u2013] )\s*(?P<rest>.*)$",
    re.I,
)
# Other labelled lines under an item ("Expected outcome: ...", "Rationale: ..."): they end the
# item and are not part of its text.
ITEM_NOTE_LINE = re.compile(
    r"^(?:(?:expected |intended |desired )?outcomes?|measures? of (?:success|impact)|"
    r"evidence(?: of (?:impact|progress|completion))?|rationale|priority|progress|status|"
    r"completion date|review date|rag rating)\s*+(?::|[\-\u2013] )",
    re.I,
)
# A paragraph that asks a named body to act: its subject in at most a dozen words, then
# "should" or "must"; not an introduction ("This review ...", "We ...", "In ...").
PARAGRAPH_RECOMMENDATION = re.compile(
    r"^(?!(?:This|These|Those|The following|It|In|As|We|Our|There|Where|When|If|Although|"
    r"While|However|For|Some|Many|Any)\b)[A-Z][\w'\u2019&(),/-]*"
    r"(?: [\w'\u2019&(),/-]+){0,12}? (?:should|must)\b"
)
# Words that leave a line unfinished: the next line continues it, whatever it looks like.
_OPEN_END = ("the", "and", "of", "to", "with", "by", "for", "from", "a", "an", "&", "or")
# "This review does not make any recommendations": announces none.
NO_RECOMMENDATIONS = re.compile(r"\b(?:no|not|any|without)\b[^.]{0,40}\brecommendations?\b")
# Headings of the other parts of a review: each ends a recommendations section.
OTHER_HEADING = re.compile(
    r"^(?:appendi(?:x|ces)|annex|glossary|references|bibliography|acknowledg|responses?\b|"
    r"action plan|conclusions?\b|concluding|learning\b|lessons?\b|key learning|findings?\b|"
    r"key findings|good practice|notable practice|areas? (?:for|of) (?:improvement|development)|"
    r"terms of reference|background|introduction|chronology|analysis|methodology|"
    r"(?:the )?review (?:process|team|panel|methodology)|panel membership|executive summary|"
    r"summary\b|overview\b|contents|next steps|glossary|questions for|family|"
    r"(?:the )?voice of|key practice|practice episodes?|episode \d|timeline|context\b|"
    r"purpose|scope|signed|endorsed|foreword|preface|abbreviations|statement\b|"
    r"board'?s? response|partnership'?s? response|what (?:happened|next)|about this|"
    r"publication|distribution|version|document control)"
)
# Summaries that may repeat the recommendations of the full report.
SUMMARY_HEADING = re.compile(
    r"^(?:executive summary|summary\b|overview\b|key (?:findings|messages)|"
    r"at a glance|(?:7|seven)[- ]minute briefing|briefing)"
)
# Contents entries: dot leaders, or a page number at the end of a heading-like line.
CONTENTS_LINE = re.compile(r"\.{4,}|…{2,}|(?:\. ){3,}|[a-z](?:\s*|\s+page\s*)\d{1,3}$", re.I)
# A table's header row names the recommendation column and, later on the line, one for who or
# when; or numbers the recommendations. (Three expressions tried in turn by `_names_columns`:
# as one, with ".*" between the names, it read the rest of the line again from every
# "recommendation" in it.)
TABLE_HEADER_NAME = re.compile(r"\brecommendations?\b")
TABLE_HEADER_COLUMN = re.compile(
    r"\b(?:lead|agency|agencies|owner|responsib\w*|organisation|who|"
    r"timescales?|by when|target date|accountable|partners?)\b"
)
TABLE_HEADER_NUMBER = re.compile(r"\b(?:no\.?|number|ref\.?)\s*+(?:\|\s*+)?recommendations?\b")
# Table columns holding the addressee.
ADDRESSEE_COLUMN = re.compile(
    r"\b(?:lead|agency|agencies|owner|responsib\w*|organisation|who|accountable|partners?)\b"
)
# Timescale cells of a table, removed before reading the addressee from the cells beside them.
TIMESCALE_CELL = re.compile(
    r"\b(?:\d{1,2}|three|six|nine|twelve|eighteen) months?\b|"
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december) \d{4}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:immediate(?:ly)?|ongoing|complete)\b|"
    r"\bq[1-4] \d{4}\b|\b\d{4}\b",
    re.I,
)

# --- item markers --------------------------------------------------------------------------------

# Numbers written as words ("Recommendation Three"), one to twenty.
_NUMBER_WORDS = [word for word, n in NUMBER_WORDS.items() if n >= 1]
# "Recommendation 4:", "Recommendation 4", "Rec 4." (the rest may be empty: a heading).
_REC_WORD = re.compile(
    r"^(?:recommendation|rec\.?)\s*(?P<num>[A-Z]{0,2}\d{1,3}(?:\.\d{1,2})?[a-z]?|"
    + "|".join(_NUMBER_WORDS)
    + r")"
    r"(?:\s*[:.)\-\u2013\u2014]\s*|\s+|$)(?P<rest>.*)$",
    re.I,
)
# "R1.", "N2:", "LR3 " (letters then digits).
_PREFIXED = re.compile(r"^(?P<num>[A-Z]{1,3}\d{1,3}(?:\.\d{1,2})?)(?:[.:)]\s*|\s+)(?P<rest>\S.*)$")
# "1.", "1)", "(1)", "7.1", "1 " before a capital (table rows).
_NUMBERED = re.compile(
    r"^(?P<open>\()?(?P<num>\d{1,3}(?:\.\d{1,3}){0,2})(?P<sep>[.):]?)(?:\s+|(?<=[.)])(?=[A-Z]))"
    r"(?P<rest>\S.*)$"
)
# Bullets as printed, as a PDF's Symbol and Wingdings fonts give them (U+F0B7, U+F0A7, U+F0D8,
# U+F076, U+F0FC), as ticks and arrows, and as a web archive's "?" or U+FFFD for a lost one.
_BULLET = re.compile(
    r"^[\u2022\u25aa\u25cf\u25e6\u25a0\u25a1\u27a2\u25ba\u2023\u2219\u00b7*\-\u2013\u2014o"
    r"\uf0b7\uf0a7\uf0d8\uf076\uf0fc\u2043\u25b6\u2713\u2714\u27a4\ufffd?]\s+(?P<rest>\S.*)$"
)
# "a)", "(b)", "c.", "ii)".
_LETTERED = re.compile(r"^\(?(?P<num>[a-z]|[ivx]{1,4})[.)]\s+(?P<rest>\S.*)$")
# A sentence ends at ".", "!" or "?", then only these closing quotes and brackets.
_CLOSERS = "\"'\u2019\u201d)]"
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DIGITS = re.compile(r"\d+")
_NOT_LETTERS = re.compile(r"[\d.]")
_ROW_NUMBER = re.compile(r"[A-Z]{0,3}\d{1,3}(?:\.\d+)*[.)]?")
# "7.", "Section 2", "iv)": the number before a heading's words.
_HEADING_NUMBER = re.compile(
    r"^(?:(?:section|part|chapter)\s+)?[\divx]{1,4}(?:\.\d{1,2})*[.):]?\s+"
)
_TITLE_WORD = re.compile(r"[A-Za-z][\w'-]*")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_CELL = " | "
_MODAL = re.compile(r"\b(?:should|must|shall|will|need to|needs to|ought)\b")

# --- addressees ----------------------------------------------------------------------------------

# Who a recommendation is addressed to, by the codes of `addressees.json`. Matched at the
# start of the words naming the subject (before "should" / "must"), a table's lead-agency cell, or
# a section heading "Recommendations for ...", after any proper name ("Eastwold Police").
ADDRESSEE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(pattern))
    for code, pattern in (
        (
            "national_bodies",
            r"(?:department (?:for|of) (?:education|health)\w*|dfe\b|dhsc\b|home office|"
            r"ministry of|nhs england|ofsted|cqc|care quality commission|government|"
            r"secretary of state|child safeguarding practice review panel|national panel|"
            r"the panel\b|department for levelling|department for work|hm inspectorate|"
            r"what works|college of policing|national\b)",
        ),
        (
            "partnership",
            r"(?:(?:local )?safeguarding (?:children(?:'s)? )?(?:board|partnership)s?|"
            r"(?:local )?safeguarding partners(?:hip)?s?|(?:the )?partnership\b|lscbs?\b|"
            r"lscps?\b|scps?\b|scbs?\b|the board\b|board\b|partners? agencies and the board)",
        ),
        (
            "all_agencies",
            r"(?:all (?:partner |relevant |member |safeguarding )?(?:agencies|organisations|"
            r"partners)|each (?:partner )?agency|every agency|partner agencies|agencies)\b",
        ),
        (
            # At most ten words of name before the kind of body, each read from its first
            # letter: an unbounded run was read to its end again from every letter of it.
            "health.commissioners",
            r"(?:(?:health )?commissioners|(?:nhs )?(?:(?<!\w)\w+ ){0,10}?(?:integrated care board|"
            r"clinical commissioning group|primary care trust)|icbs?\b|ccgs?\b|pcts?\b|"
            r"designated (?:nurse|doctor|professionals?)|health partners)",
        ),
        (
            "childrens_social_care",
            r"(?:children'?s (?:social care|services|social work)|(?:the )?local authority|"
            r"director of children'?s services|social work\w*|csc\b|mash\b|"
            r"multi-agency safeguarding hub|council\b|children and families)",
        ),
        ("police", r"(?:police|constabulary)"),
        ("health.gp", r"(?:gp\b|gps\b|general practi\w+|primary care\b|named gp)"),
        (
            "health.health_visiting",
            r"(?:health visit\w+|0-19|(?:the )?public health nursing|school nurs\w+)",
        ),
        ("health.midwifery", r"(?:midwi\w+|maternity)"),
        (
            "health.acute",
            r"(?:(?:the )?(?:acute|hospital) trusts?|hospitals?\b|emergency department|"
            r"a ?& ?e\b|ambulance)",
        ),
        ("health.paediatrics", r"(?:(?:the )?(?:community )?paediatric\w*)"),
        ("health.camhs", r"(?:camhs\b|child and adolescent mental health)"),
        (
            "health.adult_mental_health",
            r"(?:adult mental health|(?:the )?mental health (?:trust|services?|team))",
        ),
        (
            "health.substance_misuse",
            r"(?:substance misuse|(?:the )?drug and alcohol)",
        ),
        (
            "education.schools",
            r"(?:schools?\b|academ(?:y|ies)\b|designated safeguarding leads?|"
            r"(?:the )?education (?:service|department|settings?)|education\b|head ?teachers?)",
        ),
        ("education.early_years", r"(?:early years|nurser(?:y|ies)|children'?s centres?)"),
        (
            "probation_youth_justice",
            r"(?:(?:the )?probation|youth (?:justice|offending)|national probation)",
        ),
        ("housing", r"(?:housing|registered (?:social )?landlords?)"),
        ("adult_social_care", r"(?:adult social care|adult services|adults' services)"),
        (
            "voluntary_sector",
            r"(?:voluntary (?:sector|organisations?|services?)|commissioned voluntary|"
            r"charit(?:y|ies)|women's aid|third sector)",
        ),
        ("health", r"(?:health\b|nhs\b|the trust\b|health services|health providers)"),
    )
)
taxonomy.check_addressees(
    (code for code, _ in ADDRESSEE_RULES), "The recommendation extractor's ADDRESSEE_RULES"
)
# What may stand before an addressee's name: articles, "all", and capitalised proper names.
_NAME_PREFIX = re.compile(r"^(?:(?:the|all|each|every|both|and|[A-Z][\w'&.-]*)\s+)*$")
_SUBJECT_END = re.compile(
    r"\b(?:should|must|shall|will|is to|are to|needs? to|ought to|to (?:develop|review|ensure|"
    r"consider|provide|agree|undertake|establish|work)|is asked|are asked|is recommended|"
    r"are recommended)\b"
)
# Separators between names. None starts inside a run of white space (only where the run starts),
# so a long run of spaces is not read again from each of them.
_CONJUNCTION = re.compile(r",\s*(?:and\s+)?|(?:(?<!\s)|(?!\s))(?:\s+and\s+|\s*/\s*|\s*&\s*)")
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-"})


@dataclass(frozen=True)
class Recommendation:
    """One recommendation as printed: number, verbatim text, page, who it is addressed to."""

    number: str | None
    """The printed label without its punctuation ("4", "R1", "N2"); None for bullets."""
    text: str
    """Verbatim with whitespace collapsed, sub-items included with their letters."""
    page: int
    """The page its first line is on (1-based)."""
    addressees: tuple[str, ...] = ()
    """Addressee codes named in its subject, its table row or its section heading."""
    section: str = ""
    """The heading (or announcing sentence) of the section it was found in."""
    sub_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodedRecommendation:
    """A recommendation with its codes (DESIGN section 5), as the analyse contract shows it."""

    recommendation: Recommendation
    coding: Coding

    @property
    def addressees(self) -> tuple[str, ...]:
        """The extractor's addressees, then any more the coder found in the text."""
        mine = self.recommendation.addressees
        return mine + tuple(a for a in self.coding.addressees if a not in mine)

    def to_json(self) -> dict[str, Any]:
        rec = self.recommendation
        return {
            "number": rec.number,
            "text": rec.text,
            "page": rec.page,
            "mechanism": self.coding.mechanism,
            "addressees": list(self.addressees),
            "flags": list(self.coding.flags),
        }


def code_all(recommendations: Iterable[Recommendation]) -> tuple[CodedRecommendation, ...]:
    """Each recommendation with the coder's codes for its text."""
    return tuple(CodedRecommendation(r, code_recommendation(r.text)) for r in recommendations)


# --- lines -------------------------------------------------------------------------------------


# Not frozen: there is one per line of the document, and a frozen one is several times slower to
# make. Nothing changes a line once it is made.
@dataclass(slots=True)
class _Line:
    page: int
    text: str
    """Whitespace collapsed: words split by single spaces, no line breaks."""
    low: str
    blank_after: bool


def _furniture_key(lower: str) -> str:
    """A running line's form, numbers ignored, from its collapsed lower-case text."""
    return _DIGITS.sub("#", lower)


def _lines(document: Document) -> list[_Line]:
    """Every body line in order, without running heads, feet or page numbers left in the body."""
    furniture = {
        _furniture_key(collapse(ln).lower())
        for p in document.pages
        for ln in (p.header + "\n" + p.footer).split("\n")
        if ln.strip()
    }
    # A key keeps its line's spaces: only lines with as many as a running line can be one.
    spaces = {key.count(" ") for key in furniture}
    out: list[_Line] = []
    for page in document.pages:
        raw = page.text.split("\n")
        last = len(raw) - 1
        for i, text in enumerate(raw):
            line = collapse(text)
            if not line:
                continue
            lower = line.lower()
            if PAGE_NUMBER.match(line) or (
                lower.count(" ") in spaces and _furniture_key(lower) in furniture
            ):
                continue
            blank_after = i < last and not raw[i + 1].strip()
            low = lower if lower.isascii() else lower.translate(_PLAIN)
            out.append(_Line(page.number, line, low, blank_after))
    return out


def _line_width(document: Document, lines: list[_Line]) -> float | None:
    """A PDF's full line length in characters; None where each line is a paragraph."""
    if document.format != "pdf":
        return None
    lengths = sorted(len(ln.text) for ln in lines if len(ln.text) >= WIDTH_MIN_CHARS)
    if not lengths:
        return None
    return float(lengths[min(len(lengths) - 1, int(WIDTH_PERCENTILE * len(lengths)))])


def _ends_paragraph(line: _Line, nxt: _Line | None, width: float | None) -> bool:
    """Whether a paragraph ends with `line` (see `WRAP_SHARE`)."""
    if line.blank_after or nxt is None:
        return True
    if not _ends_sentence(line.text):
        return False
    if width is None or nxt.page != line.page:
        return width is None or len(line.text) < WRAP_SHARE * width
    first = nxt.text.split(" ", 1)[0]
    return len(line.text) + 1 + len(first) <= WRAP_SHARE * width


# --- what a line is ----------------------------------------------------------------------------
#
# These run on every line, several times over, so each settles the common case with plain string
# tests before any regular expression.


def _word_count(text: str) -> int:
    """The words of collapsed text (`len(text.split())` without building the list)."""
    return text.count(" ") + 1 if text else 0


def _ends_sentence(text: str) -> bool:
    """Whether collapsed text ends a sentence: ".", "!" or "?", then only `_CLOSERS`."""
    return text.rstrip(_CLOSERS)[-1:] in (".", "!", "?")


def _strip_heading_number(low: str) -> str:
    return _HEADING_NUMBER.sub("", low)


def _is_contents(line: _Line) -> bool:
    text = line.text
    # Every CONTENTS_LINE match holds a leader or ends in a digit.
    if not ("...." in text or "\u2026\u2026" in text or ". . . " in text or text[-1:].isdigit()):
        return False
    return bool(CONTENTS_LINE.search(text)) and _word_count(text) <= HEADING_MAX_WORDS + 4


def _heading_shape(line: _Line) -> bool:
    text = line.text
    return (
        (text[:1].isupper() or text[:1].isdigit())
        and not text.endswith((",", ";"))
        and _word_count(text) <= HEADING_MAX_WORDS
        and not _ends_sentence(text)
    )


def _rec_heading(line: _Line) -> bool:
    # Every heading REC_HEADING accepts names them: most lines are settled here.
    if "recommendation" not in line.low:
        return False
    if not _heading_shape(line) and not line.text.endswith(":"):
        return False
    if _word_count(line.text) > HEADING_MAX_WORDS + 4 or _is_contents(line):
        return False
    if _BULLET.match(line.text) or _REC_WORD.match(line.text):
        return False
    low = _strip_heading_number(line.low).rstrip(":").strip()
    if not REC_HEADING.match(low) or NOT_REC_HEADING.search(low):
        return False
    return not _names_columns(low) or low.startswith(("recommendations for", "summary"))


def _other_heading(line: _Line) -> bool:
    if not _heading_shape(line) and not (line.text.endswith(":") and len(line.text) < 60):
        return False
    low = _strip_heading_number(line.low)
    return bool(OTHER_HEADING.match(low)) and not _is_contents(line)


def _names_columns(low: str) -> bool:
    """Whether a line (no line breaks) reads as a table's column names (`TABLE_HEADER_NAME`)."""
    name = TABLE_HEADER_NAME.search(low)
    if name is not None and TABLE_HEADER_COLUMN.search(low, name.end()):
        return True
    return bool(TABLE_HEADER_NUMBER.search(low))


def _table_header(line: _Line) -> bool:
    """A table's header row: column names, not an item or a sentence."""
    return (
        _names_columns(line.low)
        and (_heading_shape(line) or _CELL in line.text)
        and _marker(line) is None
        and not _MODAL.search(line.low)
    )


def _starts_block(line: _Line, nxt: _Line | None) -> bool:
    """A title-case line followed by a new sentence: a heading even after an unfinished item
    (a wrapped line of an item that names "Learning and Improvement Subgroup" runs on in
    lower case)."""
    return _title_case(line.text) and (nxt is None or not nxt.text[:1].islower())


def _title_case(text: str) -> bool:
    words = [w for w in _TITLE_WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 >= len(words)


# --- addressees --------------------------------------------------------------------------------


def _codes_in(name: str) -> list[str]:
    """Addressee codes of a name or a list of names ("The police and Eastwold Council")."""
    codes: list[str] = []
    for part in _CONJUNCTION.split(name.translate(_PLAIN).strip(" .:;")):
        part = part.strip()
        low = part.lower()
        best: tuple[int, str] | None = None
        for code, pattern in ADDRESSEE_RULES:
            m = pattern.search(low)
            if (
                m
                and _NAME_PREFIX.match(part[: m.start()])
                and (best is None or m.start() < best[0])
            ):
                best = (m.start(), code)
        if best and best[1] not in codes:
            codes.append(best[1])
    return codes


def subject_addressees(text: str) -> list[str]:
    """Addressees named as the subject of a recommendation ("The police should ...")."""
    m = _SUBJECT_END.search(text.lower().translate(_PLAIN), 0, 200)
    if not m or m.start() == 0:
        return []
    return _codes_in(text[: m.start()])


# --- items -------------------------------------------------------------------------------------


@dataclass
class _Item:
    number: str | None
    style: str
    page: int
    parts: list[str]
    subs: list[str] = field(default_factory=list)
    closed: bool = False
    owner: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return collapse(" ".join(self.parts))


@dataclass(frozen=True)
class _Marker:
    number: str | None
    style: str
    rest: str


def _marker(line: _Line) -> _Marker | None:
    m = _REC_WORD.match(line.text)
    if m:
        return _Marker(m.group("num"), "word", m.group("rest"))
    m = _PREFIXED.match(line.text)
    if m and not _YEAR.match(m.group("num")):
        num = m.group("num")
        return _Marker(num, "prefix:" + _NOT_LETTERS.sub("", num), m.group("rest"))
    m = _NUMBERED.match(line.text)
    if m:
        num, sep, rest = m.group("num"), m.group("sep"), m.group("rest")
        if _YEAR.match(num) or (not sep and not m.group("open") and not rest[0].isupper()):
            return None
        style = f"num:{'(' if m.group('open') else ''}{sep}:{num.count('.')}"
        return _Marker(num, style, rest)
    m = _BULLET.match(line.text)
    if m:
        return _Marker(None, "bullet", m.group("rest"))
    m = _LETTERED.match(line.text)
    if m:
        return _Marker(m.group("num"), "letter", m.group("rest"))
    return None


def _ordinal(number: str | None) -> int | None:
    if number is None:
        return None
    if number.lower() in _NUMBER_WORDS:  # "Recommendation Three"
        return _NUMBER_WORDS.index(number.lower()) + 1
    digits = _DIGITS.findall(number)
    return int(digits[-1]) if digits else None


def _follows(prev: _Item | None, marker: _Marker) -> bool:
    """Whether a numbered marker continues the list `prev` belongs to."""
    if prev is None or marker.style == "bullet":
        return True
    n, p = _ordinal(marker.number), _ordinal(prev.number)
    if n is None or p is None:
        return True
    if marker.style != prev.style:
        return n == 1
    return n == 1 or p < n <= p + MAX_NUMBER_SKIP


class _Section:
    """Reads the items of one recommendations section, from its first line after the heading."""

    def __init__(self, lines: list[_Line], width: float | None, title: str, headed: bool) -> None:
        self.lines = lines
        self.width = width
        self.title = title
        self.headed = headed
        self.items: list[_Item] = []
        self.table = False
        self.columns: list[str] = []
        self.table_header = ""
        self.default_addressees: list[str] = []

    def read(self, start: int) -> int:
        """Read items from `start`; return the index of the first line after the section."""
        lines = self.lines
        gap = 0
        i = start
        while i < len(lines):
            line = lines[i]
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            cur = self.items[-1] if self.items else None
            if self.table and collapse(line.low) == self.table_header:
                i += 1
                continue
            if _rec_heading(line):
                if cur is None and not self.headed:
                    self.title = line.text
                    self.headed = True
                    i += 1
                    continue
                return i
            if _table_header(line):
                self.table = True
                self.table_header = collapse(line.low)
                self.columns = (
                    [c.strip() for c in line.low.split(_CELL)] if _CELL in line.text else []
                )
                if cur:
                    cur.closed = True
                i += 1
                continue
            if _other_heading(line) and (cur is None or cur.closed or _starts_block(line, nxt)):
                return i
            if _CELL in line.text and self._row(line):
                gap = 0
                i += 1
                continue
            marker = _marker(line)
            if marker and self._take(marker, line, nxt, cur):
                gap = 0
                i += 1
                continue
            lead = LEAD_LINE.match(line.text) if cur is not None else None
            if cur is not None and lead is not None:
                cur.owner.append(lead.group("rest"))
                cur.closed = True
                i += 1
                continue
            if cur is not None and ITEM_NOTE_LINE.match(line.text):
                cur.closed = True
                i += 1
                continue
            if cur is not None and not cur.closed and self._agency_heading(cur, line, nxt):
                cur.closed = True
                i += 1
                continue
            if cur is not None and not cur.closed:
                if cur.subs:
                    cur.subs[-1] = cur.subs[-1] + " " + line.text
                else:
                    cur.parts.append(line.text)
                cur.closed = _ends_paragraph(line, nxt, self.width) and not (
                    self.table and not _ends_sentence(line.text)
                )
                i += 1
                continue
            if cur is not None and self.table:
                cur.owner.append(line.text)
                i += 1
                continue
            if self._paragraph_item(line, cur):
                item = _Item(None, "para", line.page, [line.text])
                item.closed = _ends_paragraph(line, nxt, self.width)
                self.items.append(item)
                gap = 0
                i += 1
                continue
            if self._subheading(line, nxt):
                i += 1
                continue
            if self.items and not self.headed:
                return i
            gap += 1
            if gap > (MAX_GAP_LINES if self.items else MAX_INTRO_LINES):
                return i
            if (
                not self.items
                and _heading_shape(line)
                and _title_case(line.text)
                and line.blank_after
            ):
                return i
            i += 1
        return i

    def _subheading(self, line: _Line, nxt: _Line | None) -> bool:
        """A heading inside the section: an addressee group ("Health") or the end of it."""
        if not _heading_shape(line) or not _title_case(line.text):
            return False
        codes = _codes_in(line.text)
        if codes and len(line.text.split()) <= 6:
            self.default_addressees = codes
            return True
        return False

    def _paragraph_item(self, line: _Line, cur: _Item | None) -> bool:
        """A paragraph that asks someone to act ("The partnership should ..."), under a
        recommendations heading whose items carry no numbers or bullets at all."""
        return (
            self.headed
            and (cur is None or cur.closed)
            and all(item.style == "para" for item in self.items)
            and ("should" in line.low or "must" in line.low)
            and bool(PARAGRAPH_RECOMMENDATION.match(line.text))
        )

    def _agency_heading(self, cur: _Item, line: _Line, nxt: _Line | None) -> bool:
        """An agency's name on its own line before the next item ("Police"), after an item
        that ran on without a full stop: a sub-heading, not the item's last words."""
        last = (cur.subs[-1] if cur.subs else cur.parts[-1] if cur.parts else "").rsplit(" ", 1)
        if last[-1].lower() in _OPEN_END or nxt is None or _marker(nxt) is None:
            return False
        if _word_count(line.text) > SUBHEADING_MAX_WORDS:
            return False
        return self._subheading(line, nxt)

    def _take(self, marker: _Marker, line: _Line, nxt: _Line | None, cur: _Item | None) -> bool:
        """Start a new item at `marker`, or add a sub-item to `cur`; False if it is neither."""
        lettered = _LETTERED.match(line.text)
        if cur is not None and lettered and cur.style != "letter":
            return self._sub(cur, line)
        if marker.style == "bullet" and cur is not None and cur.style != "bullet":
            return self._sub(cur, line)
        if not _follows(cur, marker):
            return False
        if marker.style == "word" or not marker.rest:
            rest = marker.rest
        else:
            rest = marker.rest
            if _other_heading(_Line(line.page, rest, rest.lower(), False)):
                return False
        if cur is not None:
            cur.closed = True
        item = _Item(marker.number, marker.style, line.page, [rest] if rest else [])
        item.closed = (
            bool(rest) and _ends_paragraph(line, nxt, self.width) and not rest.endswith(":")
        )
        self.items.append(item)
        return True

    def _sub(self, cur: _Item, line: _Line) -> bool:
        if cur.closed and not cur.subs and not cur.text.endswith((":", ";")):
            return False
        cur.subs.append(line.text)
        cur.closed = False
        return True

    def _row(self, line: _Line) -> bool:
        """A table row with cells split by " | " (DOCX and HTML tables)."""
        cells = [c.strip() for c in line.text.split(_CELL)]
        if self.columns and len(cells) == len(self.columns):
            text_col = next(
                (k for k, c in enumerate(self.columns) if "recommendation" in c),
                max(range(len(cells)), key=lambda k: len(cells[k])),
            )
            owner_cols = [
                k
                for k, c in enumerate(self.columns)
                if k != text_col and ADDRESSEE_COLUMN.search(c)
            ]
        else:
            text_col = max(range(len(cells)), key=lambda k: len(cells[k]))
            owner_cols = [k for k in range(text_col + 1, len(cells))]
        text = cells[text_col]
        if len(text.split()) < MIN_ITEM_WORDS:
            return False
        number = cells[0] if text_col > 0 and _ROW_NUMBER.fullmatch(cells[0]) else None
        if number is None and text_col > 0:
            return False
        if self.items:
            self.items[-1].closed = True
        item = _Item(number.rstrip(".)") if number else None, "row", line.page, [text])
        item.owner = [cells[k] for k in owner_cols]
        item.closed = True
        self.items.append(item)
        return True

    def _items(self) -> list[_Item]:
        """The items, a numbered lead-in paragraph dropped and its lettered items taken as the
        items it announces."""
        out: list[_Item] = []
        # Unmarked paragraphs are items only where nothing in the section is marked; beside
        # marked items they introduce or explain them, as one ending in a colon opens a list.
        marked = any(item.style != "para" for item in self.items)
        for item in self.items:
            if item.style == "para" and (marked or item.text.endswith(":")):
                continue
            if not _is_lead_in(item.text):
                out.append(item)
                continue
            for sub in item.subs:
                m = _LETTERED.match(sub)
                number, rest = (m.group("num"), m.group("rest")) if m else (None, sub)
                out.append(_Item(number, "letter", item.page, [rest], closed=True))
        return out

    def recommendations(self) -> list[Recommendation]:
        out = []
        for item in self._items():
            text = collapse(" ".join([item.text, *item.subs]))
            if len(text.split()) < MIN_ITEM_WORDS:
                continue
            codes = subject_addressees(item.text)
            for cell in item.owner:
                for code in _codes_in(TIMESCALE_CELL.sub(" ", cell)):
                    if code not in codes:
                        codes.append(code)
            if not codes:
                codes = list(self.default_addressees)
            out.append(
                Recommendation(
                    number=item.number.rstrip(".):") if item.number else None,
                    text=text,
                    page=item.page,
                    addressees=tuple(codes),
                    section=self.title,
                    sub_items=tuple(collapse(s) for s in item.subs),
                )
            )
        return out


# --- the document ------------------------------------------------------------------------------


def _key(text: str) -> str:
    return _NOT_KEY.sub(" ", text.lower()).strip()


def extract_recommendations(document: Document) -> list[Recommendation]:
    """Every recommendation in the document, in order, each once (see the module docstring)."""
    lines = _lines(document)
    width = _line_width(document, lines)
    found: list[tuple[Recommendation, bool]] = []
    in_summary = False
    paragraph: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if _is_contents(line):
            i += 1
            continue
        if _rec_heading(line):
            summary = in_summary or _strip_heading_number(line.low).startswith("summary")
            title, i = _heading_text(lines, i)
            section = _Section(lines, width, title, headed=True)
            i = section.read(i)
            found.extend((r, summary) for r in section.recommendations())
            paragraph = []
            continue
        if not paragraph and _labels_a_list(line):
            section = _Section(lines, width, "Recommendations", headed=True)
            i = section.read(i)
            found.extend((r, in_summary) for r in section.recommendations())
            continue
        if _other_heading(line) or (
            not paragraph and _heading_shape(line) and _title_case(line.text)
        ):
            low = _strip_heading_number(line.low)
            if OTHER_HEADING.match(low):
                in_summary = bool(SUMMARY_HEADING.match(low))
            paragraph = []
            i += 1
            continue
        if _marker(line) is not None:
            paragraph = []
        paragraph.append(line.low)
        if _ends_paragraph(line, nxt, width) or line.text.endswith(":"):
            text = " ".join(paragraph)
            paragraph = []
            if _opens_list(text):
                section = _Section(lines, width, collapse(text), headed=False)
                i = section.read(i + 1)
                found.extend((r, in_summary) for r in section.recommendations())
                continue
        i += 1
    return _once(found)


def _is_lead_in(text: str) -> bool:
    """Whether an item's own text announces the list instead of being one (`REC_LEAD_IN`)."""
    low = text.lower()
    if "recommend" not in low or not REC_LEAD_IN.search(low):
        return False
    return text.rstrip().endswith(":") or not _MODAL.search(low)


def _labels_a_list(line: _Line) -> bool:
    """A "Recommendation 1: ..." line with no heading above it: the first of a labelled list."""
    m = _REC_WORD.match(line.text)
    if m is None or _ordinal(m.group("num")) != 1:
        return False
    rest = m.group("rest")
    separated = bool(line.text[m.end("num") : m.start("rest")].strip())
    return not rest or rest[:1].isupper() or separated


def _opens_list(paragraph: str) -> bool:
    """Whether a paragraph of prose announces a list of recommendations."""
    return (
        "recommend" in paragraph
        and len(paragraph.split()) >= MIN_ITEM_WORDS
        and (paragraph.endswith(":") or bool(REC_OPENER.search(paragraph)))
        and not NO_RECOMMENDATIONS.search(paragraph)
        and _marker(_Line(0, paragraph, paragraph, False)) is None
    )


def _heading_text(lines: list[_Line], i: int) -> tuple[str, int]:
    """A heading's text, joined with a short last line it wrapped onto; and the next index."""
    title = lines[i].text
    j = i + 1
    if (
        j < len(lines)
        and not title.endswith(":")
        and len(title.split()) >= WRAPPED_HEADING_MIN_WORDS
        and _heading_shape(lines[j])
        and len(lines[j].text.split()) <= 3
        and _marker(lines[j]) is None
        and not _rec_heading(lines[j])
        and not _other_heading(lines[j])
    ):
        title = f"{title} {lines[j].text}"
        j += 1
    return title, j


def _once(found: list[tuple[Recommendation, bool]]) -> list[Recommendation]:
    """Each recommendation once: a summary's copy gives way to the full section's."""
    full = {_key(r.text) for r, summary in found if not summary}
    seen: set[str] = set()
    out: list[Recommendation] = []
    for rec, summary in found:
        key = _key(rec.text)
        if key in seen or (summary and key in full):
            continue
        seen.add(key)
        out.append(rec)
    return out


__all__ = [
    "ADDRESSEE_RULES",
    "CodedRecommendation",
    "Recommendation",
    "code_all",
    "extract_recommendations",
    "subject_addressees",
]
