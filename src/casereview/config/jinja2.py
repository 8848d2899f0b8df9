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
from markupsafe import Markup

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
        }
    )
    env.filters.update(
        {
            "localtime": localtime,
            "govuk_date": govuk_date,
            "mechanism_label": vocabulary.mechanism_label,
            "addressee_label": vocabulary.addressee_label,
            "flag_label": vocabulary.flag_label,
        }
    )
    return env
