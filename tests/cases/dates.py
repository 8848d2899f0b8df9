"""Dates written the way people read them in the tests."""

from __future__ import annotations

import datetime


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
