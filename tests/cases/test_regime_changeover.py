"""Which regime a case falls under: SCR before 29 September 2019, CSPR from then on."""

from __future__ import annotations

from casereview.cases.clocks import CSPR_CHANGEOVER, regime_for
from casereview.cases.rules import Regime
from tests.cases.dates import d


def test_the_change_over_is_29_september_2019() -> None:
    assert d("2019-09-29") == CSPR_CHANGEOVER


def test_a_case_notified_on_the_last_day_an_scr_could_start_is_an_scr() -> None:
    assert regime_for(d("2019-09-28")) is Regime.SCR


def test_a_case_notified_on_the_change_over_day_is_a_cspr() -> None:
    assert regime_for(d("2019-09-29")) is Regime.CSPR


def test_a_case_from_the_early_adopter_period_is_still_an_scr_by_default() -> None:
    assert regime_for(d("2018-06-29")) is Regime.SCR


def test_old_and_recent_cases_fall_under_their_regimes() -> None:
    assert regime_for(d("2008-03-01")) is Regime.SCR
    assert regime_for(d("2025-01-01")) is Regime.CSPR
