"""CACHE_URL: where hoptac keeps its cached page fragments (docs/adr/0024).

- `locmem://` (the default; `locmem://NAME` names it): each process keeps its own, for one machine;
- `redis://HOST:PORT/DB` (or `rediss://` over TLS): Django's own Redis backend, shared by every web
  host, for more than one machine;
- `dummy://`: nothing cached, every page built anew (to measure, or to rule the cache out).

Counters that must hold across requests (password reset requests per address and per client) are kept
under the `counters` alias: in Redis when the fragments are, else in the process's memory, never in the
dummy cache, which would forget every count.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = "django.core.cache.backends.redis.RedisCache"
DUMMY = "django.core.cache.backends.dummy.DummyCache"
COUNTERS_IN_MEMORY = {"BACKEND": LOCMEM, "LOCATION": "hoptac-counters"}


def caches_from_url(url: str) -> dict[str, dict]:
    """Django's CACHES for `url`: the `default` cache and the `counters` one.

    >>> caches_from_url("redis://10.0.0.5:6379/1")["default"]
    {'BACKEND': 'django.core.cache.backends.redis.RedisCache', 'LOCATION': 'redis://10.0.0.5:6379/1'}
    >>> caches_from_url("dummy://")["counters"]["BACKEND"]
    'django.core.cache.backends.locmem.LocMemCache'
    """
    parts = urlsplit(url.strip())
    if parts.scheme == "locmem":
        default = {"BACKEND": LOCMEM, "LOCATION": parts.netloc or "hoptac"}
        return {"default": default, "counters": COUNTERS_IN_MEMORY}
    if parts.scheme in ("redis", "rediss") and parts.hostname:
        default = {"BACKEND": REDIS, "LOCATION": url.strip()}
        return {"default": default, "counters": {**default, "KEY_PREFIX": "counters"}}
    if parts.scheme == "dummy":
        return {"default": {"BACKEND": DUMMY}, "counters": COUNTERS_IN_MEMORY}
    raise ImproperlyConfigured(
        f"CACHE_URL={url!r} is not a cache hoptac knows: use locmem://, redis://HOST:PORT/DB or dummy://."
    )


def session_engine_for(caches: dict[str, dict]) -> str:
    """Sessions through the cache only when every process shares it (Redis). A cache per process
    would keep a session that a logout in another process deleted valid there until it expired.
    Both are Django's engines with the session row read by a compiled query (hoptac/core/sessions)."""
    if caches["default"]["BACKEND"] == REDIS:
        return "hoptac.core.sessions.cached_db"
    return "hoptac.core.sessions.db"
