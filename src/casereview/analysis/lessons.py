"""What a recommendation's lesson is: its words with the template taken out and synonyms joined.

Recurrence asks whether two recommendations carry the same lesson. Compared word for word, two
recommendations written to one template ("The Board should seek assurance that all agencies
... within six months") look alike whatever their lesson, and one lesson worded by two authors
("babies who are not yet crawling" and "non-mobile infants") looks different. So before texts
are compared:

1. the frame is removed: the addressee and modal verb, "seek assurance that", "ensure that",
   timescales, cross-references and a closing sentence about reporting progress (the patterns
   in `lesson-vocabulary.json`, each with its reason);
2. words that every lesson shares (board, agencies, effective...) are dropped;
3. wordings that mean one thing in safeguarding practice become one concept ("infants",
   "babies" and "under-ones" are all the concept `baby`), from the same data file, written from
   public guidance and never from an evaluation set.

What is left is a list of terms (concepts and light-stemmed content words) and the pairs of
adjacent terms, which `casereview.analysis.recurrence` weighs by rarity (TF-IDF) and compares.
A rare shared pair ("disguised compliance", "nonmobile bruise") then counts for much more than
a shared common word. Everything is in this package: nothing is downloaded.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib import resources

from casereview.analysis.recurrence import (
    _LABEL,
    _SENTENCE_START,
    RecurrenceIndex,
    _content_stem,
    stem,
)

VOCABULARY_FILE = "lesson-vocabulary.json"

# The version of the code that turns a text into terms (`lesson_features` and what it calls,
# here and in `recurrence`). Raise it with any change that gives other terms for the same text
# and vocabulary: it is part of `model_fingerprint`, so the stored groups are then made again
# once, automatically, instead of mixing groups made by two models.
FEATURES_VERSION = 1

# Concept terms start with this mark, which no word can, so a concept never meets a word.
CONCEPT_MARK = "~"

# Mean cosine similarity (an item to a group's members, over TF-IDF weighted lesson features)
# at or above which an item joins a group. Chosen by the sweep in
# bench/bench_recurrence_meaning.py --production (figures in
# docs/adr/0013-recurrence-by-meaning.md): on paraphrase families planted among 12,000
# generated recommendations, with the vocabulary covering the whole domain, 0.35 gives
# precision 0.86 / recall 0.37 with 6% of hard negatives grouped, 0.40 gives 0.92 / 0.31 with
# 4%, 0.45 gives 0.98 / 0.23 with 2%: 0.40 is the lowest with precision at least 0.90 and at
# most 5% of hard negatives grouped. The generator's own families: 0.70 / 0.72 at 0.40.
LESSON_THRESHOLD = 0.40

# How many times a concept counts against a plain word: a concept is a lesson's subject named
# in any of its wordings, a plain word only one author's choice. Twice, in the same sweep,
# widened the gap between the median similarity of paraphrases and of hard negatives from
# 0.16 / 0.14 to 0.33 / 0.17; three times brought hard negatives up with them (0.44 / 0.18
# and precision falling to 0.80 at equal recall).
CONCEPT_WEIGHT = 2

# The longest text compared: recommendations are a few sentences; a longer input is cut here
# so a pasted document cannot make a comparison slow.
MAX_CHARS = 4000

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


@dataclass(frozen=True)
class Concept:
    name: str
    also: tuple[str, ...]


# A phrase trie: word -> (the concept a phrase ending here names, or None; the next words;
# the prefixes of words that end a phrase with "*", with their concept).
@dataclass
class _Node:
    concept: Concept | None = None
    next: dict[str, _Node] = field(default_factory=dict)
    # Looked up by each leading part of a word: a few dictionary look-ups per word, where a
    # scan of every prefix cost a tenth of a millisecond per word.
    stars: dict[str, Concept] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """The frame and concepts of `lesson-vocabulary.json`, compiled."""

    frame: tuple[re.Pattern[str], ...]
    # The pattern of the addressee and modal verb, which yields when its words name a topic.
    addressee: re.Pattern[str] | None
    addressee_concepts: frozenset[str]
    trailing: re.Pattern[str]
    frame_stems: frozenset[str]
    phrases: _Node


_WORD = re.compile(r"[A-Za-z0-9&]+(?:['\u2019][A-Za-z]+)*")


def _phrase_words(phrase: str) -> list[list[str]]:
    """A phrase's words, and the same with hyphenated parts written as one word ("co-sleeping"
    and "cosleeping"), since authors write either."""
    spaced = [w for w in re.split(r"[\s]+", phrase.strip().lower()) if w]
    split = [p for w in spaced for p in _WORD.findall(w.replace("*", "STAR"))]
    split = [p.replace("STAR", "*") if p.endswith("STAR") else p for p in split]
    joined = [w.replace("-", "") for w in spaced]
    joined = [p for w in joined for p in _WORD.findall(w.replace("*", "STAR"))]
    joined = [p.replace("STAR", "*") if p.endswith("STAR") else p for p in joined]
    return [split] if split == joined else [split, joined]


def _add(root: _Node, words: list[str], concept: Concept) -> None:
    node = root
    for k, word in enumerate(words):
        word = word.replace("\u2019", "'")
        if k == len(words) - 1 and word.endswith("*"):
            node.stars.setdefault(word[:-1], concept)
            return
        node = node.next.setdefault(word, _Node())
    if node.concept is None:
        node.concept = concept


def load_vocabulary(text: str) -> Vocabulary:
    """Compile a vocabulary file's text; a ValueError says what is wrong."""
    data = json.loads(text)
    frame = tuple(re.compile(item["pattern"], re.IGNORECASE) for item in data["frame"])
    addressee = next(
        (p for p, item in zip(frame, data["frame"], strict=True) if item.get("addressee")), None
    )
    addressee_concepts = frozenset(str(c) for c in data["addressee_concepts"]["concepts"])
    trailing = re.compile(data["trailing_sentence"]["pattern"], re.IGNORECASE)
    frame_stems = frozenset(stem(w) for w in data["frame_words"]["words"])
    root = _Node()
    for n, item in enumerate(data["concepts"]):
        name = str(item["concept"])
        if not re.fullmatch(r"[a-z]+", name):
            raise ValueError(f"concept {n}: the name {name!r} must be lower-case letters")
        if not item["phrases"]:
            raise ValueError(f"concept {name!r} has no phrases")
        concept = Concept(name, tuple(str(a) for a in item.get("also", ())))
        for phrase in item["phrases"]:
            for words in _phrase_words(str(phrase)):
                if words:
                    _add(root, words, concept)
    return Vocabulary(frame, addressee, addressee_concepts, trailing, frame_stems, root)


@functools.cache
def shipped_vocabulary() -> Vocabulary:
    text = (
        resources.files("casereview.analysis").joinpath(VOCABULARY_FILE).read_text(encoding="utf-8")
    )
    return load_vocabulary(text)


def lesson_text(text: str, vocabulary: Vocabulary | None = None) -> str:
    """The text with its frame removed (see the module docstring)."""
    if vocabulary is None or vocabulary is shipped_vocabulary():
        return _shipped_lesson_text(text)
    return _lesson_text(text, vocabulary)


@functools.lru_cache(maxsize=8192)
def _shipped_lesson_text(text: str) -> str:
    """`lesson_text` with the shipped vocabulary, remembered: the checker and the index meet
    the same texts (a draft against each neighbour, a template reused by many reviews)."""
    return _lesson_text(text, shipped_vocabulary())


def _lesson_text(text: str, v: Vocabulary) -> str:
    body = _LABEL.sub("", text[:MAX_CHARS].strip(), count=1)
    sentences = _SENTENCE_END.split(body)
    # A closing sentence about reporting progress, when a sentence before it holds the lesson.
    while len(sentences) > 1 and v.trailing.search(sentences[-1]):
        sentences.pop()
    out = []
    for sentence in sentences:
        for pattern in v.frame:
            if pattern is v.addressee:
                sentence = pattern.sub(lambda m: _unless_topic(m, v), sentence)
            else:
                sentence = pattern.sub(" ", sentence)
            sentence = sentence.strip()
        out.append(sentence)
    return " ".join(s for s in out if s)


def _unless_topic(m: re.Match[str], v: Vocabulary) -> str:
    """Nothing for an addressee and its modal verb; the words themselves when a concept among
    them is a topic, not a body that acts ("Safe sleep advice must be given")."""
    words = [w.group().lower() for w in _WORD.finditer(m.group())]
    at = 0
    while at < len(words):
        size, concept = _longest(v.phrases, words, at)
        if concept is not None and concept.name not in v.addressee_concepts:
            return m.group()
        at += max(size, 1)
    return " "


def _longest(root: _Node, words: list[str], at: int) -> tuple[int, Concept | None]:
    """The longest phrase starting at word `at`: how many words it takes and its concept."""
    node, best, best_len = root, None, 0
    k = at
    while k < len(words):
        word = words[k]
        if node.stars and k + 1 - at > best_len:
            stars = node.stars
            for end in range(len(word), 0, -1):
                found = stars.get(word[:end])
                if found is not None:
                    best, best_len = found, k + 1 - at
                    break
        nxt = node.next.get(word)
        if nxt is None:
            break
        node = nxt
        k += 1
        if node.concept is not None and k - at >= best_len:
            best, best_len = node.concept, k - at
    return best_len, best


@dataclass(frozen=True)
class _Piece:
    """A stretch of the lesson's text that gives terms: a concept's wording or a content word."""

    start: int
    end: int
    terms: tuple[str, ...]


def _pieces(body: str, v: Vocabulary) -> list[_Piece]:
    found = list(_WORD.finditer(body))
    lowered = [m.group().lower().replace("\u2019", "'") for m in found]
    out: list[_Piece] = []
    at = 0
    while at < len(found):
        size, concept = _longest(v.phrases, lowered, at)
        if concept is not None:
            names = (concept.name, *concept.also)
            start, end = found[at].start(), found[at + size - 1].end()
            out.append(_Piece(start, end, tuple(CONCEPT_MARK + n for n in names)))
            at += size
            continue
        m = found[at]
        word = m.group()
        at += 1
        if word.isdigit():
            continue
        if word[0].isupper() and not word.isupper():
            start = m.start()
            if not _SENTENCE_START.search(body[max(0, start - 3) : start]):
                continue
        term = _content_stem(word)
        if term and term not in v.frame_stems:
            out.append(_Piece(m.start(), m.end(), (term,)))
    return out


def _pieces_of(body: str, v: Vocabulary) -> tuple[_Piece, ...]:
    if v is shipped_vocabulary():
        return _shipped_pieces(body)
    return tuple(_pieces(body, v))


@functools.lru_cache(maxsize=8192)
def _shipped_pieces(body: str) -> tuple[_Piece, ...]:
    """`_pieces` with the shipped vocabulary, remembered: a review's page says why for the same
    earlier recommendations again and again, reading each one's terms and phrases several times
    (without it, a third of the page's time at 100,000 recommendations)."""
    return tuple(_pieces(body, shipped_vocabulary()))


def lesson_terms(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The lesson's terms in order: concepts (marked with `CONCEPT_MARK`) and the stems of the
    other content words, without the frame and the words every lesson shares. As in
    `recurrence.terms`, capitalised words inside a sentence (names) are dropped."""
    v = vocabulary or shipped_vocabulary()
    return [t for piece in _pieces_of(lesson_text(text, v), v) for t in piece.terms]


def shared_phrases(text: str, other: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The phrases of `other` whose lesson terms `text` also has, in `other`'s own words (so a
    concept shows as the other author wrote it: "non-mobile infants" for "non-mobile babies");
    neighbouring shared words make one phrase."""
    v = vocabulary or shipped_vocabulary()
    mine = set(lesson_terms(text, v))
    body = lesson_text(other, v)
    phrases: list[str] = []
    run: list[_Piece] = []
    for piece in [*_pieces_of(body, v), None]:
        if piece is not None and mine.intersection(piece.terms):
            run.append(piece)
            continue
        if run:
            phrase = body[run[0].start : run[-1].end]
            if phrase.lower() not in (p.lower() for p in phrases):
                phrases.append(phrase)
            run = []
    return phrases


def lesson_features(text: str) -> list[str]:
    """What `lesson_index` compares: the lesson's terms, each concept counted `CONCEPT_WEIGHT`
    times, so a shared concept outweighs a shared plain word of the same rarity."""
    words = lesson_terms(text)
    return words + [w for w in words if w.startswith(CONCEPT_MARK)] * (CONCEPT_WEIGHT - 1)


def lesson_index(threshold: float = LESSON_THRESHOLD) -> RecurrenceIndex:
    """A recurrence index that compares lessons (`lesson_features`), joins an item to the one
    group whose members it is most similar to on average, if that reaches the threshold, and
    never lets one item merge two groups."""
    return RecurrenceIndex(
        threshold=threshold,
        featurise=lesson_features,
        merge_bridges=False,
        average_linkage=True,
    )


def model_fingerprint(index: RecurrenceIndex) -> str:
    """What decides an index's groups, as a short hash: the shipped vocabulary file's text,
    `FEATURES_VERSION`, `CONCEPT_WEIGHT`, the index's settings (threshold and the rest), and
    the names of its fields (what a stored copy holds). Groups stored under another
    fingerprint were made by another model."""
    vocabulary = resources.files("casereview.analysis").joinpath(VOCABULARY_FILE).read_bytes()
    made_by = {
        "vocabulary": hashlib.sha256(vocabulary).hexdigest(),
        "features": [FEATURES_VERSION, getattr(index.featurise, "__qualname__", "?")],
        "concept_weight": CONCEPT_WEIGHT,
        # Every setting (threshold, linkage, ...), and every field's name: what a copy holds.
        "settings": {
            f.name: getattr(index, f.name)
            for f in dataclasses.fields(index)
            if not f.name.startswith("_") and f.name != "featurise"
        },
        "fields": [f.name for f in dataclasses.fields(index)],
    }
    encoded = json.dumps(made_by, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()[:16]
