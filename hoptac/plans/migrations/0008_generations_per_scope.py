from django.db import migrations, models

from hoptac.plans.generation_triggers import ORGANISATION, PLAN_TABLES, USER, watch, watch_user_names

# The one global generation (0003) and the tables whose triggers raised it.
LEGACY_WATCHED = (
    "plans_plan", "plans_activity", "plans_assignment", "plans_recipient", "plans_quantity", "plans_basis",
    "plans_deadline", "plans_planstatuschange", "orgs_organisation", "accounts_user",
    "tracking_costestimate", "tracking_supervision", "reminders_notification",
)


def drop_global_generation_triggers(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        run("DROP FUNCTION IF EXISTS hoptac_bump_generation() CASCADE")  # with every trigger calling it
        return
    for table in LEGACY_WATCHED:
        for event in ("insert", "update", "delete"):
            run(f"DROP TRIGGER IF EXISTS {table}_generation_{event}")


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0007_every_plan_held"),
        ("orgs", "0003_names_by_trigram"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(drop_global_generation_triggers, migrations.RunPython.noop),
        migrations.DeleteModel(name="DataGeneration"),
        migrations.CreateModel(
            name="GenerationCounter",
            fields=[
                ("scope", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "hoptac_generation"},
        ),
        watch(*PLAN_TABLES, ORGANISATION, USER),
        watch_user_names(),
    ]
