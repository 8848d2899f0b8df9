"""The demo loader: fictional boards in every region, people in every role, a small corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casereview.accounts.models import Board, Membership, Region, Role, User
from casereview.audit.events import Action
from casereview.audit.models import Event
from casereview.demo import DEMO_PASSWORD, load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_it_loads_boards_in_every_region_and_a_person_in_every_role(data_dir: Path) -> None:
    report = load_demo(reports=3, seed=7)
    assert set(Board.objects.values_list("region", flat=True)) == set(Region.values)
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
    assert User.objects.filter(is_panel_member=True).exists()
    assert User.objects.filter(is_administrator=True).exists()
    alice = User.objects.get(email="alice@example.org")
    assert alice.check_password(DEMO_PASSWORD)
    assert "alice@example.org" in str(report)
    assert DEMO_PASSWORD in str(report)


def test_it_writes_the_demo_corpus_under_the_data_folder(data_dir: Path) -> None:
    report = load_demo(reports=3, seed=7)
    assert report.corpus_dir is not None
    assert report.corpus_dir.is_relative_to(data_dir)
    assert len(list(report.corpus_dir.glob("*.json"))) == 3


def test_loading_it_twice_adds_nothing_the_second_time(data_dir: Path) -> None:
    load_demo(reports=2, seed=7)
    counts = (Board.objects.count(), User.objects.count(), Membership.objects.count())
    load_demo(reports=2, seed=7)
    assert (Board.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert Event.objects.filter(action=Action.DEMO_LOADED).count() == 2
    assert Event.objects.filter(action=Action.BOARD_CREATED).count() == counts[0]


def test_the_demo_reports_are_published_in_the_repository_with_their_recommendations(
    data_dir: Path,
) -> None:
    from casereview.recommendations.models import Recommendation
    from casereview.repository.models import Document

    first = load_demo(reports=4, seed=7)
    again = load_demo(reports=4, seed=7)

    documents = Document.objects.filter(is_published=True)
    assert documents.exists()
    assert f"{documents.count()} published after their identifying details" in first.repository
    assert "0 reports added" in again.repository
    assert Recommendation.objects.filter(document__in=documents, cluster__isnull=False).exists()


def test_every_demo_review_that_names_a_board_is_filtered_by_its_region(data_dir: Path) -> None:
    from casereview.repository.models import Document
    from casereview.repository.search import search

    load_demo(reports=12, seed=7)
    named = Document.objects.filter(is_published=True).exclude(board_name="").count()
    regions = search("").facets["region"]

    assert named > 0
    assert sum(value.count for value in regions) == named
