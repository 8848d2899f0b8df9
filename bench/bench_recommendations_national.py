"""Benchmark the national view of recommendations: server time (median, p95), queries, memory.

Fills a throwaway SQLite database with fictional reviews (2,000 by default, about 47
recommendations each, so about 94,000 recommendations) published over 15 years by about 150
boards in every region, with abuse types, coded recommendations and recurrence clusters (a share
of the recommendations repeat across reviews, a few groups very often). Then requests the page
and its downloads through Django's test client (the whole view, queries, template; no network):
as the public, with each kind of filter, and as a board member who also sees their board's
unpublished reviews.

The database lives in a new temporary folder, removed at the end, unless --data-dir names
another (which must not hold a database already: the bench never writes into a real one, and
so ignores DATABASE_URL).

    .venv/bin/python bench/bench_recommendations_national.py --reviews 2000 --repeat 30
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import resource
import time
from pathlib import Path
from typing import Any

from bench_national import in_throwaway_database, measure, signed_in

SEED = 2026
# A review's number of recommendations: mostly between 10 and 80, a few with none and a few
# past 100, averaging about 47 (the 2011 Department for Education study; DESIGN §1).
SPREAD = (0, 3, 8, 15, 25, 35, 42, 47, 52, 60, 70, 85, 110)
# Share of recommendations that belong to a group repeated across reviews.
REPEATED_SHARE = 0.4
# How many such groups: a few are made in hundreds of reviews, most in a handful.
REPEATED_GROUPS = 3000
UNPUBLISHED_SHARE = 0.1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--boards", type=int, default=150)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data-dir", type=Path, help="an empty folder (default: a temporary one)")
    args = parser.parse_args()

    in_throwaway_database(args, "bench-recs-national-", run)


def run(args: argparse.Namespace) -> None:
    from casereview.cli import ready

    ready()
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    member, board_name, last_year = fill(args.reviews, args.boards, args.years)
    made = time.perf_counter() - started
    print(f"{connection.vendor}: {describe_data()} (made in {made:.1f} s)")

    public = Client(HTTP_HOST="localhost")
    staff = signed_in(member)
    page, csv = "/recommendations/national/", "/recommendations/national.csv"
    years = {"year_from": str(last_year - 4), "year_to": str(last_year)}
    runs = [
        ("page, public", public, page, {}),
        ("page, last 5 years", public, page, years),
        ("page, one region", public, page, {"region": "london"}),
        ("page, abuse type", public, page, {"abuse_type": "neglect"}),
        ("page, one board", public, page, {"board": board_name}),
        ("page, all filters", public, page, {**years, "region": "london", "abuse_type": "neglect"}),
        ("page, board member", staff, page, {}),
        ("CSV by year", public, csv, {"table": "years"}),
        ("CSV groups", public, csv, {"table": "groups"}),
    ]
    for label, client, url, params in runs:
        # getvalue() reads the whole answer: a CSV download is streamed, written as it is read.
        measure(label, lambda c=client, u=url, p=params: c.get(u, p).getvalue(), args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory of the whole process: {peak_mb:.0f} MB")


def describe_data() -> str:
    from django.db.models import Count

    from casereview.accounts.models import Board
    from casereview.recommendations.models import Recommendation
    from casereview.repository.models import Document

    documents = Document.objects.count()
    published = Document.objects.filter(is_published=True).count()
    recommendations = Recommendation.objects.count()
    repeated = (
        Recommendation.objects.values("cluster")
        .annotate(reviews=Count("document", distinct=True))
        .filter(reviews__gte=2)
        .count()
    )
    return (
        f"{documents} reviews ({published} published), {recommendations} recommendations "
        f"({recommendations / documents:.1f} a review), {repeated} groups repeated in 2 or more "
        f"reviews, {Board.objects.count()} boards"
    )


# --- fictional data -------------------------------------------------------------------------------


def fill(n_reviews: int, n_boards: int, years: int) -> tuple[Any, str, int]:
    """Boards, reviews, their facets and recommendations; returns a member of the first board
    (who also sees its unpublished reviews), that board's name and the latest year."""
    import datetime

    from django.db import transaction

    from casereview.accounts.models import Board, Membership, Region, Role, User
    from casereview.analysis.coding import LEVELS, MECHANISM_CODES
    from casereview.analysis.record import ABUSE_TYPES
    from casereview.recommendations.coding import addressee_choices
    from casereview.recommendations.models import Recommendation
    from casereview.repository.models import Document, DocumentFacet

    rng = random.Random(SEED)
    last_year = datetime.date.today().year
    regions = list(Region)
    addressees = [code for code, _ in addressee_choices()]
    with transaction.atomic():
        boards = Board.objects.bulk_create(
            Board(
                name=f"Benchmark Board {number:03d} Safeguarding Children Partnership",
                slug=f"benchmark-board-{number:03d}",
                local_authority=f"Benchmark Area {number:03d}",
                region=regions[number % len(regions)],
            )
            for number in range(1, n_boards + 1)
        )
        member = User.objects.create_user("bench-member@example.org", full_name="Bench Member")
        Membership.objects.create(user=member, board=boards[0], role=Role.BOARD_MANAGER)
        documents = []
        for number in range(n_reviews):
            # One review in ten comes from the library with only a board name in its text.
            board = rng.choice(boards) if rng.random() > 0.1 else None
            documents.append(
                Document(
                    sha256=hashlib.sha256(f"bench review {number}".encode()).hexdigest(),
                    original_filename=f"bench-review-{number}.pdf",
                    stored_name=f"bench-review-{number}.pdf",
                    format="pdf",
                    size_bytes=500_000,
                    page_count=60,
                    board=board,
                    board_name=board.name if board else f"Library Board {number % 40:02d}",
                    is_published=rng.random() > UNPUBLISHED_SHARE,
                    year_published=last_year - rng.randrange(years),
                    title=f"Benchmark review {number}",
                )
            )
        documents = Document.objects.bulk_create(documents, batch_size=500)
        facets = []
        for document in documents:
            facets.append(
                DocumentFacet(document=document, name="year", value=str(document.year_published))
            )
            facets.append(DocumentFacet(document=document, name="board", value=document.board_name))
            if document.board is not None:
                facets.append(
                    DocumentFacet(document=document, name="region", value=document.board.region)
                )
            for kind in rng.sample(ABUSE_TYPES, rng.randint(1, 3)):
                facets.append(DocumentFacet(document=document, name="abuse_type", value=kind))
        DocumentFacet.objects.bulk_create(facets, batch_size=2000)
        # Groups repeated across reviews: sizes fall off like a Zipf law, so a few are huge.
        groups = range(1, REPEATED_GROUPS + 1)
        cumulative = list(itertools.accumulate(1 / rank for rank in groups))
        singles = 10_000_000
        rows = []
        for document in documents:
            count = max(0, int(rng.choice(SPREAD) + rng.randint(-3, 3)))
            for position in range(1, count + 1):
                if rng.random() < REPEATED_SHARE:
                    cluster = rng.choices(groups, cum_weights=cumulative)[0]
                else:
                    singles += 1
                    cluster = singles
                named = rng.sample(addressees, rng.choice((0, 1, 1, 1, 2, 2, 3)))
                mechanism = rng.choice(MECHANISM_CODES)
                rows.append(
                    Recommendation(
                        document=document,
                        position=position,
                        number=str(position),
                        text=f"Fictional recommendation {position} on theme {cluster % 997}: "
                        "the partnership should make sure that practitioners are trained.",
                        page=50 + position // 10,
                        machine_mechanism=mechanism,
                        machine_addressees=named,
                        mechanism=mechanism,
                        addressees=named,
                        level=rng.choice(LEVELS),
                        cluster=cluster,
                    )
                )
        Recommendation.objects.bulk_create(rows, batch_size=2000)
    return member, boards[0].name, last_year


if __name__ == "__main__":
    main()
