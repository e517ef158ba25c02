from django.db import migrations

from hoptac.core.search import full_text_index


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [full_text_index("plans_plan"), full_text_index("plans_activity")]
