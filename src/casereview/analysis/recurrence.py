"""Recurrence: near-duplicate recommendations across the repository grouped into clusters.

Two recommendations are near-duplicates when they carry the same lesson in different words
("ensure all staff receive training on X" and "multi-agency training on X must be delivered to
practitioners"). Each text becomes a TF-IDF vector over light-stemmed content words (numbering,
labels, digits, stop words and the proper names of places and organisations are dropped, since
they say who, not what). A cluster is represented by its centroid, the sum of its members' unit
vectors, so a family's centroid gathers all its wordings while the template words that several
lessons share are diluted among them.

Clustering is a single pass in the order given (the Django side passes reviews oldest first): an
item joins the cluster whose centroid is most similar if that similarity reaches
`SIMILARITY_THRESHOLD`, starts a new cluster otherwise, and merges every cluster it reaches when
it reaches more than one (a bridge). `RecurrenceIndex.add` is the same step for new items, so
adding a review costs one lookup per recommendation against the cluster centroids, not a pass
over the repository. Centroids are found through an inverted index over their terms, probed
only with the item's heavier terms: the lighter ones together cannot reach the threshold (see
`_probe_terms`), so the bound is exact, not a guess.

IDF weights are fixed by `build` from the whole collection; `add` weights new items with the
document frequencies seen so far (updated as it goes) without reweighting older items, which a
later `build` (the full rebuild command) does.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

# Cosine similarity (item to cluster centroid) at or above which an item joins a cluster.
# bench/bench_recurrence.py sweeps it against the demo corpus's planted families (14,155
# recommendations, 150 families; pairwise precision / recall): 0.45 gives 0.67 / 0.63, 0.50
# gives 0.88 / 0.63 (best F1, 0.73), 0.55 gives 0.91 / 0.50. Below 0.5 clusters of different
# lessons worded with one template start to merge, so precision falls faster than recall rises;
# a false "made before" claim costs a reader more than a missed one.
SIMILARITY_THRESHOLD = 0.5

# The share of the threshold that an item's lightest terms may jointly reach and still be left
# out of the centroid lookup (their contribution is then added only for clusters the heavier
# terms found). Any value in (0, 1) gives the same clusters; 0.7 was the fastest measured.
PROBE_SHARE = 0.7

# Words that carry no lesson. A hand-written list: NLTK's would need a download at run time.
_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either etc few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself may me might more most must my myself no nor not of off on once only
    or other ought our ours ourselves out over own same shall she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up upon very was we were what when where whether which while who whom why will with
    within would you your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Suffixes stripped by `stem`, longest first; a stem keeps at least `_MIN_STEM` letters
# (`_MIN_PLURAL_STEM` for a plural "s"), so "care" and "baby" stay whole.
_SUFFIXES = (
    "isations",
    "izations",
    "isation",
    "ization",
    "ational",
    "fulness",
    "ations",
    "ation",
    "itions",
    "ition",
    "ements",
    "ement",
    "ments",
    "ment",
    "ating",
    "ness",
    "ings",
    "ated",
    "ates",
    "ised",
    "ized",
    "ably",
    "ibly",
    "ful",
    "ity",
    "ing",
    "ate",
    "ise",
    "ize",
    "ive",
    "ies",
    "ed",
    "er",
    "al",
    "ly",
    "es",
    "s",
    "e",
    "y",
)
_MIN_STEM = 4
_MIN_PLURAL_STEM = 3
_KEEP_FINAL_DOUBLE = frozenset("lsz")

# A leading label: "1.", "12)", "(a)", "R3:", "N2", "iv.", bullets; repeated for "1. (a)".
_LABEL = re.compile(
    r"^\s*(?:(?:[\u2022\u2023\u25aa\u25cf\-*]|\(?(?:[RrNn]?\d+(?:\.\d+)*|[a-z]|[ivx]+)[.):]"
    r"|\([a-z\d]+\)|[RrNn]\d+\b)\s*)+"
)
_TOKEN = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.;:!?(]\s*)$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: "escalating", "escalation" and "escalated" all give "escal"."""
    w = word.lower()
    if len(w) <= _MIN_STEM:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= (
            3 if suffix in ("s", "es") else _MIN_STEM
        ):
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            w = w[: -len(suffix)]
            break
    if len(w) > _MIN_STEM and w[-1] == w[-2] and w[-1] not in _KEEP_FINAL_DOUBLE:
        w = w[:-1]
    return w


def terms(text: str) -> list[str]:
    """The content-word stems of `text`, in order.

    Dropped: a leading number or label, digits, stop words, and capitalised words that do not
    start a sentence (names of places, boards and organisations); words in capitals (GP, CAMHS,
    MARAC) are kept, since they often name the subject.
    """
    body = _LABEL.sub("", text, count=1)
    out = []
    for m in _TOKEN.finditer(body):
        word = m.group()
        if word[0].isupper() and not word.isupper():
            before = body[max(0, m.start() - 3) : m.start()]
            if not _SENTENCE_START.search(before):
                continue
        lower = word.lower().replace("\u2019", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        lower = lower.replace("'", "")
        if lower in STOP_WORDS or len(lower) < 2:
            continue
        out.append(stem(lower))
    return out


def features(text: str) -> list[str]:
    """The stems of `text` and its adjacent stem pairs: pairs keep a phrase's words together,
    which separates "training on X" from "procedure on X" and from "training on Y"."""
    words = terms(text)
    return words + [f"{a} {b}" for a, b in pairwise(words)]


@dataclass(frozen=True)
class Neighbour:
    """An existing item close to a query text, with its cosine similarity and cluster."""

    item_id: str
    similarity: float
    cluster_id: str


@dataclass
class _Cluster:
    seq: int
    members: list[int]
    centroid: dict[int, float]
    norm2: float
    norm: float = 0.0


@dataclass
class RecurrenceIndex:
    """Clusters of near-duplicate items, built in one pass and extended with `add`.

    At `SIMILARITY_THRESHOLD` the clusters reach pairwise precision 0.88 and recall 0.63
    against the demo corpus's planted families (see the constant). Item and cluster ids are
    strings; a cluster's id is the id of its earliest member, so it
    survives every later addition and, after a merge, the merged cluster keeps the id of the
    oldest cluster among those merged.
    """

    threshold: float = SIMILARITY_THRESHOLD
    _vocab: dict[str, int] = field(default_factory=dict)
    _df: list[int] = field(default_factory=list)
    _n_docs: int = 0
    _ids: list[str] = field(default_factory=list)
    _pos: dict[str, int] = field(default_factory=dict)
    _item_cluster: list[int] = field(default_factory=list)
    _clusters: dict[int, _Cluster] = field(default_factory=dict)
    _next_seq: int = 0
    _cluster_index: dict[int, dict[int, float]] = field(default_factory=dict)
    _postings: dict[int, tuple[array[int], array[float]]] = field(default_factory=dict)

    # -- public API ---------------------------------------------------------------------------

    def build(self, items: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Cluster `items` ((id, text) pairs, oldest first) from scratch: id -> cluster id."""
        tokenised = self._reset(items)
        for item_id, words in tokenised:
            self._insert(item_id, words)
        return self.assignments()

    def restore(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Reload stored clusters without clustering again: (id, text, cluster id) triples,
        oldest first, as the database holds them. Costs one pass over the texts."""
        rows = list(items)
        tokenised = self._reset((item_id, text) for item_id, text, _ in rows)
        seqs: dict[str, int] = {}
        for (item_id, words), (_, _, cluster_id) in zip(tokenised, rows, strict=True):
            vec = self._store(item_id, words)
            seq = seqs.get(cluster_id)
            if seq is None:
                seq = seqs[cluster_id] = self._new_cluster()
            self._item_cluster.append(-1)
            self._join(len(self._ids) - 1, vec, seq)

    def add(self, items: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Cluster new items into the existing clusters: id -> cluster id for every item whose
        cluster is new or changed (the new items, and the members of merged clusters)."""
        changed: dict[int, int] = {}
        for item_id, text in items:
            words = features(text)
            self._count(words)
            for pos, seq in self._insert(item_id, words).items():
                changed[pos] = seq
        return {self._ids[pos]: self._cluster_id(self._item_cluster[pos]) for pos in changed}

    def nearest(self, text: str, k: int = 5) -> list[Neighbour]:
        """The `k` existing items most similar to `text`, most similar first."""
        vec = self._vector(features(text))
        scores: dict[int, float] = {}
        get = scores.get
        for t, w in vec.items():
            posting = self._postings.get(t)
            if posting is None:
                continue
            for pos, pw in zip(*posting, strict=True):
                scores[pos] = get(pos, 0.0) + w * pw
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        return [
            Neighbour(self._ids[pos], round(s, 6), self._cluster_id(self._item_cluster[pos]))
            for pos, s in best
        ]

    def similarity(self, first: str, second: str) -> float:
        """The cosine similarity of two texts, weighted by the words this index has seen (the
        same measure as clustering; the checker uses it to compare drafts with each other)."""
        a = self._vector(features(first))
        b = self._vector(features(second))
        return round(sum(w * b.get(t, 0.0) for t, w in a.items()), 6)

    def assignments(self) -> dict[str, str]:
        """Every item's cluster id."""
        return {
            item_id: self._cluster_id(self._item_cluster[pos])
            for pos, item_id in enumerate(self._ids)
        }

    def cluster_of(self, item_id: str) -> str:
        return self._cluster_id(self._item_cluster[self._pos[item_id]])

    def clusters(self) -> dict[str, list[str]]:
        """Cluster id -> member ids, in the order they were added."""
        return {
            self._cluster_id(seq): [self._ids[p] for p in sorted(c.members)]
            for seq, c in self._clusters.items()
        }

    def __len__(self) -> int:
        return len(self._ids)

    # -- internals ----------------------------------------------------------------------------

    def _reset(self, items: Iterable[tuple[str, str]]) -> list[tuple[str, list[str]]]:
        """Empty the index, then count document frequencies over `items` for the IDF."""
        self._vocab, self._df, self._n_docs = {}, [], 0
        self._ids, self._pos, self._item_cluster = [], {}, []
        self._clusters, self._next_seq = {}, 0
        self._cluster_index, self._postings = {}, {}
        tokenised = [(item_id, features(text)) for item_id, text in items]
        for _, words in tokenised:
            self._count(words)
        return tokenised

    def _new_cluster(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        self._clusters[seq] = _Cluster(seq, [], {}, 0.0)
        return seq

    def _cluster_id(self, seq: int) -> str:
        return self._ids[self._clusters[seq].members[0]]

    def _count(self, words: Sequence[str]) -> None:
        self._n_docs += 1
        for word in set(words):
            tid = self._vocab.get(word)
            if tid is None:
                tid = self._vocab[word] = len(self._df)
                self._df.append(0)
            self._df[tid] += 1

    def _vector(self, words: Sequence[str]) -> dict[int, float]:
        """Unit TF-IDF vector (term id -> weight) over the known vocabulary."""
        n = self._n_docs
        raw: dict[int, float] = {}
        unknown: dict[str, float] = {}
        for word in words:
            tid = self._vocab.get(word)
            if tid is None:
                unknown[word] = unknown.get(word, 0.0) + 1.0
            else:
                raw[tid] = raw.get(tid, 0.0) + 1.0
        for tid, tf in raw.items():
            raw[tid] = tf * (math.log((1 + n) / (1 + self._df[tid])) + 1.0)
        # A word never seen has the highest weight; it matches nothing but still counts.
        novel = math.log(1 + n) + 1.0
        norm = math.sqrt(
            sum(w * w for w in raw.values()) + sum((tf * novel) ** 2 for tf in unknown.values())
        )
        return {t: w / norm for t, w in raw.items()} if norm else {}

    def _probe_terms(self, vec: dict[int, float]) -> list[int]:
        """The terms worth looking up: all but the lightest ones whose joint norm is below the
        threshold. A cluster sharing none of the probed terms has similarity at most that norm
        (Cauchy-Schwarz against a unit centroid), so it cannot reach the threshold."""
        ordered = sorted(vec.items(), key=lambda tw: (tw[1], tw[0]))
        skipped = 0.0
        limit = (PROBE_SHARE * self.threshold) ** 2
        for i, (_, w) in enumerate(ordered):
            if skipped + w * w >= limit:
                return [t for t, _ in ordered[i:]]
            skipped += w * w
        return []

    def _matching_clusters(self, vec: dict[int, float]) -> dict[int, float]:
        """Clusters whose centroid has cosine similarity >= threshold with `vec`: seq -> sim."""
        probe = self._probe_terms(vec)
        probed = set(probe)
        rest = [(t, w) for t, w in vec.items() if t not in probed]
        rest_norm = math.sqrt(sum(w * w for _, w in rest))
        dots: defaultdict[int, float] = defaultdict(float)
        index = self._cluster_index
        for t in probe:
            posting = index.get(t)
            if posting:
                w = vec[t]
                for seq, cw in posting.items():
                    dots[seq] += w * cw
        out: dict[int, float] = {}
        threshold = self.threshold
        clusters = self._clusters
        for seq, dot in dots.items():
            cluster = clusters[seq]
            norm = cluster.norm
            if dot + rest_norm * norm < threshold * norm:
                continue
            c = cluster.centroid
            for t, w in rest:
                dot += w * c.get(t, 0.0)
            sim = dot / norm
            if sim >= threshold:
                out[seq] = sim
        return out

    def _store(self, item_id: str, words: Sequence[str]) -> dict[int, float]:
        """Give the item a position and its postings (for `nearest`); return its vector."""
        if item_id in self._pos:
            raise ValueError(f"item {item_id!r} is already in the index")
        vec = self._vector(words)
        pos = len(self._ids)
        self._ids.append(item_id)
        self._pos[item_id] = pos
        for t, w in vec.items():
            posting = self._postings.get(t)
            if posting is None:
                posting = self._postings[t] = (array("i"), array("f"))
            posting[0].append(pos)
            posting[1].append(w)
        return vec

    def _insert(self, item_id: str, words: Sequence[str]) -> dict[int, int]:
        """Store the item and put it in a cluster: position -> cluster seq of every item moved."""
        vec = self._store(item_id, words)
        pos = len(self._ids) - 1
        matches = self._matching_clusters(vec)
        self._item_cluster.append(-1)
        if not matches:
            seq = self._new_cluster()
            self._join(pos, vec, seq)
            return {pos: seq}
        ordered = sorted(matches)
        survivor = ordered[0]
        changed = {pos: survivor}
        for other in ordered[1:]:
            changed.update(self._merge(survivor, other))
        self._join(pos, vec, survivor)
        return changed

    def _join(self, pos: int, vec: dict[int, float], seq: int) -> None:
        cluster = self._clusters[seq]
        c = cluster.centroid
        dot = 0.0
        for t, w in vec.items():
            old = c.get(t)
            if old is None:
                c[t] = w
            else:
                dot += old * w
                c[t] = old + w
            self._cluster_index.setdefault(t, {})[seq] = c[t]
        cluster.norm2 += 2 * dot + sum(w * w for w in vec.values())
        cluster.norm = math.sqrt(cluster.norm2)
        cluster.members.append(pos)
        self._item_cluster[pos] = seq

    def _merge(self, survivor: int, other: int) -> dict[int, int]:
        keep = self._clusters[survivor]
        gone = self._clusters.pop(other)
        c = keep.centroid
        dot = 0.0
        for t, w in gone.centroid.items():
            posting = self._cluster_index[t]
            del posting[other]
            old = c.get(t)
            if old is None:
                c[t] = w
            else:
                dot += old * w
                c[t] = old + w
            posting[survivor] = c[t]
        keep.norm2 += gone.norm2 + 2 * dot
        keep.norm = math.sqrt(keep.norm2)
        keep.members = sorted(keep.members + gone.members)
        for p in gone.members:
            self._item_cluster[p] = survivor
        return dict.fromkeys(gone.members, survivor)
