"""Whether a recommendation is vague: it asks for a general improvement and names nothing that
anyone could check ("agencies should work better together", "communication should be improved",
"lessons should be learned", "professionals need to be more curious").

The rule, in words a reader can check: take the recommendation's words, leave out its frame (the
owner, "should", "ensure that", "seek assurance that", its timescale and the finding it answers)
and the words that carry no meaning on their own ("the", "to", "more"). It is vague when every
word left is a general one (`GENERAL`: workforces in general, "work", "together", "better",
"improve", "communication", "practice", "learning", "curious"...) and it says nothing of how
it will be measured. One particular word (a tool, a group of children, a meeting, a procedure,
training, an audit, "fathers", "bruising") is enough not to be vague: such a recommendation may
still be weak, but someone can tell whether it was done. The general words found are given as
the reason, so the writer sees what to replace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casereview.analysis.coding import Coding

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")
_PARTS = re.compile(r"[-]|['\u2019]s$")


def _listed(words: str) -> frozenset[str]:
    """The words of a list written as running text, one space or line break apart."""
    return frozenset(words.split())


FRAME = _listed(
    """
    a an the all any each every this that these those its it their them they our we his her
    to of in on at by for with within across between from into about through and or nor as so
    than then be been being is are was were has have had do does should must shall will would
    could can may might need needs ought recommended recommend recommends recommendation review
    there ensure ensures ensuring make makes sure seek seeks assurance assured assure satisfy
    satisfied itself themselves take takes steps step action actions consider considers how
    what way ways where when which who whom more much greater further also appropriate
    appropriately continue continues done able not no other others own s
    """
)
"""Words that frame the request or carry no meaning on their own; they are left out."""

GENERAL = _listed(
    """
    agencies agency partners partner professionals professional practitioners practitioner
    staff workers services service organisations organisation everyone people colleagues
    frontline front line multi multiagency partnership partnerships
    communication communications communicate communicating work works working worked together
    better improve improved improves improving improvement improvements effective effectively
    effectiveness practice practise practices learn learned learnt learning lessons lesson
    curious curiosity aware awareness understanding understand understood strengthen
    strengthened strengthening enhance enhanced robust good best quality culture approach
    approaches collaboration collaborative collaborate collaboratively cooperation co operation
    cooperate joined up safeguard safeguarding protect protected protection children child
    families family young risk risks vigilant vigilance focus focused mindful think thinking
    reflect reflection embed embedded promote promoted priority prioritise importance important
    key consistent consistently holistic proactive proactively timely clear clearer support
    supported supporting share shared sharing information address addressed issues issue
    concerns concern arising identified findings case cases outcomes level levels high
    standard confident confidence challenge challenging relationships relationship response
    responses respond responsive engagement engage inform informed needs accordingly
    """
)
"""General words: workforces and agencies in general, and the verbs, nouns and adjectives of
exhortation ("improve", "communication", "better", "learning"). Alone they name nothing to
check; with one particular word they do."""


@dataclass(frozen=True)
class Vague:
    """Why a recommendation was found vague: the general words it is made of, verbatim."""

    words: tuple[str, ...]

    @property
    def reason(self) -> str:
        quoted = ", ".join(f"\u201c{w}\u201d" for w in self.words)
        return (
            f"Vague: its words ({quoted}) are general and name nothing anyone could check. "
            "Say what is to be done and to what: a particular procedure, tool, meeting, "
            "training, audit or group of children, so anyone can tell whether it has been done."
        )


def vague(text: str, coding: Coding) -> Vague | None:
    """`Vague` with the general words when `text` names nothing particular, else ``None``.

    ``coding`` is the text's `Coding`: its owner is left out, and its timescale and finding
    (the words that triggered those flags) too; a measurable recommendation is never vague.
    """
    if "measurable" in coding.flags:
        return None
    framed = [t.words for t in coding.triggers if t.code in ("has_timescale", "traceable")]
    if coding.owner is not None:
        framed.append(coding.owner.words)
    rest = text
    for words in framed:
        rest = rest.replace(words, " ")
    general: list[str] = []
    for match in _WORD.finditer(rest):
        word = match.group()
        parts = [p for p in _PARTS.split(word.lower()) if p]
        if all(p in FRAME or p.isdigit() for p in parts):
            continue
        if not all(p in GENERAL or p in FRAME for p in parts):
            return None
        if word.lower() not in (g.lower() for g in general):
            general.append(word)
    return Vague(tuple(general)) if general else None
