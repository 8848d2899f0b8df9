from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "casereview.recommendations"
    default_auto_field = "django.db.models.BigAutoField"
