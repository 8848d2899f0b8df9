"""Search behaves the same on SQLite FTS5 and PostgreSQL: CI runs this module on both."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import reverse
from markupsafe import Markup

from casereview.accounts.models import User
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.repository.search import Hit, search
from casereview.repository.views import search_scope
from tests.conftest import Personas, signed_in_client
from tests.factories import verified
from tests.repository.conftest import add_document, titles

pytestmark = pytest.mark.django_db


def html(hit: Hit) -> str:
    """The snippet as the results page shows it."""
    return str(Markup(hit.snippet))


@pytest.fixture
def library() -> None:
    add_document(
        "The health visitor saw signs of neglect at home.",
        "Domestic abuse was reported to the police in May.",
        title="Review A",
        record={"year_published": 2021, "review_type": "LCSPR", "abuse_types": ["neglect"]},
    )
    add_document(
        "The school raised concerns about housing and overcrowding.",
        "Nobody asked about the domestic situation; abuse was not suspected.",
        title="Review B",
        record={"year_published": 2021, "review_type": "SCR", "abuse_types": ["physical"]},
    )
    add_document(
        "The assessment was started again after a long delay.",
        "Professionals showed little curiosity about the new partner.",
        title="Review C",
        record={"year_published": 2019, "review_type": "SCR", "abuse_types": ["neglect"]},
    )


def found(text: str, user: User | None = None, **kwargs: object) -> set[str]:
    if user is not None:
        kwargs["scope"] = search_scope(verified(user))
    return titles(search(text, **kwargs).hits)  # type: ignore[arg-type]


def test_every_word_must_appear(library: None) -> None:
    assert found("domestic abuse") == {"Review A", "Review B"}
    assert found("domestic police") == {"Review A"}


def test_a_quoted_phrase_must_appear_in_order(library: None) -> None:
    assert found('"domestic abuse"') == {"Review A"}


def test_a_longer_phrase_must_appear_whole_and_in_order(library: None) -> None:
    add_document("A child protection plan was made in March.", title="Review D", name="d.txt")
    add_document(
        "The plan for child protection was late; the protection plan of the child lapsed.",
        title="Review E",
        name="e.txt",
    )

    assert found('"child protection plan"') == {"Review D"}
    assert found('"child protection plans"') == {"Review D"}
    assert found('"protection plan"') == {"Review D", "Review E"}
    assert found('"plan of the child"') == {"Review E"}


def test_a_phrase_of_four_words_is_checked_whole(library: None) -> None:
    add_document("The child protection plan review was late.", title="Review F", name="f.txt")
    add_document(
        "A child protection plan was agreed. Later the protection plan review was held.",
        title="Review G",
        name="g.txt",
    )

    assert found('"child protection plan review"') == {"Review F"}
    assert found('"child protection plan" -"child protection plan review"') == {"Review G"}
    assert found('"child protection plan review" OR "little curiosity"') == {
        "Review F",
        "Review C",
    }


def test_a_phrase_is_found_however_far_into_a_long_report(library: None) -> None:
    # 60 pages of 400 words, no two alike: past the last position a PostgreSQL tsvector keeps
    # (16,383), where its own phrase search stops finding anything.
    people = ["the school", "the nurse", "the police", "the GP", "social care", "the family"]
    pages = [
        " ".join(
            f"Agencies met {people[(page + n) % 6]} on {page * 40 + n} occasions and shared news."
            for n in range(40)
        )
        for page in range(60)
    ]
    add_document(*pages, "At the very end a safety plan was written.", title="Long")

    assert found('"safety plan"') == {"Long"}
    assert found('"written safety"') == set()


def test_phrases_combine_with_words_or_and_exclusions(library: None) -> None:
    assert found('"domestic abuse" police') == {"Review A"}
    assert found('"domestic abuse" OR overcrowding') == {"Review A", "Review B"}
    assert found('"domestic abuse" OR "little curiosity"') == {"Review A", "Review C"}
    assert found('domestic -"domestic abuse"') == {"Review B"}
    assert found('"domestic abuse" -"health visitor"') == set()
    assert found('-"health visitor" "domestic situation"') == {"Review B"}


def test_a_phrase_in_the_title_is_found(library: None) -> None:
    add_document("Nothing more to say.", title="Learning from Child Q in Westshire", name="q.txt")

    assert found('"child q in westshire"') == {"Learning from Child Q in Westshire"}


def marked_together(html: str, *words: str) -> bool:
    """Whether a phrase's words are marked where they stand together: as one mark (FTS5's
    snippet()) or one mark per word (PostgreSQL's ts_headline)."""
    whole = "<mark>" + " ".join(words) + "</mark>"
    one_by_one = " ".join(f"<mark>{word}</mark>" for word in words)
    return whole in html or one_by_one in html


def test_a_phrase_ending_in_a_star_matches_the_start_of_its_last_word(library: None) -> None:
    assert found('"domestic abu"*') == {"Review A"}
    (hit,) = search('"domestic abu"*').hits
    assert hit.page == 2
    assert marked_together(html(hit), "Domestic", "abuse")


@pytest.mark.parametrize("text", ["a*", "ch*", '"child p"*', "neglect OR ch*", "neglect -ab*"])
def test_a_star_after_fewer_than_three_letters_is_refused_with_a_reason(
    library: None, text: str
) -> None:
    results = search(text)

    assert results.hits == []
    assert results.message.startswith("Put at least 3 letters before a star")


def test_a_prefix_of_very_many_words_is_still_found_and_quoted_on_the_right_page(
    library: None,
) -> None:
    many = " ".join(f"zor{chr(97 + a)}{chr(97 + b)}" for a in range(5) for b in range(5))
    add_document("Nothing here.", f"The zor words: {many}.", title="Review Z")

    (hit,) = search("zor*").hits
    (phrase_hit,) = search('"zor wor"*').hits

    assert hit.page == 2
    assert "<mark>zoraa</mark>" in html(hit)
    assert phrase_hit.page == 2
    assert marked_together(html(phrase_hit), "zor", "words")


def test_or_finds_either(library: None) -> None:
    assert found("housing OR curiosity") == {"Review B", "Review C"}


def test_or_binds_looser_than_and(library: None) -> None:
    assert found("neglect visitor OR overcrowding") == {"Review A", "Review B"}


def test_a_minus_leaves_out_documents_with_the_word(library: None) -> None:
    assert found("domestic -police") == {"Review B"}
    assert found('abuse -"domestic abuse"') == {"Review B"}


def test_only_words_to_leave_out_asks_for_a_word_to_search_for(library: None) -> None:
    results = search("-housing")

    assert results.hits == []
    assert "Add a word" in results.message


def test_a_star_matches_the_start_of_words(library: None) -> None:
    assert found("overcrowd*") == {"Review B"}
    assert found("curio*") == {"Review C"}


def test_words_match_their_other_forms(library: None) -> None:
    assert found("assessments") == {"Review C"}


@pytest.mark.parametrize(
    "hostile",
    [
        '"domestic',
        'domestic"abuse',
        "(neglect",
        "neglect)",
        "NEAR(neglect home)",
        "neglect NEAR home",
        "title:neglect",
        "body : neglect",
        "neglect\\",
        '\\"neglect\\"',
        "neglect AND NOT",
        "neglect*)*",
        "'; DROP TABLE repository_page; --",
        "^neglect",
        "{title}: neglect",
        "neglect + home",
        "neglect -",
        '""',
        "*",
        "OR OR",
        "the",
        "the*",
        "a* -the",
    ],
)
def test_hostile_input_is_treated_as_words_and_never_fails(library: None, hostile: str) -> None:
    results = search(hostile)

    assert results.total == len(results.hits)


def test_syntax_characters_around_a_word_still_find_it(library: None) -> None:
    assert found("(neglect)") == {"Review A"}
    assert found("NEAR(curiosity") == set()
    assert found("neglect\\") == {"Review A"}


def test_the_snippet_highlights_the_words_escapes_the_text_and_names_the_page() -> None:
    add_document(
        "Nothing to see on the first page.",
        "The <script>alert(1)</script> note said neglect & delay.",
        title="Review D",
    )

    (hit,) = search("neglect").hits

    assert hit.page == 2
    assert "<mark>neglect</mark>" in html(hit)
    outside_marks = re.sub(r"</?mark>", "", html(hit))
    assert "<" not in outside_marks
    assert not re.search(r"&(?!amp;|lt;|gt;)", outside_marks)
    assert "&amp;" in html(hit)


def test_the_snippet_comes_from_the_matching_page_that_uses_the_words_most() -> None:
    add_document(
        "Neglect was mentioned once here.",
        "Neglect, and neglect again: the neglect of the child's needs.",
        "A child protection plan, then neglect; the child protection plan ended.",
        title="Review F",
    )

    assert search("neglect").hits[0].page == 2
    assert search("child").hits[0].page == 3


def test_when_no_page_has_every_word_a_page_with_one_of_them_is_shown(library: None) -> None:
    (hit,) = search("visitor police").hits

    assert hit.page in (1, 2)
    assert "<mark>" in html(hit)


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body() -> None:
    add_document("A page about overcrowding in the home.", title="Review about schools")
    add_document("Concerns about schools were raised once.", title="Review E")

    hits = search("schools").hits

    assert hits[0].document.title == "Review about schools"


def test_facets_count_the_matching_documents(library: None) -> None:
    facets = search("domestic OR assessment").facets

    assert {(v.value, v.count) for v in facets["year"]} == {("2021", 2), ("2019", 1)}
    assert {(v.value, v.count) for v in facets["abuse_type"]} == {("neglect", 2), ("physical", 1)}
    assert {(v.value, v.count) for v in facets["review_type"]} == {("SCR", 2), ("LCSPR", 1)}


def test_choosing_facet_values_narrows_the_results(library: None) -> None:
    assert found("domestic OR assessment", filters={"year": ["2021"]}) == {"Review A", "Review B"}
    assert found(
        "domestic OR assessment", filters={"year": ["2021"], "abuse_type": ["neglect"]}
    ) == {"Review A"}
    assert found("", filters={"review_type": ["SCR"]}) == {"Review B", "Review C"}


def test_the_region_and_age_band_come_from_the_board_and_the_childs_age(
    personas: Personas,
) -> None:
    add_document(
        "Neglect was recognised late.",
        title="Review F",
        board=personas.board_a,
        record={"child.age_years": 0.5},
    )

    facets = search("neglect").facets

    assert [(v.value, v.label) for v in facets["region"]] == [("north-west", "North West")]
    assert [v.value for v in facets["age_band"]] == ["under 1"]
    assert [v.value for v in facets["board"]] == [personas.board_a.name]


def test_the_public_never_sees_unpublished_documents(personas: Personas) -> None:
    add_document(
        "Neglect in a restricted draft.", title="Draft", board=personas.board_a, published=False
    )
    add_document("Neglect in a published report.", title="Published")

    assert found("neglect") == {"Published"}
    assert search("neglect").facets["board"] == []


def test_staff_also_find_their_boards_restricted_documents_and_it_is_audited(
    personas: Personas,
) -> None:
    add_document(
        "Neglect in a restricted draft.", title="Draft A", board=personas.board_a, published=False
    )
    add_document(
        "Neglect in another board's draft.",
        title="Draft B",
        board=personas.board_b,
        published=False,
    )

    assert found("neglect", user=personas.alice) == {"Draft A"}
    assert found("neglect", user=personas.charlie) == {"Draft B"}
    assert found("neglect", user=personas.priya) == {"Draft A", "Draft B"}
    assert found("neglect", user=personas.ada) == set()
    # The page audits the search; search() itself writes nothing.
    assert not Event.objects.filter(action=Action.SEARCHED_RESTRICTED).exists()
    signed_in_client(personas.alice).get(reverse("repository:search"), {"q": "neglect"})
    event = Event.objects.filter(action=Action.SEARCHED_RESTRICTED, actor=personas.alice).get()
    assert event.data["query"] == "neglect"


def test_limit_and_offset_page_through_results(library: None) -> None:
    first = search("domestic OR assessment", limit=2)
    rest = search("domestic OR assessment", limit=2, offset=2)

    assert first.total == 3 and len(first.hits) == 2
    assert len(rest.hits) == 1
    assert titles(first.hits) | titles(rest.hits) == {"Review A", "Review B", "Review C"}


def test_this_module_runs_on_the_backend_ci_chose() -> None:
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_a_phrase_in_both_title_and_body_finds_the_document_once() -> None:
    add_document("A child protection plan was made.", title="The child protection plan")
    add_document("No plan here.", title="Review Z", name="z.txt")

    results = search('"child protection plan"')

    assert results.total == 1
    assert [h.document.title for h in results.hits] == ["The child protection plan"]
    assert search('"child protection plan" OR "no plan"').total == 2


@pytest.mark.django_db
def test_a_removed_document_stops_matching_a_phrase_at_once() -> None:
    document = add_document("A child protection plan was made.", title="Review R")
    assert titles(search('"child protection plan"').hits) == {"Review R"}

    removed = document.pk
    document.delete()
    add_document("The plan was child led; protection came later.", title="Review S", name="s")

    assert titles(search('"child protection plan"').hits) == set()
    # Nothing of it is left in the document index, not even hidden by the visibility check.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT rowid FROM repository_document_fts "
                "WHERE repository_document_fts MATCH 'made OR protection'"
            )
        else:
            cursor.execute(
                "SELECT document_id FROM repository_searchkey "
                "WHERE match_vector @@ to_tsquery('english', 'made | protection')"
            )
        assert removed not in {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_pages_deleted_before_their_search_text_leave_the_index_sound() -> None:
    # A test database's flush, or any raw delete, may remove pages first; the document index
    # reads the body from them to remove a document, and ranking must still work afterwards.
    gone = add_document("Neglect at home, housing poor.", title="Review T", name="t")
    add_document("Neglect again, in a second home.", title="Review U", name="u")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM repository_page WHERE document_id = %s", [gone.pk])
        cursor.execute("DELETE FROM repository_searchtext WHERE document_id = %s", [gone.pk])

    assert titles(search("neglect OR housing").hits) == {"Review U"}
