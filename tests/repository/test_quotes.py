"""Quotes under search results, chosen and marked in Python from FTS5's own word forms."""

from __future__ import annotations

from casereview.repository.index_words import index_forms
from casereview.repository.query import parse
from casereview.repository.quotes import ELLIPSIS, MARK_END, MARK_START, quote


def marked(text: str, query: str, words: int = 30) -> str | None:
    result = quote(text, parse(query).terms(), index_forms, words)
    if result is None:
        return None
    return result.replace(MARK_START, "[").replace(MARK_END, "]")


def test_every_form_the_index_would_match_is_marked() -> None:
    text = "Assessments were late. The assessor assessed nothing; reassessment never came."

    assert marked(text, "assessment") == (
        "[Assessments] were late. The assessor [assessed] nothing; reassessment never came."
    )


def test_a_prefix_marks_each_word_it_starts() -> None:
    assert marked("The assessor's assessment came late.", "assess*") == (
        "The [assessor]'s [assessment] came late."
    )


def test_a_phrase_is_marked_whole_and_only_where_it_is_whole() -> None:
    text = "The child was seen. A child protection plan was made; the plan lapsed."

    assert marked(text, '"child protection plan"') == (
        "The child was seen. A [child protection plan] was made; the plan lapsed."
    )


def test_a_long_page_is_cut_to_a_window_around_the_words() -> None:
    text = " ".join(f"word{n}" for n in range(200)) + " neglect " + "tail " * 50

    result = marked(text, "neglect", words=10)

    assert result is not None
    assert result.startswith(ELLIPSIS) and result.endswith(ELLIPSIS)
    assert "[neglect]" in result
    assert len(result.split()) <= 12


def test_the_window_goes_where_most_of_the_words_are_together() -> None:
    text = (
        "Neglect was noted. "
        + "Other matters were discussed at length. " * 20
        + "Later neglect and housing were linked."
    )

    result = marked(text, "neglect housing", words=8)

    assert result is not None
    assert "[neglect] and [housing]" in result


def test_line_breaks_become_spaces() -> None:
    assert marked("Domestic\nabuse was\n\nreported.", '"domestic abuse"') == (
        "[Domestic abuse] was reported."
    )


def test_no_quote_when_nothing_on_the_page_matches() -> None:
    assert marked("Nothing relevant here.", "neglect") is None


def test_pages_with_and_without_other_letters_are_quoted_alike() -> None:
    # ASCII pages take a quicker path (folded by one translation and split on spaces); a page
    # with any other letter is read word by word. The two must mark and cut the same way.
    words = " ".join(f"word{n}" for n in range(60))
    plain = f"{words} Neglect of the child was seen. {words}"
    other = f"{words} Neglect of the child was seen at the café. {words}"

    plain_quote = marked(plain, "neglect", words=8)
    other_quote = marked(other, "neglect", words=8)

    assert (
        plain_quote
        == other_quote
        == f"{ELLIPSIS}word58 word59 [Neglect] of the child was seen{ELLIPSIS}"
    )
    assert marked("Café staff saw NEGLECT.", "neglect") == "Café staff saw [NEGLECT]."
    assert marked("Staff saw NEGLECT.", "neglect") == "Staff saw [NEGLECT]."
