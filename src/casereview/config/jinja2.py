"""The Jinja2 environment: GOV.UK Frontend macros plus the project's own helpers."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from casereview.pages.ages import child_age
from casereview.recommendations import vocabulary


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """Reverse a named URL from a template.

    Remembered per script prefix and URL configuration: a page reverses the same names many
    times (the search page over sixty, about 3 ms), and reverse() is deterministic for them.
    """
    try:
        return _reversed(get_script_prefix(), get_urlconf(), name, args, tuple(kwargs.items()))
    except TypeError:  # an argument that cannot be a key
        return reverse(name, args=args or None, kwargs=kwargs or None)


@functools.lru_cache(maxsize=4096)
def _reversed(
    prefix: str, urlconf: Any, name: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]
) -> str:
    return reverse(name, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None)


def _forget_urls(*, setting: str, **kwargs: Any) -> None:
    """A changed URL configuration (tests' override_settings) changes what names reverse to."""
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()


setting_changed.connect(_forget_urls)


def localtime(value: Any, fmt: str = "%-d %B %Y %H:%M") -> str:
    """Show a stored UTC datetime in UK local time, GOV.UK style (e.g. 3 March 2026 14:05)."""
    if value is None:
        return ""
    return str(timezone.localtime(value).strftime(fmt))


def govuk_date(value: Any) -> str:
    """A date GOV.UK style: 3 March 2026."""
    if value is None:
        return ""
    return f"{value.day} {value.strftime('%B %Y')}"


class Components:
    """GOV.UK Frontend components for the page frame, each rendered once per distinct set of
    parameters and then reused.

    The header, service navigation, phase banner and footer are the same on nearly every
    request, and rendering them through their macros cost about 3 ms of a page's 5 ms: a
    macro's output depends on nothing but its parameters. The key keeps text and markup
    apart (a macro escapes the one and not the other).
    """

    LIMIT = 2000

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.rendered: dict[tuple[str, Any], Markup] = {}

    def __call__(self, name: str, params: dict[str, Any]) -> Markup:
        key = (name, _frozen(params))
        found = self.rendered.get(key)
        if found is None:
            macro = "govuk" + "".join(part.title() for part in name.split("-"))
            template = self.env.from_string(
                f'{{% from "govuk_frontend_jinja/components/{name}/macro.html" '
                f"import {macro} %}}{{{{ {macro}(params) }}}}"
            )
            found = Markup(template.render(params=params))
            if len(self.rendered) < self.LIMIT:
                self.rendered[key] = found
        return found


_PREVIOUS_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--prev" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 '
    '6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path></svg>'
)
_NEXT_ICON = (
    '<svg class="govuk-pagination__icon govuk-pagination__icon--next" '
    'xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" '
    'focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926 '
    '4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>'
    "</svg>"
)


def pagination(params: dict[str, Any]) -> Markup:
    """The GOV.UK pagination component's markup for numbered pages, from the parameters its
    macro takes (`items` of number, href and current or of ellipsis; `previous` and `next`
    with an href; `landmarkLabel`): what `repository.views.pagination` gives, not every
    option of the macro (no block-level links, classes or attributes).

    Written out here rather than through the macro, which cost about a millisecond of a
    search's page, and whose output differs with every query; a test compares the two.
    """
    label = params.get("landmarkLabel") or "Pagination"
    parts = [f'<nav class="govuk-pagination" aria-label="{escape(label)}">']
    previous = params.get("previous")
    if previous:
        parts.append(
            '<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" '
            f'href="{escape(previous["href"])}" rel="prev">{_PREVIOUS_ICON}'
            '<span class="govuk-pagination__link-title">Previous<span '
            'class="govuk-visually-hidden"> page</span></span></a></div>'
        )
    parts.append('<ul class="govuk-pagination__list">')
    for item in params.get("items", ()):
        if item.get("ellipsis"):
            parts.append(
                '<li class="govuk-pagination__item govuk-pagination__item--ellipsis">&ctdot;</li>'
            )
            continue
        number = escape(item["number"])
        current = item.get("current")
        parts.append(
            '<li class="govuk-pagination__item'
            + (' govuk-pagination__item--current">' if current else '">')
            + f'<a class="govuk-link govuk-pagination__link" href="{escape(item["href"])}" '
            + f'aria-label="Page {number}"'
            + (' aria-current="page">' if current else ">")
            + f"{number}</a></li>"
        )
    parts.append("</ul>")
    following = params.get("next")
    if following:
        parts.append(
            '<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" '
            f'href="{escape(following["href"])}" rel="next">'
            '<span class="govuk-pagination__link-title">Next<span '
            f'class="govuk-visually-hidden"> page</span></span>{_NEXT_ICON}</a></div>'
        )
    parts.append("</nav>")
    return Markup("".join(parts))


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, str):
        return (type(value) is Markup, str(value))
    return (type(value).__name__, value)


def environment(**options: Any) -> Environment:
    """Build the environment Django's Jinja2 backend uses for every page."""
    project_loader = options.pop("loader", None) or FileSystemLoader(options.pop("searchpath", []))
    options.pop("searchpath", None)
    env = Environment(
        loader=ChoiceLoader(
            [
                project_loader,
                # govuk-frontend-jinja's own templates import each other with this prefix.
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "get_messages": get_messages,
            "component": Components(env),
            "govuk_pagination": pagination,
        }
    )
    env.filters.update(
        {
            "localtime": localtime,
            "govuk_date": govuk_date,
            "child_age": child_age,
            "mechanism_label": vocabulary.mechanism_label,
            "mechanism_name": vocabulary.mechanism_name,
            "code_label": vocabulary.code_label,
            "reasons": vocabulary.reasons,
            "addressee_label": vocabulary.addressee_label,
            "flag_label": vocabulary.flag_label,
        }
    )
    return env
