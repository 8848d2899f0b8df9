"""Reading a coroner's Prevention of Future Deaths report (a "Regulation 28 report").

A PFD report follows the form the Coroners (Investigations) Regulations 2013 prescribe: a
reference and date, "THIS REPORT IS BEING SENT TO" and the bodies it goes to, then numbered
sections: the coroner and their area, the coroner's legal powers, the investigation and inquest,
the circumstances of the death, the coroner's concerns, the action that should be taken, the
response due within 56 days, and copies and publication. `read_pfd` recognises that layout by
its headings, keeps each section's text with the page its heading is on, and reads from it:

- the bodies the report is sent to, one per body (titles and postal addresses folded in);
- the report's date and the coroner's area;
- the deceased's age at death, from a stated age tied to the deceased ("the death of X, aged
  15", "a 15-year-old", "X, 51") or from dates of birth and death, never an age of another
  person or an age in their history;
- each matter of concern as a recommendation-like item with its number, page and addressees.
  The statutory lead-in ("During the course of the inquest the evidence revealed matters giving
  rise to concern...") is the form's wording, not a concern, and is left out.

Nothing here is read from case reviews: `record.analyse` asks `read_pfd` first and reads a
document as a case review only when it is not a PFD report.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from casereview.analysis import rules as R
from casereview.analysis.fields import Found, parse_date
from casereview.analysis.model import Document
from casereview.analysis.recommendations import ADDRESSEE_RULES, Recommendation

# --- limits ------------------------------------------------------------------------------------

# The form's headings must be found as heading lines, in order, at least this many of them (the
# sent-to line, investigation, circumstances, concerns...): one such phrase in a case review's
# prose ("the coroner made a Regulation 28 report") is not the layout.
MIN_HEADINGS = 3
# The report's own date is printed before the first section ("Date: ...") or at its end.
DATE_LINES = 12
# Nobody is older than this; a larger number beside a name is something else (a house number).
MAX_AGE_YEARS = 110
# "born in Eastwold on 3 May 2001": the date of birth within a few words of the label.
BIRTH_DATE_REACH_CHARS = 40
# A date of death is read only this close after the date of birth (about a paragraph).
DEATH_AFTER_BIRTH_CHARS = 300
# "the death of John Smith, 51": the age comes within a few words of the start of the name.
NAME_AGE_REACH_CHARS = 80
# Words before an age looked at for whose age it is (about a clause).
AGE_PREFIX_CHARS = 60
# A concern's number may skip at most this many (a misread or withdrawn item), no more.
MAX_NUMBER_SKIP = 2
# Evidence is a sentence, looked for no further back than this (as `textview` quotes).
SENTENCE_REACH_CHARS = 240
# Dates of birth tried for an age: a report gives the deceased's once or twice; more are a
# chronology's or a family's.
MAX_BIRTH_LABELS = 4
# A heading between concerns (a topic, or the body the next ones are for) is a short line.
HEADING_MAX_WORDS = 12
# Ages are given to two decimal places of a year, as elsewhere in the record.
AGE_DECIMALS = 2

# --- the form's headings (rules as data) -------------------------------------------------------

# Section names in the order the form prints them. Only the names in `SECTION_NAMES` are part of
# the record; the others are read so that the sections around them end where they should.
_HEADINGS: tuple[tuple[str, str], ...] = (
    ("sent_to", r"this report is being sent to"),
    ("coroner", r"coroner(?!'|s\b)"),
    ("powers", r"coroner'?s legal powers"),
    ("investigation", r"investigation and inquest"),
    ("circumstances", r"circumstances of (?:the )?death"),
    ("concerns", r"coroner'?s concerns|matters? of concern"),
    ("action", r"action should be taken"),
    ("response", r"your response"),
    ("copies", r"copies and publication"),
)
SECTION_NAMES = ("sent_to", "investigation", "circumstances", "concerns", "action", "response")
_ORDER = {name: i for i, (name, _) in enumerate(_HEADINGS)}
# "5 CORONER'S CONCERNS", "THIS REPORT IS BEING SENT TO: ...", "3. Investigation and Inquest".
_HEADING = re.compile(
    r"^(?P<num>\d{1,2}[.)]?\s+)?(?:"
    + "|".join(f"(?P<h{i}>{p})" for i, (_, p) in enumerate(_HEADINGS))
    + r")\b\s*:?\s*(?P<rest>.*)$"
)
# A section's number printed on its own line above its heading (the form is a table).
_SECTION_NUMBER = re.compile(r"\d{1,2}[.)]?|")
# The title line of the form.
_TITLE = re.compile(r"regulation 28|prevent(?:ion of)? future deaths")
# "Ref: 2019-0123", "Reference: 2019-0123" (the judiciary's numbering of the reports).
_REFERENCE = re.compile(r"(?i)ref(?:erence)?(?: no\.?)?\s*:?\s*\d{4}-\d{3,5}\b")
# "Date of report: 2019-03-12", "Date: 12 March 2019", "Dated 12/03/2019".
_DATE_LABEL = re.compile(r"^(?:\d{1,2}[.)]?\s+)?(?:date(?:d| of (?:this )?report)?)\b\s*:?\s*")
# "Coroner area: X", "coroner for the area of X", "the coroner area of X".
_AREA = re.compile(r"\b(?:coroner(?:'s)? area|for the area|area of)\b(?: of)?\s*:?\s*(?=\S)")
_AREA_END = re.compile(r"[.;]| (?:who|where|in the|on|since|from)\b")

# --- the concerns ------------------------------------------------------------------------------

# The form's own wording in the concerns section: each sentence of it is left out of the
# concerns ("During the course of the inquest the evidence revealed matters giving rise to
# concern. In my opinion there is a risk that future deaths will occur unless action is taken.
# In the circumstances it is my statutory duty to report to you. The MATTERS OF CONCERN are as
# follows:").
LEAD_IN = re.compile(
    r"(?:during|in) the course of (?:the|my|this) (?:inquest|investigation)[^.]{0,200}?"
    r"(?:giving|gave|give|raised|raising) rise to (?:a )?concerns?[^.]{0,40}(?:\.|:|$)"
    r"|(?:the )?(?:evidence|inquest|investigation)[^.]{0,80}revealed (?:a )?matters?"
    r"[^.]{0,40}concerns?[^.]{0,40}(?:\.|:|$)"
    r"|in my opinion,? there is a risk that (?:future|other|further) deaths?[^.]{0,120}"
    r"(?:\.|:|$)"
    r"|in the circumstances,? it is my statutory duty to (?:report|write)[^.]{0,80}(?:\.|:|$)"
    r"|the matters? of concern[^.:]{0,80}?(?:(?:is|are|were|was)(?:,? as follows)?|as follows)"
    r"[^a-z0-9\[(]{0,6}"
    r"|(?:my|the) concerns? (?:is|are) as follows[^a-z0-9\[(]{0,6}"
)
# The heart of the lead-in however it is worded ("The evidence I have heard reveals matters giving
# rise to concern, namely that ..."): the sentence it is in goes, from its start to here.
LEAD_IN_CORE = re.compile(
    r"\b(?:matters?|issues?) (?:that |which )?(?:giving|gave|give|gives|given) rise to (?:a )?"
    r"concerns?(?:,? (?:namely|which (?:are|is)|as follows|including)(?: that)?[:,]?|"
    # The form's newer wording: "... concern that circumstances creating a risk of other deaths
    # will occur, or will continue to exist, in the future."
    r" that circumstances creating a risk[^.]{0,160}(?:\.|$)|"
    r"[^.:]{0,40}[.:])"
)
# List markers at the start of a line of the concerns: "1.", "(1)", "1)", "a)", "(b)", "•".
# "(l)" is an OCR misreading of "(1)"; "1 ." a stray space.
_NUMBER_MARK = re.compile(
    r"^(?:\(\s?(?P<p>\d{1,2}|l)\s?\)|(?P<n>\d{1,2})(?: ?[.):]|(?= [A-Z])))\s*(?=\S)"
)
_LETTER_MARK = re.compile(r"^\(?(?P<l>[a-z])[.)]\s*(?=\S)")
# "i.", "(ii)", "iii)": lists numbered in roman numerals, to fifteen.
ROMAN = (
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "xi",
    "xii",
    "xiii",
    "xiv",
    "xv",
)
_ROMAN_ALTERNATIVES = "|".join(sorted(ROMAN, key=len, reverse=True))
_ROMAN_MARK = re.compile(r"^\(?(?P<r>" + _ROMAN_ALTERNATIVES + r")[.)]\s*(?=\S)")
_BULLET_MARK = re.compile(r"^[\u2022\u25aa\u25cf\u25e6\u2023\u2219\u00b7*\-\u2013]\s+(?=\S)")
# A list numbered within a line of running text ("... as follows: 1. The ward ... 2. Staff ...").
_INLINE_ROMAN = re.compile(
    r"(?<=[.:;!?\u2013-] )\(?(?P<r>" + _ROMAN_ALTERNATIVES + r")[.)] (?=[A-Z\[])"
)
_INLINE_MARK = re.compile(
    r"(?<=[.:;!?\u2013-] )(?:\((?P<p>\d{1,2})\)|(?P<n>\d{1,2})[.)]) (?=[A-Z\[])"
)
_BARE_MARK = re.compile(r"\(\d{1,2}\)|\d{1,2}[.)]")
_DASH_BEFORE_MARK = re.compile(r"^[\u2013\u2014-]\s*(?=(?:\(\d{1,2}\)|\d{1,2}[.)])(?:\s|$))")
# "To the Department for Transport: ...": a concern naming the body it is for.
_CONCERN_TO = re.compile(r"^(?:to|for) (?:the )?(?P<who>[A-Z][^:.]{1,120}):")

# --- addressees --------------------------------------------------------------------------------

# Parts of a postal address or a person's title, not a body of their own.
_ADDRESS_PART = re.compile(
    r"\b(?:[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}|p\.?o\.? box|street|road|lane|avenue|way|drive|"
    r"house|park|court|square|place|floor|building)\b|^\d+[a-z]? "
)
# Words that name an organisation or an office that answers for one.
_BODY_WORD = re.compile(
    r"\b(?:council|trust|police|constabulary|department|dept|nhs|board|service|services|"
    r"ministry|agency|office|hospital|school|college|university|academy|ltd|limited|plc|llp|"
    r"partnership|group|authority|commission|government|prison|hmp|yoi|secretary of state|"
    r"minister|practice|surgery|care|home|england|wales|society|association|institute|"
    r"company|corporation|federation|network|centre|center|unit|team|highways|railway|rail|"
    r"ambulance|fire|inc|llc|coroner|directorate|foundation|health|bank|"
    r"regulator|college|royal|national|registrar|family|daughter|son|mother|father)\b"
)
# Markers that number or bullet the bodies: "1. X 2. Y", "• X".
_LIST_MARK = re.compile(
    r"(?:^|(?<=\s))(?:\(?(?P<n>\d{1,2})[.)]|(?P<b>\d{1,2})(?= [A-Z\[,])|[\u2022\u25aa\u25cf*])\s*"
)
# A body known by its initials ("IOPC", "HSE").
_ACRONYM = re.compile(r"(?:the )?[A-Z]{2,6}")
# The number of a list of one ("1 , Chief Executive, ..."): not part of the body's name.
_LONE_MARK = re.compile(r"^\(?\d{1,2}[.)]?\s*,?\s+")
# A lone number left at the end by a footnote or page number ("NHS England 1").
_TRAILING_NUMBER = re.compile(r"\s+\d{1,2}\s*$")

# --- age ---------------------------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate(R.NUMBER_WORDS)}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUMBER = (
    r"(?:\d{1,3}(?:\.\d)?[\u00bd\u00bc\u00be]?|(?:"
    + "|".join(_TENS)
    + r")(?:[ -](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)
_UNIT = r"(?:years?|yrs?|months?|weeks?|days?)"
# Each stated age: the number `n` and its unit `u` (years when not given).
AGE_STATEMENTS: tuple[re.Pattern[str], ...] = (
    # "aged 15", "age 71 at the date of his death", "aged 3 months"; not "aged 18 to 25".
    re.compile(
        r"\b(?:aged|age) (?P<n>" + _NUMBER + r")(?: (?P<u>" + _UNIT + r"))?\b"
        r"(?! ?(?:-|to|and|or) ?\d)"
    ),
    # "a 15-year-old", "a nineteen year old", "25 years old", "three months old".
    re.compile(r"\b(?P<n>" + _NUMBER + r")[ -](?P<u>year|month|week|day)s?[ -]old\b"),
    # "16 years of age".
    re.compile(r"\b(?P<n>" + _NUMBER + r") (?P<u>" + _UNIT + r") of age\b"),
    # "who was 34 when she died".
    re.compile(
        r"\bwas (?P<n>" + _NUMBER + r")(?: (?P<u>" + _UNIT + r")(?: old)?)? (?:when (?:he|she|"
        r"they) died|at the (?:time|date) of (?:his|her|their) death)"
    ),
    # "died at the age of 15".
    re.compile(
        r"\b(?:died|death) at the age of (?P<n>" + _NUMBER + r")(?: (?P<u>" + _UNIT + r"))?"
    ),
)
# Before an age: it is another person's ("his mother, aged 40", "a 3-year-old passenger").
_OTHER_PERSON = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|step-?(?:father|mother|parent)|partner|husband|wife|"
    r"boyfriend|girlfriend|grand(?:mother|father|parents?|son|daughter|child)|uncle|aunt|"
    r"cousin|siblings?|brothers?|sisters?|son|daughter|children|twin|friend|"
    r"neighbour|driver|passenger|victim|pedestrian|cyclist|defendant|another|other|others|"
    r"patients|people|persons|person|those|anyone|individuals|young people|pupils|students)\b"
)
# An age at an earlier time in the deceased's history, not at death: "since the age of 12",
# "diagnosed aged 13 in 2008", "when he was 14".
_HISTORY_BEFORE = re.compile(
    r"\b(?:since|from|when|until|till|before|after|by|at|between|under|over|below|above|"
    r"diagnosed|began|started|first|reached|reaching|turned|turning)(?: (?:he|she|they) was)?"
    r"(?: the)?(?: age of)? ?$"
)
_HISTORY_AFTER = re.compile(
    r"^,? (?:in (?:19|20)\d\d\b|during|until|and (?:again|later)|"
    r"when (?!(?:he |she |they )?(?:\w+ )?(?:died|passed away|was found|took (?:his|her|their) "
    r"own life)))"
)
# The deceased named in the form's words: "the death of Jane Doe", "the inquest into John Doe's".
_DECEASED = re.compile(
    r"\b(?:death of|inquest into(?: the death of)?|investigation into(?: the death of)?) "
    r"(?:(?:mr|mrs|ms|miss|master|dr|sgt|baby)\.? )?"
    r"(?P<name>\[[A-Za-z ]{1,20}\]|[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){0,5})"
)
# "John Smith, 51." / "John Smith (51)" / "John Smith - 25 years old": the age straight after.
_NAME_AGE = re.compile(
    r"^(?:'s)?\s*(?:[,(]|-|\u2013)\s*(?:then |who was |being )?(?:aged? )?(?P<n>\d{1,3})"
    r"(?P<u> (?:years?|yrs?|months?|weeks?|days?))?(?: old| of age)?\)?(?=[ .,;)]|$)"
    r"(?! (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)
# The end of the clause that names the deceased: an age after it is about something else.
_CLAUSE_END = re.compile(r"[.;:]\s|\band (?:his|her|their)\b")
_DOB = re.compile(r"\b(?:d\.? ?o\.? ?b\b\.?|date of birth\b|born\b)")
_DOD = re.compile(r"\b(?:d\.? ?o\.? ?d\b\.?|date of death\b|died\b|death\b)")
# The day the investigation was opened: a death is reported and the investigation opened within
# days, so a date of birth and this give the age at death to within the year the target allows.
_OPENED = re.compile(
    r"\b(?:commenced|opened|began|started) (?:an|the|my) (?:investigation|inquest)\b|"
    r"\b(?:investigation|inquest) (?:was )?(?:commenced|opened)\b"
)
_GAP = re.compile(r"(?:\s|:|-|,|\(|\bon\b|\bthe\b|\bwas\b|\bof\b)*")

_PLAIN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


def _low(text: str) -> str:
    """Lower case with typographic quotes and dashes made plain, the same length as `text`, so
    that offsets found in one are offsets in the other."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_PLAIN)


@dataclass(frozen=True)
class Section:
    """One section of the form: its name, the page its heading is on, its text as printed."""

    name: str
    page: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "page": self.page, "text": self.text}


@dataclass(frozen=True)
class PfdReport:
    """What a PFD report says, each value with its evidence (`Found`) where it has one."""

    form: Found
    """The line that shows the document is a PFD report (its title or first heading)."""
    title: Found | None
    death: Found | None
    """The form's words naming the death it reports ("an investigation into the death of X")."""
    sections: tuple[Section, ...]
    addressees: tuple[str, ...]
    addressees_found: Found | None
    report_date: Found | None
    coroner_area: Found | None
    age: Found | None
    concerns: tuple[Recommendation, ...]


@dataclass(frozen=True)
class _Line:
    page: int
    text: str
    low: str


def _lines(document: Document) -> list[_Line]:
    out = []
    for page in document.pages:
        for raw in page.text.split("\n"):
            text = " ".join(raw.split())
            out.append(_Line(page.number, text, _low(text)))
    return out


def _heading(line: _Line) -> str | None:
    """The form's section this line heads, or None when it is a line of text."""
    m = _HEADING.match(line.low)
    if m is None:
        return None
    index = next(i for i in range(len(_HEADINGS)) if m.group(f"h{i}") is not None)
    name = _HEADINGS[index][0]
    if not m.group("rest"):
        return name
    # Text after the heading on its line: a heading only when printed as one (numbered, or in
    # capitals as the form prints it), never a sentence that starts with the same words.
    words = line.text[m.start(f"h{index}") : m.end(f"h{index}")]
    if name == "sent_to" or (words.isupper() and (m.group("num") or name != "coroner")):
        return name
    return None


def _split_sections(lines: list[_Line]) -> list[tuple[str, int, list[_Line], str]]:
    """(name, page, lines, text after the heading) of each section, in the form's order."""
    found: list[tuple[str, int, list[_Line], str]] = []
    current = -1
    for line in lines:
        name = _heading(line) if line.text else None
        if name is not None and _ORDER[name] > current:
            current = _ORDER[name]
            rest = _HEADING.match(line.low)
            after = line.text[rest.start("rest") :] if rest else ""
            found.append((name, line.page, [], after))
        elif found:
            found[-1][2].append(line)
    return found


def read_pfd(document: Document) -> PfdReport | None:
    """The PFD report `document` is, or None when its layout is not the form's."""
    lines = _lines(document)
    parts = _split_sections(lines)
    if len(parts) < MIN_HEADINGS:
        return None
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    title_seen = any(_TITLE.search(ln.low) for ln in lines[:DATE_LINES])
    if not title_seen and not any(p[0] == "sent_to" for p in parts):
        return None
    sections: list[Section] = []
    by_name: dict[str, Section] = {}
    for name, page, body, after in parts:
        texts = [after] if after else []
        texts += [ln.text for ln in body]
        while texts and _SECTION_NUMBER.fullmatch(texts[-1]):
            texts.pop()  # the next heading's number, printed on a line of its own
        text = "\n".join(texts).strip()
        section = Section(name, page, text)
        by_name[name] = section
        if name in SECTION_NAMES:
            sections.append(section)
    title = None
    if first is not None and _TITLE.search(lines[first].low):
        title = _title(lines[first], lines[first + 1 : DATE_LINES])
    heading = next(ln for ln in lines if ln.text and _heading(ln))
    form = Found(
        "PFD", (title.quote if title else heading.text), title.page if title else heading.page
    )
    sent_to = by_name.get("sent_to")
    bodies = split_addressees(sent_to.text) if sent_to else []
    addressees_found = (
        Found(tuple(bodies), " ".join(sent_to.text.split()), sent_to.page)
        if sent_to and bodies
        else None
    )
    return PfdReport(
        form=form,
        title=title,
        death=_death(by_name.get("investigation"), by_name.get("circumstances")),
        sections=tuple(sections),
        addressees=tuple(bodies),
        addressees_found=addressees_found,
        report_date=_report_date(lines, parts),
        coroner_area=_coroner_area(by_name.get("coroner")),
        age=deceased_age(by_name.get("investigation"), by_name.get("circumstances")),
        concerns=tuple(_concerns(parts, bodies)),
    )


def _title(line: _Line, after: list[_Line]) -> Found:
    """The form's title line, with the report's reference when one is printed under it: every
    PFD report has the same title, and the reference tells them apart in a list."""
    for other in after:
        if _heading(other) is not None:
            break
        ref = _REFERENCE.match(other.text)
        if ref:
            text = f"{line.text} ({ref.group(0)})"
            return Found(text, f"{line.text} {other.text}", line.page)
    return Found(line.text, line.text, line.page)


# --- date and area -----------------------------------------------------------------------------


def _date_in(line: _Line) -> Found | None:
    label = _DATE_LABEL.match(line.low)
    if label is None:
        return None
    m = R.DATE.match(line.low, label.end())
    when = parse_date(m) if m else None
    if when is None:
        return None
    return Found(when.isoformat(), line.text, line.page)


def _report_date(
    lines: list[_Line], parts: list[tuple[str, int, list[_Line], str]]
) -> Found | None:
    """The date printed with the reference before the first section, or with the signature."""
    for line in lines[:DATE_LINES]:
        if line.text and _heading(line) is not None:
            break
        found = _date_in(line)
        if found:
            return found
    tail = parts[-1][2] if parts else []
    for line in reversed(tail[-DATE_LINES:]):
        found = _date_in(line)
        if found:
            return found
    return None


def _coroner_area(coroner: Section | None) -> Found | None:
    """The coroner area named in the coroner section ("Coroner area: X", "the area of X"):
    the rest of its line, to the end of the sentence."""
    if coroner is None:
        return None
    for line in coroner.text.split("\n"):
        low = _low(line)
        m = _AREA.search(low)
        if m is None:
            continue
        end = _AREA_END.search(low, m.end())
        stop = end.start() if end else len(line)
        area = line[m.end() : stop].strip(" ,:-")
        if area[:1].isupper():
            return Found(area, line[:stop].strip(), coroner.page)
    return None


# --- addressees --------------------------------------------------------------------------------


def split_addressees(text: str) -> list[str]:
    """One entry per body the report is sent to; a person's title and the body's postal
    address stay with the body ("Jane Doe, Chief Executive, Eastwold NHS Trust")."""
    text = _TRAILING_NUMBER.sub("", text.strip())
    one_line = " ".join(text.split())
    if not one_line:
        return []
    numbered = _listed(one_line)
    if len(numbered) >= 2:
        parts = numbered
    elif ";" in one_line:
        parts = [p.strip(" ,.") for p in one_line.split(";") if p.strip(" ,.")]
    else:
        parts = [ln.strip(" ;,.") for ln in text.split("\n") if ln.strip(" ;,.")]
    parts = [_LONE_MARK.sub("", _TRAILING_NUMBER.sub("", p)) for p in parts]
    bodies: list[str] = []
    pending: list[str] = []
    for part in parts:
        low = part.lower()
        is_body = bool(_BODY_WORD.search(low) or _ACRONYM.fullmatch(part))
        if _ADDRESS_PART.search(low) and not is_body:
            continue  # a line of a postal address
        pending.append(part)
        if is_body:
            bodies.append(", ".join(pending))
            pending = []
    if pending:
        if bodies:
            bodies[-1] = ", ".join([bodies[-1], *pending])
        else:
            bodies.append(", ".join(pending))
    return bodies


def _listed(text: str) -> list[str]:
    """The entries of a list numbered 1, 2, 3... or bulleted on one line; [] if it is not."""
    cuts: list[tuple[int, int]] = []
    expected = 1
    for m in _LIST_MARK.finditer(text):
        label = m.group("n") or m.group("b")
        if label is None or int(label) == expected:
            cuts.append((m.start(), m.end()))
            expected += 1
    if len(cuts) < 2:
        return []
    ends = [s for s, _ in cuts[1:]] + [len(text)]
    parts = [text[e:end].strip(" ;,.") for (_, e), end in zip(cuts, ends, strict=True)]
    return [p for p in parts if p]


def addressee_codes(body: str) -> list[str]:
    """The addressee codes (`addressees.json`) of a body's name: the kind named first."""
    low = _low(body)
    best: tuple[int, str] | None = None
    for code, pattern in ADDRESSEE_RULES:
        m = pattern.search(low)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), code)
    return [best[1]] if best else []


# --- concerns ----------------------------------------------------------------------------------


# Put where a lead-in was taken out of a line, so that what was before it and what follows
# (often the first concern) are read as separate lines.
LEAD_IN_GAP = "\u2029"


# What the lead-in's last words leave behind them ("as follows. - 1. ...").
_AFTER_LEAD_IN = " .,:;-\u2013\u2014"


def _without_lead_in(text: str) -> str:
    """The concerns text with the form's own sentences taken out."""
    # Line breaks read as spaces (the same length), so that a wrapped sentence still matches.
    low = _low(text).replace("\n", " ")
    spans = [(m.start(), m.end()) for m in LEAD_IN.finditer(low)]
    for m in LEAD_IN_CORE.finditer(low):
        start = _sentence_start(low, m.start())
        spans.append((start if start == 0 or low[start - 2] in ".:;" else m.start(), m.end()))
    kept: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        kept.append(text[pos:start])
        # The words before and after the lead-in are not one sentence: a break between them.
        kept.append("\n" * text.count("\n", start, end) + LEAD_IN_GAP)
        pos = end
    kept.append(text[pos:])
    return "".join(kept)


@dataclass
class _Item:
    number: str | None
    page: int
    lines: list[str]
    group: tuple[str, ...] = ()
    """The addressee codes of the body heading the list the item is in, if it has one."""


def _marker(text: str, kind: str) -> tuple[str | None, int] | None:
    """(label, length of the marker) when `text` starts with a marker of `kind`."""
    if kind == "number":
        m = _NUMBER_MARK.match(text)
        return ((m.group("p") or m.group("n")).replace("l", "1"), m.end()) if m else None
    if kind == "letter":
        m = _LETTER_MARK.match(text)
        return (m.group("l"), m.end()) if m else None
    if kind == "roman":
        m = _ROMAN_MARK.match(text)
        return (m.group("r"), m.end()) if m else None
    b = _BULLET_MARK.match(text)
    return (None, b.end()) if b else None


def _follows(kind: str, previous: str | None, label: str | None) -> bool:
    """Whether `label` continues the list after `previous` (None: the list's first item)."""
    if kind == "bullet":
        return True
    if label is None:
        return False
    if kind == "number":
        n = int(label)
        return (
            n == 1
            if previous is None
            else int(previous) < n <= int(previous) + 1 + (MAX_NUMBER_SKIP)
        )
    if kind == "roman":
        at = ROMAN.index(label)
        return at == 0 if previous is None else at == ROMAN.index(previous) + 1
    return label == "a" if previous is None else ord(label) == ord(previous) + 1


def _list_kind(lines: list[tuple[int, str]]) -> str | None:
    """The marker that numbers the concerns: the first a list starts with."""
    for _, text in lines:
        for kind in ("number", "letter", "roman", "bullet"):
            found = _marker(text, kind)
            if found and _follows(kind, None, found[0]):
                return kind
    return None


def _concerns(
    parts: list[tuple[str, int, list[_Line], str]], bodies: list[str]
) -> list[Recommendation]:
    concern_part = next((p for p in parts if p[0] == "concerns"), None)
    if concern_part is None:
        return []
    _, page, body, after = concern_part
    raw = ([(page, after)] if after else []) + [(ln.page, ln.text) for ln in body]
    if not raw:
        return []
    # The lead-in is taken out of the joined text, so that a sentence of it wrapped over lines
    # goes whole; the line breaks it held are kept, so each line keeps its page.
    cleaned = _without_lead_in("\n".join(text for _, text in raw)).split("\n")
    lines = _inline_items(
        [
            (p, part.strip() if i == 0 else part.lstrip(_AFTER_LEAD_IN).strip())
            for (p, _), t in zip(raw, cleaned, strict=True)
            for i, part in enumerate(t.split(LEAD_IN_GAP))
        ]
    )
    report_codes = tuple(dict.fromkeys(c for b in bodies for c in addressee_codes(b)))
    kind = _list_kind(lines)
    items: list[_Item] = []
    group: tuple[str, ...] = ()
    previous: str | None = None  # the last item's label
    for line_page, text in lines:
        if not text:
            continue
        found = _marker(text, kind) if kind else None
        restart = bool(found and kind == "number" and previous and found[0] == "1")
        if found and (restart or _follows(kind or "", previous, found[0])):
            headings = _trailing_headings(items[-1]) if items else []
            if headings and (restart or previous is None):
                # Concerns set out body by body, each list numbered from 1 under the body's
                # name ("Chief Executive, Eastwold NHS Trust", "Concerns directed to X").
                group = tuple(c for h in headings for c in addressee_codes(h))[:1]
            items.append(_Item(found[0], line_page, [text[found[1] :]], group))
            previous = found[0] if kind != "bullet" else None
        elif items:
            items[-1].lines.append(text)
        else:
            items.append(_Item(None, line_page, [text]))
    if kind and items and items[0].number is None and len(items) > 1:
        items = items[1:]  # words before the first item introduce the list
    out: list[Recommendation] = []
    for item in items:
        text = " ".join(" ".join(item.lines).split()).strip()
        if len(text.split()) < 2:
            continue
        to = _CONCERN_TO.match(text)
        own = tuple(addressee_codes(to.group("who"))) if to else item.group
        out.append(
            Recommendation(
                number=item.number,
                text=text,
                page=item.page,
                addressees=own or report_codes,
                section="Coroner's concerns",
            )
        )
    return out


def _marks_joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with a list number cut off its item put back together: a reader that breaks an
    over-long paragraph at sentence ends leaves "2." alone on a line, and a dash before a list
    ("as follows. - 1. The ...") in front of its first number."""
    out: list[tuple[int, str]] = []
    for page, text in lines:
        text = _DASH_BEFORE_MARK.sub("", text)
        if out and _BARE_MARK.fullmatch(out[-1][1]):
            if text:
                out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((page, text))
    return out


def _inline_items(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Lines with a numbered list run into them cut at each number (arabic or roman) that
    continues the list (the line's own, or the first), so that each item starts a line."""
    out: list[tuple[int, str]] = []
    expected = 1
    roman = 0  # the index in `ROMAN` of the next roman numeral
    for page, text in _marks_joined(lines):
        own = _NUMBER_MARK.match(text)
        if own:
            expected = int((own.group("p") or own.group("n")).replace("l", "1")) + 1
        own_roman = _ROMAN_MARK.match(text)
        roman = ROMAN.index(own_roman.group("r")) + 1 if own_roman else roman
        cuts = []
        for m in _INLINE_MARK.finditer(text):
            if int(m.group("p") or m.group("n")) == expected:
                cuts.append(m.start())
                expected += 1
        for r in _INLINE_ROMAN.finditer(text):
            if roman < len(ROMAN) and r.group("r") == ROMAN[roman]:
                cuts.append(r.start())
                roman += 1
        cuts.sort()
        starts = [0, *cuts]
        ends = [*cuts, len(text)]
        out += [(page, text[a:b].strip()) for a, b in zip(starts, ends, strict=True)]
    return out


def _trailing_headings(item: _Item) -> list[str]:
    """Take the heading lines that end `item` off it ("Lift supports:", the name of the body
    the next concerns are for) and return them, first first. A heading is a short line that
    does not end a sentence."""
    taken: list[str] = []
    keep = 0 if item.number is None else 1  # an item keeps its own first line
    while len(item.lines) > keep and _is_heading_line(item.lines[-1]):
        taken.insert(0, item.lines.pop())
    return taken


def _is_heading_line(text: str) -> bool:
    return (
        len(text.split()) <= HEADING_MAX_WORDS
        and text[:1].isupper()
        and not text.rstrip().endswith((".", ";", ",", ")", "\u201d", '"'))
    )


# --- the deceased's age ------------------------------------------------------------------------


_FRACTIONS = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75}


def _number(word: str) -> float | None:
    if word[-1:] in _FRACTIONS:
        whole = _number(word[:-1])
        return None if whole is None else whole + _FRACTIONS[word[-1]]
    if word in _UNITS:
        return float(_UNITS[word])
    parts = re.split(r"[ -]", word)
    if parts[0] in _TENS:
        return float(_TENS[parts[0]] + (_UNITS.get(parts[1], 0) if len(parts) > 1 else 0))
    try:
        return float(word)
    except ValueError:
        return None


_UNIT_YEARS = {"y": 1.0, "m": 1 / 12, "w": 7 / R.DAYS_PER_YEAR, "d": 1 / R.DAYS_PER_YEAR}


def _years(n: str, unit: str | None) -> float | None:
    value = _number(n)
    if value is None:
        return None
    years = value * _UNIT_YEARS[(unit or "y").strip()[0]]
    return years if 0 < years <= MAX_AGE_YEARS else None


def _flat(section: Section | None) -> tuple[str, str, int]:
    if section is None:
        return "", "", 0
    flat = " ".join(section.text.split())
    return flat, _low(flat), section.page


def _sentence_start(low: str, pos: int) -> int:
    """Where the sentence holding `pos` starts, looking back no more than a quote's length."""
    lo = max(0, pos - SENTENCE_REACH_CHARS)
    cut = max(low.rfind(". ", lo, pos), low.rfind("; ", lo, pos), low.rfind(": ", lo, pos))
    return cut + 2 if cut >= 0 else lo


def _about_someone_else(low: str, start: int, end: int, names: list[str]) -> bool:
    """Whether the age at [start, end) is another person's or one from the deceased's past."""
    s = max(_sentence_start(low, start), start - AGE_PREFIX_CHARS)
    prefix = low[s:start]
    if _HISTORY_BEFORE.search(prefix) or _HISTORY_AFTER.match(low, end):
        return True
    other = max((m.end() for m in _OTHER_PERSON.finditer(prefix)), default=-1)
    if other < 0:
        # "a 15-year-old boy" names its person after it.
        after = low[end : end + 20]
        return bool(re.match(r"^ (?:\w+ )?(?:driver|passenger|pedestrian|cyclist)\b", after))
    deceased = max(
        (
            prefix.rfind(n)
            for n in ("deceased", "he ", "she ", "they ", "who ", "whom ", *names)
            if n and n in prefix
        ),
        default=-1,
    )
    return deceased < other


def _names(flat: str) -> list[str]:
    """Lower-case words naming the deceased ("jane doe", "doe"), from the form's words."""
    out: list[str] = []
    for m in _DECEASED.finditer(flat):
        name = _low(m.group("name")).removesuffix("'s")
        words = name.split()
        out += [name, words[-1]] if len(words) > 1 else [name]
    return out


def deceased_age(investigation: Section | None, circumstances: Section | None) -> Found | None:
    """The deceased's age at death, in decimal years, from the investigation and circumstances
    sections: an age stated with the deceased's name, dates of birth and death, any other age
    statement about the deceased, and last a date of birth with the day the investigation was
    opened (within days of the death)."""
    texts = [_flat(investigation), _flat(circumstances)]
    names = [n for flat, _, _ in texts for n in _names(flat)]
    for flat, low, page in texts:
        found = _age_after_name(flat, low, page)
        if found:
            return found
    for flat, low, page in texts:
        found = _age_from_dates(flat, low, page, _DOD)
        if found:
            return found
    for flat, low, page in texts:
        found = _stated_age(flat, low, page, names)
        if found:
            return found
    # The date of birth may be in the circumstances and the opening day in the investigation.
    both = " ".join(flat for flat, _, _ in texts)
    page = next((page for flat, _, page in texts if flat), 0)
    return _age_from_dates(both, _low(both), page, _OPENED, before=True)


def _age_after_name(flat: str, low: str, page: int) -> Found | None:
    for d in _DECEASED.finditer(flat):
        window = low[d.end() : d.end() + NAME_AGE_REACH_CHARS]
        m = _NAME_AGE.match(window)
        if m is None:
            clause = _CLAUSE_END.search(window)
            window = window[: clause.start() if clause else len(window)]
            for pattern in AGE_STATEMENTS:
                m = pattern.search(window)
                if m and not _about_someone_else(window, m.start(), m.end(), []):
                    break
                m = None
        if m is None:
            continue
        years = _years(m.group("n"), m.groupdict().get("u"))
        if years is not None:
            quote = flat[d.start() : d.end() + m.end()]
            return Found(round(years, AGE_DECIMALS), quote, page)
    return None


def _stated_age(flat: str, low: str, page: int, names: list[str]) -> Found | None:
    best: tuple[int, Found] | None = None
    for pattern in AGE_STATEMENTS:
        for m in pattern.finditer(low):
            if best is not None and m.start() >= best[0]:
                break
            years = _years(m.group("n"), m.groupdict().get("u"))
            if years is None or _about_someone_else(low, m.start(), m.end(), names):
                continue
            s = _sentence_start(low, m.start())
            found = Found(round(years, AGE_DECIMALS), flat[s : m.end()], page)
            best = (m.start(), found)
            break
    return best[1] if best else None


def _date_after(low: str, pos: int) -> tuple[date, int] | None:
    gap = _GAP.match(low, pos)
    m = R.DATE.match(low, gap.end() if gap else pos)
    when = parse_date(m) if m else None
    return (when, m.end()) if m and when else None


def _date_in_span(low: str, start: int, end: int) -> tuple[date, int] | None:
    m = R.DATE.search(low, start, end)
    when = parse_date(m) if m else None
    return (when, m.end()) if m and when else None


def _age_from_dates(
    flat: str, low: str, page: int, event: re.Pattern[str], *, before: bool = False
) -> Found | None:
    """Age from a date of birth and the date an `event` cue introduces: after the birth date
    (a date of death), or anywhere in the section (`before`: the day the investigation opened)."""
    for label in itertools.islice(_DOB.finditer(low), MAX_BIRTH_LABELS):
        born_at = _date_in_span(low, label.end(), label.end() + BIRTH_DATE_REACH_CHARS)
        if born_at is None:
            continue
        born, born_end = born_at
        two_digit_year = not re.search(r"\d{3}", low[born_end - 4 : born_end])
        lo, hi = (0, len(low)) if before else (born_end, born_end + DEATH_AFTER_BIRTH_CHARS)
        for cue in event.finditer(low, lo, hi):
            at = _date_after(low, cue.end())
            if at is None and before:
                # "On 3 May 2019 I commenced an investigation": the date before the words.
                at = _date_in_span(low, _sentence_start(low, cue.start()), cue.start())
            if at is None:
                continue
            birth = born
            if two_digit_year and birth >= at[0]:
                # "DOB 16.9.64": a two-digit year is the century before the death's.
                birth = born.replace(year=born.year - 100)
            if birth >= at[0]:
                continue
            years = (at[0] - birth).days / R.DAYS_PER_YEAR
            if years > MAX_AGE_YEARS:
                continue
            start, end = min(label.start(), cue.start()), max(born_end, at[1])
            return Found(round(years, AGE_DECIMALS), flat[start:end], page)
    return None


def _death(*sections: Section | None) -> Found | None:
    for section in sections:
        flat, _, page = _flat(section)
        m = _DECEASED.search(flat)
        if m:
            s = _sentence_start(flat, m.start())
            return Found("death", flat[s : m.end()], page)
    return None


def years_of(found: Found | None) -> float | None:
    """The age in years an age `Found` holds."""
    return float(str(found.value)) if found else None


def report_year(found: Found | None) -> int | None:
    """The year of a report date `Found` (an ISO date string)."""
    return int(str(found.value)[:4]) if found else None
