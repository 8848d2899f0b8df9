"""The phrase index answers phrases exactly as FTS5 would (repository.phrases), and phrase indexes
forget removed documents on both databases."""

from __future__ import annotations

import sqlite3
from itertools import pairwise

import pytest
from django.db import connection

from casereview.repository import phrases
from casereview.repository.search import search
from tests.repository.conftest import add_document, titles

TEXT = (
    "The child's plan — reviewed by Dr Ødegaard & the GP on 3rd May 2021 — said “no further "
    "action”. Multi-agency re-assessment (Section 47) followed; café staff, naïve coöperation, "
    "R2 and 2b were noted. ASSESSMENTS assessed, assessing."
)


def fts5_tokens(text: str) -> list[str]:
    """What FTS5 itself indexes for `text`, in order."""
    scratch = sqlite3.connect(":memory:")
    scratch.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{phrases.TOKENIZE}')")
    scratch.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    scratch.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", (text,))
    return [term for term, _ in sorted(scratch.execute("SELECT term, offset FROM v"), key=_at)]


def _at(row: tuple[str, int]) -> int:
    return row[1]


def test_the_pairs_are_made_of_the_tokens_fts5_indexes() -> None:
    assert phrases.tokens(TEXT) == fts5_tokens(TEXT)
    tokens = fts5_tokens(TEXT)
    assert phrases.pair_text(TEXT).split() == [f"{a}_{b}" for a, b in pairwise(tokens)]


def test_text_that_is_ascii_but_for_its_punctuation_gives_the_same_tokens() -> None:
    # Split in C after folding (repository.phrases.words_of), not by the regular expression.
    text = (
        "The Child\u2019s plan \u2014 \u201cno further action\u201d \u2022 re\u2011assessment"
        "\u2026 ASSESSMENTS on 3rd May\u00a02021, soft\u00adhyphen; Section 47(b)_x."
    )

    assert phrases.words_of(text)[:4] == ["the", "child", "s", "plan"]
    assert phrases.tokens(text) == fts5_tokens(text)
    assert phrases.tokens(TEXT) == fts5_tokens(TEXT)


def test_a_phrase_is_one_pair_one_triple_or_the_phrase_of_its_triples() -> None:
    assert phrases.phrase_match(["neglect"]) is None
    assert phrases.phrase_match(["domestic", "abuse"]) == 'pairs : "domest_abus"'
    assert phrases.phrase_match(["child", "protection", "plans"]) == (
        'triples : "child_protect_plan"'
    )
    assert phrases.phrase_match(["the", "voice", "of", "the", "child"]) == (
        'triples : "the_voic_of voic_of_the of_the_child"'
    )


@pytest.mark.django_db
def test_a_removed_document_stops_matching_a_phrase_at_once() -> None:
    document = add_document("A child protection plan was made.", title="Review R")
    assert titles(search('"child protection plan"').hits) == {"Review R"}
    removed = document.pk

    document.delete()
    add_document("The plan was child led; protection came later.", title="Review S", name="s")

    assert titles(search('"child protection plan"').hits) == set()
    if connection.vendor == "postgresql":
        # Its keys (migration 0010) go with its search text.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM repository_searchkey WHERE document_id = %s", [removed]
            )
            assert cursor.fetchone()[0] == 0
