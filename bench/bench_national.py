"""Benchmark the national panel's dashboard: server time (median, p95) and peak memory.

Fills a throwaway SQLite database with fictional cases (5,000 by default, notified over the last
10 years across about 150 boards in every region, at every stage of the lifecycle), then
requests the dashboard and both CSV downloads through Django's test client signed in as a
national panel member (the whole view, queries, template and audit event; no network).

The database lives in a new temporary folder, removed at the end, unless --data-dir names
another (which must not hold a database already: the bench never writes into a real one, and
so ignores DATABASE_URL).

    .venv/bin/python bench/bench_national.py --cases 5000 --repeat 30
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEED = 2026


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--boards", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--data-dir", type=Path, help="an empty folder (default: a temporary one)")
    args = parser.parse_args()

    in_throwaway_database(args, "bench-national-", run)


def in_throwaway_database(
    args: argparse.Namespace, prefix: str, run: Callable[[argparse.Namespace], None]
) -> None:
    """Run `run(args)` against a new SQLite database in `args.data_dir` (which must hold none)
    or in a temporary folder removed afterwards; a DATABASE_URL in the environment is ignored."""
    temporary = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix=prefix)) if temporary else args.data_dir
    if (data_dir / "casereview.sqlite3").exists():
        sys.exit(f"{data_dir} already holds a database; give an empty folder.")
    os.environ["CASEREVIEW_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casereview.config.settings")
    try:
        run(args)
    finally:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)


def run(args: argparse.Namespace) -> None:
    from casereview.cli import ready

    ready()
    from django.db import connection

    started = time.perf_counter()
    panel = fill(args.cases, args.boards, args.years)
    print(f"{connection.vendor}: {describe_data()} (made in {time.perf_counter() - started:.1f} s)")

    client = signed_in(panel)
    measure("dashboard page", lambda: client.get("/national/"), args.repeat)
    measure(
        "dashboard, one region",
        lambda: client.get("/national/", {"region": "london"}),
        args.repeat,
    )
    measure("timeliness CSV", lambda: client.get("/national/timeliness.csv"), args.repeat)
    measure("overdue clocks CSV", lambda: client.get("/national/overdue.csv"), args.repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory of the whole process: {peak_mb:.0f} MB")


def measure(label: str, request: Callable[[], Any], repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The first request compiles templates and fills the process's due-date memo (and, for the
    # first page measured, reads the database file into the OS cache).
    started, started_cpu = time.perf_counter(), time.process_time()
    body = content(request())
    first = time.perf_counter() - started, time.process_time() - started_cpu
    with CaptureQueriesContext(connection) as captured:
        content(request())
    # Read now: the log is cleared at the start of the next request.
    queries = len(captured)
    tracemalloc.start()
    content(request())
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        content(request())
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"  {label:<22} wall median {ms(statistics.median(wall))}, p95 {ms(p95(wall))}; "
        f"CPU median {ms(statistics.median(cpu))}, p95 {ms(p95(cpu))}\n"
        f"  {'':<22} first request: wall {ms(first[0])}, CPU {ms(first[1])}; then {repeat} "
        f"requests; {len(body) / 1024:.0f} KB, {queries} queries, "
        f"peak Python allocations {traced_peak / 2**20:.0f} MB"
    )


def p95(times: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(times)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:5.0f} ms"


def content(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    if response.streaming:
        return b"".join(response.streaming_content)
    return bytes(response.content)


def signed_in(user: Any) -> Any:
    """A client past password and two-factor sign-in, as tests/conftest.py makes one."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def describe_data() -> str:
    from casereview.accounts.models import Board
    from casereview.cases.models import Case, Decision

    first = Case.objects.order_by("notified_on").values_list("notified_on", flat=True).first()
    last = Case.objects.order_by("-notified_on").values_list("notified_on", flat=True).first()
    regions = Board.objects.values("region").distinct().count()
    return (
        f"{Case.objects.count()} cases notified {first} to {last}, "
        f"{Decision.objects.count()} decisions, {Board.objects.count()} boards in "
        f"{regions} regions"
    )


# --- fictional data ---------------------------------------------------------------------------


def fill(n_cases: int, n_boards: int, years: int) -> Any:
    """Boards, a chair and a panel member, and cases at every stage; returns the panel member."""
    from django.db import transaction

    from casereview.accounts.models import Board, Region, User
    from casereview.cases.models import Case, Decision

    rng = random.Random(SEED)
    today = datetime.date.today()
    regions = list(Region)
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
        chair = User.objects.create_user("bench-chair@example.org", full_name="Bench Chair")
        panel = User.objects.create_user(
            "bench-panel@example.org", full_name="Bench Panel", is_panel_member=True
        )
        made = [made_case(rng, rng.choice(boards), today, years, n) for n in range(n_cases)]
        cases = Case.objects.bulk_create([case for case, _ in made], batch_size=500)
        decisions = []
        for case, (_, decision) in zip(cases, made, strict=True):
            if decision is not None:
                decision.case = case
                decision.decided_by = chair
                decisions.append(decision)
        Decision.objects.bulk_create(decisions, batch_size=500)
    return panel


def made_case(
    rng: random.Random, board: Any, today: datetime.date, years: int, number: int
) -> tuple[Any, Any]:
    """One case at a stage that fits its age, and its decision (if it has one yet)."""
    from casereview.cases.clocks import regime_for
    from casereview.cases.lifecycle import DecisionOutcome, State
    from casereview.cases.models import Case, Decision

    def days(low: int, high: int) -> datetime.timedelta:
        return datetime.timedelta(days=rng.randint(low, high))

    notified = today - days(0, 365 * years)
    regime = regime_for(notified).value
    case = Case(
        board=board,
        pseudonym=f"Child {chr(65 + number % 26)}{number}",
        state=State.NOTIFIED,
        regime=regime,
        aware_on=notified - days(0, 8),
        notified_on=notified,
        incident_on=notified - days(0, 20),
        outcome=rng.choice(["death", "serious_harm"]),
        abuse_types=["neglect"],
        abuse_certainty="suspected",
        age_years=rng.randint(0, 17),
        sex=rng.choice(["female", "male"]),
        disability="no",
        child_protection_plan="no",
        child_in_need="yes",
        looked_after="no",
        agencies=["Police", "Health visiting"],
    )
    age = (today - notified).days
    # Most older cases have a decision; about one in twenty is left waiting (an overdue clock).
    if age < 10 or (age < 60 and rng.random() < 0.5) or rng.random() < 0.05:
        case.state = State.RAPID_REVIEW if age > 2 else State.NOTIFIED
        return case, None
    decided = min(notified + days(8, 40), today)
    outcomes = (
        ["lcspr", "other_learning", "no_review", "no_review", "national_referral"]
        if regime == "CSPR"
        else ["initiate_scr", "other_learning", "no_review", "no_review"]
    )
    outcome = rng.choice(outcomes)
    case.decided_on = decided
    case.state = State.DECISION_RECORDED
    sent = decided + days(2, 20)
    decision = Decision(
        decided_on=decided,
        options_considered="A local review; another learning review; no review",
        outcome=outcome,
        reasons="Fictional benchmark reasons.",
        sent_to_panel_on=sent if sent <= today else None,
    )
    if outcome in (DecisionOutcome.NO_REVIEW, DecisionOutcome.NATIONAL_REFERRAL):
        if age > 90:
            case.state = State.CLOSED
            case.closed_on = min(decided + days(30, 60), today)
        return case, decision
    initiated = decided + days(10, 40)
    if initiated > today:
        return case, decision
    case.initiated_on = initiated
    case.state = State.REVIEWERS_APPOINTED
    final = initiated + days(120, 300)
    if final > today:
        return case, decision
    case.final_on = final
    case.panel_copy_sent_on = final + days(5, 20)
    case.published_on = case.panel_copy_sent_on + days(10, 40)
    case.state = State.PUBLISHED
    if case.published_on > today:
        case.published_on = case.panel_copy_sent_on = None
        case.state = State.FINAL
    elif age > 3 * 365:
        case.state = State.CLOSED
        case.closed_on = min(case.published_on + days(200, 400), today)
    return case, decision


if __name__ == "__main__":
    main()
