"""Words of the coroners' genre do not become case-review facts (issue 20, item 16).

"Contributed to by neglect" is an inquest's legal conclusion (a gross failure to give basic
care), not a finding that a child was neglected; "SCR" spelled out as a Summary Care Record (the
NHS record of a patient's medicines) is not a Serious Case Review.
"""

from __future__ import annotations

from tests.analysis.helpers import analyse_text


def test_an_inquest_conclusion_of_neglect_is_not_an_abuse_type():
    out = analyse_text(
        "Local Child Safeguarding Practice Review: Child W\n"
        "Child W died in hospital aged 15. The inquest recorded that her death was contributed "
        "to by neglect on the part of the mental health trust. The jury found the death was "
        "aggravated by neglect in the care given on the ward."
    )
    assert "neglect" not in out.abuse_types


def test_neglect_named_elsewhere_in_the_same_review_is_still_found():
    out = analyse_text(
        "Local Child Safeguarding Practice Review: Child W\n"
        "The inquest found his death was contributed to by neglect. Child W had suffered "
        "neglect at home for several years."
    )
    assert "neglect" in out.abuse_types
    assert "suffered neglect" in out.evidence["abuse_types.neglect"].quote


def test_scr_spelled_out_as_the_summary_care_record_is_not_a_serious_case_review():
    out = analyse_text(
        "Learning from the death of a young person in Eastwold\n"
        "The GP could see the Summary Care Record (SCR) for the young person. The SCR listed "
        "two medicines but not the third."
    )
    assert out.review_type != "SCR"


def test_scr_is_still_a_serious_case_review_when_nothing_else_is_spelled_so():
    out = analyse_text(
        "Eastwold report\nThe SCR was commissioned after the death of Child P. The GP could "
        "see the patient's care record."
    )
    assert out.review_type == "SCR"
