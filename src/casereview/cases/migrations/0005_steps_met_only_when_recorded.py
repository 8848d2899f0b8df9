"""A step is met only on a date a person recorded (issue 17).

Until now two dates were implied rather than recorded:

* the rapid review sent to the national panel, and the four steps of its plan, counted as met on
  the chair's decision date. Nothing was stored for them (``case_clocks`` worked it out), so
  nothing is removed here: from now on they show as open or overdue until someone records them;
  one summary event says how many cases that changes.
* the move to "Publication decision" copied its own date into ``panel_copy_sent_on`` (the copy
  sent to the national panel and the Secretary of State). A stored value equal to the date of
  the case's move to "Publication decision" came from that copy, as no other code path wrote the
  field; it cannot be told from a person's own date, so each such value is cleared (the move
  keeps its date in the case's history) with one audit event per case saying so. A value that
  differs from that move's date was put there some other way and is kept.

The rules table gains ``met_by``: the recorded date that is a step (the notification date is the
SIN), with its rationale. Rows already loaded take it from the rules file shipped with this
migration's code for the same (regime, step), and each set's digest is worked out again from its
rows, so downloading a set and loading it again still changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

# The statement of record written with each event; values stay out (events about a case are
# restricted, as casereview.audit.services.record does for them).
STEP = "panel_copy_before_publication"
ACTION = "case.step_unrecorded"
LABEL = "Marked a step as not recorded: its date had been filled in from another"
RAPID_REVIEW_STEPS = frozenset(
    {
        "rapid_review",
        "rapid_review_templates_sent",
        "rapid_review_agency_summaries",
        "rapid_review_panel_meeting",
        "rapid_review_sign_off",
    }
)


def _document(rule_set: Any) -> dict[str, Any]:
    """A set in the rules-file format, as ``rules_editing.rules_document`` writes it."""
    rules = []
    for rule in rule_set.rules.order_by("sort_order"):
        row: dict[str, Any] = {
            "regime": rule.regime,
            "step": rule.step,
            "label": rule.label,
            "counts_from": rule.counts_from,
            "amount": rule.amount,
            "unit": rule.unit,
            "direction": rule.direction,
            "kind": rule.kind,
            "rationale": rule.rationale,
        }
        if rule.parent_step:
            row["parent"] = rule.parent_step
        if rule.is_optional:
            row["optional"] = True
        if rule.met_by:
            row["met_by"] = rule.met_by
            row["met_by_rationale"] = rule.met_by_rationale
        rules.append(row)
    return {
        "version": rule_set.version,
        "title": rule_set.title,
        "effective_from": rule_set.effective_from.isoformat(),
        "notes": rule_set.notes,
        "rules": rules,
    }


def declare_met_by(apps: Any, schema_editor: Any) -> None:
    from casereview.cases.rules import SHIPPED_RULES_FILE, parse_rules, read_rules_file

    shipped = {
        (rule.regime.value, rule.step): rule
        for rule in read_rules_file(SHIPPED_RULES_FILE).rules
        if rule.met_by
    }
    RuleSet = apps.get_model("cases", "RuleSet")
    for rule_set in RuleSet.objects.all():
        for rule in rule_set.rules.all():
            declared = shipped.get((rule.regime, rule.step))
            if declared is not None and not rule.met_by:
                rule.met_by, rule.met_by_rationale = declared.met_by, declared.met_by_rationale
                rule.save(update_fields=["met_by", "met_by_rationale"])
        rule_set.digest = parse_rules(_document(rule_set)).digest
        rule_set.save(update_fields=["digest"])


def unrecord_implied_dates(apps: Any, schema_editor: Any) -> None:
    Case = apps.get_model("cases", "Case")
    CaseMove = apps.get_model("cases", "CaseMove")
    StepMet = apps.get_model("cases", "StepMet")
    Event = apps.get_model("audit", "Event")
    moved_on = dict(
        CaseMove.objects.filter(target="publication_decision")
        .order_by("happened_on", "pk")
        .values_list("case_id", "happened_on")
    )
    for case in Case.objects.filter(panel_copy_sent_on__isnull=False).order_by("pk"):
        if moved_on.get(case.pk) != case.panel_copy_sent_on:
            continue
        case.panel_copy_sent_on = None
        case.save(update_fields=["panel_copy_sent_on"])
        Event.objects.create(
            action=ACTION,
            object_type="cases.case",
            object_id=str(case.pk),
            object_label=f"case {case.pk}",
            board_id=case.board_id,
            summary=f"{LABEL}: case {case.pk}",
            data={
                "step": STEP,
                "why": "The date had been copied from the move to Publication decision, not "
                "recorded for the copy sent to the national panel. Record it when it is known.",
            },
        )
    # Cases whose rapid review (or a step of its plan) used to show as met on the decision date
    # and nobody recorded it: their clocks now show it open or overdue.
    recorded = set(
        StepMet.objects.filter(step="rapid_review").values_list("case_id", flat=True)
    )
    implied = Case.objects.filter(regime="CSPR", decided_on__isnull=False).exclude(
        pk__in=recorded
    )
    count = implied.count()
    if count:
        Event.objects.create(
            action=ACTION,
            summary=f"{LABEL}: the rapid review sent to the national panel, and its plan's "
            f"steps, no longer count as met on the decision date in {count} cases; they show "
            "as not recorded until someone records them",
            data={"cases": count, "steps": sorted(RAPID_REVIEW_STEPS)},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_reviewers_files_reminders"),
        ("audit", "0010_step_unrecorded_action"),
    ]

    operations = [
        migrations.AddField(
            model_name="clockrule",
            name="met_by",
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.AddField(
            model_name="clockrule",
            name="met_by_rationale",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(declare_met_by, migrations.RunPython.noop),
        migrations.RunPython(unrecord_implied_dates, migrations.RunPython.noop, elidable=False),
    ]
