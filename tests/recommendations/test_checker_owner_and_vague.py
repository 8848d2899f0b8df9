"""The checker says who a draft names as acting, in the draft's own words, even when the service,
team or post is one the addressee rules do not know; warns when a draft is too vague to check,
with the general words it is made of; and flags one lesson said twice in other words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from casereview import cli
from casereview.analysis.coding import OWNER_KINDS
from casereview.recommendations.checker import OWNER_KINDS_SAID, check
from casereview.repository.models import Document
from tests.conftest import Personas, signed_in_client
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, review

pytestmark = pytest.mark.django_db

NAMED = [
    (
        "Harrowfell Health Visiting Service should audit its records of missed contacts.",
        "Harrowfell Health Visiting Service",
        "named service",
    ),
    (
        "Greyport Children's Services Department should publish its threshold document.",
        "Greyport Children's Services Department",
        "named service",
    ),
    (
        "The MASH team must record why each contact was passed to early help.",
        "The MASH team",
        "addressee",
    ),
    (
        "The Designated Nurse for Safeguarding should review the hospital's discharge checklist.",
        "The Designated Nurse for Safeguarding",
        "addressee",
    ),
    (
        "The Head of Service for Children's Social Care should report on strategy discussions.",
        "The Head of Service for Children's Social Care",
        "named post",
    ),
    (
        "The lead practitioner should convene a meeting when a second referral is made.",
        "The lead practitioner",
        "named post",
    ),
    (
        "Team managers should read every strategy discussion record within a week.",
        "Team managers",
        "named post",
    ),
    (
        "Nursing and midwifery leads should add a question about fathers to the booking form.",
        "Nursing and midwifery leads",
        "named post",
    ),
    (
        "7. Ashvale Early Help Hub must offer each family a key worker.",
        "Ashvale Early Help Hub",
        "named service",
    ),
]


@pytest.mark.parametrize(("text", "words", "kind"), NAMED)
def test_a_named_service_team_or_post_is_an_owner_in_its_own_words(
    text: str, words: str, kind: str
) -> None:
    (item,) = check([("1", text)], Document.objects.none())

    assert item.owner is not None
    assert (item.owner.words, item.owner.kind) == (words, kind)
    assert "has_owner" in item.coding.flags
    assert not any(w.startswith("No owner") for w in item.warnings)


NOBODY = [
    "Practitioners should ask who else lives in the household.",
    "Managers should check caseloads every month.",
    "All managers should check caseloads every month.",
    "Community health services should offer evening clinics.",
    "Training for the MASH team should cover neglect in teenagers.",
    "The team should meet monthly.",
    "A specialist nurse should be appointed to the emergency department.",
    "Information about missed appointments should reach the health visitor.",
]


@pytest.mark.parametrize("text", NOBODY)
def test_a_workforce_in_general_or_a_thing_is_no_owner(text: str) -> None:
    (item,) = check([("1", text)], Document.objects.none())

    assert item.owner is None
    assert "No owner: say which agency or body is to act." in item.warnings
    assert item.owner_said == "No one named"


VAGUE = [
    ("Agencies should work better together.", ["Agencies", "work", "better", "together"]),
    ("Communication between agencies should be improved.", ["Communication", "improved"]),
    ("Lessons should be learned from this review.", ["Lessons", "learned"]),
    ("Professionals need to be more curious.", ["Professionals", "curious"]),
    ("The MASH team should improve its practice by March 2027.", ["improve", "practice"]),
]


@pytest.mark.parametrize(("text", "words"), VAGUE)
def test_a_general_exhortation_is_vague_and_the_warning_names_its_words(
    text: str, words: list[str]
) -> None:
    (item,) = check([("1", text)], Document.objects.none())

    assert item.vague is not None
    assert set(words) <= set(item.vague.words)
    warning = next(w for w in item.warnings if w.startswith("Vague:"))
    assert all(f"\u201c{w}\u201d" in warning for w in words)
    assert "so anyone can tell whether it has been done" in warning
    # Its kind of change is a guess from no words: no warning about it.
    assert not any(w.startswith("Only a") for w in item.warnings)


CONCRETE = [
    "Practitioners should be trained to use the neglect toolkit.",
    "Agencies should share information about missed health appointments with the GP.",
    "Professionals should ask about the role of fathers in every pre-birth assessment.",
    "Children's social care should audit ten strategy discussions.",
    "Agencies should work better together, and the partnership should measure progress "
    "through a multi-agency audit.",
]


@pytest.mark.parametrize("text", CONCRETE)
def test_a_draft_that_names_something_to_check_is_not_vague(text: str) -> None:
    (item,) = check([("1", text)], Document.objects.none())

    assert item.vague is None
    assert not any(w.startswith("Vague") for w in item.warnings)


PARAPHRASED = [
    (
        "1",
        "Children's social care should make sure fathers and other men in the household are "
        "assessed.",
    ),
    (
        "2",
        "The police should tell schools the next morning when officers attend a domestic "
        "abuse incident at a pupil's home.",
    ),
    ("3", "Social workers must include male carers living with the child in every assessment."),
    (
        "4",
        "Schools should be notified by the force before the school day begins whenever police "
        "are called to domestic violence at a child's address.",
    ),
    ("5", "All staff should receive training on recognising disguised compliance."),
]


def _duplicates_flagged(results: list[Any]) -> dict[str, list[str]]:
    return {item.number: item.duplicates for item in results}


def test_one_lesson_in_other_words_is_a_duplicate_in_an_empty_repository() -> None:
    results = check(PARAPHRASED, Document.objects.none())

    assert _duplicates_flagged(results) == {"1": ["3"], "2": ["4"], "3": ["1"], "4": ["2"], "5": []}
    assert "Duplicates recommendation 3 in this draft." in results[0].warnings


def test_one_lesson_in_other_words_is_a_duplicate_beside_earlier_reviews(files_dir: Any) -> None:
    review(2016, [TRAINING[0], *OTHERS], name="earlier")

    results = check(PARAPHRASED, Document.objects.all())

    assert _duplicates_flagged(results) == {"1": ["3"], "2": ["4"], "3": ["1"], "4": ["2"], "5": []}


def test_the_json_adds_owner_vague_and_duplicates_and_keeps_its_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "1. Harrowfell Health Visiting Service should audit its records of missed contacts.\n"
        "2. Agencies should work better together.\n"
    )

    assert cli.main(["check-recommendations", str(draft), "--json"]) == 0

    named, vague = json.loads(capsys.readouterr().out)["recommendations"]
    for item in (named, vague):
        assert {
            "number",
            "text",
            "mechanism",
            "addressees",
            "level",
            "flags",
            "why",
            "warnings",
            "earlier",
            "owner",
            "vague",
            "duplicates",
        } <= set(item)
    assert named["owner"] == {
        "words": "Harrowfell Health Visiting Service",
        "kind": "named service",
    }
    assert named["vague"] is None
    assert vague["owner"] is None
    assert vague["vague"]["words"] == ["Agencies", "work", "better", "together"]
    assert vague["vague"]["why"] in vague["warnings"]
    assert named["duplicates"] == vague["duplicates"] == []


def test_the_command_line_says_the_owner_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("1. The Designated Nurse for Safeguarding should review the checklist.\n")

    assert cli.main(["check-recommendations", str(draft)]) == 0

    out = capsys.readouterr().out
    assert (
        "Owner: \u201cThe Designated Nurse for Safeguarding\u201d (a recognised agency or post)"
        in out
    )


def test_the_checker_page_shows_the_owner_and_why_a_draft_is_vague(personas: Personas) -> None:
    response = signed_in_client(personas.bob).post(
        reverse("recommendations:check"),
        {
            "drafts": "1. Harrowfell Health Visiting Service should audit its records.\n"
            "2. Lessons should be learned from this review.\n"
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Harrowfell Health Visiting Service\u201d (a named service or team)" in page
    assert "Vague: its words (\u201cLessons\u201d, \u201clearned\u201d) are general" in page


def test_every_kind_of_owner_is_said_in_words() -> None:
    assert set(OWNER_KINDS_SAID) == set(OWNER_KINDS)
