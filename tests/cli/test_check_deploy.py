"""`casereview check-deploy` names every unsafe production setting; serve refuses them."""

from __future__ import annotations

import pytest
from django.test import override_settings

from casereview import cli
from casereview.config.checks import deploy_problems

SAFE = {
    "PRODUCTION": True,
    "SECRET_KEY": "k" * 30 + "-Random-Secret-Value-0123456789",
    "DEBUG": False,
    "ALLOWED_HOSTS": ["reviews.example.org"],
    "DEMO_WAIVE_2FA": False,
    "AXES_ENABLED": True,
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "SITE_URL": "https://reviews.example.org",
}
POSTGRES = "django.db.backends.postgresql"


def problems_with(engine: str = POSTGRES, **changes: object) -> list[str]:
    with override_settings(**{**SAFE, **changes}):
        return deploy_problems(database_engine=engine)


def test_safe_production_settings_have_no_problems() -> None:
    assert problems_with() == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"PRODUCTION": False}, "Production mode is off"),
        ({"SECRET_KEY": "casereview-development-key-not-for-production"}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too weak"),
        ({"DEBUG": True}, "CASEREVIEW_DEBUG is on"),
        ({"ALLOWED_HOSTS": []}, "ALLOWED_HOSTS is empty"),
        ({"ALLOWED_HOSTS": ["*"]}, "ALLOWED_HOSTS contains '*'"),
        ({"DEMO_WAIVE_2FA": True}, "two-factor sign-in may only be waived in the demo"),
        ({"AXES_ENABLED": False}, "accounts must lock"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "Email is not"),
        ({"SITE_URL": "http://127.0.0.1:8000"}, "CASEREVIEW_SITE_URL is not an https://"),
        ({"engine": "django.db.backends.sqlite3"}, "DATABASE_URL is not set"),
    ],
)
def test_each_unsafe_setting_is_named_in_plain_english(
    changes: dict[str, object], words: str
) -> None:
    problems = problems_with(**changes)
    assert len(problems) == 1
    assert words in problems[0]


def test_check_deploy_exits_non_zero_and_serve_refuses_to_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with override_settings(**{**SAFE, "DEMO_WAIVE_2FA": True}):
        assert cli.main(["check-deploy"]) == 1
        assert "waived in the demo" in capsys.readouterr().out
        assert cli.main(["serve", "--port", "1"]) == 2
        assert "will not start in production mode" in capsys.readouterr().out
