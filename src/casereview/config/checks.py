"""What makes a production deployment unsafe, in plain English.

`casereview check-deploy` prints these; `casereview serve` refuses to start in production mode
while any remain. The same list is registered as Django deploy checks (`manage check --deploy`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

MIN_SECRET_KEY_LENGTH = 50  # Django's own deploy check uses the same bar.


def deploy_problems(database_engine: str | None = None) -> list[str]:
    """Every unsafe setting, as a sentence saying what to change."""
    engine = str(database_engine or settings.DATABASES["default"]["ENGINE"])
    problems: list[str] = []
    if not settings.PRODUCTION:
        problems.append(
            "Production mode is off. Set CASEREVIEW_PRODUCTION=1 on a production server "
            "(it switches on secure cookies, HTTPS redirects and HSTS)."
        )
    key = settings.SECRET_KEY
    if key == settings.DEVELOPMENT_SECRET_KEY:
        problems.append("SECRET_KEY is not set: set it to a long random value kept secret.")
    elif len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 5:
        problems.append(
            f"SECRET_KEY is too weak: use at least {MIN_SECRET_KEY_LENGTH} random characters."
        )
    if settings.DEBUG:
        problems.append("CASEREVIEW_DEBUG is on: it shows internal details to visitors.")
    if not settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS is empty: list the host names the service answers to.")
    elif "*" in settings.ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS contains '*': list the real host names instead.")
    if settings.DEMO_WAIVE_2FA:
        problems.append(
            "CASEREVIEW_DEMO_WAIVE_2FA is on: two-factor sign-in may only be waived in the demo."
        )
    if not settings.AXES_ENABLED:
        problems.append("CASEREVIEW_LOCKOUT is off: accounts must lock after repeated failures.")
    if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        problems.append(
            "Email is not configured: set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) "
            "so reminders and account emails are delivered."
        )
    if not str(settings.SITE_URL).startswith("https://"):
        problems.append(
            "CASEREVIEW_SITE_URL is not an https:// address: links in reminder emails would "
            "point to the wrong place (e.g. https://reviews.example.org)."
        )
    if settings.SECURE_SSL_REDIRECT and not settings.TRUSTED_PROXY:
        problems.append(
            "CASEREVIEW_TRUSTED_PROXY is not set: behind the TLS-terminating proxy every request "
            "would look like plain http and be redirected to https for ever. Set it to the "
            "proxy's address as this server sees it (e.g. 127.0.0.1 when the proxy runs on the "
            "same machine), or set CASEREVIEW_SSL_REDIRECT=0 if the proxy redirects to https."
        )
    if engine.endswith("sqlite3"):
        problems.append(
            "DATABASE_URL is not set: production uses PostgreSQL "
            "(e.g. postgres://user:password@host:5432/casereview)."
        )
    return problems


@register(deploy=True)
def casereview_deploy_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [
        Error(problem, id=f"casereview.E{number:03d}")
        for number, problem in enumerate(deploy_problems(), start=1)
    ]
