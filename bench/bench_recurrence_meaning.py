"""Benchmark "made before" by meaning: candidate similarities on hand-written paraphrase families.

The development set (families of recommendations that carry one lesson in different words, and
hard-negative pairs that share a template but not a lesson; its README explains it) is planted
in a background of recommendations worded by the demo generator (`build_report`, seed 7, no
documents rendered), shuffled with a fixed seed. For each candidate similarity it prints:

- hit@5: the share of family members with a family partner among their 5 nearest pool items;
- the median similarity of within-family pairs and of hard-negative pairs;
- for each grouping rule (join the group whose centroid is closest, or whose every member, or
  whose members on average, reach the threshold; one pass in pool order, never merging groups,
  so one bridging item cannot join two groups), a threshold sweep: pairwise precision and
  recall over family members (false pairs are members of different families and hard-negative
  pairs grouped, as the project's scorer counts them), hard negatives grouped, and the demo
  generator's planted families' precision and recall over the background (so nothing
  regresses);
- the time to featurise and embed the pool and the process's peak memory.

Candidate groups for an item are those of its 20 nearest earlier items (exact similarities,
computed in blocks); the rule is then applied exactly to each. `--production` also runs the
library's own `RecurrenceIndex` (the code path the repository uses) on the same pool.

Needs numpy and scipy; the LSA candidates scikit-learn and the wordllama candidates wordllama
(none is a dependency of casereview: install them beside it, e.g. `pip install --target DIR`,
and put DIR on PYTHONPATH). Run heavy work under nice on a shared machine:

    nice -n 15 .venv/bin/python bench/bench_recurrence_meaning.py \
        --set ../shared/eval-dev/recurrence --background 12000 --cache /tmp/rec-bg/bg.json
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from casereview.analysis.lessons import lesson_features, lesson_index, lesson_terms, lesson_text
from casereview.analysis.recurrence import RecurrenceIndex, features, terms

SEED = 7  # the demo generator's seed for the background and the pool's shuffle
K_CANDIDATES = 20
RESTATEMENT = 0.8  # neighbours this alike are one restatement (see `distinct`)
DENSE_DIMS = 2048  # wider vectors stay sparse
THRESHOLDS = [round(0.15 + 0.05 * i, 2) for i in range(9)]


@dataclass
class Pool:
    ids: list[str]
    texts: list[str]
    family: dict[int, str]  # pool position -> development family, members only
    negatives: list[tuple[int, int]]
    planted: dict[int, str]  # pool position -> demo family, background only


def background(count: int, cache: str | None) -> list[tuple[str, str]]:
    if cache and os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            items = json.load(f)["items"]
        if len(items) >= count:
            return [(x["family"], x["text"]) for x in items[:count]]
    from casereview.democorpus.content import build_report

    out: list[dict[str, str]] = []
    index = 0
    while len(out) < count:
        report = build_report(SEED, index)
        out += [
            {"id": f"bg{index}#{k}", "text": r.text, "family": r.family}
            for k, r in enumerate(report.recommendations)
        ]
        index += 1
    if cache:
        with open(cache, "w", encoding="utf-8") as f:
            json.dump({"seed": SEED, "reports": index, "items": out}, f)
    return [(x["family"], x["text"]) for x in out[:count]]


def build_pool(folder: str, count: int, cache: str | None) -> Pool:
    rows: list[tuple[str, str, str | None, str | None]] = []  # id, text, family, planted
    with open(os.path.join(folder, "families.jsonl"), encoding="utf-8") as f:
        for line in f:
            fam = json.loads(line)
            rows += [(m["id"], m["text"], fam["family"], None) for m in fam["members"]]
    negs = []
    with open(os.path.join(folder, "negatives.jsonl"), encoding="utf-8") as f:
        for line in f:
            n = json.loads(line)
            rows += [(n["id"] + "-a", n["a"], None, None), (n["id"] + "-b", n["b"], None, None)]
            negs.append(n["id"])
    rows += [(f"bg{k}", text, None, fam) for k, (fam, text) in enumerate(background(count, cache))]
    random.Random(SEED).shuffle(rows)
    pos = {r[0]: k for k, r in enumerate(rows)}
    return Pool(
        ids=[r[0] for r in rows],
        texts=[r[1] for r in rows],
        family={k: r[2] for k, r in enumerate(rows) if r[2]},
        negatives=[(pos[n + "-a"], pos[n + "-b"]) for n in negs],
        planted={k: r[3] for k, r in enumerate(rows) if r[3]},
    )


# -- candidates: each maps the pool's texts to unit row vectors ---------------------------------


def tfidf(docs: Sequence[Sequence[str]], power: float = 1.0) -> sparse.csr_matrix:
    """Unit TF-IDF rows as the library weighs them (smoothed IDF), IDF raised to `power`."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, doc in enumerate(docs):
        for term, tf in Counter(doc).items():
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(float(tf))
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64)
    df = np.bincount(m.indices, minlength=len(vocab))
    idf = (np.log((1 + len(docs)) / (1 + df)) + 1.0) ** power
    m = m.multiply(idf).tocsr()
    return normalise(m)


def normalise(m: sparse.csr_matrix | np.ndarray) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m, dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norms) @ m)


def with_pairs(words: list[str], trigrams: bool = False) -> list[str]:
    out = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    if trigrams:
        out += [f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)]
    return out


def lsa(texts: Sequence[str], analyzer: str, dims: int = 256) -> sparse.csr_matrix:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    if analyzer == "char":
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
        x = vec.fit_transform(texts)
    else:
        vec = TfidfVectorizer(analyzer=lambda t: t, min_df=2, sublinear_tf=True)
        x = vec.fit_transform([lesson_features(t) for t in texts])
    svd = TruncatedSVD(n_components=dims, random_state=SEED, algorithm="randomized", n_iter=5)
    return normalise(svd.fit_transform(x))


def wordllama(texts: Sequence[str]) -> sparse.csr_matrix:
    import wordllama as wl
    from wordllama import WordLlama

    model = WordLlama.load(cache_dir=os.path.dirname(wl.__file__), disable_download=True)
    return normalise(np.asarray(model.embed(list(texts), norm=True), dtype=np.float64))


def mechanisms(texts: Sequence[str]) -> sparse.csr_matrix:
    from casereview.analysis.coding import code_recommendation

    codes = [code_recommendation(t).mechanism for t in texts]
    names = sorted(set(codes))
    cols = [names.index(c) for c in codes]
    return sparse.csr_matrix(
        (np.ones(len(codes)), (range(len(codes)), cols)), shape=(len(codes), len(names))
    )


def mix(parts: list[tuple[float, sparse.csr_matrix]]) -> sparse.csr_matrix:
    """Rows whose dot product is the weighted sum of the parts' similarities."""
    return sparse.csr_matrix(sparse.hstack([math.sqrt(w) * m for w, m in parts]))


def candidates(texts: list[str], chosen: set[str]) -> dict[str, Callable[[], sparse.csr_matrix]]:
    framed = [lesson_text(t) for t in texts]
    cache: dict[str, sparse.csr_matrix] = {}

    def memo(name: str, make: Callable[[], sparse.csr_matrix]) -> sparse.csr_matrix:
        if name not in cache:
            cache[name] = make()
        return cache[name]

    def words() -> sparse.csr_matrix:
        return memo("words", lambda: tfidf([features(t) for t in texts]))

    def frame() -> sparse.csr_matrix:
        return memo("frame", lambda: tfidf([terms(t) for t in framed]))

    def concepts() -> sparse.csr_matrix:
        return memo("concepts", lambda: tfidf([lesson_terms(t) for t in texts]))

    def concepts_pairs() -> sparse.csr_matrix:
        return memo("concepts_pairs", lambda: tfidf([with_pairs(lesson_terms(t)) for t in texts]))

    def concepts_rare() -> sparse.csr_matrix:
        docs = [with_pairs(lesson_terms(t), trigrams=True) for t in texts]
        return memo("concepts_rare", lambda: tfidf(docs, power=2.0))

    def lsa_char() -> sparse.csr_matrix:
        return memo("lsa_char", lambda: lsa(framed, "char"))

    def lsa_words() -> sparse.csr_matrix:
        return memo("lsa_words", lambda: lsa(texts, "words"))

    def wl() -> sparse.csr_matrix:
        return memo("wordllama", lambda: wordllama(framed))

    def mech() -> sparse.csr_matrix:
        return memo("mech", lambda: mechanisms(texts))

    table: dict[str, Callable[[], sparse.csr_matrix]] = {
        "words": words,
        "words-unigrams": lambda: tfidf([terms(t) for t in texts]),
        "frame": frame,
        "frame+concepts": concepts,
        "frame+concepts+pairs": concepts_pairs,
        "frame+concepts x2 (lesson_features)": lambda: tfidf([lesson_features(t) for t in texts]),
        "frame+concepts+rare-phrases": concepts_rare,
        "lsa-char(frame)": lsa_char,
        "lsa-words(concepts)": lsa_words,
        "wordllama(raw)": lambda: wordllama(texts),
        "wordllama(frame)": wl,
        "concepts+lsa-char": lambda: mix([(0.7, concepts()), (0.3, lsa_char())]),
        "concepts+lsa-words": lambda: mix([(0.7, concepts()), (0.3, lsa_words())]),
        "concepts+wordllama": lambda: mix([(0.7, concepts()), (0.3, wl())]),
        "concepts+mechanism": lambda: mix([(0.9, concepts()), (0.1, mech())]),
    }
    return {k: v for k, v in table.items() if not chosen or k in chosen}


# -- measures --------------------------------------------------------------------------------


def nearest(x: sparse.csr_matrix, rows: Sequence[int], k: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row index, the k most similar other pool items and their similarities."""
    idx = np.zeros((len(rows), k), dtype=np.int64)
    sims = np.zeros((len(rows), k))
    dense = x.toarray().astype(np.float32) if x.shape[1] <= DENSE_DIMS else None
    xt = x.T.tocsc()
    for start in range(0, len(rows), 500):
        block = list(rows[start : start + 500])
        if dense is not None:
            s = (dense[block] @ dense.T).astype(np.float64)
        else:
            s = (x[block] @ xt).toarray()
        s[np.arange(len(block)), block] = -np.inf
        top = np.argpartition(-s, k, axis=1)[:, :k]
        vals = np.take_along_axis(s, top, axis=1)
        order = np.argsort(-vals, axis=1)
        idx[start : start + len(block)] = np.take_along_axis(top, order, axis=1)
        sims[start : start + len(block)] = np.take_along_axis(vals, order, axis=1)
    return idx, sims


def distinct(x: sparse.csr_matrix, ranked: Sequence[int], k: int) -> list[int]:
    """The first k of `ranked` that are not restatements (similarity >= `RESTATEMENT`) of one
    listed before: a reader gains nothing from five copies of one template's wording, and a
    generated background holds dozens of them for each of its lessons."""
    chosen: list[int] = []
    for j in ranked:
        if all(pair_sim(x, j, c) < RESTATEMENT for c in chosen):
            chosen.append(j)
            if len(chosen) == k:
                break
    return chosen


def pair_sim(x: sparse.csr_matrix, a: int, b: int) -> float:
    return float(x[a].multiply(x[b]).sum())


def group(x: sparse.csr_matrix, rule: str, threshold: float, knn: np.ndarray) -> list[int]:
    """One pass in pool order: each item joins the candidate group that best meets the rule
    at the threshold, or starts its own. Groups never merge."""
    n = x.shape[0]
    group_of = [-1] * n
    members: list[list[int]] = []
    norm2: list[float] = []
    dense = x.toarray() if x.shape[1] <= DENSE_DIMS else None
    for i in range(n):
        seen = {group_of[j] for j in knn[i] if j < i}
        best, best_score, best_dots = -1, -1.0, None
        for g in seen:
            m = members[g]
            if dense is not None:
                dots = dense[m] @ dense[i]
            else:
                dots = np.asarray((x[m] @ x[i].T).todense()).ravel()
            if rule == "centroid":
                score = float(dots.sum()) / math.sqrt(norm2[g])
            elif rule == "complete":
                score = float(dots.min())
            else:
                score = float(dots.mean())
            if score >= threshold and score > best_score:
                best, best_score, best_dots = g, score, dots
        if best < 0:
            best = len(members)
            members.append([])
            norm2.append(0.0)
            best_dots = np.zeros(0)
        assert best_dots is not None
        norm2[best] += 2 * float(best_dots.sum()) + 1.0
        members[best].append(i)
        group_of[i] = best
    return group_of


def pairwise(labels: dict[int, str], group_of: Sequence[int]) -> tuple[int, int, int]:
    together = Counter((group_of[i], f) for i, f in labels.items())
    grouped = Counter(group_of[i] for i in labels)
    fams = Counter(labels.values())

    def pairs(c: Counter[object]) -> int:
        return sum(v * (v - 1) // 2 for v in c.values())

    tp = pairs(together)  # type: ignore[arg-type]
    return tp, pairs(grouped) - tp, pairs(fams) - tp  # type: ignore[arg-type]


def report(pool: Pool, name: str, x: sparse.csr_matrix, took: float, rules: list[str]) -> None:
    members = sorted(pool.family)
    idx, _ = nearest(x, members, 5)
    hits = sum(
        any(pool.family.get(j) == pool.family[i] for j in row)
        for i, row in zip(members, idx, strict=True)
    )
    wide, _ = nearest(x, members, 60)
    diverse = sum(
        any(pool.family.get(j) == pool.family[i] for j in distinct(x, row, 5))
        for i, row in zip(members, wide, strict=True)
    )
    true_pairs = [
        pair_sim(x, a, b)
        for a, b in itertools.combinations(members, 2)
        if pool.family[a] == pool.family[b]
    ]
    neg_sims = [pair_sim(x, a, b) for a, b in pool.negatives]
    neg_idx, _ = nearest(x, [a for a, _ in pool.negatives], 5)
    neg_near = sum(b in row for (_, b), row in zip(pool.negatives, neg_idx, strict=True))
    print(
        f"\n== {name}: hit@5 {hits / len(members):.3f} ({hits}/{len(members)}), one per "
        f"restatement {diverse / len(members):.3f}; median "
        f"similarity true pairs {statistics.median(true_pairs):.2f}, hard negatives "
        f"{statistics.median(neg_sims):.2f}; negative b among a's 5 nearest "
        f"{neg_near}/{len(pool.negatives)}; {x.shape[1]} dims; embed {took:.1f} s"
    )
    started = time.perf_counter()
    knn, _ = nearest(x, range(x.shape[0]), K_CANDIDATES)
    print(f"   ({K_CANDIDATES} nearest of every item: {time.perf_counter() - started:.1f} s)")
    print("   rule      thresh  precision recall  F1     neg.grouped  demo P/R     time")
    for rule in rules:
        for t in THRESHOLDS:
            started = time.perf_counter()
            g = group(x, rule, t, knn)
            took_g = time.perf_counter() - started
            tp, fp, fn = pairwise(pool.family, g)
            neg = sum(g[a] == g[b] for a, b in pool.negatives)
            fp_all = fp + neg
            p = tp / (tp + fp_all) if tp + fp_all else 1.0
            r = tp / (tp + fn)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            dtp, dfp, dfn = pairwise(pool.planted, g)
            dp = dtp / (dtp + dfp) if dtp + dfp else 1.0
            dr = dtp / (dtp + dfn)
            print(
                f"   {rule:9} {t:5.2f}   {p:7.3f}  {r:6.3f}  {f1:5.3f}  "
                f"{neg / len(pool.negatives):5.3f}        {dp:.2f}/{dr:.2f}    {took_g:4.1f} s"
            )
            if r < 0.02:
                break
    sys.stdout.flush()


def wording(text: str) -> str:
    """A lesson's wording as the checker compares restatements: `lesson_text`, words only."""
    return " ".join(re.findall(r"[a-z0-9]+", lesson_text(text).lower()))


def production(pool: Pool, label: str, index: RecurrenceIndex) -> None:
    """The library's own index on the pool: clusters and `nearest`, as the repository runs it."""
    started = time.perf_counter()
    assigned = index.build((str(k), t) for k, t in enumerate(pool.texts))
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ids = {c: n for n, c in enumerate(sorted(set(assigned.values())))}
    g = [ids[assigned[str(k)]] for k in range(len(pool.texts))]
    tp, fp, fn = pairwise(pool.family, g)
    neg = sum(g[a] == g[b] for a, b in pool.negatives)
    p = tp / (tp + fp + neg) if tp + fp + neg else 1.0
    members = sorted(pool.family)
    hits = 0
    started = time.perf_counter()
    for i in members:
        found = index.nearest(pool.texts[i], k=6)
        others = [int(nb.item_id) for nb in found if int(nb.item_id) != i][:5]
        hits += any(pool.family.get(j) == pool.family[i] for j in others)
    per_query = (time.perf_counter() - started) / len(members)
    # As the checker lists them: 25 asked, one per wording of the lesson (`lesson_text`), 5 kept.
    listed = 0
    for i in members:
        seen = {wording(pool.texts[i])}
        kept: list[int] = []
        for nb in index.nearest(pool.texts[i], k=25):
            j = int(nb.item_id)
            if j != i and wording(pool.texts[j]) not in seen:
                seen.add(wording(pool.texts[j]))
                kept.append(j)
        listed += any(pool.family.get(j) == pool.family[i] for j in kept[:5])
    dtp, dfp, dfn = pairwise(pool.planted, g)
    print(
        f"   {label:34} {index.threshold:4.2f}  hit@5 {hits / len(members):.3f} (one per "
        f"wording {listed / len(members):.3f})  P {p:.3f} "
        f"R {tp / (tp + fn):.3f}  neg {neg / len(pool.negatives):.3f}  demo P/R "
        f"{dtp / max(1, dtp + dfp):.2f}/{dtp / max(1, dtp + dfn):.2f}  build {took:.1f} s, "
        f"nearest {per_query * 1000:.0f} ms, peak {peak:.0f} MiB"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--set", default="../shared/eval-dev/recurrence")
    ap.add_argument("--background", type=int, default=12000)
    ap.add_argument("--cache", help="a JSON file that keeps the generated background")
    ap.add_argument("--only", default="", help="comma-separated candidate names")
    ap.add_argument("--rules", default="centroid,complete,average")
    ap.add_argument("--production", action="store_true")
    args = ap.parse_args()
    pool = build_pool(args.set, args.background, args.cache)
    print(
        f"pool: {len(pool.texts)} items ({len(pool.family)} family members, "
        f"{len(pool.negatives)} hard-negative pairs, background seed {SEED})"
    )
    chosen = {c for c in args.only.split(",") if c}
    for name, make in candidates(pool.texts, chosen).items():
        started = time.perf_counter()
        try:
            x = make()
        except ImportError as exc:
            print(f"\n== {name}: skipped ({exc})")
            continue
        report(pool, name, x, time.perf_counter() - started, args.rules.split(","))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"   peak memory of the process so far: {peak:.0f} MiB")
    if args.production:
        print("\n== the library's RecurrenceIndex on the pool (the repository's code path)")
        production(pool, "today: words, centroid, merging", RecurrenceIndex())
        for t in (0.35, 0.4, 0.45, 0.5, 0.55):
            centroid = RecurrenceIndex(threshold=t, featurise=lesson_features, merge_bridges=False)
            production(pool, "lesson_features, centroid", centroid)
            production(pool, "lesson_index() (average linkage)", lesson_index(t))


if __name__ == "__main__":
    main()
