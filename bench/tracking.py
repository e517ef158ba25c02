"""How fast the tracking pages answer, on SQLite and on PostgreSQL.

Loads 34 alliances x 50 plans x 40 activities (68,000 activities, 200,000 progress updates, a national
plan that 30 alliances implement; bench/tracking_data.py) into a fresh database, serves it as
bench/web.py does (gunicorn on loopback, production settings, 2 workers of 1 thread; BENCH_WORKERS and
BENCH_THREADS change that) and drives each page with concurrent clients for a bounded time (50, as
bench/web.py, unless --clients says otherwise; given several numbers, at each in turn): the national
table of the national plan, as a national viewer; the dashboard of an alliance, as its staff; "my
work", as a member of one of its departments; and /healthz, a trivial Django view served the same way
in the same run (the baseline). Prints the build time and row counts, each page's queries rendered
in-process, then p50/p95 latency and requests per second, and PASS when every tracking page's p95 is
under 300 ms (exit status 1 otherwise).

    .venv/bin/python bench/tracking.py                  # SQLite, then PostgreSQL if it answers
    .venv/bin/python bench/tracking.py --db postgres --seconds 5 --clients 50 5
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import web  # bench/web.py: the clients, the percentiles, the PostgreSQL database

ROOT = web.ROOT
HERE = Path(__file__).resolve().parent
TARGET_P95_MS = 300
TRIVIAL = "trivial view (/healthz)"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    web.add_load_options(parser)
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=[web.CLIENTS],
        help="concurrent clients a page; several numbers drive every page at each in turn",
    )
    args = parser.parse_args()
    web.use_cache(args.cache)
    # A database of its own, so that bench/web.py may run at the same time.
    web.PG_BENCH_DB = "hoptac_bench_tracking"
    failed = False
    for database in ["sqlite", "postgres"] if args.db == "both" else [args.db]:
        if database == "postgres" and not web._answers("127.0.0.1", 5432):
            print("PostgreSQL does not answer at 127.0.0.1:5432: skipped")
            continue
        failed |= run(database, seconds=args.seconds, clients=args.clients, writes=args.writes)
    return 1 if failed else 0


def run(database: str, *, seconds: float, clients: list[int], writes: float = 0) -> bool:
    with tempfile.TemporaryDirectory(prefix="hoptac-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3" if database == "sqlite" else web._fresh_postgres()
        env = web.environment(tmp, url)
        started = time.perf_counter()
        loaded = _load(env)
        print(f"\n{database}: built in {time.perf_counter() - started:.0f} s ({_steps(loaded['steps'])})")
        print("  rows: " + ", ".join(f"{name} {n:,}" for name, n in loaded["counts"].items()))
        print(f"  today {loaded['today']}; roll-up check: {loaded['rollup_check']}")
        sessions = loaded["sessions"]
        pages = {
            TRIVIAL: ("/healthz", sessions["staff"]),
            "national table (34 alliances)": (
                f"/tracking/plans/{loaded['national_plan']}/national/",
                sessions["national"],
            ),
            "alliance dashboard (50 plans)": ("/tracking/dashboard/", sessions["staff"]),
            "my work (department member)": ("/tracking/my-work/", sessions["member"]),
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
        )
        print("  in-process, medians (cold = fragment cache emptied first; its queries, the slowest three):")
        command = [sys.executable, str(HERE / "tracking_data.py"), "profile"]
        for path, session in list(pages.values())[1:]:
            command += [session, path]
        subprocess.run(command, env=env, cwd=ROOT, check=True)
        failed = False
        writer = (json.loads(web.load("writes.py", env)), writes) if writes else None
        with _gunicorn(env) as port:
            for count in clients:
                web.CLIENTS = count  # web._drive runs that many
                load = os.getloadavg()[0]  # other work on the machine skews every figure
                results, recorded, refused = {}, 0, 0
                for name, (path, session) in pages.items():
                    *results[name], (done, failures) = asyncio.run(
                        web._drive(port, path, session, seconds=seconds, writer=writer)
                    )
                    recorded, refused = recorded + done, refused + failures
                failed |= _report(database, results, load=load)
                if writer:
                    print(f"  writes meanwhile: {writes:g}/s, {recorded} recorded, {refused} failed")
                    failed |= refused > 0
        return failed


def _load(env: dict[str, str]) -> dict:
    return json.loads(web.load("tracking_data.py", env).splitlines()[-1])


def _steps(steps: dict[str, float]) -> str:
    return "; ".join(f"{name} {seconds:.0f} s" for name, seconds in steps.items())


@contextmanager
def _gunicorn(env: dict[str, str]):
    """gunicorn serving the site on a free loopback port, as bench/web.py runs it."""
    port = web._free_port()
    workers, threads = os.environ.get("BENCH_WORKERS", "2"), os.environ.get("BENCH_THREADS", "1")
    options = f"-b 127.0.0.1:{port} -w {workers} -k gthread --threads {threads} --log-level warning"
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, "config.wsgi", *options.split()], env=env, cwd=ROOT)
    try:
        web._wait_for(port)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _report(database: str, results: dict, *, load: float) -> bool:
    """The table, each page beside the trivial view; True when a page misses the target or failed."""
    workers, threads = os.environ.get("BENCH_WORKERS", "2"), os.environ.get("BENCH_THREADS", "1")
    print(
        f"  {database}, {web.CLIENTS} concurrent clients, gunicorn {workers} workers x {threads} "
        f"thread(s), {os.cpu_count()} CPUs, load average {load:.1f} before:"
    )
    print(f"  {'page':<32} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7} {'of trivial':>11}")
    trivial_rps = web._rps(results[TRIVIAL])
    slow = []
    for name, (latencies, errors, elapsed) in results.items():
        p50, p95 = web._percentile(latencies, 50), web._percentile(latencies, 95)
        rps = len(latencies) / elapsed
        verdict = ""
        if name != TRIVIAL:
            missed = not latencies or p95 >= TARGET_P95_MS or errors > 0
            verdict = "FAIL" if missed else "PASS"
            if missed:
                slow.append(name)
        share = f"{rps / trivial_rps:.0%}" if trivial_rps else "-"
        print(f"  {name:<32} {p50:8.1f} {p95:8.1f} {rps:8.1f} {errors:7d} {share:>11}  {verdict}")
    outcome = "PASS" if not slow else "FAIL (" + ", ".join(slow) + ")"
    print(f"  {database}: p95 under {TARGET_P95_MS} ms on every tracking page: {outcome}")
    return bool(slow)


if __name__ == "__main__":
    raise SystemExit(main())
