"""Received documents (docs/adr/0020): every plan gets the register that holds it. An imported plan is
held by the alliance that imported it; any other by its issuer's register (a body's alliance). A copy
held by another register than its issuer's is a received document."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


BODY_KINDS = ("department", "leadership")


def hold_every_plan(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Upload = apps.get_model("plans", "Upload")
    importers = dict(
        Upload.objects.filter(plan__isnull=False).order_by("pk").values_list("plan_id", "organisation_id")
    )
    for plan in Plan.objects.select_related("issuer").only("pk", "issuer__kind", "issuer__parent_id"):
        issuer = plan.issuer
        register = issuer.parent_id if issuer.kind in BODY_KINDS and issuer.parent_id else issuer.pk
        holder = importers.get(plan.pk, register)
        Plan.objects.filter(pk=plan.pk).update(held_by_id=holder, is_received=holder != register)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_names_by_trigram"),
        ("plans", "0005_document_kind_and_ocr_progress"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="plan",
            name="plan_number_unique_per_issuer_type_year",
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="copy_of",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.plan",
                verbose_name="copy of",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="held_by",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="orgs.organisation",
                verbose_name="held by",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="is_received",
            field=models.BooleanField(default=False, verbose_name="received document"),
        ),
        migrations.AddField(
            model_name="plan",
            name="copy_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="plans.plan",
                verbose_name="copy of",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="held_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="held_plans",
                to="orgs.organisation",
                verbose_name="held by",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="is_received",
            field=models.BooleanField(default=False, verbose_name="received document"),
        ),
        migrations.RunPython(hold_every_plan, migrations.RunPython.noop, elidable=True),
    ]
