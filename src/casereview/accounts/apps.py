from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereview.accounts"
    label = "accounts"
    verbose_name = "Boards and people"
