"""Placeholder: filled in by its own piece of work."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
