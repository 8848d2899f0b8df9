from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "casereview.pages"
    label = "pages"
    verbose_name = "Public pages"
