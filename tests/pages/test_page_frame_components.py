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


def _without_layout(html: str) -> str:
    """Markup with the white space between and inside tags that a browser ignores removed."""
    import re

    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", " ".join(html.split())))


def test_the_pagination_written_out_is_the_macros_markup() -> None:
    from casereview.config.jinja2 import pagination as written
    from casereview.repository.views import pagination

    macro = engines["jinja2"].from_string(
        '{% from "govuk_frontend_jinja/components/pagination/macro.html" '
        "import govukPagination %}{{ govukPagination(p) }}"
    )
    for current, last in [(1, 2), (2, 2), (1, 50), (5, 50), (50, 50), (3, 7)]:
        params = pagination(current, last, lambda n: f"/repository/?q=a+%26+b&x=<{n}>&page={n}")
        assert params is not None
        assert _without_layout(str(written(params))) == _without_layout(macro.render({"p": params}))
    assert 'aria-label="Pagination"' in str(written({"items": []}))
