"""The same seed gives the same corpus, and report i does not depend on the corpus size."""

from __future__ import annotations

from pathlib import Path

from casereview.democorpus import build_report, generate_corpus, render_report
from tests.democorpus.extract import pdf_pages


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_same_seed_gives_identical_truth_and_identical_text() -> None:
    first = render_report(build_report(7, 4, kind="pdf"))
    second = render_report(build_report(7, 4, kind="pdf"))
    assert first.truth_json() == second.truth_json()
    assert pdf_pages(first.data) == pdf_pages(second.data)
    assert first.data == second.data


def test_the_same_seed_gives_byte_identical_docx() -> None:
    first = render_report(build_report(7, 5, kind="docx"))
    second = render_report(build_report(7, 5, kind="docx"))
    assert first.data == second.data
    assert first.truth_json() == second.truth_json()


def test_a_different_seed_gives_a_different_corpus() -> None:
    def facts(seed: int) -> list[tuple[str, float, int]]:
        return [
            (r.board, r.age_years, len(r.recommendations))
            for r in (build_report(seed, i) for i in range(3))
        ]

    assert facts(1) != facts(2)


def test_the_first_reports_do_not_depend_on_the_corpus_size(tmp_path: Path) -> None:
    small = generate_corpus(tmp_path / "small", 2, seed=11)
    large = generate_corpus(tmp_path / "large", 4, seed=11)
    small_files = files(tmp_path / "small")
    large_files = files(tmp_path / "large")
    assert small.count == 2 and large.count == 4
    assert len(small_files) == 4 and len(large_files) == 8
    assert all(large_files[name] == data for name, data in small_files.items())


def test_two_workers_write_the_same_corpus_as_one(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    one = generate_corpus(tmp_path / "one", 3, seed=5, workers=1)
    two = generate_corpus(
        tmp_path / "two",
        3,
        seed=5,
        workers=2,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert one.pages == two.pages and one.document_bytes == two.document_bytes
    assert calls[-1] == (3, 3)
