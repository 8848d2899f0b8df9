"""Identifying details are fictional by construction and on the pages the truth says."""

from __future__ import annotations

import random
import re

from casereview.democorpus import build_report, nhs_number_valid, render_report
from casereview.democorpus.content import nhs_number
from tests.democorpus.extract import pdf_pages

DRAMA_PHONE = re.compile(
    r"^(07700 900\d{3}|0(113|114|115|116|117|118|121|161) 496 0\d{3}|0191 498 0\d{3}"
    r"|020 7946 0\d{3}|01632 960\d{3})$"
)
POSTCODE = re.compile(r"^Q[A-Z]\d \d[A-Z]{2}$")


def test_identifiers_are_fictional_and_on_their_stated_pages() -> None:
    report = build_report(2026, 400, kind="pdf", identifiers=True)
    rendered = render_report(report)
    pages = pdf_pages(rendered.data)
    identifiers = rendered.truth["identifiers"]
    kinds = {i["kind"] for i in identifiers}
    assert kinds >= {
        "name",
        "date_of_birth",
        "address",
        "postcode",
        "phone",
        "email",
        "nhs_number",
        "ni_number",
    }
    for item in identifiers:
        assert item["text"] in pages[item["page"] - 1], item
        text = item["text"]
        if item["kind"] == "nhs_number":
            assert text.startswith("999") and nhs_number_valid(text)
        elif item["kind"] == "phone":
            assert DRAMA_PHONE.match(text), text
        elif item["kind"] == "email":
            assert text.split("@")[1] in ("example.com", "example.org", "example.net")
        elif item["kind"] == "postcode":
            assert POSTCODE.match(text), text
        elif item["kind"] == "ni_number":
            assert text.startswith("QQ ")


def test_a_report_without_planted_identifiers_lists_none_unless_it_gives_a_birth_date() -> None:
    for index in range(30):
        report = build_report(2026, index, identifiers=False)
        expected = 1 if report.age_expression == "dates" else 0
        assert len(report.identifiers) == expected


def test_generated_nhs_numbers_pass_modulus_11_and_a_changed_check_digit_fails() -> None:
    rng = random.Random(3)
    for _ in range(50):
        number = nhs_number(rng)
        assert nhs_number_valid(number)
        wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
        assert not nhs_number_valid(wrong)
