"""The data generation and the page fragments cached under it (docs/adr/0012).

The generation is a number that database triggers raise on every write to the watched tables (plans
migration 0003, core/triggers.py). The key of a cached fragment holds what decides its content: the
page, the visibility scope of the user (never the user alone, so colleagues share it), the query, the
language, and the generation. A write through any path, the ORM, a bulk update or the shell, changes
the generation, so a stale fragment is never served.

This module is the one place that reads the generation. Its row still lives in the plans app's table
(`plans.DataGeneration`, migration plans 0003); it is read here by the table's name, in raw SQL, so that
core depends on no app of ours and moving the table later changes this module alone.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection, connections
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

GENERATION_TABLE = "plans_datageneration"
FRAGMENT_TIMEOUT_S = 600


def stored_generation() -> int | None:
    """The generation as the database holds it, or None when its row is missing (a database emptied by
    a test's flush before post_migrate ran again). One indexed read of one row."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {GENERATION_TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def data_generation(request=None) -> int:
    """The current generation: read with the user at the start of `request` when there is one
    (accounts/backends.py), else from the database."""
    generation = getattr(getattr(request, "user", None), "data_generation", None)
    if generation is not None:
        return generation
    generation = stored_generation()
    if generation is None:  # the row was flushed: start again at 0
        generation_row_ensure()
        return 0
    return generation


def generation_row_ensure(using: str = "default") -> None:
    """Make the generation's one row when it is missing (after migrate, and after a flush)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {GENERATION_TABLE} (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
        )


def fragment_key(*key_parts: object, generation: int) -> str:
    """The cache key of a fragment: its parts, the active language and the generation, hashed."""
    parts = (*key_parts, get_language(), generation)
    return "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_fragment(
    *key_parts: object, render: Callable[[], str], generation: int | None = None
) -> SafeString:
    """The HTML `render()` gives for these key parts, from the cache when the data has not changed.

    A page caching several fragments reads `data_generation()` once and passes it to each.
    """
    generation = data_generation() if generation is None else generation
    key = fragment_key(*key_parts, generation=generation)
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, FRAGMENT_TIMEOUT_S)
    return mark_safe(html)
