"""How often a password reset may be asked for: django-axes throttles logins only, and each reset request
sends an e-mail, so an address or a network could be flooded with them. Counted in the cache, per address
and per client IP, in windows of PASSWORD_RESET_WINDOW_S from the first request."""

import hashlib

from django.conf import settings
from django.core.cache import caches

from hoptac.core.text import fold


def password_reset_request_allowed(*, email: str, ip_address: str | None) -> bool:
    """Count one request for `email` from `ip_address`; False once either is over its limit. Requests
    for unknown addresses count too, so that the answer tells nothing about which addresses exist."""
    window_s = settings.PASSWORD_RESET_WINDOW_S
    address_count = _count(f"password-reset:address:{_digest(fold(email).strip())}", window_s)
    ip_count = _count(f"password-reset:ip:{ip_address or 'unknown'}", window_s)
    return (
        address_count <= settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
        and ip_count <= settings.PASSWORD_RESET_LIMIT_PER_IP
    )


def _count(key: str, window_s: int) -> int:
    cache = caches["counters"]  # kept even where page fragments are not (CACHE_URL=dummy://)
    cache.add(key, 0, timeout=window_s)  # starts the window; does nothing when it is already open
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_s)
        return 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()  # no address in a cache key
