"""The page frame's GOV.UK components are rendered once per distinct set of parameters."""

from __future__ import annotations

from django.template import engines
from markupsafe import Markup


def render(source: str) -> str:
    return str(engines["jinja2"].from_string(source).render({}))


def test_a_component_renders_as_its_macro_does() -> None:
    direct = render(
        '{% from "govuk_frontend_jinja/components/phase-banner/macro.html" '
        'import govukPhaseBanner %}{{ govukPhaseBanner({"tag": {"text": "Alpha"}, '
        '"text": "New & shiny"}) }}'
    )
    cached = render(
        '{{ component("phase-banner", {"tag": {"text": "Alpha"}, "text": "New & shiny"}) }}'
    )

    assert cached == direct
    assert "New &amp; shiny" in cached


def test_the_same_parameters_give_the_same_rendering_and_text_is_kept_apart_from_markup() -> None:
    component = engines["jinja2"].env.globals["component"]  # type: ignore[attr-defined]

    first = component("phase-banner", {"text": "<b>bold</b>"})
    again = component("phase-banner", {"text": "<b>bold</b>"})
    markup = component("phase-banner", {"text": Markup("<b>bold</b>")})

    assert first is again
    assert "&lt;b&gt;bold" in first
    assert "<b>bold</b>" in markup
