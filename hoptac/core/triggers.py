"""Triggers that SQLite loses when a migration remakes a table.

Django's SQLite schema editor changes a table (adding a column with a default, a constraint ...) by
creating a new table, copying the rows and dropping the old one, and the old table's triggers go with
it. The full-text index triggers (core/search.py) and the data-generation triggers (plans migration
0003) are then silently gone. A migration that alters a watched table ends with
`restore_sqlite_triggers(...)`, which makes them again (PostgreSQL alters tables in place and keeps
its triggers, so it does nothing there).

The generation triggers named here are those of the one global generation that plans migration 0008
replaced by generations per scope (hoptac/plans/generation_triggers.py, whose `watch` a migration that
remakes a watched table now ends with). They stay for the migrations that made them, which run before
0008 on a new database; 0008 drops them.
"""

from django.db import migrations

from hoptac.core.search import SQLITE_TRIGGERS

SQLITE_EVENTS = ("insert", "update", "delete")
LEGACY_GENERATION_TABLE = "plans_datageneration"


def _drop_sqlite_generation_triggers(run, table: str) -> None:
    for event in SQLITE_EVENTS:
        run(f"DROP TRIGGER IF EXISTS {table}_generation_{event}")


def _create_sqlite_generation_triggers(run, table: str) -> None:
    for event in SQLITE_EVENTS:
        run(
            f"CREATE TRIGGER {table}_generation_{event} AFTER {event.upper()} ON {table} BEGIN "
            f"UPDATE {LEGACY_GENERATION_TABLE} SET value = value + 1 WHERE id = 1; END"
        )


def restore_sqlite_triggers(*, full_text: tuple[str, ...] = (), generation: tuple[str, ...] = ()):
    """A migration operation re-creating, on SQLite, the search triggers of the `full_text` tables
    (and rebuilding their index) and the generation triggers of the `generation` tables."""

    def restore(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        run = schema_editor.execute
        for table in full_text:
            for event in SQLITE_EVENTS:
                run(f"DROP TRIGGER IF EXISTS {table}_fts_{event}")
            for statement in SQLITE_TRIGGERS:
                run(statement.format(table=table, column="search_text"))
            run(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")
        for table in generation:
            _drop_sqlite_generation_triggers(run, table)
            _create_sqlite_generation_triggers(run, table)

    return migrations.RunPython(restore, migrations.RunPython.noop)


def watch_generation(*tables: str):
    """Superseded by plans/generation_triggers.py's `watch`: the migrations that called it (tracking
    0002, reminders 0002) run before plans 0008 removed the global generation, so it makes nothing."""
    return migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)
