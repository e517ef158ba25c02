from django.db import migrations

from hoptac.core.triggers import watch_generation


class Migration(migrations.Migration):
    dependencies = [("reminders", "0001_initial"), ("plans", "0003_data_generation")]

    # The unread count in the header is read with the user, cached under the data generation
    # (accounts/backends.py): a notification made or read raises it.
    operations = [watch_generation("reminders_notification")]
