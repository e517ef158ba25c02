"""Data generations and the page fragments cached under them (docs/adr/0012, 0025).

A generation is a counter of one scope that database triggers raise on every write to what the scope
covers (hoptac/plans/generation_triggers.py): `all` (everything), `org:<alliance id>` (what that
alliance's people may read), `plan:<id>`, `directory` (names of units and people) and `user:<id>`. The key
of a cached fragment holds what decides its content: the page, the visibility scope of the user (never the
user alone, so colleagues share it), the query, the language, and the generations of the scopes it shows.
A write through any path, the ORM, a bulk update or the shell, changes those generations, so a stale
fragment is never served; a write in An Giang leaves Bắc Ninh's fragments alone.

This module is the one place that reads the counters' table (by its name, in raw SQL, so core depends on
no app of ours); accounts/backends.py reads a user's own scopes with it at the start of each request.
"""

import hashlib
from collections.abc import Callable, Hashable, Iterable

from django.core.cache import cache
from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

GENERATION_TABLE = "hoptac_generation"
FRAGMENT_TIMEOUT_S = 600
EVERYTHING = "all"
DIRECTORY = "directory"


def plan_scope(plan_id: int) -> str:
    return f"plan:{plan_id}"


def user_scope(user_id: int) -> str:
    return f"user:{user_id}"


def stored_generations(
    scopes: Iterable[str], *, extra_sql: str = "", params: Iterable = ()
) -> dict[str, int]:
    """The counters of `scopes` (and of the scopes `extra_sql`, a subquery of scope names with `params`,
    selects), 0 for a scope never written: one indexed read."""
    scopes = list(scopes)
    marks = ", ".join(["%s"] * len(scopes))
    sql = f"SELECT scope, value FROM {GENERATION_TABLE} WHERE scope IN ({marks})"
    if extra_sql:
        sql += f" OR scope IN ({extra_sql})"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*scopes, *params])
        found = dict(cursor.fetchall())
    return dict.fromkeys(scopes, 0) | found


def user_generations_sql(*, users: str, units: str, vendor: str) -> str:
    """A subquery over the row of `users` (the table of the outer query) giving, as one text
    "scope=value,scope=value", the counters a request of that user needs: everything, the directory,
    the user's own, and those of the alliances above their unit (its own, its parent's, its
    grandparent's). Read with the user's row, it spares every request a query (accounts/backends.py);
    `generations_from_text` reads the text back."""
    join = "string_agg" if vendor == "postgresql" else "group_concat"
    user, unit = f'"{users}"."id"', f'"{users}"."organisation_id"'
    scopes = (
        f"SELECT '{EVERYTHING}' UNION ALL SELECT '{DIRECTORY}' UNION ALL SELECT 'user:' || {user} "
        f"UNION ALL SELECT 'org:' || {unit} "
        f"UNION ALL SELECT 'org:' || o.parent_id FROM {units} o WHERE o.id = {unit} "
        f"UNION ALL SELECT 'org:' || p.parent_id FROM {units} o JOIN {units} p ON p.id = o.parent_id "
        f"WHERE o.id = {unit}"
    )
    pairs = f"{join}(g.scope || '=' || g.value, ',')"
    return f"(SELECT {pairs} FROM {GENERATION_TABLE} g WHERE g.scope IN ({scopes}))"


def generations_from_text(text: str | None, scopes: Iterable[str]) -> dict[str, int]:
    """The counters `user_generations_sql` gave, 0 for each of `scopes` never written."""
    found = {}
    for pair in (text or "").split(","):
        scope, _, value = pair.rpartition("=")
        if scope:
            found[scope] = int(value)
    return dict.fromkeys(scopes, 0) | found


def _request_generations(request) -> dict[str, int]:
    return getattr(getattr(request, "user", None), "generations", None) or {}


def data_generation(request=None) -> Hashable:
    """The generation of what the request's user may read, read with the user at the start of the
    request (accounts/backends.py); without one, the generation of everything."""
    generation = getattr(getattr(request, "user", None), "data_generation", None)
    if generation is not None:
        return generation
    return everything_generation(request)


def everything_generation(request=None) -> Hashable:
    """For a fragment that shows every alliance's data whoever reads it (the national table)."""
    known = _request_generations(request)
    if EVERYTHING in known and DIRECTORY in known:
        return (known[EVERYTHING], known[DIRECTORY])
    stored = stored_generations([EVERYTHING, DIRECTORY])
    return (stored[EVERYTHING], stored[DIRECTORY])


def plan_generation_sql(plan_id: int) -> tuple[str, list]:
    """A subquery of one plan's counter, to read it with the plan's row (plans/selectors.access_plan)."""
    return f"SELECT COALESCE(MAX(value), 0) FROM {GENERATION_TABLE} WHERE scope = %s", [plan_scope(plan_id)]


def plan_generation(plan_id: int, request=None, *, stored: int | None = None) -> Hashable:
    """For a fragment of one plan's page: that plan's rows and the names they show. `stored` is the
    plan's counter when it was read with the plan's row (no query then)."""
    known = _request_generations(request)
    if DIRECTORY in known:
        if stored is None:
            stored = stored_generations([plan_scope(plan_id)])[plan_scope(plan_id)]
        return (stored, known[DIRECTORY])
    stored = stored_generations([plan_scope(plan_id), DIRECTORY])
    return (stored[plan_scope(plan_id)], stored[DIRECTORY])


def fragment_key(*key_parts: object, generation: Hashable) -> str:
    """The cache key of a fragment: its parts, the active language and the generation, hashed."""
    parts = (*key_parts, get_language(), generation)
    return "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_fragment(
    *key_parts: object, render: Callable[[], str], generation: Hashable | None = None
) -> SafeString:
    """The HTML `render()` gives for these key parts, from the cache when the data has not changed.

    A page caching several fragments reads its generation once and passes it to each.
    """
    generation = data_generation() if generation is None else generation
    return mark_safe(cached_value(*key_parts, compute=lambda: str(render()), generation=generation))


def cached_value(*key_parts: object, compute: Callable[[], object], generation: Hashable) -> object:
    """What `compute()` gives for these key parts (anything the cache can pickle, never None), from
    the cache while `generation` is unchanged."""
    key = fragment_key(*key_parts, generation=generation)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, FRAGMENT_TIMEOUT_S)
    return value
