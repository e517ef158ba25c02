from django.db import migrations

from hoptac.core.triggers import watch_generation


class Migration(migrations.Migration):
    dependencies = [("tracking", "0001_progress"), ("plans", "0004_progress")]

    # The tracking pages are cached under the data generation (docs/adr/0012): the estimates and
    # supervisions they show raise it too; activity progress already does (plans_activity).
    operations = [watch_generation("tracking_costestimate", "tracking_supervision")]
