"""The typed vocabulary of audit events. Adding an event kind is adding a line here."""

from __future__ import annotations

from django.db import models


class Action(models.TextChoices):
    # Signing in and out
    SIGNED_IN = "auth.signed_in", "Signed in"
    SIGN_IN_FAILED = "auth.sign_in_failed", "Sign-in failed"
    LOCKED_OUT = "auth.locked_out", "Account locked after repeated failures"
    SIGNED_OUT = "auth.signed_out", "Signed out"
    TWO_FACTOR_ENROLLED = "auth.two_factor_enrolled", "Set up two-factor authentication"
    TWO_FACTOR_VERIFIED = "auth.two_factor_verified", "Verified a two-factor code"
    TWO_FACTOR_FAILED = "auth.two_factor_failed", "Two-factor code refused"
    BACKUP_CODES_CREATED = "auth.backup_codes_created", "Created new backup codes"
    BACKUP_CODE_USED = "auth.backup_code_used", "Used a backup code"
    PASSWORD_CHANGED = "auth.password_changed", "Changed password"
    # People and boards
    USER_CREATED = "user.created", "Created a user"
    USER_UPDATED = "user.updated", "Changed a user"
    USER_TWO_FACTOR_RESET = "user.two_factor_reset", "Reset a user's two-factor authentication"
    BOARD_CREATED = "board.created", "Created a board"
    BOARD_UPDATED = "board.updated", "Changed a board"
    MEMBERSHIP_ADDED = "membership.added", "Gave a role"
    MEMBERSHIP_REMOVED = "membership.removed", "Removed a role"
    # Views and downloads of restricted material
    BOARD_VIEWED = "board.viewed", "Viewed a board's restricted dashboard"
    AUDIT_VIEWED = "audit.viewed", "Viewed the audit trail"
    AUDIT_EXPORTED = "audit.exported", "Downloaded the audit trail as CSV"
    AUDIT_VALUES_WITHHELD = (
        "audit.values_withheld",
        "Withheld restricted values that earlier events had copied",
    )
    # Data loading
    DEMO_LOADED = "system.demo_loaded", "Loaded the fictional demo data"
    # Set-up links for new people (accounts)
    USER_SET_UP_LINK_ISSUED = "user.set_up_link_issued", "Issued a password set-up link"
    PASSWORD_SET = "auth.password_set", "Set a password from a set-up link"
    # Cases (notifications, decisions, the lifecycle, panel advice)
    CASE_NOTIFIED = "case.notified", "Notified a serious incident (new case)"
    CASE_VIEWED = "case.viewed", "Viewed a case"
    CASE_IDENTITY_VIEWED = "case.identity_viewed", "Viewed a child's restricted identity record"
    CASE_DECISION_RECORDED = "case.decision_recorded", "Recorded a decision on a review"
    CASE_PANEL_ADVICE_LOGGED = "case.panel_advice_logged", "Logged national panel advice"
    CASE_MOVED = "case.moved", "Moved a case to its next stage"
    # The clocks' rules table (new editions and withdrawals; a set is never changed in place)
    RULES_EDITED = "rules.edited", "Published a new edition of the clock rules"
    RULES_ACTIVATED = "rules.activated", "Brought a clock rules set back into use"
    RULES_DEACTIVATED = "rules.deactivated", "Withdrew a clock rules set"
    CASE_IDENTITY_UPDATED = "case.identity_updated", "Changed a child's restricted identity record"
    CASE_STEP_MET = "case.step_met", "Recorded that a step of a case's plan was met"
    CASE_STEP_UNRECORDED = (
        "case.step_unrecorded",
        "Marked a step as not recorded: its date had been filled in from another",
    )
    CASE_REVIEWER_APPOINTED = "case.reviewer_appointed", "Appointed a reviewer to a case"
    CASE_REVIEWER_APPOINTMENT_ENDED = "case.reviewer_appointment_ended", "Ended an appointment"
    CASE_FILE_ADDED = "case.file_added", "Added a document (or a new version) to a case"
    CASE_FILE_DOWNLOADED = "case.file_downloaded", "Downloaded a case document"
    CASE_FILE_SENT_TO_REPOSITORY = "case.file_to_repository", "Sent a final report on"
    CASE_REMINDER_SENT = "case.reminder_sent", "Sent a reminder that a step is due or overdue"
    NATIONAL_VIEWED = "case.national_viewed", "Viewed the national timeliness dashboard"
    NATIONAL_EXPORTED = "case.national_exported", "Downloaded national timeliness figures as CSV"
    # The reviewer pool
    REVIEWER_ADDED = "reviewer.added", "Added someone to the reviewer pool"
    REVIEWER_UPDATED = "reviewer.updated", "Changed an entry in the reviewer pool"
    REVIEWER_CONFLICT_DECLARED = "reviewer.conflict_declared", "Recorded a conflict of interest"
    REVIEWER_CONFLICT_WITHDRAWN = "reviewer.conflict_withdrawn", "Withdrew a conflict of interest"
    # The repository
    DOCUMENT_INGESTED = "document.ingested", "Added a document to the repository"
    DOCUMENT_REANALYSED = "document.reanalysed", "Re-analysed a document"
    DOCUMENT_VIEWED = "document.viewed", "Viewed a restricted document"
    DOCUMENT_DOWNLOADED = "document.downloaded", "Downloaded a restricted document"
    DOCUMENT_PUBLISHED = "document.published", "Published a document"
    PFD_RESPONSE_RECORDED = (
        "document.pfd_response",
        "Recorded a body's response to a coroner's report",
    )
    REDACTION_DECIDED = "publication.redaction_decided", "Decided on an identifying detail"
    PUBLICATION_GATE_OVERRIDDEN = (
        "publication.gate_overridden",
        "Overrode the publication check for identifying details",
    )
    RECORD_CONFIRMED = "record.confirmed", "Confirmed a value of a document's record"
    RECORD_CORRECTED = "record.corrected", "Corrected a value of a document's record"
    SEARCHED_RESTRICTED = "search.restricted", "Searched restricted documents"
    RECOMMENDATIONS_CHECKED = "recommendations.checked", "Checked draft recommendations"
    RECOMMENDATION_CODED = "recommendations.coded", "Confirmed or corrected a recommendation code"
    RECOMMENDATION_REGROUPED = "recommendations.regrouped", "Corrected a group of recommendations"
