from django.db import migrations

from hoptac.plans.generation_triggers import Watched, watch


class Migration(migrations.Migration):
    dependencies = [("reminders", "0002_watch_generation"), ("plans", "0008_generations_per_scope")]

    # The unread count in the header is read with the user, cached under the user's own counter
    # (accounts/backends.py): a notification made or read raises its recipient's, and nothing else.
    operations = [
        watch(Watched("reminders_notification", users=("{r}.recipient_id",), raises_everything=False))
    ]
