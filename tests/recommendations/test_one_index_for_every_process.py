"""One recurrence index for every process (issue 19, item 7): the web server, the worker and the
command line see the same groups without a `casereview recluster`. The index is saved in the
data folder with the model and the state of the stored groups it reflects; a process loads it
when both match, restores it from the database when the groups changed, and groups everything
again, once, when the model changed.

A new process is its memory emptied: what it has then is what the database and the data folder
hold."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.conf import settings

from casereview.analysis import lessons
from casereview.recommendations import recurrence
from casereview.recommendations.checker import check
from casereview.recommendations.models import Recommendation
from casereview.repository.access import visible_documents
from tests.recommendations.test_recurrence_on_pages import OTHERS, TRAINING, page_of, review

pytestmark = pytest.mark.django_db


def a_new_process() -> None:
    recurrence._cache.update(index=None, known=None)
    recurrence._regrouped.update(model=None)


def saved_file() -> Any:
    """The saved index file's identity: a rewrite replaces the file (a new inode)."""
    return settings.RECURRENCE_INDEX_FILE.stat().st_ino


def group_of(text: str) -> int | None:
    return Recommendation.objects.filter(text=text).values_list("cluster", flat=True)[0]


def test_a_second_process_sees_the_groups_without_a_recluster(files_dir: Any) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="second")  # the worker adds it
    saved = saved_file()

    a_new_process()  # the command line
    checked = check([("1", TRAINING[2])], visible_documents(None))

    # It found the earlier recommendations in the index the worker saved, not by reading and
    # featurising every text again (which would have saved the file anew).
    assert {e.recommendation.text for e in checked[0].repeats} == {TRAINING[0], TRAINING[1]}
    assert saved_file() == saved
    index = recurrence.current_index()
    assert index.cluster_of(str(Recommendation.objects.get(text=TRAINING[1]).pk)) == str(
        group_of(TRAINING[0])
    )


def test_the_saved_index_is_ignored_when_the_groups_changed_in_the_database(
    files_dir: Any,
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    saved = saved_file()
    # A person moves a recommendation into another group: no row is added or removed.
    moved = Recommendation.objects.get(text=OTHERS[1])
    Recommendation.objects.filter(pk=moved.pk).update(cluster=group_of(TRAINING[0]))

    a_new_process()
    index = recurrence.current_index()

    assert index.cluster_of(str(moved.pk)) == str(group_of(TRAINING[0]))
    # Restored from the database, and saved again for the next process.
    assert saved_file() != saved
    assert recurrence._cache["known"] == recurrence._state()


def test_a_process_that_holds_the_index_notices_a_group_corrected_elsewhere(
    files_dir: Any,
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    moved = Recommendation.objects.get(text=OTHERS[1])
    assert recurrence.current_index().cluster_of(str(moved.pk)) == str(moved.pk)

    # Another process moves it (the row count and the highest id stay the same).
    Recommendation.objects.filter(pk=moved.pk).update(cluster=group_of(OTHERS[0]))

    assert recurrence.current_index().cluster_of(str(moved.pk)) == str(group_of(OTHERS[0]))


def test_a_changed_model_groups_everything_again_once_and_says_so(
    files_dir: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    made_by = recurrence._model()
    # Groups as the old model left them: one recommendation put in a group it does not belong
    # to (no person's correction: nothing to keep).
    stray = Recommendation.objects.get(text=OTHERS[4])
    Recommendation.objects.filter(pk=stray.pk).update(cluster=group_of(TRAINING[0]))
    a_new_process()
    recurrence.current_index()  # restored as it is and saved, by the old model

    # A new release changes the features' code.
    monkeypatch.setattr(lessons, "FEATURES_VERSION", lessons.FEATURES_VERSION + 1)
    assert recurrence._model() != made_by
    a_new_process()
    with caplog.at_level(logging.WARNING, logger=recurrence.__name__):
        index = recurrence.current_index()

    assert group_of(OTHERS[4]) == stray.pk  # grouped again: in a group of its own
    assert index.cluster_of(str(stray.pk)) == str(stray.pk)
    assert "made by another model" in caplog.text
    assert "Grouped the recommendations again" in caplog.text

    # Once: the next process loads what this one saved.
    caplog.clear()
    saved = saved_file()
    a_new_process()
    with caplog.at_level(logging.WARNING, logger=recurrence.__name__):
        recurrence.current_index()
    assert caplog.text == ""
    assert saved_file() == saved


def test_the_models_fingerprint_changes_with_the_threshold_and_the_features_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = lessons.model_fingerprint(lessons.lesson_index())

    assert lessons.model_fingerprint(lessons.lesson_index()) == shipped
    assert lessons.model_fingerprint(lessons.lesson_index(threshold=0.5)) != shipped
    monkeypatch.setattr(lessons, "FEATURES_VERSION", lessons.FEATURES_VERSION + 1)
    assert lessons.model_fingerprint(lessons.lesson_index()) != shipped


def test_a_file_that_is_not_an_index_is_refused(files_dir: Any) -> None:
    import json
    import pickle

    from casereview.recommendations.stored_index import FORMAT, load_index

    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    model, state = recurrence._model(), recurrence._state()
    header = json.dumps({"format": FORMAT, "model": model, "state": state}).encode() + b"\n"
    settings.RECURRENCE_INDEX_FILE.write_bytes(header + pickle.dumps(print))
    assert load_index(model, state) is None
    settings.RECURRENCE_INDEX_FILE.write_bytes(b"not an index at all")
    assert load_index(model, state) is None

    a_new_process()  # restored from the database instead
    assert len(recurrence.current_index()) == 4


def test_a_page_counts_every_earlier_one_and_shows_the_latest_review_of_each(
    files_dir: Any,
) -> None:
    earlier = [
        review(2010 + k, [TRAINING[k % 3], TRAINING[(k + 1) % 3]], name=f"r{k}") for k in range(7)
    ]
    latest = review(2020, [TRAINING[0], OTHERS[0]], name="latest")

    page = page_of(latest)

    # Each earlier review made it twice: 14 times in 7 reviews.
    assert "Made 14 times before in 7 reviews since 2010" in page
    listed = page.split("Made 14 times before", 1)[1].split("</ul>", 1)[0]
    shown = [d for d in earlier if f">{d.display_title}</a>" in listed]
    assert shown == earlier[2:]  # the five latest, one link each
    assert listed.count("<li>") == 5


def test_the_groups_command_groups_again_after_a_model_change_and_says_so(
    files_dir: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from casereview import cli

    review(2016, [TRAINING[0], *OTHERS[:3]], name="first")
    review(2019, [TRAINING[1], *OTHERS[3:]], name="second")
    stray = Recommendation.objects.get(text=OTHERS[4])
    Recommendation.objects.filter(pk=stray.pk).update(cluster=group_of(TRAINING[0]))
    a_new_process()
    recurrence.current_index()  # the old model's groups, saved
    monkeypatch.setattr(lessons, "FEATURES_VERSION", lessons.FEATURES_VERSION + 1)
    a_new_process()

    assert cli.main(["groups", "--json"]) == 0

    assert "made by another model" in capsys.readouterr().err
    assert group_of(OTHERS[4]) == stray.pk
