"""Extractors for the structured record: each returns a value with its quote and page, or None.

Every extractor reads `PageView`s (see `textview`) and the rules in `rules`; none guesses. When
the text gives no basis for a value, or its cues disagree, the answer is None.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from casereview.analysis import rules as R
from casereview.analysis.textview import PageView

# --- limits --------------------------------------------------------------------------------------
# The cut-offs of the extractors below; the rules they apply are in `rules`.

# "14.06.12": a two-digit year below this is in the 2000s, from it in the 1900s (no review
# predates 1970; see `rules.YEAR_RANGE`).
TWO_DIGIT_YEAR_PIVOT = 70
# A cover line ending in a full stop with more words than this is a sentence of body text.
TITLE_SENTENCE_WORDS = 6
# A cover's date stands on a short line; after more words than this it is inside a sentence.
COVER_DATE_MAX_WORDS = 12
# A cover date ends its line, give or take a few words ("March 2009 (final)"); more after it
# make it a date told in a sentence.
COVER_DATE_AFTER_WORDS = 3
# Words of the case just after a date ("2012, when he died") make it a date of the case.
COVER_DATE_AFTER_CHARS = 20
# "her mother died": a death or harm this close after another person is that person's.
OUTCOME_PERSON_CHARS = 30
# The generic phrases a match may sit inside ("abuse or neglect", "boys and girls") reach no
# further than this either side of it.
PHRASE_REACH_CHARS = 20
# A date of death or of the incident is read only this close after a date of birth: about a
# paragraph, so that the dates of a chronology are not paired with each other.
EVENT_AFTER_BIRTH_CHARS = 300
# Ages are given to two decimal places of a year: about four days, finer than any report says.
AGE_DECIMALS = 2
# "a six-week-old baby": the person a hyphenated age describes is named within a few words.
AGE_NOUN_CHARS = 30
# How an age statement is scored: about the subject child, in a sentence about the incident,
# and less for "at" an age (a time in the child's life, not the age at the incident). Fewer
# points than AGE_MIN_SCORE is no evidence of the child's age.
AGE_ABOUT_CHILD_SCORE = 2
AGE_INCIDENT_SCORE = 1
AGE_AT_PENALTY = 1
AGE_MIN_SCORE = 2
# "his sister, a girl": the relation named just before a boy/girl word, within a few words.
SEX_NOUN_REACH_CHARS = 25
# A cue sentence with less than this after the cue opens a list ("provided by:") rather than
# naming the agencies itself.
AGENCY_LIST_MIN_CHARS = 20


@dataclass(frozen=True)
class Found:
    """A derived value with the verbatim quote and the page it came from."""

    value: object
    quote: str
    page: int


# --- helpers -----------------------------------------------------------------------------------


def _front(pages: list[PageView]) -> list[PageView]:
    return pages[: R.FRONT_PAGES]


def _sentence_low(v: PageView, start: int, end: int) -> str:
    s, e = v.sentence(start, end)
    return v.low[s:e]


def _prefix(v: PageView, start: int, chars: int = R.CONTEXT_CHARS) -> str:
    """Text before `start` within its sentence, at most `chars` long."""
    s, _ = v.sentence(start, start)
    return v.low[max(s, start - chars) : start]


def _parse_number(word: str) -> float | None:
    if word in ("a", "an"):
        return 1.0
    if word in R.NUMBER_WORDS:
        return float(R.NUMBER_WORDS[word])
    try:
        return float(word)
    except ValueError:
        return None


_UNIT_YEARS = {"y": 1.0, "m": 1 / 12, "w": 7 / R.DAYS_PER_YEAR, "d": 1 / R.DAYS_PER_YEAR}


def _years(n: str | None, unit: str | None) -> float | None:
    if n is None:
        return None
    value = _parse_number(n)
    if value is None:
        return None
    return value * _UNIT_YEARS[(unit or "year")[0]]


def parse_date(m: re.Match[str]) -> date | None:
    """The date a `rules.DATE` match names; the 1st for month-and-year dates."""
    g = m.groupdict()
    try:
        if g["y1"]:
            return date(int(g["y1"]), R.MONTHS[g["m1"].rstrip(".")], int(g["d1"]))
        if g["y2"]:
            return date(int(g["y2"]), R.MONTHS[g["m2"].rstrip(".")], int(g["d2"]))
        if g["y3"]:
            return date(int(g["y3"]), R.MONTHS[g["m3"].rstrip(".")], 1)
        if g["y4"]:
            year = int(g["y4"])
            if year < 100:
                year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
            return date(year, int(g["m4"]), int(g["d4"]))
        if g["y5"]:
            return date(int(g["y5"]), int(g["m5"]), int(g["d5"]))
    except (ValueError, KeyError):
        return None
    return None


# --- title -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    start: int
    text: str
    low: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _cover_lines(v: PageView, offset: int = 0) -> list[_Line]:
    out = []
    for start, text in zip(v.line_starts, v.lines, strict=True):
        if text and start >= offset:
            out.append(_Line(start, text, v.low[start : start + len(text)]))
        if len(out) >= R.TITLE_SCAN_LINES:
            break
    return out


def _title_line_ok(line: _Line) -> bool:
    words = len(line.text.split())
    if words > R.TITLE_MAX_WORDS or len(line.text) > R.TITLE_MAX_CHARS:
        return False
    if R.TITLE_STOP.match(line.low) or R.LIST_LEAD_IN.search(line.low):
        return False
    # A full sentence of body text ("This report has been redacted for legal reasons.").
    if line.text.endswith(".") and R.TITLE_SENTENCE_VERB.search(line.low):
        return False
    return not (line.text.endswith(".") and words > TITLE_SENTENCE_WORDS)


# "… Baby A": a designation letter at the end is a name, not the article "a".
_DESIGNATION_END = re.compile(r"\b(?:Child|Baby|CHILD|BABY|Person|People|Group) [A-Z0-9]{1,3}$")


def _spans(a: str, b: str, pattern: re.Pattern[str]) -> bool:
    joined = a + " " + b
    return any(m.start() < len(a) < m.end() for m in pattern.finditer(joined))


def extract_title(pages: list[PageView]) -> Found | None:
    """The title: the first title-like lines on page 1, joined where they run on."""
    if not pages:
        return None
    v = pages[0]
    # The cover's own lines first; a running header on the cover only if they have no title.
    body = [ln for ln in _cover_lines(v, v.body_start)]
    head = [ln for ln in _cover_lines(v) if ln.start < v.body_start]
    return _labelled_title(v, body) or _title_in(v, body) or _title_in(v, head)


def _labelled_title(v: PageView, lines: list[_Line]) -> Found | None:
    """A form's title ("Title: Learning from Child M"): the value after its label."""
    for line in lines:
        m = R.TITLE_LABEL.match(line.low)
        if m and len(line.text) > m.end():
            text = line.text[m.end() :]
            return Found(text, text, v.number)
    return None


def _title_in(v: PageView, lines: list[_Line]) -> Found | None:
    start = None
    for pattern in (R.TITLE_STRONG, R.TITLE_WEAK):
        for i, line in enumerate(lines):
            if not _title_line_ok(line) or R.BOARD_CORE.fullmatch(line.low):
                continue
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if pattern.search(line.low) or (nxt and _spans(line.low, nxt.low, pattern)):
                start = i
                break
        if start is not None:
            break
    if start is None:
        return None
    end = start
    while end + 1 < len(lines):
        cur, nxt = lines[end], lines[end + 1]
        if not _title_line_ok(nxt) or R.BOARD_CORE.search(nxt.low) or R.DATE.search(nxt.low):
            break
        if len(v.flat[lines[start].start : nxt.end]) > R.TITLE_MAX_CHARS:
            break
        ends_open = R.TITLE_CONNECTOR_END.search(cur.low) and not _DESIGNATION_END.search(cur.text)
        so_far = v.low[lines[start].start : cur.end]
        if (
            ends_open
            or R.TITLE_CONNECTOR_START.match(nxt.low)
            or nxt.text[:1].islower()
            or _spans(cur.low, nxt.low, R.TITLE_STRONG)
            or (R.TITLE_PART.match(nxt.low) and nxt.low not in so_far)
        ):
            end += 1
            continue
        break
    if (
        start > 0
        and _title_line_ok(lines[start - 1])
        and R.TITLE_CONNECTOR_END.search(lines[start - 1].low)
        and not R.BOARD_CORE.search(lines[start - 1].low)
    ):
        start -= 1
    text = v.flat[lines[start].start : lines[end].end]
    return Found(text, text, v.number)


# --- board -------------------------------------------------------------------------------------


def _place_before(v: PageView, core_start: int) -> str | None:
    """The capitalised place name right before a board-name core on the same line."""
    line_start = v.line_start_before(core_start)
    tokens = v.flat[line_start:core_start].split()
    if not tokens and line_start > 0:
        # "Harrowfell" on one line, "Safeguarding Children Board" on the next: the whole line
        # above is the place, or there is none.
        above = v.flat[v.line_start_before(line_start - 1) : line_start].split()
        place = _place_in(above)
        return place if place is not None and len(place.split()) == len(above) else None
    return _place_in(tokens)


def _place_in(tokens: list[str]) -> str | None:
    """The capitalised place name at the end of `tokens`."""
    place: list[str] = []
    i = len(tokens) - 1
    while i >= 0 and len([t for t in place if t.lower() not in R.BOARD_CONNECTORS]) < (
        R.BOARD_MAX_PLACE_WORDS
    ):
        token = tokens[i]
        word = token.strip("()[],;:\"'")
        if word != token and token.endswith((",", ";", ":", ")")):
            break
        lower = word.lower()
        if place and lower in R.BOARD_CONNECTORS and i > 0:
            before = tokens[i - 1].strip("()[],;:\"'")
            if before[:1].isupper() and before.lower() not in R.BOARD_STOP_WORDS:
                place.insert(0, word)
                i -= 1
                continue
            break
        if not word or not word[:1].isupper() or lower in R.BOARD_STOP_WORDS:
            break
        if i > 0 and tokens[i - 1].lower() in R.DESIGNATION_WORDS:
            break  # "Child M Harrowfell ...": "M" names the child, not the place
        place.insert(0, word)
        i -= 1
    return " ".join(place) if place else None


def _tidy_case(name: str) -> str:
    if name.upper() != name:
        return name
    small = R.BOARD_CONNECTORS
    return " ".join(
        w.lower() if i and w.lower() in small else w.capitalize()
        for i, w in enumerate(name.split())
    )


def extract_board(pages: list[PageView], review_type: str | None) -> Found | None:
    """The board or partnership that published the review, by its full name."""
    if review_type == "national":
        for v in _front(pages):
            m = R.NATIONAL_PANEL.search(v.low)
            if m:
                return Found(R.NATIONAL_PANEL_NAME, v.quote(m.start(), m.end()), v.number)
    first: Found | None = None
    first_at = (0, 0)
    counts: Counter[str] = Counter()
    for v in pages:
        if first is not None:
            break
        if "safeguarding" not in v.low:
            continue
        for m in R.BOARD_CORE.finditer(v.low):
            place = _place_before(v, m.start())
            if place is None:
                continue
            raw = place + " " + v.flat[m.start() : m.end()]
            name = _tidy_case(raw)
            counts[name.lower()] += 1
            if first is None and v.number <= R.FRONT_PAGES and not _other_authority(v, m, place):
                first = Found(name, _board_quote(v, m.start(), m.end(), place), v.number)
                first_at = (v.number, m.start())
    acronym = _board_by_acronym(_front(pages))
    # The board named first wins, whether spelled out or as "<Place> LSCB".
    if acronym is not None and (first is None or acronym[1] < first_at):
        return acronym[0]
    if first is not None:
        return first
    if not counts:
        return _board_placed_after(_front(pages))
    best = counts.most_common(1)[0][0]
    for v in pages:
        for m in R.BOARD_CORE.finditer(v.low):
            place = _place_before(v, m.start())
            if place and (place + " " + v.flat[m.start() : m.end()]).lower() == best:
                name = _tidy_case(place + " " + v.flat[m.start() : m.end()])
                return Found(name, v.flat[m.start() - len(place) - 1 : m.end()], v.number)
    return None


def _board_quote(v: PageView, start: int, end: int, place: str) -> str:
    """The board's name as printed: its place, one space (lines are joined by one), the rest."""
    return v.flat[start - len(place) - 1 : end]


def _other_authority(v: PageView, core: re.Match[str], place: str) -> bool:
    """Whether the words before a board's place make it another authority (`rules`)."""
    at = core.start() - len(place) - 1
    return bool(R.BOARD_OTHER_AUTHORITY.search(v.low, max(0, at - R.CONTEXT_CHARS), max(0, at)))


def _board_by_acronym(pages: list[PageView]) -> tuple[Found, tuple[int, int]] | None:
    """A board written as its place and an acronym ("Harrowfell LSCB"), named in full, with
    its page and offset."""
    for v in pages:
        for m in R.BOARD_ACRONYM.finditer(v.flat):
            place = _place_before(v, m.start())
            if place is None or _other_authority(v, m, place):
                continue
            name = f"{_tidy_case(place)} {R.BOARD_ACRONYMS[m.group(1)]}"
            quote = _board_quote(v, m.start(), m.end(), place)
            return Found(name, quote, v.number), (v.number, m.start())
    return None


def _board_placed_after(pages: list[PageView]) -> Found | None:
    """A board written as a proper name without its place, placed later in the sentence."""
    for v in pages:
        for m in R.BOARD_CORE.finditer(v.low):
            core = v.flat[m.start() : m.end()]
            if not all(w[:1].isupper() for w in core.split()):
                continue  # "every local safeguarding children board": not a name
            after = R.BOARD_PLACE_AFTER.match(v.flat, m.end())
            if after is None or after.group(1).split()[0].lower() in R.BOARD_NOT_PLACES:
                continue
            # "Children's Board" is the board's name without the apostrophe.
            name = re.sub(r"(?i)children(?:'s|s'|\u2019s)", "Children", _tidy_case(core))
            return Found(f"{after.group(1)} {name}", v.flat[m.start() : after.end()], v.number)
    return None


# --- year published ----------------------------------------------------------------------------


def _year_ok(year: int) -> bool:
    return R.YEAR_RANGE[0] <= year <= R.YEAR_RANGE[1]


def extract_year_published(pages: list[PageView]) -> Found | None:
    """The year of publication: a labelled publication date, a cover date, or a copyright year."""
    cover: Found | None = None
    copyright_: Found | None = None
    for v in _front(pages):
        cover_limit = _cover_lines(v)[-1].end if v.number == 1 and v.flat else -1
        for m in R.DATE.finditer(v.low):
            when = parse_date(m)
            if when is None or not _year_ok(when.year):
                continue
            line_start = v.line_start_before(m.start())
            before = v.low[max(line_start, m.start() - R.CONTEXT_CHARS) : m.start()]
            if R.PUBLISHED_LABEL.search(before):
                return Found(when.year, v.quote(m.start(), m.end()), v.number)
            if cover is not None or m.start() > cover_limit:
                continue
            line_end = v.low.find(" ", m.end() + R.CONTEXT_CHARS)
            line = v.low[line_start : line_end if line_end > 0 else len(v.low)]
            if (
                R.CASE_DATE_WORDS.search(before)
                or len(v.low[line_start : m.end()].split()) > COVER_DATE_MAX_WORDS
            ):
                continue
            if R.CASE_DATE_WORDS.search(line[: m.end() - line_start + COVER_DATE_AFTER_CHARS]):
                continue
            if _date_in_a_sentence(v, m, line_start):
                continue
            text = v.flat[line_start : m.end()]
            cover = Found(when.year, text, v.number)
        if copyright_ is None:
            c = R.COPYRIGHT_YEAR.search(v.low)
            if c and _year_ok(int(c.group(1))):
                copyright_ = Found(int(c.group(1)), v.quote(c.start(), c.end()), v.number)
    return cover or copyright_


def _date_in_a_sentence(v: PageView, m: re.Match[str], line_start: int) -> bool:
    """Whether a date on the cover is told in a sentence ("In March 2006 the family moved"):
    after a preposition, or followed on its line by more words than a cover date has."""
    if R.NARRATIVE_DATE_BEFORE.search(v.low, line_start, m.start()):
        return True
    i = bisect.bisect_right(v.line_starts, m.start())
    line_end = v.line_starts[i] - 1 if i < len(v.line_starts) else len(v.flat)
    return len(v.low[m.end() : line_end].split()) > COVER_DATE_AFTER_WORDS


# --- review type -------------------------------------------------------------------------------


def _type_in(text_low: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for rule in R.REVIEW_TYPE_RULES:
        m = rule.pattern.search(text_low)
        if m and rule.value != "other":
            return rule.value, m.start()
        if m and best is None:
            best = (rule.value, m.start())
    return best


def extract_review_type(pages: list[PageView], title: Found | None) -> Found | None:
    """SCR, LCSPR, national or other: from the title, else the front pages' first naming."""
    if title is not None:
        found = _type_in(str(title.value).lower().replace("\u2014", "-"))
        if found:
            return Found(found[0], title.quote, title.page)
    specific: tuple[int, int, str, PageView, re.Match[str]] | None = None
    other: tuple[int, int, str, PageView, re.Match[str]] | None = None
    scr_is_other = _scr_spelled_otherwise(pages)
    for v in _front(pages):
        not_this = [(m.start(), m.end()) for m in R.REVIEW_TYPE_NOT_THIS.finditer(v.low)]
        for rule in R.REVIEW_TYPE_RULES:
            for m in rule.finditer(v.low):
                if any(s <= m.start() < e for s, e in not_this):
                    continue
                if scr_is_other and m.group(0) == "scr":
                    continue
                key = (v.number, m.start(), rule.value, v, m)
                if rule.value == "other":
                    if other is None or key[:2] < other[:2]:
                        other = key
                elif specific is None or key[:2] < specific[:2]:
                    specific = key
                break
    chosen = specific or other
    if chosen is None:
        return None
    _, _, value, v, m = chosen
    return Found(value, v.quote(m.start(), m.end()), v.number)


def _scr_spelled_otherwise(pages: list[PageView]) -> bool:
    """Whether the report spells "SCR" out as something other than a serious case review
    ("the Summary Care Record (SCR)"): then the letters name that, not a review."""
    for v in pages:
        at = v.low.find(R.SCR_SPELLED_OUT)
        while at >= 0:
            words = v.low[max(0, at - R.SCR_DEFINITION_CHARS) : at].split()[-3:]
            initials = "".join(w[:1] for w in words)
            if initials == "scr" and " ".join(words) != "serious case review":
                return True
            at = v.low.find(R.SCR_SPELLED_OUT, at + 1)
    return False


# --- outcome -----------------------------------------------------------------------------------


def extract_outcome(pages: list[PageView]) -> Found | None:
    """Death or serious harm of the subject child; death wins when both are said."""
    harm: Found | None = None
    for v in pages:
        settled = () if harm is None else ("serious harm",)
        for rule, m in R.OUTCOME_SET.finditer(v.low, settled=settled):
            if rule.value == "serious harm" and harm is not None:
                continue
            sentence = _sentence_low(v, m.start(), m.end())
            if R.OUTCOME_GENERIC.search(sentence):
                continue
            # Advice ("should", "training") is no evidence of harm; a death is a fact anyway.
            if rule.value != "death" and R.GENERIC_SENTENCE.search(sentence):
                continue
            if R.OUTCOME_OTHER_PERSON.search(_prefix(v, m.start(), OUTCOME_PERSON_CHARS)):
                continue
            if rule.value == "serious harm" and _harm_of_other_subject(v, m.start()):
                continue
            found = Found(rule.value, v.quote(m.start(), m.end()), v.number)
            if rule.value == "death":
                return found
            harm = found
    return harm


def _harm_of_other_subject(v: PageView, start: int) -> bool:
    """Whether harm at `start` follows another person as the sentence's subject ("her mother
    was admitted to hospital with ...") with no child named in between."""
    prefix = _prefix(v, start, R.CONTEXT_CHARS * 2)
    last_other = max((o.end() for o in R.OUTCOME_OTHER_SUBJECT.finditer(prefix)), default=-1)
    if last_other < 0:
        return False
    return _ANY_CHILD.search(prefix, last_other) is None


# --- abuse types -------------------------------------------------------------------------------


def _inside(
    pattern: re.Pattern[str], low: str, start: int, end: int, reach: int = PHRASE_REACH_CHARS
) -> bool:
    """Whether a match of `pattern` near [start, end) covers `start`."""
    return any(
        m.start() <= start < m.end()
        for m in pattern.finditer(low, max(0, start - reach), end + reach)
    )


def _someone_elses(v: PageView, m: re.Match[str], child_ref: Callable[[], re.Pattern[str]]) -> bool:
    """Whether the abuse at `m` is another person's: a parent's or sibling's own history, or
    what a person named after the child went through ("her brother had been abused")."""
    if m.group(0) == "neglectful":
        return False  # says how a parent cared for the child
    prefix = _prefix(v, m.start(), R.CONTEXT_CHARS * 2)
    last_other = max((o.end() for o in R.OTHER_PEOPLE.finditer(prefix)), default=-1)
    if last_other < 0:
        return False
    last_child = max(
        (c.end() for c in child_ref().finditer(prefix) if not prefix[: c.start()].endswith("as ")),
        default=-1,
    )  # "abused as a child" is about the person before it
    if last_other <= last_child:
        return False
    if R.ABUSE_HISTORY.search(_sentence_low(v, m.start(), m.end())):
        return True
    between = prefix[last_other:]
    return not R.ABUSE_CONVICTED.search(between) and bool(R.ABUSE_EXPERIENCED.search(between))


def extract_abuse_types(pages: list[PageView], subject: str | None = None) -> dict[str, Found]:
    """Each of neglect, physical, sexual and emotional abuse the text says this child suffered:
    named, or implied by what happened to the child (inflicted injuries, an assault or a
    conviction for one; basic needs unmet; exposure to domestic abuse)."""
    found: dict[str, Found] = {}
    refs: list[re.Pattern[str]] = []  # the subject's names, read once a match needs them

    def child_ref() -> re.Pattern[str]:
        if not refs:
            refs.append(_child_ref(subject or subject_designation(pages) or subject_name(pages)))
        return refs[0]

    for v in pages:
        for rule, m in R.ABUSE_SET.finditer(v.low, settled=found):
            if rule.value in found:
                continue
            if _inside(R.ABUSE_GENERIC_PAIR, v.low, m.start(), m.end()):
                continue
            sentence = _sentence_low(v, m.start(), m.end())
            if R.GENERIC_SENTENCE.search(sentence):
                continue
            if rule is R.INJURY_RULE and not R.INFLICTED.search(sentence):
                continue
            if _someone_elses(v, m, child_ref):
                continue
            implied = rule is R.EXPOSURE_RULE or rule is R.NEEDS_UNMET_RULE
            if implied and _whose(v, m.start(), m.end(), child_ref()) < 0:
                continue
            found[rule.value] = Found(rule.value, v.quote(m.start(), m.end()), v.number)
        if len(found) == len(ABUSE_ORDER):
            break
    return dict(sorted(found.items(), key=lambda kv: ABUSE_ORDER.index(kv[0])))


ABUSE_ORDER = ("neglect", "physical", "sexual", "emotional")


# --- the subject child -------------------------------------------------------------------------

_DESIGNATION = re.compile(
    r"\b(Child|Baby|Sibling [Gg]roup|Young [Pp]eople|Young [Pp]erson|Children) "
    r"([A-Z]{1,3}|\d{1,2})\b"
)
GROUP_DESIGNATIONS = ("sibling group", "young people", "children")


def subject_designation(pages: list[PageView]) -> str | None:
    """The name the report gives its subject ("Child T", "Baby F"): the most used one."""
    counts: Counter[str] = Counter()
    for v in pages[: R.SUBJECT_SCAN_PAGES]:
        counts.update(f"{m.group(1)} {m.group(2)}" for m in _DESIGNATION.finditer(v.flat))
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def subject_name(pages: list[PageView]) -> str | None:
    """The child's own name where the opening pages give one instead of a designation: the
    person whose death or injury the review follows ("an inquiry following the death of
    Amelia Stone"), taken only when the report names one such person."""
    names = {
        m.group(1)
        for v in _front(pages)
        for m in R.NAMED_SUBJECT.finditer(v.flat)
        if m.group(1).split()[0].lower() not in R.NOT_FIRST_NAMES
    }
    if names:
        return names.pop() if len(names) == 1 else None
    return _first_name_subject(_front(pages))


def _first_name_subject(pages: list[PageView]) -> str | None:
    """A child called by a first name only ("This review is about Tamsin"), when the opening
    pages use that name again and again; never used to say the child's sex."""
    names = {
        m.group(1)
        for v in pages
        for m in R.NAMED_SUBJECT_FIRST.finditer(v.flat)
        if m.group(1).lower() not in R.NOT_FIRST_NAMES
    }
    if len(names) != 1:
        return None
    name = names.pop()
    word = re.compile(rf"\b{re.escape(name)}\b")
    uses = sum(len(word.findall(v.flat)) for v in pages)
    return name if uses >= R.FIRST_NAME_MIN_USES else None


def _child_ref(subject: str | None) -> re.Pattern[str]:
    extra = rf"|\b{re.escape(subject.lower())}\b" if subject else ""
    return re.compile(
        R.CHILD_REF.pattern
        + r"|\b(?:a|the) (?:[a-z0-9-]+-old |young |new-?born )?(?:baby|child|infant|boy|girl)\b"
        + r"|\bthe youngest child\b"
        + extra
    )


# Any child a report may name, without knowing its designation ("the baby", "Child M").
_ANY_CHILD = _child_ref(None)


def _whose(v: PageView, start: int, end: int, child_ref: re.Pattern[str]) -> int:
    """+1 if the text just before [start, end) is about the subject child, -1 if someone else."""
    prefix = _prefix(v, start)
    last_child = max((m.end() for m in child_ref.finditer(prefix)), default=-1)
    last_other = max((m.end() for m in R.OTHER_PEOPLE.finditer(prefix)), default=-1)
    if last_other > last_child:
        return -1
    return 1 if last_child >= 0 else 0


def _age_from_dates(pages: list[PageView]) -> Found | None:
    """Age from a date of birth and a later date of death or incident close after it."""
    for v in pages:
        for label in R.DOB_CUE.finditer(v.low):
            born_m = R.DATE.match(v.low, label.end() + _skip(v.low, label.end()))
            born = parse_date(born_m) if born_m else None
            if born_m is None or born is None:
                continue
            for event in R.DOD_CUE.finditer(
                v.low, born_m.end(), born_m.end() + EVENT_AFTER_BIRTH_CHARS
            ):
                when_m = R.DATE.match(v.low, event.end() + _skip(v.low, event.end()))
                when = parse_date(when_m) if when_m else None
                if when_m is None or when is None or when <= born:
                    continue
                years = (when - born).days / R.DAYS_PER_YEAR
                if years <= R.MAX_CHILD_AGE_YEARS:
                    quote = v.flat[label.start() : when_m.end()]
                    return Found(round(years, AGE_DECIMALS), quote, v.number)
                break
    return None


def _skip(low: str, pos: int) -> int:
    """How many label separators (spaces, colons, "on") follow `pos`."""
    m = R.LABEL_GAP.match(low, pos)
    return m.end() - pos if m else 0


def _age_matches(low: str, lo: int, hi: int) -> list[tuple[R.Rule, re.Match[str]]]:
    out = []
    for rule in R.AGE_PATTERNS:
        for m in rule.pattern.finditer(low, lo, hi):
            out.append((rule, m))
    return out


# The highest score an age statement can get: about the child and the incident.
_BEST_AGE_SCORE = AGE_ABOUT_CHILD_SCORE + AGE_INCIDENT_SCORE
# A page's earliest best-scored age is final unless a finer one may follow ("aged 2 years and 3
# months" after "aged 2"): one in months or finer is; one in years is final once this many
# further pages have offered nothing finer (a report gives the exact age near the first).
_BEST_PRECISION = 1
AGE_FINER_PAGES = 1


def extract_child_age(pages: list[PageView], subject: str | None) -> Found | None:
    """The subject child's age at the incident, in decimal years, from dates or a stated age."""
    dated = _age_from_dates(pages)
    if dated is not None:
        return dated
    child_ref = _child_ref(subject or subject_name(pages))
    best: tuple[int, int, int, int, Found] | None = None
    for v in pages:
        seen: set[int] = set()
        for anchor in R.AGE_ANCHOR.finditer(v.low):
            lo, hi = max(0, anchor.start() - R.AGE_ANCHOR_REACH), anchor.end() + R.AGE_ANCHOR_REACH
            for rule, m in _age_matches(v.low, lo, hi):
                if m.start() in seen:
                    continue
                seen.add(m.start())
                g = m.groupdict()
                years = _years(g.get("n"), g.get("u"))
                if years is None:
                    continue
                extra = _years(g.get("n2"), g.get("u2"))
                if extra is not None:
                    years += extra
                elif R.AGE_HALF.match(v.low, m.end()):  # "aged three and a half"
                    years += 0.5 * (_years("1", g.get("u")) or 1.0)
                if not 0 < years <= R.MAX_CHILD_AGE_YEARS:
                    continue
                prefix = _prefix(v, m.start())
                if R.GENERIC_AGE.search(prefix):
                    continue
                if rule.value == "labelled":
                    who = 1 if g.get("when") else 0
                elif rule.value == "span":
                    owner = g.get("who")
                    if owner is None and g.get("life") is None:
                        continue
                    who = -1 if owner and R.OTHER_PEOPLE.match(owner) else 1
                elif rule.value == "hyphenated":
                    after = v.low[m.end() : m.end() + AGE_NOUN_CHARS].lstrip(" ,")
                    if R.CHILD_NOUNS.match(after):
                        who = 1
                    elif R.OTHER_PEOPLE.match(after):
                        who = -1
                    else:
                        who = _whose(v, m.start(), m.end(), child_ref)
                else:
                    who = _whose(v, m.start(), m.end(), child_ref)
                if who < 0:
                    continue
                sentence = _sentence_low(v, m.start(), m.end())
                score = who * AGE_ABOUT_CHILD_SCORE
                if R.INCIDENT_WORDS.search(sentence):
                    score += AGE_INCIDENT_SCORE
                if prefix.endswith("at "):
                    score -= AGE_AT_PENALTY
                if R.AGE_EARLIER_EVENT.search(sentence):
                    score -= AGE_AT_PENALTY
                if score < AGE_MIN_SCORE:
                    continue
                found = Found(round(years, AGE_DECIMALS), v.quote(m.start(), m.end()), v.number)
                key = (-score, -_precision(g), v.number, m.start(), found)
                if best is None or key[:4] < best[:4]:
                    best = key
        if (
            best is not None
            and -best[0] >= _BEST_AGE_SCORE
            and (-best[1] >= _BEST_PRECISION or v.number > best[2] + AGE_FINER_PAGES)
        ):
            break  # nothing later can beat the earliest page with the best possible score
    return best[4] if best else None


def _precision(g: dict[str, str | None]) -> int:
    """How finely an age statement gives the age: years and months beat years alone, and
    weeks or days beat months ("a six-year-old" gives way to "6 years and 6 months")."""
    units = [u for u in (g.get("u"), g.get("u2")) if u]
    finest = max((_UNIT_PRECISION.get(u[0], 0) for u in units), default=0)
    return finest + (1 if g.get("n2") else 0)


_UNIT_PRECISION = {"y": 0, "m": 1, "w": 2, "d": 3}


def extract_child_sex(pages: list[PageView], subject: str | None) -> Found | None:
    """The child's sex from words tied to the child; None when cues are absent or mixed."""
    if subject and subject.lower().startswith(GROUP_DESIGNATIONS):
        return None
    child_ref = _child_ref(subject or subject_name(pages))
    cues: dict[str, list[Found]] = {"male": [], "female": []}
    for v in pages:
        if len(cues["male"]) + len(cues["female"]) >= R.SEX_ENOUGH_CUES:
            break
        for m in R.SEX_NOUN.finditer(v.low):
            if _inside(R.BOTH_SEXES, v.low, m.start(), m.end()):
                continue
            before = v.low[max(0, m.start() - SEX_NOUN_REACH_CHARS) : m.start()]
            if R.SEX_NOUN_NOT_CHILD.search(before):
                continue
            sex = R.SEX_NOUNS[m.group(0)]
            cues[sex].append(Found(sex, v.quote(m.start(), m.end()), v.number))
        for m in child_ref.finditer(v.low):
            # The next sentence's pronoun usually still refers to the child just named.
            window = v.low[m.end() : m.end() + R.PRONOUN_WINDOW_CHARS]
            other = R.OTHER_PEOPLE.search(window)
            if other:
                window = window[: other.start()]
            p = R.PRONOUN.search(window)
            if p is None:
                continue
            at = m.end() + p.start()
            if _inside(R.BOTH_SEXES, v.low, at, at + len(p.group(0))):
                continue
            sex = R.PRONOUNS[p.group(0)]
            cues[sex].append(Found(sex, v.quote(m.start(), m.end() + p.end()), v.number))
    male, female = len(cues["male"]), len(cues["female"])
    if male == female:
        return None
    winner, loser = ("male", female) if male > female else ("female", male)
    if len(cues[winner]) < R.SEX_MAJORITY * loser:
        return None
    return cues[winner][0]


# --- agencies and review model -----------------------------------------------------------------


def _listed_agencies(pages: list[PageView]) -> dict[str, Found]:
    for v in pages:
        for cue in R.AGENCY_LIST_CUE.finditer(v.low):
            listed = _agencies_after(v, cue)
            if listed:
                return listed
    return {}


def _agencies_after(v: PageView, cue: re.Match[str]) -> dict[str, Found]:
    """The agencies named in the sentence (or the list after a colon) that `cue` opens."""
    s, e = v.sentence(cue.start(), cue.end())
    if v.low[cue.end() : e].rstrip().endswith(":") or e - cue.end() < AGENCY_LIST_MIN_CHARS:
        e = min(len(v.low), cue.end() + R.AGENCY_LIST_CHARS)
    quote = v.quote(cue.start(), cue.end())
    return {
        rule.value: Found(rule.value, quote, v.number)
        for rule in R.AGENCY_RULES
        if rule.pattern.search(v.low, s, e)
    }


def extract_agencies(pages: list[PageView]) -> dict[str, Found]:
    """Agencies involved, by the addressee codes of DESIGN section 5.

    The report's own list of agencies involved wins; without one, every agency it names.
    """
    listed = _listed_agencies(pages)
    if listed:
        return listed
    found: dict[str, Found] = {}
    for v in pages:
        for rule in R.AGENCY_RULES:
            if rule.value not in found:
                m = rule.pattern.search(v.low)
                if m:
                    found[rule.value] = Found(rule.value, v.quote(m.start(), m.end()), v.number)
        if len(found) == len(R.AGENCY_RULES):
            break
    return found


def extract_review_model(pages: list[PageView]) -> Found | None:
    """How the review was done (SILP, Learning Together, appreciative inquiry...).

    Rules are tried in table order on each page, so a named method beats a generic one.
    """
    for v in pages:
        for rule in R.REVIEW_MODEL_RULES:
            for m in rule.finditer(v.low):
                if R.REVIEW_MODEL_CONTEXT.search(_sentence_low(v, m.start(), m.end())):
                    return Found(rule.value, v.quote(m.start(), m.end()), v.number)
    return None
