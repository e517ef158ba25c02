from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX orgs_organisation_key_trigram ON orgs_organisation USING gin (key gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgs_organisation_key_trigram")


class Migration(migrations.Migration):
    """PostgreSQL finds misspelt unit names by trigram similarity of their keys (docs/adr/0011)."""

    dependencies = [("orgs", "0002_search_by_key")]

    operations = [TrigramExtension(), migrations.RunPython(create_index, drop_index)]
