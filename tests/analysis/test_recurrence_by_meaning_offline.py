"""Recurrence by meaning reads everything it needs from the package: with the network
blocked, the vocabulary loads and texts are compared."""

from __future__ import annotations

import socket

import pytest

from casereview.analysis import lessons


def test_it_compares_lessons_with_the_network_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("recurrence by meaning tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    lessons.shipped_vocabulary.cache_clear()
    index = lessons.lesson_index()
    index.build(
        [
            ("1", "Midwives should ask about co-sleeping before discharge."),
            ("2", "Maternity staff must discuss bed-sharing with parents before they go home."),
        ]
    )
    assert "~safesleep" in lessons.lesson_terms("Advice on co-sleeping and bed sharing.")
    assert index.similarity("co-sleeping advice", "advice on bed sharing") > 0
