"""Long commands write progress one line per update when their output is not a terminal (a log,
CI, a pipe), instead of carriage returns that run every update into one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CASEREVIEW_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "casereview.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )


def test_demo_corpus_writes_a_line_per_report(tmp_path: Path) -> None:
    done = run("demo-corpus", str(tmp_path / "out"), "--count", "3", data_dir=tmp_path / "data")

    assert "\r" not in done.stderr
    assert done.stderr.splitlines()[:3] == ["1/3 reports", "2/3 reports", "3/3 reports"]


def test_ingest_ends_each_progress_update_with_a_new_line(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"review-{n}.txt").write_text(f"Fictional review {n}.\n\nAgencies met.\n")

    done = run("ingest", str(folder), data_dir=tmp_path / "data")

    assert "\r" not in done.stderr
    assert "2/2 files: added 2, already present 0, rejected 0" in done.stderr.splitlines()
