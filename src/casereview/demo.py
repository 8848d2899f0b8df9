"""The fictional demo: boards, people in every role, and a generated corpus of review reports.

Loading is idempotent: running `casereview demo` again keeps what is there and adds what is
missing. Every person, board and report is fictional (see casereview.democorpus).

The demo's accounts share a password printed on screen, so it loads only into an empty database,
which it then marks as a demo (`DemoMark`), or into one it marked before; never in production.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from casereview.accounts.models import Board, DemoMark, Membership, Region, Role, User
from casereview.audit.events import Action
from casereview.audit.services import record
from casereview.democorpus.tables import AREAS, Area

if TYPE_CHECKING:
    from casereview.cases.models import Case, Reviewer
    from casereview.repository.models import Document

# Shown on screen by `make demo`; the demo is for a laptop, never a server (check-deploy refuses
# the 2FA waiver that goes with it).
DEMO_PASSWORD = "demo-Casereview-2026"


# Told each stage of the load as it starts, and the count done so far of a stage that counts
# (reports written, reports read): a load of a minute or more must not leave the console silent.
Progress = Callable[[str, int | None, int | None], None]


def _quiet(stage: str, done: int | None, total: int | None) -> None:
    pass


class DemoRefused(Exception):
    """The demo will not load into this database; the message says why and what to do."""


REFUSED_IN_PRODUCTION = (
    "The demo will not load in production mode (CASEREVIEW_PRODUCTION=1): its accounts share "
    "a password anyone can read. Run the demo on your own computer with production mode off."
)
REFUSED_REAL_DATA = (
    "The demo will not load into this database: it already holds people, boards or documents "
    "that the demo did not make, and the demo's accounts share a password anyone can read. "
    "To try the demo, give it a new, empty data folder, for example "
    "CASEREVIEW_DATA_DIR=./var/demo make demo (and leave DATABASE_URL unset)."
)


def check_demo_allowed() -> None:
    """Refuse production, and any database holding data the demo did not make (DemoRefused)."""
    if settings.PRODUCTION:
        raise DemoRefused(REFUSED_IN_PRODUCTION)
    if DemoMark.objects.exists():
        return
    from casereview.repository.models import Document

    if User.objects.exists() or Board.objects.exists() or Document.objects.exists():
        raise DemoRefused(REFUSED_REAL_DATA)


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
    cases: int = 0
    repository: str = ""
    # Where the site is served; `casereview demo` sets the address it actually listens on.
    url: str = "http://127.0.0.1:8000/"

    def __str__(self) -> str:
        lines = [
            "casereview demo data is ready.",
            f"  Boards: {len(self.boards)} fictional safeguarding partnerships.",
            f"  Cases: {len(DEMO_CASES)} fictional cases at different stages.",
            f"  Reports: {self.corpus_reports} fictional review reports in {self.corpus_dir}",
            f"  Repository: {self.repository}",
            "",
            f"Sign in at {self.url}sign-in/ with password {DEMO_PASSWORD} as:",
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
    """(name, local authority, region) for the demo boards: one for every fictional area the
    corpus writes reports from, so every demo review's board has a record (and a region)."""
    # Every region first, then a second board in each region, and so on.
    by_region: dict[str, list[Area]] = {}
    for area in AREAS:
        by_region.setdefault(area.region, []).append(area)
    rounds = zip_longest(*by_region.values())
    chosen = [area for round_ in rounds for area in round_ if area]
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


# Beside the demo's reports: the generator they were written by and their names, report 0 first.
CORPUS_MANIFEST = ".generator"


def generate_demo_corpus(
    reports: int, seed: int, progress: Progress = _quiet
) -> tuple[Path, list[Path]]:
    """The demo's first `reports` reports for `seed`, written under the data folder.

    A later run reuses them only if the same generator wrote them (`generator_fingerprint`), so
    the demo always serves exactly what `casereview demo-corpus --seed SEED` writes now; files
    from an older generator are removed and written again.
    """
    from casereview.democorpus import generate_corpus
    from casereview.democorpus.corpus import generator_fingerprint

    out = Path(settings.DATA_DIR) / "demo-corpus" / f"seed-{seed}"
    manifest = out / CORPUS_MANIFEST
    fingerprint = generator_fingerprint()
    try:
        held = json.loads(manifest.read_text())
        names = list(held["files"]) if held["fingerprint"] == fingerprint else []
    except (OSError, ValueError, KeyError, TypeError):
        names = []
    if len(names) >= reports:
        progress(f"Using the {reports} fictional reports written before", None, None)
    else:
        if out.exists() and not names:
            # Written by another generator (or half-written): none of it can be trusted.
            for path in out.iterdir():
                if path.is_file():
                    path.unlink()
        out.mkdir(parents=True, exist_ok=True)
        # Until the new manifest is written, nothing here may be reused: a run stopped half way
        # through rewriting a report must not leave the old manifest vouching for it.
        manifest.unlink(missing_ok=True)
        stage = f"Writing {reports} fictional reports"
        progress(stage, 0, reports)
        # Two processes only pay off for a few hundred reports or more.
        summary = generate_corpus(
            out,
            reports,
            seed=seed,
            workers=2 if reports >= 200 else 1,
            progress=lambda done, total: progress(stage, done, total),
        )
        names = summary.files
        manifest.write_text(json.dumps({"fingerprint": fingerprint, "files": names}) + "\n")
    return out, [out / name for name in names[:reports]]


@dataclass(frozen=True)
class DemoCase:
    """A fictional case: notified ``days_ago`` days before the demo is first loaded, then moved
    along the lifecycle; ``stages`` are (state, days after notification) for each move."""

    board_index: int
    pseudonym: str
    days_ago: int
    outcome: str
    abuse_types: tuple[str, ...]
    age_years: int
    sex: str
    stages: tuple[tuple[str, int], ...] = ()
    decision: str = ""
    regime: str = ""
    # Steps of the plan the board's manager recorded as done: (step, days after notifying).
    steps: tuple[tuple[str, int], ...] = ()


# A rapid review the board recorded step by step, sent to the panel on day 14.
_RAPID_REVIEW_RECORDED = (
    ("rapid_review_templates_sent", 1),
    ("rapid_review_agency_summaries", 9),
    ("rapid_review_panel_meeting", 12),
    ("rapid_review_sign_off", 14),
    ("rapid_review", 14),
)


DEMO_CASES = [
    DemoCase(0, "Child A", 3, "serious_harm", ("physical",), 0, "male"),
    # Child B's rapid review stalled after day 1: its later steps show as overdue.
    DemoCase(
        0,
        "Child B",
        30,
        "death",
        ("neglect",),
        1,
        "female",
        (("rapid_review", 1),),
        steps=(("rapid_review_templates_sent", 1),),
    ),
    DemoCase(
        0,
        "Child C",
        70,
        "serious_harm",
        ("neglect", "emotional"),
        9,
        "female",
        (("rapid_review", 1), ("decision_recorded", 20), ("reviewers_appointed", 40)),
        decision="lcspr",
        steps=_RAPID_REVIEW_RECORDED,
    ),
    DemoCase(
        0,
        "Child D",
        60,
        "serious_harm",
        ("sexual",),
        15,
        "female",
        (("rapid_review", 1), ("decision_recorded", 18), ("closed", 25)),
        decision="no_review",
        steps=_RAPID_REVIEW_RECORDED,
    ),
    DemoCase(1, "Child E", 10, "death", ("physical", "neglect"), 0, "male", (("rapid_review", 1),)),
]


def load_demo_cases(report: DemoReport) -> int:
    """The fictional cases, created once each (found again by board and pseudonym)."""
    from django.utils import timezone

    from casereview.cases.models import Case

    chair = User.objects.get(email="alice@example.org")
    reviewer = _demo_reviewer(report)
    today = timezone.localdate()
    created = 0
    for demo in DEMO_CASES:
        board = report.boards[demo.board_index]
        if Case.objects.filter(board=board, pseudonym=demo.pseudonym).exists():
            continue
        case = _create_demo_case(demo, board, today)
        _move_through_stages(case, demo, chair, reviewer)
        _record_steps(case, demo, chair)
        created += 1
    return created


def _demo_reviewer(report: DemoReport) -> Reviewer:
    """Bob in the reviewer pool, with a declared conflict with the second board; he sees only
    the review he is appointed to."""
    from casereview.cases.models import Conflict, Reviewer

    reviewer, _ = Reviewer.objects.get_or_create(
        user=User.objects.get(email="bob@example.org"),
        defaults={
            "expertise": "Neglect; under-fives; health visiting (fictional)",
            "region": report.boards[0].region,
        },
    )
    Conflict.objects.get_or_create(
        reviewer=reviewer,
        board=report.boards[1],
        defaults={"nature": "Worked in its children's services until 2024 (fictional)."},
    )
    return reviewer


def _create_demo_case(demo: DemoCase, board: Board, today: datetime.date) -> Case:
    """The case as notified `demo.days_ago` days before `today`, with its fictional identity."""
    from casereview.cases.clocks import regime_for
    from casereview.cases.models import Case, CaseIdentity

    notified = today - datetime.timedelta(days=demo.days_ago)
    case = Case.objects.create(
        board=board,
        pseudonym=demo.pseudonym,
        regime=demo.regime or regime_for(notified),
        aware_on=notified - datetime.timedelta(days=2),
        notified_on=notified,
        incident_on=notified - datetime.timedelta(days=3),
        outcome=demo.outcome,
        abuse_types=list(demo.abuse_types),
        abuse_certainty="suspected",
        age_years=demo.age_years,
        sex=demo.sex,
        disability="no",
        child_protection_plan="no",
        child_in_need="yes",
        looked_after="no",
        agencies=["Police", "Children's social care", "Health visiting"],
    )
    CaseIdentity.objects.create(
        case=case,
        legal_name=f"{demo.pseudonym.removeprefix('Child ')}. Fictional-Person",
        school="Nowhere Primary School (fictional)",
    )
    record(Action.CASE_NOTIFIED, obj=case, board=board, summary="Demo case")
    return case


def _move_through_stages(case: Case, demo: DemoCase, chair: User, reviewer: Reviewer) -> None:
    """The case moved through `demo.stages`, each on its day after notification, by the chair."""
    from casereview.cases.lifecycle import State, find
    from casereview.cases.models import Appointment, CaseMove, Decision

    for state, after in demo.stages:
        on = case.notified_on + datetime.timedelta(days=after)
        transition = find(case.state, state)
        if transition is None:
            raise ValueError(f"Demo case {demo.pseudonym} cannot move to {state}")
        if state == State.DECISION_RECORDED:
            Decision.objects.create(
                case=case,
                decided_by=chair,
                decided_on=on,
                options_considered="An LCSPR; a single-agency review; no review.",
                outcome=demo.decision,
                reasons="Fictional reasons for the demo.",
            )
        reasons = "Fictional reasons for the demo." if state == State.CLOSED else ""
        CaseMove.objects.create(
            case=case,
            source=case.state,
            target=state,
            happened_on=on,
            moved_by=chair,
            reasons=reasons,
        )
        case.state = state
        if transition.sets_date:
            setattr(case, transition.sets_date, on)
        if state == State.REVIEWERS_APPOINTED:
            Appointment.objects.create(
                case=case,
                reviewer=reviewer,
                role="lead",
                appointed_on=on,
                appointed_by=chair,
            )
            case.reviewers = reviewer.name
    case.save()


def _record_steps(case: Case, demo: DemoCase, chair: User) -> None:
    """The steps `demo.steps` recorded as met by the board's manager (the chair if none)."""
    from casereview.cases.models import StepMet

    manager = User.objects.filter(
        memberships__board=case.board, memberships__role=Role.BOARD_MANAGER
    ).first()
    for step, after in demo.steps:
        met = StepMet.objects.create(
            case=case,
            step=step,
            met_on=case.notified_on + datetime.timedelta(days=after),
            recorded_by=manager or chair,
        )
        record(Action.CASE_STEP_MET, obj=case, board=case.board, summary=f"Demo: {met}")


# Reports with planted identifying details the demo leaves unpublished, their details not yet
# decided, on the first board: its chair sees the publication check holding them back.
HELD_BACK = 2


def ingest_demo_corpus(
    files: list[Path], boards: list[Board] | None = None, progress: Progress = _quiet
) -> str:
    """Read the generated reports into the repository (the same ingest as `casereview ingest`),
    then publish each through the check for identifying details (`publish_through_the_gate`);
    reports already there are skipped, and the corpus's deliberately broken files are refused."""
    from casereview.repository.bulk import ingest_paths
    from casereview.repository.models import Document

    stage = "Reading reports into the repository"
    progress(stage, None, None)
    # Only the reports read now are published: those held back by an earlier load stay so.
    there = set(Document.objects.values_list("pk", flat=True))
    summary = ingest_paths(files, on_file=lambda done, total: progress(stage, done, total))
    published, held = publish_through_the_gate(files, boards or [], there, progress)
    return (
        f"{summary.added} reports added ({summary.pages} pages), {published} published after "
        f"their identifying details were redacted, {held} held back with details not decided, "
        f"{summary.already_present} already there, {len(summary.rejected)} refused "
        "(the demo corpus includes broken files on purpose)."
    )


def _truth(path: Path) -> dict[str, Any]:
    try:
        truth = json.loads(path.with_suffix(".json").read_text())
    except (OSError, ValueError):
        return {}
    return truth if isinstance(truth, dict) else {}


def _record_identity(document: Document, truth: dict[str, Any]) -> bool:
    """The identity record of a generated report, from the details its generator planted (the
    demo's stand-in for what a board knows about its own review); False if none were planted."""
    from casereview.publication.models import DocumentIdentity

    planted = [i for i in truth.get("identifiers") or [] if isinstance(i, dict)]
    if not planted:
        return False
    child = truth.get("child")
    names = [str(i["text"]) for i in planted if i.get("kind") == "name"]

    def of(kind: str) -> str:
        return "\n".join(dict.fromkeys(str(i["text"]) for i in planted if i.get("kind") == kind))

    DocumentIdentity.objects.update_or_create(
        document=document,
        defaults={
            "pseudonym": str(child.get("pseudonym", "")) if isinstance(child, dict) else "",
            "legal_name": names[0] if names else "",
            "family_members": "\n".join(dict.fromkeys(f"{n} (relative)" for n in names[1:])),
            "dates_of_birth": of("date_of_birth"),
            "addresses": of("address"),
            "school": of("school").split("\n")[0],
        },
    )
    return True


def publish_through_the_gate(
    files: list[Path], boards: list[Board], there: set[int], progress: Progress = _quiet
) -> tuple[int, int]:
    """Publish each newly read demo report as a board would: its identity record written from
    the generator's truth, then every detail the scan finds decided "redact" with the scan's
    suggested replacement and the report published, both by the demo's independent chair (a
    report that came from no case is decided and published by its board's chair), the public
    copy written from the redacted text. The first `HELD_BACK` reports with planted details
    stay unpublished on the first board with their details undecided. Documents in ``there``
    (read by an earlier load) are left as they are. (published, held back)"""
    from casereview.audit.actors import Actor
    from casereview.publication import redaction
    from casereview.publication.services import publish_standalone
    from casereview.repository.models import Document

    chair = Actor.command_line(User.objects.get(email="alice@example.org"))
    by_name = {path.name: path for path in files}
    fresh = list(
        Document.objects.filter(original_filename__in=list(by_name), is_published=False, case=None)
        .exclude(pk__in=there)
        .order_by("pk")
    )
    planted = {d.pk for d in fresh if _record_identity(d, _truth(by_name[d.original_filename]))}
    held = [d for d in fresh if d.pk in planted][:HELD_BACK] if len(planted) > HELD_BACK else []
    for document in held:
        # Held as the first board's drafts, so its chair can open and decide them.
        document.board = boards[0] if boards else document.board
        document.save(update_fields=["board"])
    to_publish = [d for d in fresh if d not in held]
    stage = "Redacting identifying details and publishing the reports"
    for n, document in enumerate(to_publish, start=1):
        progress(stage, n - 1, len(to_publish))
        with transaction.atomic():
            redaction.redact_every_detail_as_suggested(chair, document)
            publish_standalone(chair, document)
    progress(stage, len(to_publish), len(to_publish))
    return len(to_publish), len(held)


def load_demo(*, reports: int = 60, seed: int = 2026, progress: Progress = _quiet) -> DemoReport:
    """Load the demo, or raise DemoRefused (see check_demo_allowed) having changed nothing."""
    progress("Loading boards and people", None, None)
    with transaction.atomic():
        check_demo_allowed()
        # Marked in the same transaction as the accounts, so a database holding the demo's
        # accounts is always one the demo may load into again.
        if not DemoMark.objects.exists():
            DemoMark.objects.create()
        report = load_people_and_boards()
    progress("Loading fictional cases", None, None)
    with transaction.atomic():
        report.cases = load_demo_cases(report)
    report.corpus_dir, files = generate_demo_corpus(reports, seed, progress)
    report.corpus_reports = len(files)
    report.repository = ingest_demo_corpus(files, report.boards, progress)
    record(Action.DEMO_LOADED, summary=f"Demo loaded: {reports} reports, seed {seed}")
    return report
