"""The triggers that raise the data generations of the scopes a written row belongs to (docs/adr/0025).

A cached fragment is keyed by the generations of what it shows (core/generation.py): the alliances a
user's plans come from, one plan, one user, the directory of names, or everything. Every write to a
watched table raises, in the same transaction, the counters of every scope that row belongs to:

- `all`: any write to plans, activities, organisations and what hangs on them (those who see everything);
- `org:<alliance id>`: the alliance of each unit the row concerns. For a row of a plan these are the
  alliance holding the plan and the alliances of its recipients, of the units assigned to its activities,
  and of the plans implementing it: everyone who may read the plan (plans/selectors.py, plans_scope);
- `plan:<id>`: the plan the row belongs to (the plan page's fragments);
- `directory`: names shown everywhere (organisations; a person's name);
- `user:<id>`: one user's row and unread notifications (a login or a reminder empties nothing else).

SQLite runs a trigger per row, on NEW or OLD; PostgreSQL one per statement over its transition table
(`changed`), so a bulk update of 1,000 activities raises each counter once. Both run the same SELECT of
scopes, written once here with `{r}` for the row and `{rows}` for where it comes from.
"""

from dataclasses import dataclass

from django.db import migrations

from hoptac.core.generation import GENERATION_TABLE

ALLIANCE_KINDS_SQL = "('national_alliance', 'provincial_alliance')"
EVENTS = ("insert", "update", "delete")


@dataclass(frozen=True)
class Watched:
    """A table whose writes raise generations, and how a row of it names its scopes: SQL expressions
    over the row `{r}` giving plan ids, organisation ids (whose alliances are raised), user ids."""

    table: str
    plans: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    users: tuple[str, ...] = ()
    # The row is an organisation: its own alliance is itself, or its parent.
    is_organisation: bool = False
    raises_everything: bool = True
    raises_directory: bool = False


def _alliance_of(alias: str) -> str:
    return f"CASE WHEN {alias}.kind IN {ALLIANCE_KINDS_SQL} THEN {alias}.id ELSE {alias}.parent_id END"


def _readers_of_plans(plan_ids: str) -> str:
    """The organisation ids whose alliances may read the plans `plan_ids` (a subquery)."""
    return (
        f"SELECT held_by_id FROM plans_plan WHERE id IN ({plan_ids}) "
        f"UNION SELECT organisation_id FROM plans_recipient WHERE plan_id IN ({plan_ids}) "
        "UNION SELECT a.organisation_id FROM plans_assignment a "
        "JOIN plans_activity ac ON ac.id = a.activity_id "
        f"WHERE ac.plan_id IN ({plan_ids}) "
        "UNION SELECT p.held_by_id FROM plans_basis b JOIN plans_plan p ON p.id = b.plan_id "
        f"WHERE b.implements_id IN ({plan_ids})"
    )


def scopes_sql(watched: Watched, *, r: str, rows: str) -> str:
    """A SELECT of the scopes (one column) the rows in `rows` belong to; `r` names the row in it. On
    SQLite `r` is NEW or OLD and `rows` is empty; on PostgreSQL `rows` is "FROM changed r"."""
    parts = []
    if watched.raises_everything:
        parts.append("SELECT 'all' AS scope")
    if watched.raises_directory:
        parts.append("SELECT 'directory' AS scope")
    for expression in watched.users:
        parts.append(f"SELECT 'user:' || {expression.format(r=r)} AS scope {rows}")
    if watched.plans:
        plan_ids = " UNION ".join(f"SELECT {e.format(r=r)} AS pid {rows}" for e in watched.plans)
        parts.append(f"SELECT 'plan:' || pid AS scope FROM ({plan_ids}) AS plan_ids")
        parts.append(
            f"SELECT 'org:' || {_alliance_of('o')} AS scope FROM orgs_organisation o "
            f"WHERE o.id IN ({_readers_of_plans(plan_ids)})"
        )
    if watched.organisations:
        unit_ids = " UNION ".join(f"SELECT {e.format(r=r)} {rows}" for e in watched.organisations)
        parts.append(
            f"SELECT 'org:' || {_alliance_of('o')} AS scope FROM orgs_organisation o "
            f"WHERE o.id IN ({unit_ids})"
        )
    if watched.is_organisation:
        parts.append(f"SELECT 'org:' || {_alliance_of(r)} AS scope {rows}")
    if not parts:
        raise ValueError(f"{watched.table} raises no generation")
    return " UNION ".join(parts)


def raise_sql(scopes: str) -> str:
    """Raise by one the counter of each scope `scopes` selects (made at 1 when new)."""
    return (
        f"INSERT INTO {GENERATION_TABLE} (scope, value) SELECT scope, 1 FROM ({scopes}) AS scopes "
        f"WHERE scope IS NOT NULL ON CONFLICT (scope) DO UPDATE SET value = {GENERATION_TABLE}.value + 1"
    )


def _rows_of(event: str) -> tuple[str, ...]:
    return {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}[event]


def sqlite_triggers(watched: Watched) -> list[str]:
    statements = []
    for event in EVENTS:
        body = "; ".join(raise_sql(scopes_sql(watched, r=row, rows="")) for row in _rows_of(event))
        statements.append(
            f"CREATE TRIGGER {watched.table}_gen_{event} AFTER {event.upper()} ON {watched.table} "
            f"BEGIN {body}; END"
        )
    return statements


def postgresql_triggers(watched: Watched) -> list[str]:
    statements = []
    for event in EVENTS:
        transition = {
            "insert": "NEW TABLE AS changed",
            "update": "OLD TABLE AS changed_before NEW TABLE AS changed",
            "delete": "OLD TABLE AS changed",
        }[event]
        scopes = scopes_sql(watched, r="r", rows="FROM changed r")
        if event == "update":
            scopes += " UNION " + scopes_sql(watched, r="r", rows="FROM changed_before r")
        function = f"hoptac_gen_{watched.table}_{event}"
        statements += [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"{raise_sql(scopes)}; RETURN NULL; END $$",
            f"CREATE TRIGGER {watched.table}_gen_{event} AFTER {event.upper()} ON {watched.table} "
            f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return statements


def _drop_statements(watched: Watched, vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            statement
            for event in EVENTS
            for statement in (
                f"DROP TRIGGER IF EXISTS {watched.table}_gen_{event} ON {watched.table}",
                f"DROP FUNCTION IF EXISTS hoptac_gen_{watched.table}_{event}()",
            )
        ]
    return [f"DROP TRIGGER IF EXISTS {watched.table}_gen_{event}" for event in EVENTS]


def create_statements(watched: Watched, vendor: str) -> list[str]:
    made = postgresql_triggers(watched) if vendor == "postgresql" else sqlite_triggers(watched)
    return _drop_statements(watched, vendor) + made


def watch(*tables: Watched):
    """A migration operation making (again) the generation triggers of `tables`. A migration that
    remakes a watched table on SQLite (which drops its triggers) ends with it too."""

    def create(apps, schema_editor):
        for watched in tables:
            for statement in create_statements(watched, schema_editor.connection.vendor):
                schema_editor.execute(statement)

    def drop(apps, schema_editor):
        for watched in tables:
            for statement in _drop_statements(watched, schema_editor.connection.vendor):
                schema_editor.execute(statement)

    return migrations.RunPython(create, drop)


def _of_activity(column: str) -> str:
    return f"(SELECT plan_id FROM plans_activity WHERE id = {{r}}.{column})"


# What each table of plans, organisations and users raises. Tracking and reminders watch their own
# tables in their migrations, with the same `Watched`.
PLAN = Watched("plans_plan", plans=("{r}.id",), organisations=("{r}.held_by_id",))
ACTIVITY = Watched("plans_activity", plans=("{r}.plan_id",))
ASSIGNMENT = Watched(
    "plans_assignment", plans=(_of_activity("activity_id"),), organisations=("{r}.organisation_id",)
)
QUANTITY = Watched("plans_quantity", plans=(_of_activity("activity_id"),))
RECIPIENT = Watched("plans_recipient", plans=("{r}.plan_id",), organisations=("{r}.organisation_id",))
BASIS = Watched("plans_basis", plans=("{r}.plan_id", "{r}.implements_id"))
DEADLINE = Watched("plans_deadline", plans=("{r}.plan_id",))
STATUS_CHANGE = Watched("plans_planstatuschange", plans=("{r}.plan_id",))
ORGANISATION = Watched("orgs_organisation", is_organisation=True, raises_directory=True)
# A login writes last_login: it raises that user's own counter alone. A changed name shows in plans'
# histories: the directory (a separate trigger, accounts_user_gen_names).
USER = Watched("accounts_user", users=("{r}.id",), raises_everything=False)
PLAN_TABLES = (PLAN, ACTIVITY, ASSIGNMENT, QUANTITY, RECIPIENT, BASIS, DEADLINE, STATUS_CHANGE)


def watch_user_names():
    """A migration operation: a change of a person's name raises the directory."""
    columns = "first_name, last_name"

    def create(apps, schema_editor):
        run, raise_directory = schema_editor.execute, raise_sql("SELECT 'directory' AS scope")
        if schema_editor.connection.vendor == "postgresql":
            run(
                "CREATE OR REPLACE FUNCTION hoptac_gen_accounts_user_names() RETURNS trigger "
                f"LANGUAGE plpgsql AS $$ BEGIN {raise_directory}; RETURN NULL; END $$"
            )
            run(
                f"CREATE TRIGGER accounts_user_gen_names AFTER UPDATE OF {columns} ON accounts_user "
                "FOR EACH STATEMENT EXECUTE FUNCTION hoptac_gen_accounts_user_names()"
            )
        else:
            run(
                f"CREATE TRIGGER accounts_user_gen_names AFTER UPDATE OF {columns} ON accounts_user "
                f"BEGIN {raise_directory}; END"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP TRIGGER IF EXISTS accounts_user_gen_names ON accounts_user")
            schema_editor.execute("DROP FUNCTION IF EXISTS hoptac_gen_accounts_user_names()")
        else:
            schema_editor.execute("DROP TRIGGER IF EXISTS accounts_user_gen_names")

    return migrations.RunPython(create, drop)
