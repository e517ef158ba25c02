"""How fast the web core serves its busiest pages, on SQLite and on PostgreSQL.

Loads 34 alliances x 20 plans x 30 activities and 30,000 member cooperatives into a fresh database,
serves it with gunicorn on loopback (production settings; 2 workers of 1 thread, one a core;
BENCH_WORKERS and BENCH_THREADS change that), and drives each page with 50 concurrent clients for a
bounded time: the plan list, a plan's detail, search, the activities of an organisation, and /healthz,
a trivial Django view served the same way in the same run (the baseline). Prints p50/p95 latency and
requests per second for each, and first the in-process cost of each page cold (its cached fragments
emptied, as after a write) and warm.

    .venv/bin/python bench/web.py                  # SQLite, then PostgreSQL if it answers
    .venv/bin/python bench/web.py --db sqlite --seconds 5
    .venv/bin/python bench/web.py --cache dummy://     # every page built anew (caching off)
    .venv/bin/python bench/web.py --writes 2           # 2 progress reports a second meanwhile
    .venv/bin/python bench/web.py --cache redis://127.0.0.1:6379/2
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from writes import exchange, write_steadily

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test"
PG_BENCH_DB = "hoptac_bench"
ALLIANCES, PLANS, ACTIVITIES, MEMBERS = 34, 20, 30, 30_000
CLIENTS = 50
TARGET_P95_MS = 200


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_load_options(parser)
    args = parser.parse_args()
    use_cache(args.cache)
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    failed = False
    for database in databases:
        if database == "postgres" and not _answers("127.0.0.1", 5432):
            print("PostgreSQL does not answer at 127.0.0.1:5432: skipped")
            continue
        failed |= run(database, seconds=args.seconds, writes=args.writes)
    return 1 if failed else 0


def add_load_options(parser: argparse.ArgumentParser) -> None:
    """What bench/web.py and bench/tracking.py both take: how long, writes meanwhile, which cache."""
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=8.0, help="how long each page is driven")
    parser.add_argument(
        "--writes",
        type=float,
        default=0,
        help="progress reports a second recorded beside each page driven (round-robin over alliances)",
    )
    parser.add_argument(
        "--cache",
        default=os.environ.get("CACHE_URL", "locmem://hoptac"),
        help="the served processes' CACHE_URL: locmem:// (default), redis://HOST:PORT/DB, dummy:// (off)",
    )


def use_cache(url: str) -> None:
    os.environ["CACHE_URL"] = url  # environment() hands it to the loader and the served processes
    print(f"cache: {url}")


def environment(tmp: str, url: str) -> dict[str, str]:
    """The production settings on the database `url`, with files under `tmp`: what the loaders and the
    served processes of bench/web.py and bench/tracking.py run with."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": f"{tmp}/media",
        "STATIC_ROOT": f"{tmp}/static",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def load(script: str, env: dict[str, str]) -> str:
    """What the loader bench/`script` prints, run with `env`; exits with its output when it fails."""
    output = subprocess.run(
        [sys.executable, str(Path(__file__).with_name(script))],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        print(output.stdout, output.stderr, sep="\n")
        raise SystemExit(f"{script} failed to load the database {env['DATABASE_URL']}")
    return output.stdout


def run(database: str, *, seconds: float, writes: float = 0) -> bool:
    with tempfile.TemporaryDirectory(prefix="hoptac-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3" if database == "sqlite" else _fresh_postgres()
        env = environment(tmp, url)
        started = time.perf_counter()
        cookie, plan_id = load("web_data.py", env).split()[-2:]
        print(
            f"\n{database}: loaded {ALLIANCES} alliances x {PLANS} plans x {ACTIVITIES} activities and "
            f"{MEMBERS:,} members in {time.perf_counter() - started:.0f} s"
        )
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
        )
        port = _free_port()
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                os.environ.get("BENCH_WORKERS", "2"),
                "-k",
                "gthread",
                "--threads",
                os.environ.get("BENCH_THREADS", "1"),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            _wait_for(port)
            pages = {
                "trivial view (/healthz)": "/healthz",
                "plan list": "/plans/",
                "plan detail (30 activities)": f"/plans/{plan_id}/",
                "search 'hoi nghi'": "/search/?q=hoi+nghi",
                "activities of the alliance": "/plans/activities/?when=all",
            }
            print("  in-process, one page after another (median; cold = fragment cache emptied first):")
            cold = [sys.executable, str(Path(__file__).with_name("web_cold.py")), cookie]
            for name, path in pages.items():
                cold += [name, path]
            subprocess.run(cold, env=env, cwd=ROOT, check=True)
            writer = (json.loads(load("writes.py", env)), writes) if writes else None
            results, written = {}, [0, 0]
            for name, path in pages.items():
                *results[name], done = asyncio.run(_drive(port, path, cookie, seconds=seconds, writer=writer))
                written = [written[0] + done[0], written[1] + done[1]]
            failed = _report(results)
            if writer:
                print(f"  writes meanwhile: {writes:g}/s, {written[0]} recorded, {written[1]} failed")
            return failed or written[1] > 0
        finally:
            server.terminate()
            server.wait(timeout=10)


def _report(results: dict) -> bool:
    print(f"  {'page':<30} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7}")
    for name, (latencies, errors, elapsed) in results.items():
        p50, p95 = _percentile(latencies, 50), _percentile(latencies, 95)
        print(f"  {name:<30} {p50:8.1f} {p95:8.1f} {len(latencies) / elapsed:8.1f} {errors:7d}")
    trivial_rps = _rps(results["trivial view (/healthz)"])
    list_rps = _rps(results["plan list"])
    slow = [n for n, (lat, _, _) in results.items() if _percentile(lat, 95) >= TARGET_P95_MS]
    errors = sum(e for _, e, _ in results.values())
    print(
        f"  plan list throughput: {list_rps / trivial_rps:.0%} of the trivial view's (target >= 33%); "
        f"p95 under {TARGET_P95_MS} ms: {'all pages' if not slow else 'not ' + ', '.join(slow)}"
    )
    return bool(slow) or list_rps * 3 < trivial_rps or errors > 0


def _rps(result) -> float:
    latencies, _, elapsed = result
    return len(latencies) / elapsed


def _percentile(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000
        if len(values) > 1
        else values[0] * 1000
    )


async def _drive(
    port: int, path: str, cookie: str, *, seconds: float, writer: tuple[dict, float] | None = None
) -> tuple[list[float], int, float, tuple[int, int]]:
    """CLIENTS concurrent clients, each sending one request after the other until time is up; with
    `writer` (bench/writes.py's setup, and writes a second), progress recorded meanwhile."""
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: sessionid={cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    latencies: list[float] = []
    errors = 0
    await _client_round(port, request)  # warm the workers
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            status = await _client_round(port, request)
            if status == 200:
                latencies.append(time.perf_counter() - began)
            else:
                errors += 1

    started = time.perf_counter()
    writing = write_steadily(port, writer[0], per_second=writer[1], seconds=seconds) if writer else _nothing()
    *_, written = await asyncio.gather(*(client() for _ in range(CLIENTS)), writing)
    return latencies, errors, time.perf_counter() - started, written


async def _nothing() -> tuple[int, int]:
    return 0, 0


async def _client_round(port: int, request: bytes) -> int:
    status, _body = await exchange(port, request)
    return status


def _fresh_postgres() -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_BENCH_DB}")
        connection.execute(f"CREATE DATABASE {PG_BENCH_DB}")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_BENCH_DB}"


def _answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), 2).close()
        return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int) -> None:
    for _ in range(100):
        if _answers("127.0.0.1", port):
            return
        time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


if __name__ == "__main__":
    raise SystemExit(main())
