"""`casereview ingest PATH...`: folders are walked, progress and a summary are shown, and a
re-run after an interruption adds only what is missing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from casereview.cli import main
from casereview.repository.bulk import ingest_paths
from casereview.repository.models import Document

T = TypeVar("T")


def write_folder(folder: Path) -> None:
    (folder / "nested").mkdir(parents=True)
    for n in range(3):
        (folder / f"review-{n}.txt").write_text(f"Fictional review {n} about neglect.\n")
    (folder / "nested" / "review-3.html").write_text(
        "<html><body><h1>Fictional review 3</h1><p>About housing.</p></body></html>"
    )
    (folder / "review-0.json").write_text('{"ground": "truth"}')
    (folder / "empty.pdf").write_bytes(b"")


@pytest.mark.django_db
def test_it_walks_folders_and_summarises_added_and_rejected_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_folder(tmp_path / "in")

    status = main(["ingest", str(tmp_path / "in")])

    out, err = capsys.readouterr()
    assert status == 1
    assert "Added 4 (4 pages), already present 0, rejected 1" in out
    assert "empty.pdf: The file is empty (0 bytes)." in out
    assert "5/5 files" in err
    assert Document.objects.count() == 4


@pytest.mark.django_db
def test_it_leaves_the_ground_truth_json_files_alone(tmp_path: Path) -> None:
    write_folder(tmp_path / "in")

    ingest_paths([tmp_path / "in"])

    assert not Document.objects.filter(original_filename__endswith=".json").exists()


@pytest.mark.django_db
def test_a_rerun_after_an_interruption_adds_only_what_is_missing(tmp_path: Path) -> None:
    write_folder(tmp_path / "in")
    ingest_paths([tmp_path / "in" / "review-0.txt", tmp_path / "in" / "review-1.txt"])

    summary = ingest_paths([tmp_path / "in"])

    assert (summary.added, summary.already_present, len(summary.rejected)) == (2, 2, 1)
    assert Document.objects.count() == 4


@pytest.mark.django_db
def test_a_path_that_does_not_exist_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["ingest", str(tmp_path / "nowhere")])

    assert status == 1
    assert "not found:" in capsys.readouterr().out


@pytest.mark.django_db
def test_published_by_default_and_restricted_on_request(tmp_path: Path) -> None:
    write_folder(tmp_path / "in")

    main(["ingest", str(tmp_path / "in" / "review-0.txt")])
    main(["ingest", "--unpublished", str(tmp_path / "in" / "review-1.txt")])

    published = dict(Document.objects.values_list("original_filename", "is_published"))
    assert published == {"review-0.txt": True, "review-1.txt": False}


def automerge_settings() -> dict[str, int]:
    from django.db import connection

    from casereview.repository.search.sqlite import FULL_TEXT

    found = {}
    with connection.cursor() as cursor:
        for name in FULL_TEXT:
            cursor.execute(f"SELECT v FROM {name}_config WHERE k = 'automerge'")
            row = cursor.fetchone()
            found[name] = row[0] if row else 4  # FTS5 stores only a changed setting
    return found


def wal_autocheckpoint() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return int(cursor.fetchone()[0])


@pytest.mark.django_db
def test_sqlite_merges_fewer_segments_during_a_bulk_ingest_and_its_own_setting_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("FTS5's merge setting is SQLite's")
    from casereview.repository.search.sqlite import AUTOMERGE, BULK_AUTOMERGE, BULK_WAL_PAGES

    write_folder(tmp_path / "in")
    wal_before = wal_autocheckpoint()

    seen = _ingest_looking(
        tmp_path / "in", monkeypatch, lambda: (automerge_settings(), wal_autocheckpoint())
    )
    during = [merge for merge, _ in seen]
    wal_during = [wal for _, wal in seen]

    assert during and all(set(d.values()) == {BULK_AUTOMERGE} for d in during)
    assert set(automerge_settings().values()) == {AUTOMERGE}
    assert wal_before != BULK_WAL_PAGES
    assert set(wal_during) == {BULK_WAL_PAGES}
    assert wal_autocheckpoint() == wal_before
    assert Document.objects.count() == 4


def _ingest_looking(
    folder: Path, monkeypatch: pytest.MonkeyPatch, look: Callable[[], T]
) -> list[T]:
    """Bulk-ingest the folder, calling `look` before each file; what it saw, in order."""
    from casereview.repository import bulk

    seen: list[T] = []
    real_ingest = bulk.ingest_file

    def ingest_and_look(*args: Any, **kwargs: Any) -> Any:
        seen.append(look())
        return real_ingest(*args, **kwargs)

    monkeypatch.setattr(bulk, "ingest_file", ingest_and_look)
    ingest_paths([folder])
    return seen


def _collector() -> tuple[tuple[int, ...], int]:
    import gc

    return gc.get_threshold(), gc.get_freeze_count()


@pytest.mark.django_db
def test_a_bulk_ingest_collects_cycles_less_often_and_puts_the_collector_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    gc.unfreeze()
    write_folder(tmp_path / "in")
    before = gc.get_threshold()

    during = _ingest_looking(tmp_path / "in", monkeypatch, _collector)

    assert during and all(t[0] == 10 * before[0] and frozen > 0 for t, frozen in during)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert Document.objects.count() == 4


@pytest.mark.django_db
def test_a_bulk_ingest_leaves_a_servers_frozen_objects_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    write_folder(tmp_path / "in")
    gc.freeze()  # as a process that embeds casereview may have done
    try:
        assert gc.get_freeze_count() > 0
        _ingest_looking(tmp_path / "in", monkeypatch, _collector)
        # Unfreezing would empty the permanent generation; frozen objects that were freed
        # meanwhile leave it a little smaller.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert Document.objects.count() == 4
