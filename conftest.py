"""Shared by every test: the process's cache starts empty, so a fragment cached by one test (whose
database rows the flush then removed) is never served to the next."""

import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _empty_cache():
    for cache in caches.all():
        cache.clear()
