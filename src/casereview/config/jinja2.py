"""The Jinja2 environment: GOV.UK Frontend macros plus the project's own helpers."""

from __future__ import annotations

from typing import Any

from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader

from casereview.recommendations import vocabulary


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """Reverse a named URL from a template."""
    return reverse(name, args=args or None, kwargs=kwargs or None)


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
    env.globals.update({"url": url, "static": static, "get_messages": get_messages})
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
