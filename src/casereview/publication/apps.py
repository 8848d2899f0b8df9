from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "casereview.publication"
    label = "publication"
    verbose_name = "Publication: redaction and the gate"
