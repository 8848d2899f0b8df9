from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "casereview.worker"
    label = "worker"
    verbose_name = "Background workers"
