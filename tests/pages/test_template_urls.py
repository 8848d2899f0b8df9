"""Templates' url() remembers what names reverse to, but never across a change of script
prefix or URL configuration."""

from __future__ import annotations

from django.test import override_settings
from django.urls import include, path, reverse, set_script_prefix

from casereview.config.jinja2 import url


def elsewhere(request: object) -> None:
    raise AssertionError("never called")


urlpatterns = [
    path("elsewhere/", include(([path("home/", elsewhere, name="home")], "pages"))),
]


def test_url_reverses_as_django_does_with_and_without_arguments() -> None:
    assert url("repository:search") == reverse("repository:search")
    assert url("repository:document", ref="abc123") == reverse(
        "repository:document", kwargs={"ref": "abc123"}
    )
    assert url("repository:document-page", ref="abc123", number=4) == reverse(
        "repository:document-page", kwargs={"ref": "abc123", "number": 4}
    )


def test_url_follows_the_script_prefix() -> None:
    plain = url("repository:search")
    set_script_prefix("/mounted/")
    try:
        assert url("repository:search") == "/mounted" + plain
    finally:
        set_script_prefix("/")
    assert url("repository:search") == plain


def test_url_follows_a_changed_url_configuration() -> None:
    home = url("pages:home")
    with override_settings(ROOT_URLCONF=__name__):
        assert url("pages:home") == "/elsewhere/home/" != home
    assert url("pages:home") == home
