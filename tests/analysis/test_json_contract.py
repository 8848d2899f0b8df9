"""`Analysis.to_json()` is exactly the `casereview analyse --json` object of DESIGN section 9."""

from __future__ import annotations

import json

from casereview.analysis import error_json
from casereview.analysis.record import JSON_KEYS
from tests.analysis.helpers import analyse_text

CONTRACT_KEYS = [
    "source",
    "sha256",
    "pages",
    "title",
    "board",
    "year_published",
    "review_type",
    "child",
    "outcome",
    "abuse_types",
    "recommendations",
    "themes",
    "readability",
    "evidence",
    "sections",
    "addressees",
    "report_date",
    "coroner_area",
]


def test_it_has_exactly_the_contract_keys_even_when_nothing_is_found():
    out = analyse_text("Nothing to see.").to_json()
    assert list(out) == CONTRACT_KEYS == list(JSON_KEYS)
    assert out["child"] == {"age_years": None, "sex": None}
    assert out["recommendations"] == [] and out["themes"] == [] and out["abuse_types"] == []
    assert out["sections"] == [] and out["addressees"] == []
    assert out["report_date"] is None and out["coroner_area"] is None
    assert set(out["readability"]) == {"flesch_reading_ease", "words", "sentences"}
    json.dumps(out)


def test_values_and_evidence_are_typed_as_the_contract_says():
    out = analyse_text(
        "Serious Case Review: Child K\nPublished: June 2015\n"
        "Child K was aged 4 at the time of the incident and died in hospital. He had been "
        "neglected."
    ).to_json()
    assert out["pages"] == 1 and len(out["sha256"]) == 64
    assert out["review_type"] == "SCR" and out["year_published"] == 2015
    assert out["child"] == {"age_years": 4.0, "sex": "male"}
    assert out["outcome"] == "death" and out["abuse_types"] == ["neglect"]
    for field, ev in out["evidence"].items():
        assert set(ev) == {"quote", "page"}, field
        assert isinstance(ev["quote"], str) and ev["page"] == 1


def test_readability_counts_words_and_sentences():
    out = analyse_text("The cat sat. The dog ran to the park.").to_json()
    assert out["readability"]["words"] == 9 and out["readability"]["sentences"] == 2


def test_an_unreadable_file_gives_source_and_error_only():
    assert error_json("a.pdf", "The file is empty (0 bytes).") == {
        "source": "a.pdf",
        "error": "The file is empty (0 bytes).",
    }
