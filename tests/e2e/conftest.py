"""Browser tests: Playwright (sync API) drives Debian's Chromium against the live test server.

Nothing is downloaded: the browser is the system's (``apt-get install chromium``, or the path in
``CASEREVIEW_CHROMIUM``), and axe-core comes from the project's node_modules. Without a browser
every test here is skipped with a reason saying how to get one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django_otp.oath import TOTP

from casereview.accounts.models import User
from tests.factories import PASSWORD, totp_device

CHROMIUM = Path(os.environ.get("CASEREVIEW_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own database calls
    # are still plain synchronous ones, so Django's async-safety guard must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def _audit_trail_emptied(empty_audit_trail_afterwards: None) -> None:
    """Every browser test runs against a live server, so every one empties the audit trail."""


class ConsoleErrors(list[str]):
    """Console errors and uncaught exceptions seen by a page."""


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., tuple[Any, ConsoleErrors]]]:
    """Open a page in a fresh browser context (its own cookies), recording console errors."""
    contexts: list[Any] = []

    def open_page(**context_options: Any) -> tuple[Any, ConsoleErrors]:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        errors = ConsoleErrors()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page, errors

    yield open_page
    for context in contexts:
        context.close()


def assert_accessible(page: Any) -> None:
    """Run axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page; fail listing each violation.

    axe goes in through DevTools evaluation rather than a script tag: the page's CSP rightly
    refuses an inline script without its nonce, and the test must not weaken that policy.
    """
    axe_js = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_js.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(results => results.violations)",
        AXE_TAGS,
    )
    if violations:
        lines = [f"axe found {len(violations)} accessibility problem(s) on {page.url}:"]
        for violation in violations:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']} [{targets}]"
            )
        pytest.fail("\n".join(lines))


def current_code(user: User) -> str:
    """The six digits the person's authenticator app would show now."""
    device = totp_device(user)
    token = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    return f"{token:0{device.digits}d}"


def sign_in(page: Any, base_url: str, user: User) -> None:
    """Sign in through the real forms: email and password, then the two-factor code."""
    totp_device(user)  # as if set up on an earlier visit, so sign-in asks for a code
    page.goto(f"{base_url}/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Enter your two-factor code").fill(current_code(user))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base_url}/dashboard/")
