"""Cases and the statutory clocks' rules table (DESIGN §3).

Rules sets and their rows are data, loaded from a rules file by ``casereview.cases.rules``. A
case stores the dates things happened (aware, notified, decided, initiated, published…) and
nothing else about time: due dates and "days left" are computed by ``casereview.cases.clocks``
and ``casereview.cases.case_clocks``. The child's identity is a separate, restricted record.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils import timezone

from casereview.accounts.models import Board, Region, User
from casereview.cases.lifecycle import DecisionOutcome, State
from casereview.cases.rules import CASE_REGIMES, Direction, Event, Kind, Regime, Unit


def _choices(values: type[Regime | Event | Unit | Direction | Kind]) -> list[tuple[str, str]]:
    return [(member.value, member.value.replace("_", " ")) for member in values]


class RuleSet(models.Model):
    """One edition of the limits. The rules in force on a date are those of the latest active
    set whose ``effective_from`` is on or before it."""

    version = models.CharField(max_length=64, unique=True)
    title = models.CharField(max_length=300)
    effective_from = models.DateField()
    notes = models.TextField(blank=True)
    # The loaded file's content fingerprint: the same version cannot be reloaded with new rules.
    digest = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(default=timezone.now, editable=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar = ["-effective_from", "-loaded_at"]

    def __str__(self) -> str:
        return f"{self.version} (from {self.effective_from:%d %B %Y})"


class ClockRule(models.Model):
    """One step of one regime: when it falls due, counted from an event on the case."""

    rule_set = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    regime = models.CharField(max_length=8, choices=_choices(Regime))
    step = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    counts_from = models.CharField(max_length=16, choices=_choices(Event))
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=16, choices=_choices(Unit))
    direction = models.CharField(max_length=8, choices=_choices(Direction))
    kind = models.CharField(max_length=16, choices=_choices(Kind))
    rationale = models.TextField()
    # Sub-steps (the rapid review's day-by-day plan) name the step they belong to.
    parent_step = models.CharField(max_length=64, blank=True)
    is_optional = models.BooleanField(default=False)
    # A date recorded for something else that is this step (rules.MetBy), and why; blank for a
    # step met only when a person records it on its own (a StepMet row).
    met_by = models.CharField(max_length=32, blank=True)
    met_by_rationale = models.TextField(blank=True)
    sort_order = models.PositiveIntegerField()

    class Meta:
        ordering: ClassVar = ["rule_set", "regime", "sort_order"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["rule_set", "regime", "step"], name="cases_one_rule_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.regime} {self.step}: {self.amount} {self.unit} {self.direction}"


class Outcome(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_HARM = "serious_harm", "Serious harm"
    OTHER = "other", "Other"


class AbuseType(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    SEXUAL = "sexual", "Sexual abuse"
    EMOTIONAL = "emotional", "Emotional abuse"


class AbuseCertainty(models.TextChoices):
    KNOWN = "known", "Known"
    SUSPECTED = "suspected", "Suspected"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known"


class YesNoUnknown(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"


class Case(models.Model):
    """One serious incident notification and everything the board does about it."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="cases")
    pseudonym = models.CharField(
        max_length=60, help_text="How every screen names the child, for example Child T."
    )
    state = models.CharField(max_length=32, choices=State.choices, default=State.NOTIFIED)
    regime = models.CharField(max_length=8, choices=[(r.value, r.value) for r in CASE_REGIMES])
    regime_set_explicitly = models.BooleanField(default=False)
    # The events the clocks count from (DESIGN §3) and the dates steps were met.
    aware_on = models.DateField("date the board became aware")
    notified_on = models.DateField("date notified")
    incident_on = models.DateField("date of the incident")
    decided_on = models.DateField(null=True, blank=True)
    initiated_on = models.DateField(null=True, blank=True)
    final_on = models.DateField(null=True, blank=True)
    panel_copy_sent_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    # The serious incident notification (the fields DfE publishes statistics on).
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    abuse_types = models.JSONField(default=list, blank=True)
    abuse_certainty = models.CharField(max_length=16, choices=AbuseCertainty.choices)
    age_years = models.PositiveSmallIntegerField("age in years", null=True, blank=True)
    sex = models.CharField(max_length=16, choices=Sex.choices)
    ethnicity = models.CharField(max_length=100, blank=True)
    disability = models.CharField(max_length=16, choices=YesNoUnknown.choices)
    child_protection_plan = models.CharField(max_length=16, choices=YesNoUnknown.choices)
    child_in_need = models.CharField(max_length=16, choices=YesNoUnknown.choices)
    looked_after = models.CharField(max_length=16, choices=YesNoUnknown.choices)
    agencies = models.JSONField("agencies involved", default=list, blank=True)
    reviewers = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-notified_on", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(aware_on__lte=models.F("notified_on")),
                name="cases_aware_before_notified",
            )
        ]

    # Everything about a case is restricted: the audit trail keeps references, not its content.
    audit_restricted = True

    def __str__(self) -> str:
        return f"{self.pseudonym} ({self.board})"

    @property
    def state_label(self) -> str:
        return State(self.state).label

    @property
    def abuse_type_labels(self) -> list[str]:
        return [AbuseType(value).label for value in self.abuse_types]

    def latest_decision(self) -> Decision | None:
        return self.decisions.order_by("-decided_on", "-pk").first()


class CaseIdentity(models.Model):
    """Who the child is. Restricted: the board's managers and chair and the national panel only,
    and every view is audited (``cases.services.identity_viewed``)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="identity")
    legal_name = models.CharField(max_length=200, blank=True)
    family_members = models.TextField("family members' names", blank=True)
    dates_of_birth = models.TextField(blank=True)
    addresses = models.TextField(blank=True)
    school = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"Identity record for {self.case.pseudonym}"


class FollowedAdvice(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NO_RESPONSE = "no_response", "No response from the panel yet"


class Decision(models.Model):
    """A decision on whether to review (DESIGN §3, "Decision record"), with its reasons."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="decisions")
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField()
    options_considered = models.TextField()
    outcome = models.CharField(max_length=32, choices=DecisionOutcome.choices)
    reasons = models.TextField()
    sent_to_panel_on = models.DateField(null=True, blank=True)
    panel_response = models.TextField(blank=True)
    followed_panel_advice = models.CharField(
        max_length=16, choices=FollowedAdvice.choices, default=FollowedAdvice.NO_RESPONSE
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-decided_on", "-pk"]
        constraints: ClassVar = [
            models.CheckConstraint(condition=~models.Q(reasons=""), name="cases_decision_reasons")
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} ({self.decided_on:%d %B %Y})"


class AdviceTopic(models.TextChoices):
    INITIATION = "initiation", "Whether to start a review"
    REVIEWER = "reviewer", "The choice of reviewer"
    PUBLICATION = "publication", "Publication"
    OTHER = "other", "Something else"


class PanelAdvice(models.Model):
    """Advice from the national panel, logged against the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="advice")
    given_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField()
    topic = models.CharField(max_length=16, choices=AdviceTopic.choices)
    advice = models.TextField()
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"Panel advice on {self.get_topic_display().lower()} ({self.given_on:%d %B %Y})"


class CaseMove(models.Model):
    """One move along the lifecycle: the case's history, in order."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="moves")
    source = models.CharField(max_length=32, choices=State.choices)
    target = models.CharField(max_length=32, choices=State.choices)
    happened_on = models.DateField()
    moved_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["happened_on", "pk"]

    def __str__(self) -> str:
        return f"{State(self.source).label} → {State(self.target).label}"


# The reviewer pool and appointments (issue 3, item 4) -----------------------------------------


class Reviewer(models.Model):
    """Someone in the national pool of independent reviewers. Boards appoint from the pool; an
    appointment (not a board role) is what lets a reviewer see a case."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="reviewer")
    expertise = models.TextField(help_text="Areas of practice the reviewer knows well.")
    region = models.CharField(max_length=32, choices=Region.choices)
    is_available = models.BooleanField("available for new reviews", default=True)
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["user__full_name", "pk"]

    def __str__(self) -> str:
        return self.user.full_name or self.user.email

    @property
    def name(self) -> str:
        return str(self)


class Conflict(models.Model):
    """A conflict of interest a reviewer has declared with one board (worked there, related to
    someone there, reviewed its agencies recently…)."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="reviewer_conflicts")
    nature = models.TextField("what the conflict is")
    declared_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering: ClassVar = ["board__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["reviewer", "board"], name="cases_one_conflict_per_board"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} with {self.board}"


class AppointmentRole(models.TextChoices):
    LEAD = "lead", "Lead reviewer"
    CO = "co", "Co-reviewer"


class Appointment(models.Model):
    """A reviewer appointed to one case. Appointing someone with a declared conflict with the
    case's board needs a recorded justification (a database constraint too)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appointments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="appointments")
    role = models.CharField(max_length=8, choices=AppointmentRole.choices)
    appointed_on = models.DateField()
    appointed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # The conflict as declared when the appointment was made, and why it was made regardless.
    conflict = models.TextField(blank=True)
    conflict_justification = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["role", "appointed_on", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["case", "reviewer"],
                condition=models.Q(ended_on__isnull=True),
                name="cases_one_current_appointment",
            ),
            models.CheckConstraint(
                condition=models.Q(conflict="") | ~models.Q(conflict_justification=""),
                name="cases_conflict_needs_justification",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ({self.get_role_display().lower()}) on {self.case.pseudonym}"


# Steps met that have no date of their own on the case (the rapid review's sub-steps) ----------


class StepMet(models.Model):
    """The date a step of the clocks was met, for steps the case has no date field for."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps_met")
    step = models.CharField(max_length=64)
    met_on = models.DateField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["case", "step"], name="cases_step_met_once")
        ]

    def __str__(self) -> str:
        return f"{self.step} met on {self.met_on}"


# Documents on a case (issue 3, item 7) -------------------------------------------------------


class CaseFileKind(models.TextChoices):
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    AGENCY_REPORT = "agency_report", "Agency report"
    DRAFT = "draft", "Draft report"
    FINAL_REPORT = "final_report", "Final report"
    OTHER = "other", "Other document"


class CaseFile(models.Model):
    """One document of a case's review (restricted), kept in every version it was sent in."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=32, choices=CaseFileKind.choices)
    title = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["kind", "title", "pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["case", "kind", "title"], name="cases_one_file_title")
        ]

    def __str__(self) -> str:
        return self.title

    def latest(self) -> CaseFileVersion | None:
        return self.versions.order_by("-number").first()


class CaseFileVersion(models.Model):
    """One version of a case document: the bytes are stored once, named by their SHA-256."""

    file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    size_bytes = models.PositiveBigIntegerField()
    original_filename = models.CharField(max_length=255)
    format = models.CharField(max_length=16)
    stored_name = models.CharField(max_length=200)
    note = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set when a final report is sent to the national repository (an ingest upload).
    repository_upload = models.ForeignKey(
        "repository.Upload", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["file", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["file", "number"], name="cases_version_numbers")
        ]

    def __str__(self) -> str:
        return f"{self.file} version {self.number}"


# Reminders (issue 3, item 6) -----------------------------------------------------------------


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"


class Reminder(models.Model):
    """One reminder about one step of one case. The unique constraint is the claim: a process
    sends a reminder only after inserting its row, so two processes never send the same one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    step = models.CharField(max_length=64)
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    due = models.DateField()
    recipients = models.TextField(blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-claimed_at", "-pk"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["case", "step", "kind", "due"], name="cases_remind_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder: {self.step} on {self.case_id}"
