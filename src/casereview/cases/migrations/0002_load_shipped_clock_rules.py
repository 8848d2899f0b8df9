"""Load the statutory clock rules that ship with casereview (cases/rules/clock-rules.json).

It uses the same loader as ``casereview.cases.services.load_rules``, with this migration's
historical models, so a fresh database has the rules in force from its first use.
"""

from typing import Any

from django.db import migrations


def load_shipped_rules(apps: Any, schema_editor: Any) -> None:
    from casereview.cases.rules import SHIPPED_RULES_FILE, install_rule_set, read_rules_file

    install_rule_set(
        read_rules_file(SHIPPED_RULES_FILE),
        apps.get_model("cases", "RuleSet"),
        apps.get_model("cases", "ClockRule"),
    )


def unload_shipped_rules(apps: Any, schema_editor: Any) -> None:
    from casereview.cases.rules import SHIPPED_RULES_FILE, read_rules_file

    version = read_rules_file(SHIPPED_RULES_FILE).version
    apps.get_model("cases", "RuleSet").objects.filter(version=version).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(load_shipped_rules, unload_shipped_rules)]
