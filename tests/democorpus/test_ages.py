"""The ground-truth age in decimal years follows from the words the report uses."""

from __future__ import annotations

import re
from datetime import date

from casereview.democorpus import build_report
from casereview.democorpus.tables import MONTHS, NUMBER_WORDS

WORDS = {w: n for n, w in enumerate(NUMBER_WORDS)}


def parse_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


def expected_years(sentence: str) -> float:
    if m := re.search(r"born on (\d+ \w+ \d{4}).*? on (\d+ \w+ \d{4})", sentence):
        return (parse_date(m[2]) - parse_date(m[1])).days / 365.25
    if m := re.search(r"aged (\d+) years and (\d+) months", sentence):
        return int(m[1]) + int(m[2]) / 12
    if m := re.search(r"(\d+|\w+)[- ](?:day|days)\b", sentence):
        return int(m[1]) / 365.25
    if m := re.search(r"(\d+|[a-z]+)[- ]weeks?\b", sentence):
        return int(WORDS.get(m[1], m[1])) * 7 / 365.25
    if m := re.search(r"(\d+)[- ]months?\b", sentence):
        return int(m[1]) / 12
    m = re.search(r"(\d+|[a-z]+)[- ]years?\b|aged (\d+)", sentence)
    assert m, sentence
    return float(WORDS.get(m[1], m[1]) if m[1] else m[2])


def test_every_age_expression_converts_to_the_stated_decimal_years() -> None:
    styles = set()
    for index in range(120):
        report = build_report(2026, index)
        sentence = report.evidence["child.age_years"].text
        styles.add(report.age_expression)
        assert abs(expected_years(sentence) - report.age_years) < 0.0005, sentence
        assert 0 <= report.age_years < 18
    assert styles >= {"dates", "days", "weeks", "months", "years", "years_months"}


def test_a_six_week_old_baby_is_forty_two_days_old() -> None:
    assert abs(expected_years("Baby M was a six-week-old baby when she died.") - 42 / 365.25) < 1e-9
