"""docs/lifecycle.md shows the lifecycle table exactly as the code has it."""

from __future__ import annotations

from pathlib import Path

from casereview.cases.lifecycle import TRANSITIONS, State, markdown_table

DOC = Path(__file__).resolve().parents[2] / "docs" / "lifecycle.md"


def test_the_lifecycle_document_contains_the_table_the_code_uses() -> None:
    assert markdown_table() in DOC.read_text(encoding="utf-8"), (
        "docs/lifecycle.md is out of date: paste in casereview.cases.lifecycle.markdown_table()"
    )


def test_every_stage_but_closed_has_a_way_on_and_every_stage_is_reachable() -> None:
    sources = {t.source for t in TRANSITIONS}
    targets = {t.target for t in TRANSITIONS}

    assert set(State) - sources == {State.CLOSED}
    assert set(State) - targets == {State.NOTIFIED}


def test_no_stage_has_two_moves_to_the_same_place() -> None:
    keys = [(t.source, t.key) for t in TRANSITIONS]

    assert len(keys) == len(set(keys))
