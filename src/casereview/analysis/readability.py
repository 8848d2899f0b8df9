"""Flesch reading ease over a document's body text.

Syllables come from `pyphen` (hyphenation points plus one, as textstat counts them) when it is
installed, else from a vowel-group heuristic that is within about one syllable per ten words of
a dictionary count on report prose. Both work offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

# Flesch (1948) reading ease: 206.835 - 1.015 (words per sentence) - 84.6 (syllables per word).
FLESCH_BASE = 206.835
FLESCH_SENTENCE_WEIGHT = 1.015
FLESCH_SYLLABLE_WEIGHT = 84.6

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# English words run to about 45 letters; a longer run of letters is not a word a reader meets,
# and hyphenating it costs several seconds a megabyte, so its vowel groups are counted instead.
LONGEST_WORD = 45
# A sentence ends at . ! or ? followed by space or the end (not "e.g." inside a word run). Read
# from the start of a run of stops only, so a long run is not tried again from each stop in it.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]++(?=\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    words: int
    sentences: int


def heuristic_syllables(word: str) -> int:
    """Vowel groups, less a silent final "e" (but not "-le"), at least one."""
    w = word.lower().replace("'", "")
    count = len(_VOWEL_GROUP.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if (
        w.endswith(("ed", "es"))
        and count > 1
        and not w.endswith(("ted", "ded", "ses", "zes", "ces", "ges", "xes"))
    ):
        count -= 1
    return max(count, 1)


def _syllable_counter() -> Callable[[str], int]:
    try:
        import pyphen  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return heuristic_syllables
    dic = pyphen.Pyphen(lang="en_GB")

    def count(word: str) -> int:
        if len(word) > LONGEST_WORD:
            return heuristic_syllables(word)
        return max(1, len(dic.positions(word)) + 1)

    return count


@lru_cache(maxsize=1)
def _counter() -> Callable[[str], int]:
    """The syllable counter, made on first use: loading the hyphenation dictionary costs about
    0.1 s, which every process importing analysis would pay at start."""
    return lru_cache(maxsize=65536)(_syllable_counter())


def _count_syllables(word: str) -> int:
    return _counter()(word)


def readability(texts: Iterable[str]) -> Readability:
    """Flesch reading ease of the texts taken together (0 words gives 0.0)."""
    counts: Counter[str] = Counter()
    sentences = 0
    for text in texts:
        found = _WORD.findall(text)
        if not found:
            continue
        counts.update(found)
        ends = len(_SENTENCE_END.findall(text))
        tail = text[text.rfind(".") + 1 :] if ends else text
        sentences += ends + (1 if _WORD.search(tail) else 0)
    words = sum(counts.values())
    if words == 0:
        return Readability(0.0, 0, 0)
    syllables = sum(_count_syllables(w) * n for w, n in counts.items())
    score = (
        FLESCH_BASE
        - FLESCH_SENTENCE_WEIGHT * (words / sentences)
        - FLESCH_SYLLABLE_WEIGHT * (syllables / words)
    )
    return Readability(round(score, 1), words, sentences)
