"""The fictional demo: boards, people in every role, and a generated corpus of review reports.

Loading is idempotent: running `casereview demo` again keeps what is there and adds what is
missing. Every person, board and report is fictional (see casereview.democorpus).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from casereview.accounts.models import Board, Membership, Region, Role, User
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.democorpus.tables import AREAS, Area

# Shown on screen by `make demo`; the demo is for a laptop, never a server (check-deploy refuses
# the 2FA waiver that goes with it).
DEMO_PASSWORD = "demo-Casereview-2026"
DEMO_BOARD_COUNT = 12


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    what: str
    board_index: int | None = None
    role: str | None = None
    agency: str = ""
    panel: bool = False
    administrator: bool = False


DEMO_PEOPLE = [
    DemoPerson("alice@example.org", "Alice Chair", "independent chair", 0, Role.CHAIR),
    DemoPerson("mo@example.org", "Mo Manager", "board manager", 0, Role.BOARD_MANAGER),
    DemoPerson("bob@example.org", "Bob Reviewer", "lead reviewer", 0, Role.LEAD_REVIEWER),
    DemoPerson(
        "dana@example.org", "Dana Police", "action owner", 0, Role.ACTION_OWNER, agency="Police"
    ),
    DemoPerson("charlie@example.org", "Charlie Outsider", "board manager", 1, Role.BOARD_MANAGER),
    DemoPerson("priya@example.org", "Priya Panel", "national panel member", panel=True),
    DemoPerson("ada@example.org", "Ada Admin", "administrator", administrator=True),
]


@dataclass
class DemoReport:
    boards: list[Board] = field(default_factory=list)
    people: list[tuple[DemoPerson, Board | None]] = field(default_factory=list)
    corpus_dir: Path | None = None
    corpus_reports: int = 0

    def __str__(self) -> str:
        lines = [
            "casereview demo data is ready.",
            f"  Boards: {len(self.boards)} fictional safeguarding partnerships.",
            f"  Reports: {self.corpus_reports} fictional review reports in {self.corpus_dir}",
            "",
            f"Sign in at http://127.0.0.1:8000/sign-in/ with password {DEMO_PASSWORD} as:",
        ]
        for person, board in self.people:
            where = f" of {board.name}" if board else ""
            lines.append(f"  {person.email:<22} {person.full_name}, {person.what}{where}")
        if settings.DEMO_WAIVE_2FA:
            lines.append("Two-factor sign-in is waived in this demo (CASEREVIEW_DEMO_WAIVE_2FA=1).")
        else:
            lines.append("You will be asked to set up two-factor sign-in with an app.")
        return "\n".join(lines)


def demo_boards() -> list[tuple[str, str, str]]:
    """(name, local authority, region) for the demo boards, from the corpus's fictional areas."""
    # Every region first, then a second board in the first few regions.
    by_region: dict[str, list[Area]] = {}
    for area in AREAS:
        by_region.setdefault(area.region, []).append(area)
    rounds = zip_longest(*by_region.values())
    chosen = [area for round_ in rounds for area in round_ if area][:DEMO_BOARD_COUNT]
    return [(f"{a.name} Safeguarding Children Partnership", a.name, a.region) for a in chosen]


def region_value(label: str) -> str:
    for value, region_label in Region.choices:
        if label in (value, region_label):
            return str(value)
    raise ValueError(f"Unknown region {label!r}")


@transaction.atomic
def load_people_and_boards() -> DemoReport:
    report = DemoReport()
    for name, area, region in demo_boards():
        board, created = Board.objects.get_or_create(
            slug=slugify(area),
            defaults={"name": name, "local_authority": area, "region": region_value(region)},
        )
        if created:
            record(Action.BOARD_CREATED, obj=board, board=board, summary="Demo board")
        report.boards.append(board)
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                person.email,
                DEMO_PASSWORD,
                full_name=person.full_name,
                is_panel_member=person.panel,
                is_administrator=person.administrator,
            )
            record(Action.USER_CREATED, obj=user, summary="Demo user")
        home: Board | None = None
        if person.board_index is not None and person.role:
            home = report.boards[person.board_index]
            membership, created = Membership.objects.get_or_create(
                user=user, board=home, role=person.role, agency=person.agency
            )
            if created:
                record(Action.MEMBERSHIP_ADDED, obj=membership, board=home, summary=str(membership))
        report.people.append((person, home))
    return report


def generate_demo_corpus(reports: int, seed: int) -> tuple[Path, int]:
    """Write the demo reports under the data folder once; later runs reuse them."""
    from casereview.democorpus import generate_corpus

    out = Path(settings.DATA_DIR) / "demo-corpus" / f"seed-{seed}"
    existing = len(list(out.glob("*.json"))) if out.exists() else 0
    if existing < reports:
        out.mkdir(parents=True, exist_ok=True)
        # Two processes only pay off for a few hundred reports or more.
        generate_corpus(out, reports, seed=seed, workers=2 if reports >= 200 else 1)
    return out, reports


def load_demo(*, reports: int = 60, seed: int = 2026) -> DemoReport:
    report = load_people_and_boards()
    report.corpus_dir, report.corpus_reports = generate_demo_corpus(reports, seed)
    record(Action.DEMO_LOADED, summary=f"Demo loaded: {reports} reports, seed {seed}")
    return report
