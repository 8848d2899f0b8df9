"""`analyse --json` lists each recommendation with its codes, exactly as DESIGN section 9 says."""

from __future__ import annotations

import pytest

from casereview.analysis.recommendations import subject_addressees
from tests.analysis.helpers import analyse_text

REPORT = "\n".join(
    [
        "Serious Case Review: Child Q",
        "Recommendations",
        "1. Fernleigh Police and the local authority should agree how strategy discussions are "
        "recorded within six months.",
        "2. Practitioners should be supported to ask about fathers.",
        "Appendix A: Glossary",
    ]
)


def test_each_recommendation_has_exactly_the_contract_keys() -> None:
    recs = analyse_text(REPORT).to_json()["recommendations"]
    assert len(recs) == 2
    for rec in recs:
        assert list(rec) == ["number", "text", "page", "mechanism", "addressees", "flags"]
        assert isinstance(rec["mechanism"], str)
        assert isinstance(rec["addressees"], list) and isinstance(rec["flags"], list)
    assert recs[0]["number"] == "1" and recs[0]["page"] == 1
    assert recs[0]["text"].startswith("Fernleigh Police and the local authority should")


def test_the_addressees_named_as_subject_come_first() -> None:
    recs = analyse_text(REPORT).to_json()["recommendations"]
    assert recs[0]["addressees"][:2] == ["police", "childrens_social_care"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        (
            "The local authority should agree a protocol with primary care.",
            ["childrens_social_care"],
        ),
        ("Eastwold Safeguarding Children Partnership should review training.", ["partnership"]),
        ("NHS Eastwold Integrated Care Board must fund the service.", ["health.commissioners"]),
        ("The Department for Education should issue guidance.", ["national_bodies"]),
        ("Schools and academies should record concerns.", ["education.schools"]),
        ("GP practices and the police should share records.", ["health.gp", "police"]),
        ("All partner agencies should audit a sample of cases.", ["all_agencies"]),
        # Agencies named after the subject are what the recommendation is about, not to whom.
        ("Arrangements for the handover from midwifery should be reviewed.", []),
        ("Practitioners should be supported to work with the police.", []),
    ],
)
def test_addressees_are_read_from_the_subject_only(text: str, codes: list[str]) -> None:
    assert subject_addressees(text) == codes
