"""Two `casereview ingest` processes on the same folder at once end with each report stored once
and each recommendation that is repeated across the reports in one group of near-duplicates,
as one ingest alone would leave them (not one group per process)."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from tests.postgres import new_postgres_database

PAIRS = 8
# Recommendations of each report said nowhere else: they make each ingest's grouping take long
# enough (the index is reloaded from the database whenever the other process has added to it)
# for the two processes' groupings to overlap, as they do in a real repository.
OWN_RECOMMENDATIONS = 50
# Made-up words, so that no two of the generated recommendations are alike.
SYLLABLES = ["ba", "ko", "mi", "tu", "re", "sa", "lo", "ne", "vi", "da", "pu", "ge"]
# How many reports later (or earlier) the second process meets a shared recommendation.
OFFSETS = range(-2, 3)


def recommendation(rng: random.Random) -> str:
    words = ("".join(rng.choices(SYLLABLES, k=3)) for _ in range(8))
    return f"Agencies should agree {' '.join(words)}."


def write_reports(folder: Path) -> tuple[list[Path], list[str]]:
    """Reports a0, a1… and b0, b1…, and the order of the files (the a's, then the b's backwards):
    walked from its two ends, a_k and b_k are met at the same time. Each shared recommendation is
    in two reports, a_k and b_k+d, for each d of OFFSETS: whichever process starts a little
    later, some are met by both at once. The shared recommendations are returned too."""
    rng = random.Random(16)
    folder.mkdir()
    shared = {
        (k, d): recommendation(rng) for k in range(PAIRS) for d in OFFSETS if k + d in range(PAIRS)
    }
    texts: dict[str, list[str]] = {f"{half}{k}": [] for half in "ab" for k in range(PAIRS)}
    for (k, d), text in shared.items():
        texts[f"a{k}"].append(text)
        texts[f"b{k + d}"].append(text)
    paths: dict[str, Path] = {}
    for name, own in texts.items():
        paths[name] = folder / f"review-{name}.txt"
        every = [*own, *(recommendation(rng) for _ in range(OWN_RECOMMENDATIONS))]
        paths[name].write_text(
            f"Child Safeguarding Practice Review: Child {name.upper()}\n"
            "Ashbourne Vale Safeguarding Children Partnership\nPublished 2021\n\n"
            "1. Introduction\nThis fictional review looks at practice.\n\n"
            "5. Recommendations\n"
            + "".join(f"Recommendation {i}: {text}\n" for i, text in enumerate(every, 1))
        )
    order = [paths[f"a{k}"] for k in range(PAIRS)] + [
        paths[f"b{k}"] for k in reversed(range(PAIRS))
    ]
    return order, list(shared.values())


def casereview(data_dir: Path, url: str | None, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(data_dir)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    if url:
        env["DATABASE_URL"] = url
    return subprocess.Popen(
        [sys.executable, "-m", "casereview.cli", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def finish(process: subprocess.Popen[str]) -> None:
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err


def ingest_twice_at_once(tmp_path: Path, url: str | None) -> list[str]:
    """Both ingests at once, over the same files from opposite ends, so that each reaches one
    report of a pair as the other reaches the other; the shared recommendations."""
    files, shared = write_reports(tmp_path / "reports")
    data_dir = tmp_path / "data"
    # Migrated first, so that both ingests start together.
    finish(casereview(data_dir, url, "deadlines", "SCR", "notified", "2024-01-05"))
    names = [str(path) for path in files]
    both = [casereview(data_dir, url, "ingest", *order) for order in (names, names[::-1])]
    for process in both:
        finish(process)
    return shared


DOCUMENTS = "SELECT COUNT(*) FROM repository_document"
# For each recommendation: the reports it is in, its groups, and how many of it are grouped.
GROUPS = (
    "SELECT text, COUNT(DISTINCT document_id), COUNT(DISTINCT cluster), COUNT(cluster) "
    "FROM recommendations_recommendation GROUP BY text HAVING COUNT(*) > 1"
)


def assert_each_report_once_and_one_group_per_shared_recommendation(
    shared: list[str], documents: int, rows: list[tuple[str, int, int, int]]
) -> None:
    assert documents == 2 * PAIRS
    found = {text: counts for text, *counts in rows}
    assert {text: found.get(text) for text in shared} == {text: [2, 1, 2] for text in shared}


def test_two_ingests_at_once_on_sqlite_make_one_group(tmp_path: Path) -> None:
    shared = ingest_twice_at_once(tmp_path, None)
    with closing(sqlite3.connect(tmp_path / "data" / "casereview.sqlite3")) as database:
        (documents,) = database.execute(DOCUMENTS).fetchone()
        rows = database.execute(GROUPS).fetchall()
    assert_each_report_once_and_one_group_per_shared_recommendation(shared, documents, rows)


@pytest.mark.django_db
def test_two_ingests_at_once_on_postgresql_make_one_group(tmp_path: Path) -> None:
    with new_postgres_database() as url:
        shared = ingest_twice_at_once(tmp_path, url)
        with psycopg.connect(url) as database:
            (documents,) = database.execute(DOCUMENTS).fetchone() or (0,)
            rows = database.execute(GROUPS).fetchall()
    assert_each_report_once_and_one_group_per_shared_recommendation(shared, documents, rows)
