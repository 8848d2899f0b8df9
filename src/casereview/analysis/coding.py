"""Coding a recommendation (DESIGN §5): its mechanism, addressees, level and quality flags, each
with the words that triggered it. The interface is fixed here; the rules fill it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Trigger:
    """Why a code was given: the code and the verbatim words in the text that triggered it."""

    code: str
    words: str


@dataclass(frozen=True)
class Coding:
    mechanism: str
    """One primary mechanism, A1-A11."""
    addressees: tuple[str, ...] = ()
    level: str | None = None
    flags: tuple[str, ...] = ()
    triggers: tuple[Trigger, ...] = field(default=())


def code_recommendation(text: str) -> Coding:
    """The codes of one recommendation's text (placeholder until the rules exist)."""
    return Coding(mechanism="A1")
