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
over the repository.

Both lookups are exact: every shortcut below skips only work that provably cannot change the
answer, and the similarity that decides is always computed in full, so the answers are those of
scoring everything. All weights are non-negative, so a set of terms can add to a similarity at
most (a) the sum over those terms of the query's weight times the largest weight the term has
on the other side, and (b) by Cauchy-Schwarz, the norm of the query's weights on those terms
times the norm the other side can have on them: at most 1 (it is a unit vector) and at most the
root of the sum of those largest weights squared. The smaller of (a) and (b) is the bound.

- Centroids (`_matching_clusters`) are found through an inverted index over their terms. The
  item's lightest terms are left out of the lookup while their bound, against each term's peak
  weight in any unit centroid, stays under `PROBE_SHARE` of the threshold: a cluster sharing
  none of the looked-up terms cannot reach the threshold. A cluster found is then completed
  with the left-out terms, heaviest first, and dropped as soon as what it has plus the bound of
  the terms still to add falls short.
- Neighbours (`nearest`, for the checker) use the max-score method over the items' postings
  (each term's item positions and weights). A term's bound is the query's weight times the
  term's largest weight in any item. Terms are read in order of bound per posting entry (rare,
  telling words first; the long postings of common words last), summing partial scores. Along
  the way the items with the best partial scores are scored in full (from each item's own
  vector), and the k-th best full score, or `NEAREST_FLOOR` if higher, is the bar. Once the
  terms not yet read could not together lift an item that no read posting reached to the bar,
  no more postings are read whole; the items reached are followed through the remaining terms
  (scanning a posting, or looking them up in it) only while their partial score plus the bound
  of the terms left could still reach the bar, and those left at the end are scored in full.

IDF weights are fixed by `build` from the whole collection; `add` weights new items with the
document frequencies seen so far (updated as it goes) without reweighting older items, which a
later `build` (the full rebuild command) does.

Speed (bench/bench_recurrence.py, 100,000 demo recommendations, one core, pure Python): a full
build takes about 30 s of CPU and adding a review a few milliseconds; `nearest` takes a few
milliseconds for a recommendation like those held and tens of milliseconds for a long one that
shares common words with thousands. Featurising the texts is about a tenth of a build, so the
build stays in one process: spreading it over processes would save less than moving the texts
and features between them costs, and the clustering pass itself is sequential.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, pairwise, repeat
from operator import mul

# Cosine similarity (item to cluster centroid) at or above which an item joins a cluster.
# bench/bench_recurrence.py sweeps it against the demo corpus's planted families (14,155
# recommendations, 150 families; pairwise precision / recall): 0.45 gives 0.67 / 0.63, 0.50
# gives 0.88 / 0.63 (best F1, 0.73), 0.55 gives 0.91 / 0.50. Below 0.5 clusters of different
# lessons worded with one template start to merge, so precision falls faster than recall rises;
# a false "made before" claim costs a reader more than a missed one.
SIMILARITY_THRESHOLD = 0.5

# The share of the threshold that the bound of an item's lightest terms may reach with those
# terms still left out of the centroid lookup (they are then added only for the clusters the
# heavier terms found). Any value in (0, 1) gives the same clusters, only the time changes:
# clustering 40,000 demo recommendations took 8.3-9.2 s of CPU (a shared two-core machine)
# for every share from 0.7 to 0.98, 0.9 the fastest. Below 1 on purpose: the margin keeps the
# bound exact despite rounding.
PROBE_SHARE = 0.9

# The lowest similarity `nearest` reports. Texts this far apart share a common word or two and
# nothing else ("training" alone reaches about 0.03), so listing them as the closest earlier
# recommendations would mislead; the floor also lets a query made of words the repository
# barely uses stop at once instead of ranking every item that shares one of them.
NEAREST_FLOOR = 0.05

# Allowance for rounding in the pruning comparisons (item weights are stored in single
# precision), far below the differences that matter: pruning stays on the safe side.
_SLACK = 1e-6

# In `nearest`, a term's posting is scanned for the candidates still in play when it is shorter
# than this many times their number, and each candidate is looked up in it (a binary search)
# otherwise: a look-up costs about as much as scanning eight entries.
_SCAN_OR_LOOK_UP = 8

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


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str:
    """The stem a word contributes, or "" for a stop word or a single letter (cached: the same
    few thousand words make up most recommendations)."""
    lower = word.lower().replace("\u2019", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    lower = lower.replace("'", "")
    if lower in STOP_WORDS or len(lower) < 2:
        return ""
    return stem(lower)


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
            start = m.start()
            if not _SENTENCE_START.search(body[max(0, start - 3) : start]):
                continue
        found = _content_stem(word)
        if found:
            out.append(found)
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


def _best_first(pair: tuple[int, float]) -> tuple[float, int]:
    return -pair[1], pair[0]


class _TopK:
    """The k best full scores found so far in a `nearest` search, and the bar an item must reach
    to be listed: `NEAREST_FLOOR`, or the k-th best full score once k are known."""

    def __init__(self, k: int, score: Callable[[int], float]) -> None:
        self.k = k
        self.score = score
        self.scored: dict[int, float] = {}  # position -> full score
        self.best: list[float] = []  # a min-heap of the k best full scores
        self.bar = NEAREST_FLOOR

    def score_leaders(self, partial: dict[int, float]) -> None:
        """Score in full the k items with the best partial scores: they are the likeliest to be
        among the best, so the bar rises early."""
        k = self.k
        if len(partial) < k:
            return
        kth = heapq.nlargest(k, partial.values())[-1]
        for pos in islice((pos for pos, s in partial.items() if s >= kth), k):
            if pos in self.scored:
                continue
            found = self.scored[pos] = self.score(pos)
            heapq.heappush(self.best, found)
            if len(self.best) > k:
                heapq.heappop(self.best)
            if len(self.best) == k and self.best[0] > self.bar:
                self.bar = self.best[0]

    def still_possible(self, partial: dict[int, float], unread: float) -> dict[int, float]:
        """The items not yet scored in full that could still reach the bar with what is unread."""
        bar, scored = self.bar, self.scored
        return {pos: s for pos, s in partial.items() if s + unread >= bar and pos not in scored}


@dataclass(slots=True)
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
    # What a text is compared by: `features` (its words and word pairs) by default, or
    # `lessons.lesson_terms` (its lesson without the template, synonyms joined).
    featurise: Callable[[str], list[str]] = features
    # An item that reaches several clusters merges them (True, the original behaviour), or joins
    # only the one it is closest to (False), so one bridging item cannot join two lessons.
    merge_bridges: bool = True
    # Join on the mean similarity to a cluster's members (True) rather than the cosine to its
    # centroid: the same for a tight cluster, stricter for one whose members have drifted
    # apart, which a short text sharing one or two common terms could otherwise join.
    average_linkage: bool = False
    _vocab: dict[str, int] = field(default_factory=dict)
    _df: list[int] = field(default_factory=list)
    _n_docs: int = 0
    # IDF per term id while build or restore weighs the items (the collection size is then
    # `_idf_n`); `add` computes it as it goes, since every item changes the size.
    _idf: list[float] = field(default_factory=list)
    _idf_n: int = -1
    _ids: list[str] = field(default_factory=list)
    _pos: dict[str, int] = field(default_factory=dict)
    _item_cluster: list[int] = field(default_factory=list)
    _clusters: dict[int, _Cluster] = field(default_factory=dict)
    _next_seq: int = 0
    _cluster_index: dict[int, dict[int, float]] = field(default_factory=dict)
    # Per term id: an upper bound on the term's weight in any live unit centroid.
    _centroid_peak: list[float] = field(default_factory=list)
    _postings: dict[int, tuple[array[int], array[float]]] = field(default_factory=dict)
    # Every item's vector, concatenated in position order (item p's terms and weights are at
    # _item_start[p]:_item_start[p + 1]), for scoring a candidate in full.
    _item_terms: array[int] = field(default_factory=lambda: array("i"))
    _item_weights: array[float] = field(default_factory=lambda: array("f"))
    _item_start: array[int] = field(default_factory=lambda: array("q", [0]))
    # Per term id: (posting length, the largest weight among those first entries), brought up
    # to date when `nearest` needs it, so storing an item costs nothing extra.
    _posting_peak: dict[int, tuple[int, float]] = field(default_factory=dict)

    # -- public API ---------------------------------------------------------------------------

    def build(self, items: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Cluster `items` ((id, text) pairs, oldest first) from scratch: id -> cluster id."""
        tokenised = self._reset(items)
        for item_id, tids in tokenised:
            self._insert(item_id, tids)
        self._idf, self._idf_n = [], -1
        return self.assignments()

    def restore(self, items: Iterable[tuple[str, str, str]]) -> None:
        """Reload stored clusters without clustering again: (id, text, cluster id) triples,
        oldest first, as the database holds them. Costs one pass over the texts."""
        rows = list(items)
        tokenised = self._reset((item_id, text) for item_id, text, _ in rows)
        seqs: dict[str, int] = {}
        for (item_id, tids), (_, _, cluster_id) in zip(tokenised, rows, strict=True):
            vec = self._store(item_id, tids)
            seq = seqs.get(cluster_id)
            if seq is None:
                seq = seqs[cluster_id] = self._new_cluster()
            self._item_cluster.append(-1)
            self._join(len(self._ids) - 1, vec, seq)
        self._idf, self._idf_n = [], -1

    def add(self, items: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Cluster new items into the existing clusters: id -> cluster id for every item whose
        cluster is new or changed (the new items, and the members of merged clusters)."""
        changed: dict[int, int] = {}
        for item_id, text in items:
            tids = self._count(self.featurise(text))
            for pos, seq in self._insert(item_id, tids).items():
                changed[pos] = seq
        return {self._ids[pos]: self._cluster_id(self._item_cluster[pos]) for pos in changed}

    def nearest(self, text: str, k: int = 5) -> list[Neighbour]:
        """The `k` existing items most similar to `text`, most similar first (ties: the earlier
        item first), leaving out any below `NEAREST_FLOOR`. Exact: the same list as scoring
        every item, found without doing so (see the module docstring).
        """
        if k <= 0:
            return []
        vec = self._vector(self.featurise(text))
        order, after = self._query_terms(vec)
        search = _TopK(k, lambda pos: self._score(vec, pos))
        partial, read = self._read_whole_postings(vec, order, after, search)
        live = self._follow_live_items(vec, order, after, search, partial, read)
        # Whatever is left could make the list: score it in full, then rank.
        for pos in live:
            search.scored[pos] = self._score(vec, pos)
        ranked = sorted(
            ((pos, s) for pos, s in search.scored.items() if s >= NEAREST_FLOOR), key=_best_first
        )[:k]
        return [
            Neighbour(self._ids[pos], round(s, 6), self._cluster_id(self._item_cluster[pos]))
            for pos, s in ranked
        ]

    def _query_terms(self, vec: dict[int, float]) -> tuple[list[int], list[float]]:
        """The query's indexed terms, those that can add the most per posting entry first (the
        rare words that tell most early, the long postings of common words last, where the bound
        to the bar may spare reading them whole), and after[i]: the most any item can score on
        the terms order[i:] together: the smaller of the sum of their bounds and Cauchy-Schwarz
        (an item is a unit vector whose weight on each term is at most the term's peak)."""
        postings = self._postings
        peak = {t: self._peak(t) for t in vec if t in postings}
        bounds = {t: vec[t] * p for t, p in peak.items()}
        order = sorted(bounds, key=lambda t: (-bounds[t] / len(postings[t][0]), t))
        after = [0.0] * (len(order) + 1)
        total = squares = peaks = 0.0
        for i in range(len(order) - 1, -1, -1):
            t = order[i]
            w = vec[t]
            total += bounds[t]
            squares += w * w
            peaks += peak[t] * peak[t]
            after[i] = min(total, math.sqrt(squares) * min(1.0, math.sqrt(peaks))) + _SLACK
        return order, after

    def _read_whole_postings(
        self, vec: dict[int, float], order: list[int], after: list[float], search: _TopK
    ) -> tuple[dict[int, float], int]:
        """Step 1: read whole postings while an item none of them has reached could still make
        the list. Returns the partial scores and how many of `order` were read."""
        postings = self._postings
        partial: dict[int, float] = {}
        get = partial.get
        read, last = 0, len(order)
        unranked = 0  # posting entries read since the leaders were last chosen
        while read < last and after[read] >= search.bar:
            t = order[read]
            w = vec[t]
            positions, weights = postings[t]
            for pos, pw in zip(positions, weights, strict=True):
                partial[pos] = get(pos, 0.0) + w * pw
            read += 1
            unranked += len(positions)
            # Choosing the leaders costs a pass over the partial scores, cheaper per entry than
            # reading a posting: at most once per that many entries read, the cost stays a
            # fraction of the reading.
            if read < last and unranked >= len(partial):
                search.score_leaders(partial)
                unranked = 0
        if read < last:
            search.score_leaders(partial)
        return partial, read

    def _follow_live_items(
        self,
        vec: dict[int, float],
        order: list[int],
        after: list[float],
        search: _TopK,
        partial: dict[int, float],
        read: int,
    ) -> dict[int, float]:
        """Step 2: follow only the items reached that could still make it, one term at a time:
        scanning the term's posting when it is short beside them, else looking each up in it.
        Returns the items still in play once every term is read."""
        postings = self._postings
        last = len(order)
        unread = after[read]
        live = search.still_possible(partial, unread)
        unpruned = 0  # posting entries scanned since `live` was last pruned
        while live and read < last:
            t = order[read]
            w = vec[t]
            positions, weights = postings[t]
            scan = len(positions) < _SCAN_OR_LOOK_UP * len(live)
            if scan:
                find = live.get
                for pos, pw in zip(positions, weights, strict=True):
                    s = find(pos)
                    if s is not None:
                        live[pos] = s + w * pw
                unpruned += len(positions)
            else:
                size = len(positions)
                for pos, s in live.items():
                    at = bisect_left(positions, pos)
                    if at < size and positions[at] == pos:
                        live[pos] = s + w * weights[at]
            read += 1
            # Pruning is a pass over the items in play: after a scan, only once the entries
            # scanned since the last pass are as many.
            if not scan or unpruned >= len(live) or read == last:
                search.score_leaders(live)
                unread = after[read]
                live = search.still_possible(live, unread)
                unpruned = 0
        return live

    def similarity(self, first: str, second: str) -> float:
        """The cosine similarity of two texts, weighted by the words this index has seen (the
        same measure as clustering; the checker uses it to compare drafts with each other)."""
        a = self._vector(self.featurise(first))
        b = self._vector(self.featurise(second))
        return round(sum(w * b.get(t, 0.0) for t, w in a.items()), 6)

    def similarities(self, texts: Sequence[str]) -> list[list[float]]:
        """`similarity` of every ordered pair of `texts` ([i][j]: the i-th to the j-th), each
        text weighed once rather than once per pair."""
        vectors = [self._vector(self.featurise(text)) for text in texts]
        return [
            [round(sum(w * b.get(t, 0.0) for t, w in a.items()), 6) for b in vectors]
            for a in vectors
        ]

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

    def _reset(self, items: Iterable[tuple[str, str]]) -> list[tuple[str, list[int]]]:
        """Empty the index, then count document frequencies over `items` for the IDF: each
        item's features as term ids (ints shared with the vocabulary, not strings, so a
        100,000-item build holds tens of megabytes less)."""
        self._vocab, self._df, self._n_docs = {}, [], 0
        self._ids, self._pos, self._item_cluster = [], {}, []
        self._clusters, self._next_seq = {}, 0
        self._cluster_index, self._postings = {}, {}
        self._centroid_peak, self._posting_peak = [], {}
        self._item_terms, self._item_weights = array("i"), array("f")
        self._item_start = array("q", [0])
        tokenised = [(item_id, self._count(self.featurise(text))) for item_id, text in items]
        n = self._n_docs
        self._idf = [math.log((1 + n) / (1 + df)) + 1.0 for df in self._df]
        self._idf_n = n
        return tokenised

    def _new_cluster(self) -> int:
        seq = self._next_seq
        self._next_seq += 1
        self._clusters[seq] = _Cluster(seq, [], {}, 0.0)
        return seq

    def _cluster_id(self, seq: int) -> str:
        return self._ids[self._clusters[seq].members[0]]

    def _count(self, words: Sequence[str]) -> list[int]:
        """Count one more document, adding its new words to the vocabulary: its term ids."""
        self._n_docs += 1
        vocab, df = self._vocab, self._df
        tids = []
        for word in words:
            tid = vocab.get(word)
            if tid is None:
                tid = vocab[word] = len(df)
                df.append(0)
                self._centroid_peak.append(0.0)
            tids.append(tid)
        for tid in set(tids):
            df[tid] += 1
        return tids

    def _weigh(self, tids: Sequence[int]) -> dict[int, float]:
        """Unit TF-IDF vector (term id -> weight, in order of first use) of a counted item."""
        raw: dict[int, float] = {}
        get = raw.get
        for tid in tids:
            raw[tid] = get(tid, 0.0) + 1.0
        n = self._n_docs
        if self._idf_n == n:
            idf = self._idf
            for tid, tf in raw.items():
                raw[tid] = tf * idf[tid]
        else:
            df = self._df
            for tid, tf in raw.items():
                raw[tid] = tf * (math.log((1 + n) / (1 + df[tid])) + 1.0)
        norm = math.sqrt(sum(w * w for w in raw.values()))
        return {t: w / norm for t, w in raw.items()} if norm else {}

    def _vector(self, words: Sequence[str]) -> dict[int, float]:
        """Unit TF-IDF vector (term id -> weight) of a query text over the known vocabulary."""
        n = self._n_docs
        vocab = self._vocab
        raw: dict[int, float] = {}
        unknown: dict[str, float] = {}
        for word in words:
            tid = vocab.get(word)
            if tid is None:
                unknown[word] = unknown.get(word, 0.0) + 1.0
            else:
                raw[tid] = raw.get(tid, 0.0) + 1.0
        df = self._df
        for tid, tf in raw.items():
            raw[tid] = tf * (math.log((1 + n) / (1 + df[tid])) + 1.0)
        # A word never seen has the highest weight; it matches nothing but still counts.
        novel = math.log(1 + n) + 1.0
        norm = math.sqrt(
            sum(w * w for w in raw.values()) + sum((tf * novel) ** 2 for tf in unknown.values())
        )
        return {t: w / norm for t, w in raw.items()} if norm else {}

    def _probe_terms(
        self, vec: dict[int, float]
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], list[float]]:
        """The terms worth looking up in the centroid index; the terms left out, lightest
        first; and for each i, the most the i lightest terms can add to any cluster's
        similarity (the last value is the bound for all the left-out terms).

        The lightest terms are left out while that bound stays below `PROBE_SHARE` of the
        threshold, so a cluster sharing none of the probed terms cannot reach the threshold.
        The bound is the smaller of two exact ones: the sum over the left-out terms of weight
        times the term's centroid peak, and Cauchy-Schwarz (the left-out part of the vector
        has a norm, and the matching part of a unit centroid a norm of at most one and at
        most the root of the sum of the peaks squared).
        """
        ordered = sorted(vec.items(), key=lambda tw: (tw[1], tw[0]))
        peak = self._centroid_peak
        limit = PROBE_SHARE * self.threshold
        total = squares = peaks = 0.0
        bounds = [0.0]
        for i, (t, w) in enumerate(ordered):
            p = peak[t]
            total += w * p
            squares += w * w
            peaks += p * p
            bound = min(total, math.sqrt(squares) * min(1.0, math.sqrt(peaks)))
            if bound >= limit:
                return ordered[i:], ordered[:i], bounds
            bounds.append(bound)
        return [], ordered, bounds

    def _matching_clusters(self, vec: dict[int, float]) -> dict[int, float]:
        """Clusters whose centroid has cosine similarity >= threshold with `vec`: seq -> sim."""
        probe, rest, bounds = self._probe_terms(vec)
        if not probe:
            return {}
        # Dot products with every live cluster, in a list indexed by cluster seq: faster than
        # a dict for the few hundred clusters a common term reaches.
        dots = [0.0] * self._next_seq
        index = self._cluster_index
        for t, w in probe:
            posting = index.get(t)
            if posting:
                for seq, cw in posting.items():
                    dots[seq] += w * cw
        out: dict[int, float] = {}
        threshold = self.threshold
        cut = len(rest)
        margin = bounds[cut] + _SLACK
        for seq, cluster in self._clusters.items():
            dot = dots[seq]
            norm = cluster.norm
            if dot == 0.0 or dot + margin * norm < threshold * norm:
                continue
            # The left-out terms, heaviest first, while the lighter ones could still matter.
            c = cluster.centroid
            need = threshold * norm - _SLACK * norm
            j = cut
            while j:
                if dot + bounds[j] * norm < need:
                    break
                j -= 1
                t, w = rest[j]
                dot += w * c.get(t, 0.0)
            else:
                if dot < need:
                    continue
                # The similarity that decides is the full dot product in the vector's own
                # order, so it does not depend on which terms the bounds let the lookup skip.
                sim = sum(w * c.get(t, 0.0) for t, w in vec.items()) / norm
                if sim >= threshold:
                    if self.average_linkage:
                        # The mean similarity to the members: the centroid's dot product over
                        # their number, never above the cosine (a sum of n unit vectors has a
                        # norm of at most n), so the search above finds every candidate.
                        sim = sim * norm / len(cluster.members)
                        if sim < threshold:
                            continue
                    out[seq] = sim
        return out

    def _store(self, item_id: str, tids: Sequence[int]) -> dict[int, float]:
        """Give the item a position and its postings (for `nearest`); return its vector."""
        if item_id in self._pos:
            raise ValueError(f"item {item_id!r} is already in the index")
        vec = self._weigh(tids)
        pos = len(self._ids)
        self._ids.append(item_id)
        self._pos[item_id] = pos
        # The item's own vector before its postings: a position found in a posting can always
        # be scored.
        self._item_terms.extend(vec.keys())
        self._item_weights.extend(vec.values())
        self._item_start.append(len(self._item_terms))
        postings = self._postings
        for t, w in vec.items():
            posting = postings.get(t)
            if posting is None:
                posting = postings[t] = (array("i"), array("f"))
            posting[0].append(pos)
            posting[1].append(w)
        return vec

    def _score(self, vec: dict[int, float], pos: int) -> float:
        """The similarity of a query vector to the item at `pos`, from the item's vector."""
        start, end = self._item_start[pos], self._item_start[pos + 1]
        shared = map(vec.get, self._item_terms[start:end], repeat(0.0))
        found: float = sum(map(mul, shared, self._item_weights[start:end]))
        return found

    def _peak(self, t: int) -> float:
        """The largest weight in term `t`'s posting (the single-precision values kept)."""
        weights = self._postings[t][1]
        seen, peak = self._posting_peak.get(t, (0, 0.0))
        size = len(weights)
        if seen < size:
            peak = max(peak, max(weights[seen:size]))
            self._posting_peak[t] = (size, peak)
        return peak

    def _insert(self, item_id: str, tids: Sequence[int]) -> dict[int, int]:
        """Store the item and put it in a cluster: position -> cluster seq of every item moved."""
        vec = self._store(item_id, tids)
        pos = len(self._ids) - 1
        matches = self._matching_clusters(vec)
        self._item_cluster.append(-1)
        if not matches:
            seq = self._new_cluster()
            self._join(pos, vec, seq)
            return {pos: seq}
        if not self.merge_bridges:
            closest = min(matches, key=lambda seq: (-matches[seq], seq))
            self._join(pos, vec, closest)
            return {pos: closest}
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
        index = self._cluster_index
        dot = 0.0
        for t, w in vec.items():
            old = c.get(t)
            if old is None:
                c[t] = w
                posting = index.get(t)
                if posting is None:
                    posting = index[t] = {}
                posting[seq] = w
            else:
                dot += old * w
                c[t] = index[t][seq] = old + w
        cluster.norm2 += 2 * dot + sum(w * w for w in vec.values())
        norm = cluster.norm = math.sqrt(cluster.norm2)
        # Weights only grow and norms only grow, so only the item's own terms can have risen
        # in the unit centroid; the others' peaks stay upper bounds.
        peak = self._centroid_peak
        for t in vec:
            share = c[t] / norm
            if share > peak[t]:
                peak[t] = share
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
        norm = keep.norm = math.sqrt(keep.norm2)
        peak = self._centroid_peak
        for t in gone.centroid:
            share = c[t] / norm
            if share > peak[t]:
                peak[t] = share
        keep.members = sorted(keep.members + gone.members)
        for p in gone.members:
            self._item_cluster[p] = survivor
        return dict.fromkeys(gone.members, survivor)
