from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "casereview.pages"
    label = "pages"
    verbose_name = "Public pages"

    def ready(self) -> None:
        # Registers the production-safety checks with Django's check framework.
        from casereview.config import checks  # noqa: F401
