"""Cached page fragments that a write anywhere makes stale at once (docs/adr/0012).

The key of a fragment holds what decides its content: the page, the visibility scope of the user
(never the user alone, so colleagues share it), the query, the language, and the data generation, a
number database triggers raise on every write to the watched tables. A write through any path, the
ORM, a bulk update or the shell, changes the generation, so a stale fragment is never served.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connection
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from hoptac.plans.models import DataGeneration

FRAGMENT_TIMEOUT_S = 600


def data_generation(request=None) -> int:
    """The current generation: read with the user at the start of `request` when there is one
    (accounts/backends.py), else one indexed read of one row."""
    generation = getattr(getattr(request, "user", None), "data_generation", None)
    if generation is not None:
        return generation
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM plans_datageneration WHERE id = 1")
        row = cursor.fetchone()
    if row is None:  # a database emptied by a test's flush: start again at 0
        DataGeneration.objects.get_or_create(pk=1)
        return 0
    return row[0]


def cached_fragment(
    *key_parts: object, render: Callable[[], str], generation: int | None = None
) -> SafeString:
    """The HTML `render()` gives for these key parts, from the cache when the data has not changed.

    A page caching several fragments reads `data_generation()` once and passes it to each.
    """
    generation = data_generation() if generation is None else generation
    parts = (*key_parts, get_language(), generation)
    key = "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, FRAGMENT_TIMEOUT_S)
    return mark_safe(html)
