from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "casereview.audit"
    label = "audit"
    verbose_name = "Audit trail"
