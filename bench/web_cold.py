"""Part of bench/web.py: each page rendered in-process with the fragment cache emptied first (the cost
of the first view after a write), beside the same page served warm. Prints one line a page."""

import os
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


def main(session_key: str, pages: list[tuple[str, str]]) -> None:
    client = signed_in(session_key)
    for name, path in pages:
        cold = cold_seconds(client, path, ROUNDS)
        began = time.perf_counter()
        for _ in range(ROUNDS):
            client.get(path)
        warm = (time.perf_counter() - began) / ROUNDS
        print(f"  {name:<30} cold {sorted(cold)[ROUNDS // 2] * 1000:6.1f} ms   warm {warm * 1000:6.1f} ms")


if __name__ == "__main__":
    key, *rest = sys.argv[1:]
    main(key, list(zip(rest[::2], rest[1::2], strict=True)))
