"""Finding the details in a report that could identify a child or their family, and redacting them.

Pure: takes the report's pages (number and text) and what the case's restricted identity record
holds, and returns findings, each with its page, the text exactly as the page has it, its kind
and why it was found. Three sources, in the order they win where two overlap:

1. the identity record: every name, date of birth, address and school it holds, with the
   variants a report writes them in (any case, possessives, hyphenated names, initials with the
   surname, the first name or surname alone, a name broken across lines or pages, and the
   letters OCR confuses);
2. patterns: full dates, UK postcodes, phone numbers, email addresses, NHS numbers (only when
   the modulus-11 check passes), National Insurance numbers, unique pupil numbers (check letter),
   car registrations and street addresses;
3. possible names not in the record (a title before a capitalised word, a capitalised word
   beside a family role), for a person to judge.

Every pattern is a regular expression without nested unbounded repetition, anchored by a
look-behind where a run could otherwise be rescanned from each of its characters, so a scan
takes time in proportion to the text.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

# Sources, in the order they win where two findings overlap.
RECORD: Final = "identity record"
PATTERN: Final = "pattern"
POSSIBLE: Final = "possible name"
_RANK: Final = {RECORD: 0, PATTERN: 1, POSSIBLE: 2}

# Kinds of finding, with the replacement suggested for each (a person may change it).
KIND_REPLACEMENTS: Final[dict[str, str]] = {
    "name": "[name]",
    "date of birth": "[date of birth]",
    "address": "[address]",
    "school": "[school]",
    "full date": "[date]",
    "postcode": "[postcode]",
    "phone number": "[phone number]",
    "email address": "[email address]",
    "NHS number": "[NHS number]",
    "National Insurance number": "[National Insurance number]",
    "unique pupil number": "[pupil number]",
    "car registration": "[car registration]",
    "street address": "[address]",
    "possible name": "[name]",
}

_MONTH_NAMES: Final = (
    "january february march april may june july august september october november december"
)
MONTHS: Final = tuple(_MONTH_NAMES.split())

# Family roles, as a report names people by them ("his mother, Jane"); also how a replacement
# names someone from the record ("the mother").
FAMILY_ROLES: Final = (
    "mother",
    "father",
    "stepmother",
    "stepfather",
    "step-mother",
    "step-father",
    "brother",
    "sister",
    "half-brother",
    "half-sister",
    "sibling",
    "grandmother",
    "grandfather",
    "grandparent",
    "aunt",
    "uncle",
    "cousin",
    "partner",
    "boyfriend",
    "girlfriend",
    "carer",
    "foster carer",
    "son",
    "daughter",
    "baby",
)

# Capitalised words that follow a title or a family role without being a name.
_ORDINARY: Final = (
    "The A An And But Or Of In On At To For From With By As Is Was Were Had Has Have He She "
    "They His Her Their It This That These Those Then When While After Before During However "
    "Although Child Children Baby Family Police Health Social School Court Council Agency "
    "Agencies Nurse Doctor Mother Father Sister Brother Aunt Uncle Partner Also Who Which Not "
    "No Yes Both Each Monday Tuesday Wednesday Thursday Friday Saturday Sunday NHS GP"
)
_NOT_NAMES: Final = frozenset(_ORDINARY.split() + [month.capitalize() for month in MONTHS])

TITLES: Final = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master")

# OCR's usual confusions, each letter of a name allowing what a scanner may have read instead.
_OCR: Final[dict[str, str]] = {
    "m": "(?:m|rn|nn)",
    "o": "[o0]",
    "l": "[l1i|]",
    "i": "[il1|]",
    "s": "[s5]",
    "b": "[b6]",
    "e": "[ec]",
    "g": "[g9]",
    "z": "[z2]",
}


@dataclass(frozen=True)
class Person:
    """Someone named in the identity record, with their relationship to the child."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class Identity:
    """What a case's restricted identity record holds, parsed."""

    pseudonym: str = ""
    people: tuple[Person, ...] = ()
    dates_of_birth: tuple[datetime.date, ...] = ()
    addresses: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One identifying detail: where it is (page; offsets into the report's joined text), the
    words exactly as written, what kind of detail it is and why it was found."""

    page: int
    quote: str
    kind: str
    reason: str
    source: str
    start: int
    end: int
    # What the same detail is called wherever it appears, so one decision covers them all.
    key: str = ""
    suggestion: str = ""


@dataclass(frozen=True)
class Pages:
    """A report's pages joined into one text (so a name broken across pages is still found),
    with where each page starts."""

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def page_at(self, offset: int) -> int:
        return self.numbers[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


# Pages are joined by a form feed, which no page's text holds, so they can be split again.
PAGE_BREAK: Final = "\f"


def join_pages(pages: Iterable[tuple[int, str]]) -> Pages:
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    offset = 0
    for number, text in pages:
        clean = text.replace(PAGE_BREAK, " ")
        starts.append(offset)
        numbers.append(number)
        parts.append(clean)
        offset += len(clean) + 1
    return Pages(PAGE_BREAK.join(parts), tuple(starts), tuple(numbers))


# --- the identity record --------------------------------------------------------------------

_ROLE_AFTER = re.compile(r"^(?P<name>[^(,:]+?)\s*(?:\((?P<role>[^)]*)\)|,\s*(?P<role2>.+))$")
_ROLE_BEFORE = re.compile(r"^(?P<role>[^:]{1,40}):\s*(?P<name>.+)$")


def _person(line: str) -> Person | None:
    line = " ".join(line.split())
    if not line:
        return None
    before = _ROLE_BEFORE.match(line)
    if before:
        return Person(before["name"].strip(), before["role"].strip().lower())
    after = _ROLE_AFTER.match(line)
    if after:
        role = (after["role"] or after["role2"] or "").strip().lower()
        return Person(after["name"].strip(), role)
    return Person(line)


_DATE_FORMATS: Final = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y")


def parse_date(text: str) -> datetime.date | None:
    text = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", " ".join(text.split()).strip(" ,."))
    for form in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def identity_from_record(
    pseudonym: str,
    legal_name: str = "",
    family_members: str = "",
    dates_of_birth: str = "",
    addresses: str = "",
    school: str = "",
) -> Identity:
    """The record's free-text fields, parsed: one person, date or address a line (a date line
    may also say whose it is: "Jane Smith: 1 May 2015")."""
    people = [Person(legal_name.strip(), "child")] if legal_name.strip() else []
    people += [p for p in map(_person, family_members.splitlines()) if p is not None]
    dates = []
    for line in dates_of_birth.splitlines():
        value = parse_date(line.rsplit(":", 1)[-1]) or parse_date(line)
        if value is not None:
            dates.append(value)
    return Identity(
        pseudonym=pseudonym.strip(),
        people=tuple(people),
        dates_of_birth=tuple(dates),
        addresses=tuple(a.strip() for a in addresses.splitlines() if a.strip()),
        schools=(school.strip(),) if school.strip() else (),
    )


# Between two words of a name: spaces or a line break, a hyphen at a line's end, or a page break.
_GAP: Final = r"(?:[\s\f]*-?[\s\f]*)"
# Inside a word: a hyphen and a line break where the line was broken.
_BREAK: Final = r"(?:-[ \t]*\n[ \t]*)?"


def _letters(word: str, *, ocr: bool) -> str:
    """A word as a pattern: each letter allows a broken line before it and OCR's confusions."""
    pieces = []
    for index, char in enumerate(word.lower()):
        piece = _OCR.get(char, re.escape(char)) if ocr else re.escape(char)
        pieces.append(piece if index == 0 else _BREAK + piece)
    return "".join(pieces)


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", text.strip()) if w]


def _name_variants(name: str) -> list[tuple[str, bool]]:
    """Patterns for one person's name, each with whether it must start with a capital (a lone
    first name or surname written in lower case is usually an ordinary word)."""
    words = [w.strip(".,") for w in _words(name)]
    words = [w for w in words if w]
    if not words:
        return []
    whole = _GAP.join(_letters(w, ocr=True) for w in words)
    variants: list[tuple[str, bool]] = [(whole, False)]
    if len(words) > 1:
        first, surname = words[0], words[-1]
        initials = r"[\s.]*".join(re.escape(w[0].lower()) for w in words[:-1])
        variants.append((initials + r"\.?[\s\f]*" + _letters(surname, ocr=True), True))
        variants.append((_letters(first, ocr=True) + _GAP + _letters(surname, ocr=True), False))
        # A hyphenated surname is also written as its last part alone.
        surname_parts = re.split(r"-", name.strip().split()[-1])
        lone = {first, surname, *(p for p in surname_parts if p)}
        variants += [(_letters(w, ocr=True), True) for w in sorted(lone) if len(w) > 1]
    return variants


def _date_variants(day: datetime.date) -> str:
    month = MONTHS[day.month - 1]
    spelled = rf"0?{day.day}(?:st|nd|rd|th)?[\s\f]+(?:{month}|{month[:3]})\.?,?[\s\f]+{day.year}"
    numeric = rf"0?{day.day}[/.\-]0?{day.month}[/.\-](?:{day.year}|{day.year % 100:02d})"
    iso = rf"{day.year}-{day.month:02d}-{day.day:02d}"
    american = rf"(?:{month}|{month[:3]})\.?[\s\f]+0?{day.day}(?:st|nd|rd|th)?,?[\s\f]+{day.year}"
    return f"(?:{spelled}|{numeric}|{iso}|{american})"


def _phrase(text: str) -> str:
    return r"[\s,\f]*".join(_letters(w, ocr=False) for w in re.split(r"[\s,]+", text) if w)


@dataclass(frozen=True)
class _Rule:
    kind: str
    reason: str
    pattern: re.Pattern[str]
    key: str
    suggestion: str
    capital: bool = False
    source: str = RECORD


_EDGE_BEFORE: Final = r"(?<![\w@.])"
_EDGE_AFTER: Final = r"(?!\w)"


def _replacement_for(person: Person, pseudonym: str) -> str:
    """How the public text names someone from the record: the child by the case's pseudonym,
    anyone else by their relationship to the child."""
    if person.role == "child":
        return pseudonym or "the child"
    return f"the {person.role}" if person.role else "[name]"


def _record_rules(identity: Identity) -> list[_Rule]:
    rules: list[_Rule] = []
    for person in identity.people:
        suggestion = _replacement_for(person, identity.pseudonym)
        who = f"the {person.role}" if person.role else "a person"
        for pattern, capital in _name_variants(person.name):
            rules.append(
                _Rule(
                    "name",
                    f"The name of {who} in the identity record.",
                    re.compile(_EDGE_BEFORE + pattern + _EDGE_AFTER, re.IGNORECASE),
                    key=f"name:{person.name.lower()}",
                    suggestion=suggestion,
                    capital=capital,
                )
            )
    for day in identity.dates_of_birth:
        rules.append(
            _Rule(
                "date of birth",
                "A date of birth in the identity record.",
                re.compile(_EDGE_BEFORE + _date_variants(day) + r"(?!\d)", re.IGNORECASE),
                key=f"date of birth:{day.isoformat()}",
                suggestion="[date of birth]",
            )
        )
    for address in identity.addresses:
        parts = [p.strip() for p in address.split(",") if p.strip()]
        # The whole address, then its first line alone (the house and street).
        for part in dict.fromkeys([address, *parts[:1]]):
            rules.append(
                _Rule(
                    "address",
                    "An address in the identity record.",
                    re.compile(_EDGE_BEFORE + _phrase(part) + _EDGE_AFTER, re.IGNORECASE),
                    key=f"address:{address.lower()}",
                    suggestion="[address]",
                )
            )
    for school in identity.schools:
        rules.append(
            _Rule(
                "school",
                "The child's school in the identity record.",
                re.compile(_EDGE_BEFORE + _phrase(school) + _EDGE_AFTER, re.IGNORECASE),
                key=f"school:{school.lower()}",
                suggestion="[school]",
            )
        )
    return rules


# --- patterns -------------------------------------------------------------------------------

_MONTH_WORD: Final = "|".join(
    [m.capitalize() for m in MONTHS] + [m[:3].capitalize() for m in MONTHS] + ["Sept"]
)
FULL_DATE: Final = re.compile(
    r"(?<![\w/.])(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH_WORD})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH_WORD})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})[/.](?P<m3>\d{1,2})[/.](?P<y3>\d{4}|\d{2})"
    r"|(?P<y4>\d{4})-(?P<m4>\d{2})-(?P<d4>\d{2})"
    r")(?![\w/])"
)
POSTCODE: Final = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])"
)
# A UK number: +44 or 0, then 9 or 10 more digits in groups; counted after the match.
PHONE: Final = re.compile(
    r"(?<![\w+])(?:\+44[ \t]?(?:\(0\)[ \t]?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d{2,4}){1,3}(?![\w])"
)
EMAIL: Final = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])"
)
NHS_NUMBER: Final = re.compile(r"(?<![\w])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w])")
NI_NUMBER: Final = re.compile(
    r"(?<![A-Za-z0-9])[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])"
)
PUPIL_NUMBER: Final = re.compile(r"(?<![A-Za-z0-9])[A-Z]\d{11}[0-9A-Z](?![A-Za-z0-9])")
CAR_REGISTRATION: Final = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z]{2}\d{2}[ \t]?[A-Z]{3}|[A-Z]\d{1,3}[ \t]?[A-Z]{3})(?![A-Za-z0-9])"
)
_STREETS: Final = (
    "Road Street Avenue Lane Close Drive Way Crescent Gardens Place Court Terrace Grove Hill "
    "Walk Square Row Mews Park View Rise Green Parade Vale Wharf"
)
_STREET_WORDS: Final = tuple(_STREETS.split())
STREET_ADDRESS: Final = re.compile(
    r"(?<![\w])(?:Flat[ \t]\d{1,4}[A-Za-z]?,?[ \t])?\d{1,4}[A-Za-z]?,?[ \t]+"
    r"(?:[A-Z][a-z'\u2019]+[ \t]+){1,3}"
    rf"(?:{'|'.join(_STREET_WORDS)})(?![\w])"
)

# National Insurance prefixes never issued: their letters, and pairs HMRC does not use.
_NI_NOT_FIRST: Final = frozenset("DFIQUV")
_NI_NOT_SECOND: Final = frozenset("DFIOQUV")
_NI_NOT_PAIRS: Final = frozenset({"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"})
# Unique pupil numbers: the check letter of weights 2..13 modulo 23 (DfE's UPN guidance).
_UPN_LETTERS: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"


def nhs_number_valid(text: str) -> bool:
    """The NHS number's modulus-11 check: weights 10 down to 2, the tenth digit checks them."""
    digits = [int(c) for c in text if c.isdigit()]
    if len(digits) != 10:
        return False
    check = 11 - sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


def ni_number_issued(text: str) -> bool:
    """Whether a National Insurance number's prefix is one HMRC issues."""
    prefix = text[:2]
    return (
        prefix[0] not in _NI_NOT_FIRST
        and prefix[1] not in _NI_NOT_SECOND
        and prefix not in _NI_NOT_PAIRS
    )


def pupil_number_valid(text: str) -> bool:
    body = text[1:]
    total = sum((int(c) if c.isdigit() else 0) * weight for weight, c in enumerate(body, start=2))
    return text[0] == _UPN_LETTERS[total % 23]


def _date_of(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    for n in "1234":
        if groups.get(f"d{n}"):
            day, month, year = groups[f"d{n}"], groups[f"m{n}"], groups[f"y{n}"]
            break
    else:
        return None
    month_number = (
        int(month)
        if month.isdigit()
        else MONTHS.index(next(m for m in MONTHS if m.startswith(month.lower()[:3]))) + 1
    )
    year_number = int(year) if len(year) == 4 else 2000 + int(year)
    try:
        return datetime.date(year_number, month_number, int(day))
    except ValueError:
        return None


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _phone_ok(text: str) -> bool:
    digits = _digits(text)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return len(digits) in (10, 11) and digits.startswith("0") and not nhs_number_valid(text)


def _pattern_findings(pages: Pages, identity: Identity) -> Iterable[Finding]:
    text = pages.text
    births = set(identity.dates_of_birth)

    def make(
        match: re.Match[str], kind: str, reason: str, key: str = "", suggestion: str = ""
    ) -> Finding:
        quote = match.group(0)
        return Finding(
            page=pages.page_at(match.start()),
            quote=quote,
            kind=kind,
            reason=reason,
            source=PATTERN,
            start=match.start(),
            end=match.end(),
            key=key or f"{kind}:{' '.join(quote.split()).lower()}",
            suggestion=suggestion or KIND_REPLACEMENTS[kind],
        )

    for match in FULL_DATE.finditer(text):
        day = _date_of(match)
        if day is None:
            continue
        if day in births:
            yield make(
                match,
                "date of birth",
                "A date of birth in the identity record.",
                f"date of birth:{day.isoformat()}",
            )
        else:
            yield make(
                match,
                "full date",
                "A full date (day, month and year) could be someone's date of birth.",
                f"full date:{day.isoformat()}",
                # The month and year keep the report's chronology without the day.
                f"{MONTHS[day.month - 1].capitalize()} {day.year}",
            )
    for match in POSTCODE.finditer(text):
        yield make(match, "postcode", "Shaped like a UK postcode.")
    for match in NHS_NUMBER.finditer(text):
        if nhs_number_valid(match.group(0)):
            yield make(
                match,
                "NHS number",
                "Ten digits that pass the NHS number's check.",
                f"NHS number:{_digits(match.group(0))}",
            )
    for match in PHONE.finditer(text):
        if _phone_ok(match.group(0)):
            yield make(
                match,
                "phone number",
                "Shaped like a UK phone number.",
                f"phone number:{_digits(match.group(0))}",
            )
    for match in EMAIL.finditer(text):
        yield make(match, "email address", "An email address.")
    for match in NI_NUMBER.finditer(text):
        issued = ni_number_issued(match.group(0))
        yield make(
            match,
            "National Insurance number",
            "Shaped like a National Insurance number."
            if issued
            else "Shaped like a National Insurance number (with a prefix used in examples).",
            "National Insurance number:" + "".join(match.group(0).split()),
        )
    for match in PUPIL_NUMBER.finditer(text):
        if pupil_number_valid(match.group(0)):
            yield make(
                match, "unique pupil number", "A unique pupil number with a valid check letter."
            )
    for match in CAR_REGISTRATION.finditer(text):
        yield make(match, "car registration", "Shaped like a UK car registration.")
    for match in STREET_ADDRESS.finditer(text):
        yield make(match, "street address", "A house number and a street.")


# --- possible names not in the record -------------------------------------------------------

_NAME_WORD: Final = r"[A-Z][a-z'\u2019]{1,30}(?:-[A-Z][a-z'\u2019]{1,30})?"
_ROLE_WORDS: Final = "|".join(re.escape(r) for r in sorted(FAMILY_ROLES, key=len, reverse=True))
TITLED_NAME: Final = re.compile(
    rf"(?<![\w])(?:{'|'.join(TITLES)})\.?[ \t]+(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)
ROLE_THEN_NAME: Final = re.compile(
    rf"(?<![\w])(?:{_ROLE_WORDS})(?:'s|\u2019s)?,?[ \t]+"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?)"
)
NAME_THEN_ROLE: Final = re.compile(
    rf"(?<![\w])(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD})?),?[ \t]+"
    rf"(?:the|his|her|their)[ \t]+(?:{_ROLE_WORDS})(?![\w])"
)


def _possible_names(pages: Pages, identity: Identity) -> Iterable[Finding]:
    public = {w.lower() for w in _words(identity.pseudonym)}
    for pattern, reason in (
        (TITLED_NAME, "A title before a capitalised word: it may be someone's name."),
        (ROLE_THEN_NAME, "A capitalised word beside a family role: it may be someone's name."),
        (NAME_THEN_ROLE, "A capitalised word beside a family role: it may be someone's name."),
    ):
        for match in pattern.finditer(pages.text):
            words = match.group("name").split()
            while words and (words[-1] in _NOT_NAMES or words[-1].lower() in public):
                words.pop()
            start = match.start("name")
            while words and (words[0] in _NOT_NAMES or words[0].lower() in public):
                start += len(words[0]) + 1
                words.pop(0)
            if not words:
                continue
            quote = pages.text[start : start + len(" ".join(words))]
            if quote.split() != words:
                continue
            yield Finding(
                page=pages.page_at(start),
                quote=quote,
                kind="possible name",
                reason=reason,
                source=POSSIBLE,
                start=start,
                end=start + len(quote),
                key=f"possible name:{quote.lower()}",
                suggestion="[name]",
            )


# --- the scan -------------------------------------------------------------------------------


def _record_findings(pages: Pages, identity: Identity) -> Iterable[Finding]:
    for rule in _record_rules(identity):
        for match in rule.pattern.finditer(pages.text):
            quote = match.group(0)
            if rule.capital and not quote[:1].isupper():
                continue
            yield Finding(
                page=pages.page_at(match.start()),
                quote=quote,
                kind=rule.kind,
                reason=rule.reason,
                source=rule.source,
                start=match.start(),
                end=match.end(),
                key=rule.key,
                suggestion=rule.suggestion,
            )


def _without_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Where findings overlap the longer wins (an email address over the name inside it), and
    between two of one length the record's over a pattern's over a possible name."""
    ordered = sorted(findings, key=lambda f: (-(f.end - f.start), _RANK[f.source], f.start))
    taken: list[tuple[int, int]] = []
    kept: list[Finding] = []
    for finding in ordered:
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        taken.append((finding.start, finding.end))
        kept.append(finding)
    return sorted(kept, key=lambda f: f.start)


def scan_pages(pages: Pages, identity: Identity) -> list[Finding]:
    """Every identifying detail found in the joined pages, in reading order, none overlapping."""
    found: list[Finding] = []
    found += _record_findings(pages, identity)
    found += _pattern_findings(pages, identity)
    found += _possible_names(pages, identity)
    return _without_overlaps(found)


# The kinds no published review has reason to print: numbers that identify one person and
# pass their check (checksum, issued prefix, check letter).
PERSONAL_NUMBERS: Final = frozenset(
    {"NHS number", "National Insurance number", "unique pupil number"}
)


def personal_numbers(pages: Pages) -> list[Finding]:
    """The NHS numbers, issued National Insurance numbers and unique pupil numbers in the
    pages, each passing its own check: what holds back a document a bulk import would publish
    (``repository.bulk``). Numbers used in examples (a National Insurance prefix never issued)
    are not counted."""
    return [
        f
        for f in _pattern_findings(pages, Identity())
        if f.kind in PERSONAL_NUMBERS
        and (f.kind != "National Insurance number" or ni_number_issued(f.quote))
    ]


def scan(pages: Iterable[tuple[int, str]], identity: Identity) -> list[Finding]:
    """Scan a report given as (page number, text) pairs."""
    return scan_pages(join_pages(pages), identity)


# --- redaction ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    text: str


@dataclass
class Redacted:
    """The report's text with its replacements made, split back into its pages."""

    pages: list[tuple[int, str]] = field(default_factory=list)


def redact(pages: Pages, replacements: Sequence[Replacement]) -> Redacted:
    """Replace each span of the joined text; a span that crossed a page break keeps the break,
    its replacement on the page where it began."""
    out: list[str] = []
    position = 0
    for item in sorted(replacements, key=lambda r: r.start):
        if item.start < position:
            continue
        out.append(pages.text[position : item.start])
        breaks = pages.text[item.start : item.end].count(PAGE_BREAK)
        out.append(item.text + PAGE_BREAK * breaks)
        position = item.end
    out.append(pages.text[position:])
    texts = "".join(out).split(PAGE_BREAK)
    return Redacted(list(zip(pages.numbers, texts, strict=True)))
