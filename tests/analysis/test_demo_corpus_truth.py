"""Generated demo reports are read back to their ground truth (the generator's own JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casereview.analysis import UnreadableDocument, analyse, read_document

corpus = pytest.importorskip("casereview.democorpus.corpus")

FIELDS = ("title", "board", "year_published", "review_type", "outcome")


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    corpus.generate_corpus(out, 8, seed=11, workers=1)
    return out


def test_generated_reports_match_their_ground_truth(demo_dir: Path):
    checked = 0
    for truth_path in sorted(demo_dir.glob("*.json")):
        truth = json.loads(truth_path.read_text())
        data = (demo_dir / truth["source"]).read_bytes()
        if truth["expected_error"]:
            with pytest.raises(UnreadableDocument):
                read_document(data, truth["source"], max_bytes=50 * 2**20)
            continue
        doc = read_document(data, truth["source"], max_bytes=50 * 2**20)
        if truth["kind"] == "scanned":
            assert doc.needs_ocr
            continue
        out = analyse(doc).to_json()
        assert out["pages"] == truth["pages"]
        for field in FIELDS:
            assert out[field] == truth[field], (truth["source"], field)
        assert out["child"]["sex"] == truth["child"]["sex"]
        assert out["child"]["age_years"] == pytest.approx(truth["child"]["age_years"], abs=0.1)
        assert set(out["abuse_types"]) >= set(truth["abuse_types"])
        checked += 1
    assert checked >= 4
