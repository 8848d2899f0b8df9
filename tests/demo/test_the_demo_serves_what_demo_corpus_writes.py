"""`casereview demo` and `casereview demo-corpus` with the same seed give the same reports.

The demo keeps the reports it wrote under the data folder and reuses them on the next run. A
folder written by an earlier version of the generator, or holding more reports than this run
asked for, must not leak into the demo: it would then serve reports `demo-corpus` no longer
writes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from casereview.demo import generate_demo_corpus, load_demo
from casereview.democorpus import corpus, generate_corpus
from casereview.repository.models import Document

pytestmark = pytest.mark.django_db

SEED = 11


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return tmp_path / "data"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_a_folder_from_an_older_generator_is_written_again(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as older:
        older.setattr(corpus, "generator_fingerprint", lambda: "an older generator", raising=False)
        folder, _ = generate_demo_corpus(3, SEED)
    # What that older generator wrote: the same names, other bytes.
    for path in folder.iterdir():
        if not path.name.startswith("."):
            path.write_bytes(b"written by an older generator")

    folder, files = generate_demo_corpus(3, SEED)

    fresh = tmp_path / "fresh"
    generate_corpus(fresh, 3, seed=SEED)
    assert _files(folder) == _files(fresh)
    assert len(files) == 3


def test_it_reads_only_the_reports_asked_for(data_dir: Path, tmp_path: Path) -> None:
    generate_demo_corpus(5, SEED)
    report = load_demo(reports=2, seed=SEED)
    assert report.corpus_reports == 2

    expected = tmp_path / "expected"
    generate_corpus(expected, 2, seed=SEED)
    readable = [
        truth
        for truth in map(json.loads, map(Path.read_text, expected.glob("*.json")))
        if truth["broken"] is None
    ]
    assert Document.objects.count() == len(readable)


def test_the_same_reports_are_reused_when_nothing_changed(data_dir: Path) -> None:
    folder, _ = generate_demo_corpus(2, SEED)
    first = _files(folder)
    marker = folder / ".untouched"
    marker.write_text("")
    generate_demo_corpus(2, SEED)
    assert marker.exists()
    assert _files(folder) == first


def test_a_run_stopped_while_writing_more_reports_leaves_nothing_to_reuse(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casereview.democorpus as democorpus

    folder, _ = generate_demo_corpus(2, SEED)
    first = sorted(folder.glob("*.json"))[0]

    def stopped(out: Path, count: int, **_: Any) -> None:
        # Ctrl-C in `make demo` half way through rewriting the first report it had written.
        first.write_bytes(b'{"half": ')
        raise KeyboardInterrupt

    with monkeypatch.context() as interrupted:
        interrupted.setattr(democorpus, "generate_corpus", stopped)
        with pytest.raises(KeyboardInterrupt):
            generate_demo_corpus(4, SEED)

    folder, _ = generate_demo_corpus(2, SEED)

    fresh = tmp_path / "fresh"
    generate_corpus(fresh, 2, seed=SEED)
    assert _files(folder) == _files(fresh)
