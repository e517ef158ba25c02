from django.db import migrations

from hoptac.core.search import full_text_index


class Migration(migrations.Migration):
    """Units are searched by their key (the folded name with abbreviations expanded, docs/adr/0011)."""

    dependencies = [("orgs", "0001_initial")]

    operations = [full_text_index("orgs_organisation", column="key")]
