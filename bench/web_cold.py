"""Part of bench/web.py: each page rendered in-process with the fragment cache emptied first (the cost
of the first view after a write), beside the same page served warm. Prints one line a page, and under it
where a cold rendering's time goes by cProfile: the Python calls a request (the same from run to run,
unlike times on a shared machine) and the three parts of the stack that cost most."""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

ROUNDS = 40


def signed_in(session_key: str) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = session_key
    return client


def cold_seconds(client: Client, path: str, rounds: int) -> list[float]:
    """Seconds of each of `rounds` renderings of `path` after a first one, the fragment cache emptied
    before each: the cost of the first view after a write."""
    client.get(path)
    cold = []
    for _ in range(rounds):
        cache.clear()
        began = time.perf_counter()
        client.get(path)
        cold.append(time.perf_counter() - began)
    return cold


# Where a function's own time is counted, by the path of its file.
AREAS = (
    ("django/db/models/sql", "building and compiling SQL"),
    ("django/db/models", "querysets and model instances"),
    ("django/db/backends", "database driver wrapper"),
    ("django/template", "templates"),
    ("/hoptac/", "hoptac's own code"),
    ("django/utils", "Django's utilities (lazy text, escaping, translation)"),
    ("django/", "the rest of Django (request, middleware, URLs)"),
)
PROFILED = 10


def cold_profile(client: Client, path: str) -> tuple[float, list[tuple[str, float]]]:
    """Python calls a cold request, and the three areas (AREAS) with most of its own time, in shares."""
    profile = cProfile.Profile()
    for _ in range(PROFILED):
        cache.clear()
        profile.enable()
        client.get(path)
        profile.disable()
    stats = pstats.Stats(profile)
    by_area: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _calls, own, _cum, _callers) in stats.stats.items():
        area = next(
            (label for part, label in AREAS if part in filename), "Python and C built-ins, other libraries"
        )
        by_area[area] = by_area.get(area, 0) + own
    total = sum(by_area.values()) or 1
    top = sorted(by_area.items(), key=lambda item: -item[1])[:3]
    return stats.total_calls / PROFILED, [(area, own / total) for area, own in top]


def main(session_key: str, pages: list[tuple[str, str]]) -> None:
    client = signed_in(session_key)
    for name, path in pages:
        cold = cold_seconds(client, path, ROUNDS)
        began = time.perf_counter()
        for _ in range(ROUNDS):
            client.get(path)
        warm = (time.perf_counter() - began) / ROUNDS
        print(f"  {name:<30} cold {sorted(cold)[ROUNDS // 2] * 1000:6.1f} ms   warm {warm * 1000:6.1f} ms")
        calls, top = cold_profile(client, path)
        shares = ", ".join(f"{area} {share:.0%}" for area, share in top)
        print(f"  {'':<30} cold: {calls:,.0f} Python calls a request; {shares}")


if __name__ == "__main__":
    key, *rest = sys.argv[1:]
    main(key, list(zip(rest[::2], rest[1::2], strict=True)))
