"""The query parser turns anything typed into words, phrases, OR, exclusions and prefixes, and
the FTS5 rendering holds nothing but quoted letters and digits."""

from __future__ import annotations

import re

import pytest

from casereview.repository.query import Clause, Term, parse, to_fts5, to_tsquery_sql


def test_words_phrases_exclusions_and_prefixes() -> None:
    query = parse('neglect "domestic abuse" -housing assess*')

    assert query.clauses == (
        Clause(
            include=(Term(("neglect",)), Term(("domestic", "abuse")), Term(("assess",), True)),
            exclude=(Term(("housing",)),),
        ),
    )


def test_or_in_capitals_separates_alternatives_and_lowercase_or_is_a_stop_word() -> None:
    assert len(parse("neglect OR housing").clauses) == 2
    assert len(parse("neglect or housing").clauses) == 1


def test_stop_words_are_dropped_from_bare_words_but_kept_in_phrases() -> None:
    assert parse("the voice of the child").terms() == [Term(("voice",)), Term(("child",))]
    assert parse('"voice of the child"').terms() == [Term(("voice", "of", "the", "child"))]


@pytest.mark.parametrize(
    "hostile",
    ['"unclosed', "NEAR(a b)", "col:umn", "back\\slash", "a)b(c", "*", '""', "-", "x' OR 1=1"],
)
def test_the_fts5_rendering_holds_only_quoted_words(hostile: str) -> None:
    rendered = to_fts5(parse(hostile))

    strings = re.findall(r'"([^"]*)"', rendered)
    outside = re.sub(r'"[^"]*"\*?', "", rendered)
    assert all(re.fullmatch(r"[^\W_]+( [^\W_]+)*", s) for s in strings)
    assert set(outside) <= set("() ANDORT")


def test_the_postgresql_rendering_passes_every_word_as_a_parameter() -> None:
    sql, params = to_tsquery_sql(parse('neglect "home visit" -school assess*'))

    assert "neglect" not in sql and "school" not in sql
    assert params == ["neglect", "home visit", "assess:*", "school"]


def test_a_very_long_query_is_cut_to_a_bounded_number_of_terms() -> None:
    assert len(parse(" ".join(f"word{n}" for n in range(500))).terms()) == 32
