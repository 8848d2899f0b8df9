"""Addressees and level: who is to act, named as the subject or implied by the text."""

from __future__ import annotations

import pytest

from casereview.analysis.coding import code_recommendation

OWNERS = [
    (
        "Northmere Safeguarding Children Partnership should publish a neglect strategy.",
        ("partnership",),
        "Northmere Safeguarding Children Partnership",
    ),
    ("The LSCB should seek assurance about early help.", ("partnership",), "LSCB"),
    (
        "Children's Social Care should reduce caseloads.",
        ("childrens_social_care",),
        "Children's Social Care",
    ),
    (
        "Westdale Police should review its domestic abuse notifications.",
        ("police",),
        "Westdale Police",
    ),
    (
        "NHS Northmere Integrated Care Board should commission a perinatal service.",
        ("health.commissioners",),
        "NHS Northmere Integrated Care Board",
    ),
    ("GP practices should record who has parental responsibility.", ("health.gp",), "GP practices"),
    (
        "The health visiting service should check sleeping arrangements.",
        ("health.health_visiting",),
        "health visiting service",
    ),
    (
        "Maternity services should ask about the father at booking.",
        ("health.midwifery",),
        "Maternity services",
    ),
    (
        "The emergency department should refer every bruised baby.",
        ("health.acute",),
        "emergency department",
    ),
    (
        "The community paediatric service should examine every bruised baby.",
        ("health.paediatrics",),
        "community paediatric service",
    ),
    ("CAMHS should reduce waiting times.", ("health.camhs",), "CAMHS"),
    (
        "The mental health trust should ask adult patients whether they care for children.",
        ("health.adult_mental_health",),
        "mental health trust",
    ),
    (
        "The drug and alcohol service should ask clients about children in the home.",
        ("health.substance_misuse",),
        "drug and alcohol service",
    ),
    ("Schools should record every absence.", ("education.schools",), "Schools"),
    (
        "Early years settings should share concerns promptly.",
        ("education.early_years",),
        "Early years settings",
    ),
    (
        "The Probation Service should share risk information.",
        ("probation_youth_justice",),
        "Probation Service",
    ),
    (
        "Housing providers should tell children's services about evictions.",
        ("housing",),
        "Housing providers",
    ),
    (
        "Adult social care should consider the children of its clients.",
        ("adult_social_care",),
        "Adult social care",
    ),
    (
        "Voluntary sector partners should attend the neglect training.",
        ("voluntary_sector",),
        "Voluntary sector partners",
    ),
    (
        "The Home Office should review national guidance on notifications.",
        ("national_bodies",),
        "Home Office",
    ),
    ("All agencies should use the escalation policy.", ("all_agencies",), "All agencies"),
    ("Health partners should share attendance data.", ("health",), "Health partners"),
]


@pytest.mark.parametrize(("text", "addressees", "words"), OWNERS)
def test_an_agency_named_as_the_subject_is_the_addressee_and_owner(text, addressees, words):
    coding = code_recommendation(text)
    assert coding.addressees == addressees
    assert "has_owner" in coding.flags
    assert any(words in t.words for t in coding.triggers if t.code == addressees[0])


def test_several_owners_are_all_addressees_in_order():
    coding = code_recommendation(
        "The police, children's social care and the hospital trust should agree a joint "
        "protocol for strategy discussions."
    )
    assert coding.addressees == ("police", "childrens_social_care", "health.acute")
    assert coding.level == "multi-agency"


def test_an_owner_is_named_through_its_leaders():
    coding = code_recommendation("Senior leaders in the police should review staffing levels.")
    assert coding.addressees == ("police",)


def test_a_body_asked_to_raise_a_concern_with_a_department_makes_both_owners():
    coding = code_recommendation(
        "The Child Safeguarding Practice Review Panel should raise safe sleep with the "
        "Department of Health and Social Care."
    )
    assert coding.addressees == ("national_bodies",)
    assert coding.level == "national"
    words = [t.words for t in coding.triggers if t.code == "national_bodies"]
    assert "Department of Health and Social Care" in words


def test_agencies_inside_a_passive_subject_are_implied_but_are_not_owners():
    coding = code_recommendation(
        "Arrangements for sharing information between GPs and health visitors should be reviewed."
    )
    assert coding.addressees == ("health.gp", "health.health_visiting")
    assert "has_owner" not in coding.flags


def test_with_no_agency_it_gives_the_default_partnership_without_a_trigger():
    coding = code_recommendation("Practitioners should be supported to improve assessments.")
    assert coding.addressees == ("partnership",)
    assert "has_owner" not in coding.flags
    assert not [t for t in coding.triggers if t.code == "partnership"]
    assert coding.level == "multi-agency"


def test_a_national_recommendation_with_no_body_named_is_for_national_bodies():
    coding = code_recommendation("Legislation on elective home education should be reviewed.")
    assert coding.mechanism == "A11"
    assert coding.addressees == ("national_bodies",)
    assert coding.level == "national"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        (
            "Children's Social Care should reduce caseloads in the assessment teams.",
            "single agency",
        ),
        ("The Partnership should refresh its threshold document.", "multi-agency"),
        ("The police should share notifications with children's social care.", "multi-agency"),
        ("The police should run multi-agency training on coercive control.", "multi-agency"),
        ("The Department for Education should issue statutory guidance.", "national"),
        ("The allocated social worker should reflect on their own practice.", "individual"),
    ],
)
def test_the_level_follows_the_addressees_and_wording(text, level):
    coding = code_recommendation(text)
    assert coding.level == level
    assert [t for t in coding.triggers if t.code == level]


def test_a_measure_naming_a_multi_agency_audit_does_not_make_it_multi_agency():
    coding = code_recommendation(
        "Children's Social Care should reduce caseloads, with compliance tested through a "
        "multi-agency audit."
    )
    assert coding.level == "single agency"


def test_the_generic_health_code_gives_way_to_a_specific_service():
    coding = code_recommendation("Health partners and maternity services should ask about fathers.")
    assert coding.addressees == ("health.midwifery",)
