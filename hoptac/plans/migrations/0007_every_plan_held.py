"""Every plan is held (0006 filled `held_by`): the column becomes required, with its index and the
number constraint per holder. Apart from 0006 because PostgreSQL refuses to alter a table that has
pending constraint checks from the rows 0006 updated in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models

from hoptac.core.triggers import restore_sqlite_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_names_by_trigram"),
        ("plans", "0006_received_documents"),
    ]

    operations = [
        migrations.AlterField(
            model_name="plan",
            name="held_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="held_plans",
                to="orgs.organisation",
                verbose_name="held by",
            ),
        ),
        migrations.AddIndex(
            model_name="plan",
            index=models.Index(fields=["held_by", "-issued_on"], name="plans_plan_held_by_c89f3f_idx"),
        ),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("sequence__isnull", False)),
                fields=("held_by", "issuer", "type_code", "year", "sequence"),
                name="plan_number_unique_per_holder_issuer_type_year",
            ),
        ),
        migrations.AddField(model_name="upload", name="is_sure", field=models.BooleanField(default=False)),
        migrations.AddField(
            model_name="upload", name="language", field=models.CharField(blank=True, max_length=10)
        ),
        # SQLite remade plans_plan in 0006 and above, and its triggers went with the old table.
        restore_sqlite_triggers(full_text=("plans_plan",), generation=("plans_plan",)),
    ]
