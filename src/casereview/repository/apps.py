from django.apps import AppConfig


class RepositoryConfig(AppConfig):
    name = "casereview.repository"
    label = "repository"
    verbose_name = "The national repository of reviews"

    def ready(self) -> None:
        from casereview.repository import signals

        signals.connect()
