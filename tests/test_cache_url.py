"""CACHE_URL (config/cache_url.py, docs/adr/0024): locmem for one machine, Django's own Redis backend for
several, dummy for none; the counters of throttling survive a dummy cache; Redis really holds a fragment."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from config.cache_url import DUMMY, LOCMEM, REDIS, caches_from_url, session_engine_for

REDIS_URL = "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize(
    ("url", "default", "counters"),
    [
        ("locmem://", LOCMEM, LOCMEM),
        ("locmem://hoptac", LOCMEM, LOCMEM),
        ("dummy://", DUMMY, LOCMEM),
        ("redis://10.0.0.5:6379/1", REDIS, REDIS),
        ("rediss://cache.example.vn:6380/0", REDIS, REDIS),
    ],
)
def test_each_url_makes_its_backend(url, default, counters):
    made = caches_from_url(url)
    assert (made["default"]["BACKEND"], made["counters"]["BACKEND"]) == (default, counters)


def test_redis_keeps_the_url_and_the_counters_apart():
    made = caches_from_url("redis://10.0.0.5:6379/1")
    assert made["default"]["LOCATION"] == "redis://10.0.0.5:6379/1"
    assert made["counters"]["KEY_PREFIX"] == "counters"


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "redis://", "locmem", "", "file:///tmp/x"])
def test_an_unknown_url_stops_the_start_naming_it(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        caches_from_url(url)


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_answers(), reason="no Redis server at 127.0.0.1:6379")
def test_a_value_set_through_one_connection_is_read_through_another():
    """Two cache objects stand for two web hosts: what one writes, the other reads."""
    first = RedisCache(REDIS_URL, {})
    second = RedisCache(REDIS_URL, {})
    key = f"hoptac-test:{uuid.uuid4()}"
    first.set(key, "Kế hoạch 14/KH-LMHTX", 30)
    assert second.get(key) == "Kế hoạch 14/KH-LMHTX"
    second.delete(key)
    assert first.get(key) is None


@pytest.mark.django_db
def test_a_dummy_cache_keeps_the_reset_throttle(client):
    """With page fragments off, password reset requests are still counted (in the counters cache)."""
    with override_settings(CACHES=caches_from_url("dummy://")):
        caches["counters"].clear()
        statuses = [
            client.post(
                reverse("accounts:password_reset"), {"email": "lan@example.vn"}, REMOTE_ADDR="203.0.113.9"
            ).status_code
            for _ in range(12)
        ]
    assert 429 in statuses


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("locmem://", "hoptac.core.sessions.db"),
        ("dummy://", "hoptac.core.sessions.db"),
        ("redis://10.0.0.5:6379/1", "hoptac.core.sessions.cached_db"),
    ],
)
def test_sessions_go_through_the_cache_only_when_every_process_shares_it(url, engine):
    """With a cache per process, a logout handled by one gunicorn worker would leave the session valid
    in the other's memory (bench/cluster.py found it)."""
    assert session_engine_for(caches_from_url(url)) == engine
