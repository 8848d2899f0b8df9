"""The recommendation checker: draft recommendations read, coded and compared with everything
recommended before, with plain-language warnings. Nothing checked is stored or added to the
repository (DESIGN §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.conf import settings
from django.db.models import QuerySet

from casereview.analysis import UnreadableDocument, isolated
from casereview.analysis.coding import Coding, Owner, code_recommendation
from casereview.analysis.drafts import coded_drafts, read_drafts
from casereview.analysis.lessons import (
    LESSON_THRESHOLD,
    lesson_index,
    lesson_text,
    shared_phrases,
)
from casereview.analysis.recurrence import Neighbour, RecurrenceIndex
from casereview.analysis.vagueness import Vague, vague
from casereview.audit.actors import Actor
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.recommendations.models import Recommendation
from casereview.recommendations.recurrence import LOCK, current_index
from casereview.recommendations.vocabulary import MECHANISMS
from casereview.recommendations.why import Marked, closeness

# Pasted text: about 30,000 words. The recommendations of the longest reviews are a tenth of
# that; a whole draft report is uploaded as a file instead.
MAX_PASTED_CHARS = 200_000
EARLIER_SHOWN = 5
# How many neighbours to ask the index for before keeping those the reader may see.
EARLIER_ASKED = 25
PROCEDURE_OR_TRAINING = frozenset({"A1", "A2"})
OWNER_KINDS_SAID = {
    "addressee": "a recognised agency or post",
    "named service": "a named service or team",
    "named post": "a named post",
    "named lead": "a named lead",
}
"""How each kind of owner (`coding.OWNER_KINDS`) is said to a reader."""
_WORDS = re.compile(r"[a-z0-9]+")
"""Earlier recommendations that word their lesson exactly alike once the template is removed
(`lesson_text`: one template reused by many reviews with another addressee or timescale) are
listed once: listing the same wording again would hide a different earlier wording of the
lesson (bench/bench_recurrence_meaning.py, "one per restatement")."""
DRAFT_DUPLICATE_THRESHOLD = 0.35
"""Two drafts of one review this similar (the recurrence measure, `lesson_index`) get a
"duplicates" warning. Lower than the grouping threshold on purpose: within one draft, one
lesson reworded is worth a look, and the warning asks a person to look rather than deciding
anything. Not lower: one template with two lessons ("training on safe sleep", "training on
disguised compliance") scores about 0.2, a lesson reworded 0.5 and more."""


@dataclass(frozen=True)
class Earlier:
    recommendation: Recommendation
    similarity: float
    shared: tuple[str, ...] = ()
    """The earlier recommendation's phrases that carry terms of the draft's lesson, in its own
    words (`lessons.shared_phrases`)."""
    mechanism: str = ""
    """The draft's mechanism, to say whether the two ask for the same kind of change."""

    @property
    def why(self) -> str:
        """Why it is listed, in words: how close, the phrases shared, the kinds of change."""
        said = self.closeness.capitalize()
        if self.shared:
            said += ": shares " + ", ".join(f"\u201c{p}\u201d" for p in self.shared)
        if self.kinds:
            said += "; " + self.kinds
        return said + "."

    @property
    def kinds(self) -> str:
        """Whether the two ask for the same kind of change (their coded mechanisms), in words;
        empty when either has none."""
        theirs = self.recommendation.mechanism
        if theirs and theirs == self.mechanism:
            return f"both are {MECHANISMS.get(theirs, theirs).lower()}"
        if theirs and self.mechanism:
            return (
                f"it is {MECHANISMS.get(theirs, theirs).lower()}, this draft "
                f"{MECHANISMS.get(self.mechanism, self.mechanism).lower()}"
            )
        return ""

    @property
    def is_repeat(self) -> bool:
        return self.similarity >= LESSON_THRESHOLD

    @property
    def closeness(self) -> str:
        return closeness(self.similarity)

    @property
    def marked(self) -> Marked:
        """The earlier recommendation's text with the phrases it shares with the draft marked."""
        return Marked.of(self.recommendation.text, self.shared)


@dataclass
class Checked:
    number: str | None
    text: str
    coding: Coding
    warnings: list[str] = field(default_factory=list)
    earlier: list[Earlier] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    """The other drafts of this text that carry the same lesson: their numbers, or "draft N"
    (their place) when unnumbered."""
    vague: Vague | None = None

    @property
    def repeats(self) -> list[Earlier]:
        return [e for e in self.earlier if e.is_repeat]

    @property
    def owner(self) -> Owner | None:
        return self.coding.owner

    @property
    def owner_said(self) -> str:
        """The owner in words: "“The MASH team” (a named service or team)", or that none is."""
        if self.owner is None:
            return "No one named"
        kind = OWNER_KINDS_SAID.get(self.owner.kind, self.owner.kind)
        return f"\u201c{self.owner.words}\u201d ({kind})"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "mechanism": self.coding.mechanism,
            "addressees": list(self.coding.addressees),
            "level": self.coding.level,
            "flags": list(self.coding.flags),
            "why": [{"code": t.code, "words": t.words} for t in self.coding.triggers],
            "warnings": self.warnings,
            "owner": {"words": self.owner.words, "kind": self.owner.kind} if self.owner else None,
            "vague": {"words": list(self.vague.words), "why": self.vague.reason}
            if self.vague
            else None,
            "duplicates": self.duplicates,
            "earlier": [
                {
                    "text": e.recommendation.text,
                    "similarity": e.similarity,
                    "closeness": e.closeness,
                    "shared": list(e.shared),
                    "why": e.why,
                    "review": e.recommendation.document.display_title,
                    "year": e.recommendation.document.year_published,
                    "outcome": e.recommendation.document.outcome or None,
                    "document": e.recommendation.document.sha256[:12],
                    "repeat": e.is_repeat,
                }
                for e in self.earlier
            ],
        }


class TookTooLong(UnreadableDocument):
    """Reading the drafts was stopped at the checker's time limit."""


def drafts_from(data: bytes, filename: str) -> list[tuple[str | None, str]]:
    """The draft recommendations in a file or pasted text: its recommendations section, or, if
    it has none, the whole text read as one (a pasted list). ``UnreadableDocument`` if unreadable.
    """
    return read_drafts(data, filename, int(settings.MAX_DOCUMENT_BYTES))


def read_limited(stream: BinaryIO) -> bytes:
    """At most the document size limit from `stream` (a file or standard input), or
    ``UnreadableDocument`` if it holds more."""
    limit = int(settings.MAX_DOCUMENT_BYTES)
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableDocument(
            f"This is more than the {limit // (1024 * 1024)} MB limit; send only the "
            "recommendations, or a smaller copy of the report."
        )
    return data


def check_sent(data: bytes, filename: str, visible: QuerySet[Any]) -> list[Checked]:
    """What a person sent the checker on the web, read and coded in a child process stopped at
    ``CHECKER_TIME_LIMIT_SECONDS`` (``TookTooLong``), then compared as `check` does."""
    seconds = float(settings.CHECKER_TIME_LIMIT_SECONDS)
    try:
        drafts = isolated.run(
            coded_drafts, data, filename, int(settings.MAX_DOCUMENT_BYTES), seconds=seconds
        )
    except isolated.TookTooLong:
        raise TookTooLong(
            f"This took too long to analyse (more than {seconds:g} seconds) and was stopped. "
            "Split it into smaller parts and check each one."
        ) from None
    if not drafts:
        return []
    return _checked([Checked(d.number, d.text, d.coding) for d in drafts], visible)


def check_for(actor: Actor, data: bytes, filename: str, visible: QuerySet[Any]) -> list[Checked]:
    """``check_sent`` for a person: the audit trail records that they checked drafts, and how
    many, never what (what was checked stays with the person)."""
    results = check_sent(data, filename, visible)
    if results:
        record(
            Action.RECOMMENDATIONS_CHECKED,
            actor=actor,
            summary=f"Checked {len(results)} draft recommendations",
            data={"count": len(results)},
        )
    return results


def _warnings(coding: Coding, vagueness: Vague | None) -> list[str]:
    flags = set(coding.flags)
    found = []
    if vagueness is not None:
        found.append(vagueness.reason)
    if "has_owner" not in flags:
        found.append("No owner: say which agency or body is to act.")
    if "measurable" not in flags:
        found.append("Not measurable: say how anyone will know it has been done.")
    if "has_timescale" not in flags:
        found.append("No timescale: say by when.")
    # A vague draft's kind of change is a guess from no words (the rules' default).
    if coding.mechanism in PROCEDURE_OR_TRAINING and vagueness is None:
        kind = MECHANISMS[coding.mechanism].lower()
        found.append(
            f"Only a {kind} change: reviews repeat these most often; say what should change in "
            "practice and how the change will be checked."
        )
    return found


def check(drafts: list[tuple[str | None, str]], visible: QuerySet[Any]) -> list[Checked]:
    """Each draft coded, warned about and compared with earlier recommendations the reader may
    see (``visible``: the documents the person may see)."""
    return _checked(
        [Checked(number, text, code_recommendation(text)) for number, text in drafts], visible
    )


def _checked(checked: list[Checked], visible: QuerySet[Any]) -> list[Checked]:
    for item in checked:
        item.vague = vague(item.text, item.coding)
        item.warnings = _warnings(item.coding, item.vague)
    with LOCK:
        return _compare(checked, visible)


def _compare(checked: list[Checked], visible: QuerySet[Any]) -> list[Checked]:
    index = current_index()
    if len(index) == 0:
        # An empty repository: the drafts are compared with each other on their own words.
        index = lesson_index()
        index.build((str(n), item.text) for n, item in enumerate(checked))
        _same_draft(checked, index)
        return checked
    _same_draft(checked, index)
    found = [index.nearest(item.text, EARLIER_ASKED) for item in checked]
    # For all the drafts at once: which neighbours the reader may see, then those shown.
    asked = {int(n.item_id) for neighbours in found for n in neighbours}
    # The neighbours by primary key, then which of their documents the reader may see: two
    # short queries (one joining every neighbour to the reader's documents took 0.3 s at
    # 30,000 recommendations).
    found_rows = Recommendation.objects.filter(pk__in=asked).values_list(
        "pk", "text", "document_id"
    )
    rows_found = list(found_rows)
    allowed = set(
        visible.filter(pk__in={document for _, _, document in rows_found}).values_list(
            "pk", flat=True
        )
    )
    texts = {pk: text for pk, text, document in rows_found if document in allowed}
    shown = [
        _distinct([n for n in neighbours if int(n.item_id) in texts], texts) for neighbours in found
    ]
    rows = Recommendation.objects.select_related("document").in_bulk(
        {int(n.item_id) for neighbours in shown for n in neighbours}
    )
    for item, neighbours in zip(checked, shown, strict=True):
        item.earlier = [
            Earlier(
                rows[int(n.item_id)],
                n.similarity,
                tuple(shared_phrases(item.text, rows[int(n.item_id)].text)),
                item.coding.mechanism,
            )
            for n in neighbours
        ]
    return checked


def _distinct(neighbours: list[Neighbour], texts: dict[int, str]) -> list[Neighbour]:
    """The first `EARLIER_SHOWN` neighbours, leaving out any that words its lesson exactly as
    one kept before (the same template with another addressee or timescale)."""
    kept: list[Neighbour] = []
    wordings: set[str] = set()
    for n in neighbours:
        wording = " ".join(_WORDS.findall(lesson_text(texts[int(n.item_id)]).lower()))
        if wording not in wordings:
            wordings.add(wording)
            kept.append(n)
            if len(kept) == EARLIER_SHOWN:
                break
    return kept


def _same_draft(checked: list[Checked], index: RecurrenceIndex) -> None:
    """Warn where two drafts say the same thing, by the repository's similarity measure."""
    similar = index.similarities([item.text for item in checked])
    for position, item in enumerate(checked):
        others = [
            (n, other)
            for n, other in enumerate(checked)
            if n != position and similar[position][n] >= DRAFT_DUPLICATE_THRESHOLD
        ]
        item.duplicates = [other.number or f"draft {n + 1}" for n, other in others]
        if others:
            names = ", ".join(
                f"recommendation {o.number}" if o.number else "another draft" for _, o in others
            )
            item.warnings.append(f"Duplicates {names} in this draft.")


__all__ = [
    "MAX_PASTED_CHARS",
    "Checked",
    "TookTooLong",
    "UnreadableDocument",
    "check",
    "check_sent",
    "drafts_from",
    "read_limited",
]
