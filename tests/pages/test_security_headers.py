"""Every page carries the security headers: a nonce-based CSP, no framing, no sniffing."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

PAGES = ["pages:home", "pages:about", "accounts:sign-in"]


@pytest.fixture
def visitor(db: None) -> Client:
    return Client()


@pytest.mark.parametrize("url_name", PAGES)
def test_the_content_security_policy_allows_only_this_pages_inline_script(
    visitor: Client, url_name: str
) -> None:
    response = visitor.get(reverse(url_name))

    policy = response["Content-Security-Policy"]
    nonce = re.search(r"script-src [^;]*'nonce-([^']+)'", policy)
    assert nonce, policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert inline_scripts, "the GOV.UK template's inline script should be on the page"
    assert all(f'nonce="{nonce.group(1)}"' in attributes for attributes in inline_scripts)


def test_each_response_gets_a_fresh_nonce(visitor: Client) -> None:
    first = visitor.get(reverse("pages:home"))["Content-Security-Policy"]
    second = visitor.get(reverse("pages:home"))["Content-Security-Policy"]

    assert first != second


@pytest.mark.parametrize("url_name", PAGES)
def test_pages_cannot_be_framed_or_sniffed(visitor: Client, url_name: str) -> None:
    response = visitor.get(reverse(url_name))

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_not_found_page_carries_the_headers_too(visitor: Client) -> None:
    response = visitor.get("/no-such-page/")

    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
