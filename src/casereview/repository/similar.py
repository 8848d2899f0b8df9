""" "Reviews like this one": the nearest documents by shared record values and by title words.

The method is deliberately simple and fast (docs/adr/0008-repository-pages.md):

1. Structured likeness: each other document scores one point per value it shares with this
   one among review type, outcome, age band and abuse types (one indexed GROUP BY over
   `DocumentFacet`).
2. Text likeness: the title's words, ORed together, go through the same full-text backend
   as search; the best-ranked matches earn up to `TEXT_POINTS`, falling with rank.

The two scores are added and ties go to the newer review. Only documents the person may see
are considered, and nothing here is audited: it reads nothing but what the page already shows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Q

from casereview.repository import access
from casereview.repository.models import Document, DocumentFacet
from casereview.repository.query import STOP_WORDS, WORD, parse
from casereview.repository.search import backend

# Record values that make two reviews alike (board and year say where and when, not what).
LIKENESS_FACETS = ("review_type", "outcome", "age_band", "abuse_type")
# How many candidates each half considers before the scores are combined.
CANDIDATES = 100
# The best text match is worth this many shared values; a title match alone is a weak signal.
TEXT_POINTS = 2.0
# Title words too common in review titles to say anything about the case.
TITLE_NOISE = frozenset(
    {
        "review",
        "reviews",
        "child",
        "children",
        "safeguarding",
        "practice",
        "serious",
        "case",
        "local",
        "learning",
        "report",
        "final",
        "partnership",
        "board",
    }
)
MAX_TITLE_TERMS = 8


def title_terms(title: str) -> list[str]:
    words = [w.lower() for w in WORD.findall(title)]
    useful = [w for w in words if len(w) > 2 and w not in STOP_WORDS and w not in TITLE_NOISE]
    return list(dict.fromkeys(useful))[:MAX_TITLE_TERMS]


def similar_documents(document: Document, user: Any, limit: int = 5) -> list[Document]:
    visible = access.visible_documents(user).exclude(pk=document.pk)
    scores: dict[int, float] = defaultdict(float)
    shared = Q()
    for name, value in document.facets.filter(name__in=LIKENESS_FACETS).values_list(
        "name", "value"
    ):
        shared |= Q(name=name, value=value)
    if shared:
        rows = (
            DocumentFacet.objects.filter(shared, document__in=visible.values("id"))
            .values("document")
            .annotate(shared=Count("id"))
            .order_by("-shared", "-document")[:CANDIDATES]
        )
        for row in rows:
            scores[row["document"]] += row["shared"]
    terms = title_terms(document.title)
    if terms:
        query = parse(" OR ".join(terms))
        if not query.is_empty:
            allowed = set(visible.order_by().values_list("id", flat=True))
            found = [i for i in backend().matches(query) if i in allowed]
            for position, pk in enumerate(found[:CANDIDATES]):
                scores[pk] += TEXT_POINTS * (1 - position / CANDIDATES)
    if not scores:
        return []
    best = sorted(scores, key=lambda pk: -scores[pk])[: limit * 3]
    documents = Document.objects.in_bulk(best)
    ranked = sorted(
        (documents[pk] for pk in best if pk in documents),
        key=lambda d: (-scores[d.pk], -(d.year_published or 0), d.pk),
    )
    return ranked[:limit]
