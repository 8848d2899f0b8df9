"""Why two recommendations are close, in words: the other text's phrases that carry terms of
this one's lesson, as its author wrote them, and nothing from the template."""

from __future__ import annotations

from casereview.analysis.lessons import shared_phrases


def test_a_synonym_is_shown_in_the_other_authors_words() -> None:
    found = shared_phrases(
        "Train practitioners on bruising in non-mobile babies.",
        "The Board should make sure every practitioner is trained to recognise bruising in "
        "non-mobile infants within six months.",
    )
    assert any("bruising in non-mobile infants" in phrase for phrase in found), found


def test_the_template_is_not_shared() -> None:
    found = shared_phrases(
        "The Partnership should seek assurance within six months that schools teach online safety.",
        "The Partnership should seek assurance within six months that dentists record missed "
        "appointments.",
    )
    assert found == []
