"""hoptac on several hosts, one web host and one worker host killed midway: does the rest carry on?

Builds, in network namespaces on this machine (ip netns, one veth pair each, joined by a bridge in the
root namespace, 10.77.0.0/24), six hosts with a hostname of their own each:

    hoptac-db     10.77.0.2   PostgreSQL 15, a private cluster (initdb in a temporary directory)
    hoptac-redis  10.77.0.3   Redis, the shared cache (CACHE_URL=redis://10.77.0.3:6379/0)
    hoptac-web1   10.77.0.11  gunicorn config.wsgi, production settings (2 workers of 1 thread;
    hoptac-web2   10.77.0.12    BENCH_WORKERS and BENCH_THREADS change that)
    hoptac-work1  10.77.0.21  manage.py run_worker (db_worker and the reminder scheduler), e-mail
    hoptac-work2  10.77.0.22    written to a directory of its own (Django's file-based backend)

Loads bench/web.py's data (34 alliances x 20 plans x 30 activities, 30,000 members), the writer of
bench/writes.py, and reminders: each alliance's default rules (the weekly digest off, as it depends on
the weekday), a few activities of each alliance starting or ending in three days or ended yesterday,
and people with an e-mail address in their units: a reminder run has a few thousand to send.

Then, from the root namespace (the load balancer: round-robin over the live web hosts), 50 clients,
each going round five pages (/healthz, the plan list, a plan, the alliance's activities, the tracking
dashboard), drive the web hosts while progress reports are written through the API (--writes a
second), and both workers start. Midway the bench takes web1 out of the rotation and kills its gunicorn
(SIGKILL to the process group): only the requests in flight on it at that moment may fail. When the
worker holding the reminder lease has sent half the batch (or midway, whichever comes first), its host
is killed too: the other worker takes the lease over once it lapses (5 minutes,
hoptac/reminders/services/scheduler.py) and sends the rest. The bench waits for that, then checks that
every reminder went out exactly once: Delivery rows, in-app notifications and e-mails across both
workers' directories, each Message-ID once (one duplicate, from the kill landing between the e-mail and
its mark, is what docs/adr/0014 admits: printed, not failed).

Prints p50/p95 latency, requests per second and errors per page (each page a fifth of the clients'
requests) and for all requests, before and after the kill; the requests served and failed; the
reminders each worker sent; and last a one-line summary. Exits 0 when all holds. Needs root
(namespaces); tears everything down on exit, also on Ctrl-C or SIGTERM, and removes what an earlier
aborted run left. About 6 minutes, most of it waiting for the lease to lapse.

    sudo .venv/bin/python bench/cluster.py
    sudo .venv/bin/python bench/cluster.py --seconds 40 --writes 4
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import web  # bench/web.py: the production environment, the loaders, the percentiles
from writes import _post, exchange

ROOT = web.ROOT
NET = "10.77.0"
BRIDGE = "hoptac-br"
PREFIX = "hoptac-"
HOSTS = {"db": 2, "redis": 3, "web1": 11, "web2": 12, "work1": 21, "work2": 22}
WEB_HOSTS = ("web1", "web2")
WORKER_HOSTS = ("work1", "work2")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
HTTP_PORT = 8000
PUBLIC_HOST = "hoptac.bench"  # the name the load balancer serves
CLIENTS = web.CLIENTS
# Reminders: activities per alliance that fall due today, people of each unit they are assigned to.
REMINDER_ACTIVITIES, PEOPLE_PER_UNIT = 12, 5
LEASE_S = 5 * 60  # hoptac/reminders/services/scheduler.py LEASE
DUPLICATES_ADMITTED = 1  # docs/adr/0014: a kill between the e-mail and its mark sends that one twice
WRITES = "progress report (API write)"


def address(host: str) -> str:
    return f"{NET}.{HOSTS[host]}"


def namespace(host: str) -> str:
    return PREFIX + host


# --- the network ------------------------------------------------------------------------------------


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check)


def network_down() -> None:
    """Remove the namespaces, their processes, the veths and the bridge (of this run or an earlier one)."""
    for name in _ip("netns", "list").stdout.split():
        if name.startswith(PREFIX):
            for pid in _ip("netns", "pids", name, check=False).stdout.split():
                _kill(int(pid), signal.SIGKILL)
            _ip("netns", "delete", name, check=False)
    for host in HOSTS:
        _ip("link", "delete", f"hx-{host}", check=False)
    _ip("link", "delete", BRIDGE, check=False)


def network_up() -> None:
    """A bridge at NET.1 in the root namespace and each host's namespace joined to it by a veth pair."""
    _ip("link", "add", BRIDGE, "type", "bridge")
    _ip("addr", "add", f"{NET}.1/24", "dev", BRIDGE)
    _ip("link", "set", BRIDGE, "up")
    for host in HOSTS:
        ns, outside = namespace(host), f"hx-{host}"
        _ip("netns", "add", ns)
        _ip("link", "add", outside, "type", "veth", "peer", "name", "eth0", "netns", ns)
        _ip("link", "set", outside, "master", BRIDGE, "up")
        _ip("-n", ns, "addr", "add", f"{address(host)}/24", "dev", "eth0")
        _ip("-n", ns, "link", "set", "eth0", "up")
        _ip("-n", ns, "link", "set", "lo", "up")


def _kill(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


# --- the hosts' processes ---------------------------------------------------------------------------


@dataclass
class Host:
    name: str
    process: subprocess.Popen
    log: Path

    def kill(self) -> None:
        """SIGKILL to the whole process group: the host is gone, as on a power cut."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self, timeout: float = 15) -> None:
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=timeout)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            self.kill()

    def tail(self, lines: int = 15) -> str:
        text = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        return "\n".join(f"    {self.name}| {line}" for line in text[-lines:])


def start(host: str, command: list[str], *, env: dict, logs: Path, cwd: Path = ROOT, user: str = "") -> Host:
    """`command` in `host`'s namespace, under a hostname of its own (unshare --uts), in a new process
    group so that a kill takes all of it."""
    log = logs / f"{host}.log"
    as_user = ["runuser", "-u", user, "--"] if user else []
    wrapped = [
        *("ip", "netns", "exec", namespace(host), "unshare", "--uts", "--"),
        *("sh", "-c", 'hostname "$0" && exec "$@"', namespace(host)),
        *as_user,
        *command,
    ]
    with log.open("ab") as out:
        process = subprocess.Popen(
            wrapped, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Host(host, process, log)


def wait_for_port(host: Host, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if web._answers(address(host.name), port):
            return
        if host.process.poll() is not None:
            break
        time.sleep(0.1)
    raise SystemExit(f"{host.name} did not answer on port {port}:\n{host.tail()}")


def postgres_start(tmp: Path, logs: Path) -> Host:
    """A private PostgreSQL cluster in `tmp`/pg, run by the postgres OS user, open to NET without a
    password (trust): the bench's hosts only."""
    data = tmp / "pg"
    data.mkdir()
    shutil.chown(data, "postgres", "postgres")
    initdb = [str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *initdb, "--locale=C.UTF-8"],
        capture_output=True,
        check=True,
        cwd=data,
    )
    with (data / "pg_hba.conf").open("a") as hba:
        hba.write(f"host all all {NET}.0/24 trust\n")
    settings = {
        "listen_addresses": address("db"),
        "unix_socket_directories": str(data),
        "max_connections": "200",
        "shared_buffers": "256MB",
    }
    command = [str(PG_BIN / "postgres"), "-D", str(data)]
    for name, value in settings.items():
        command += ["-c", f"{name}={value}"]
    host = start("db", command, env={"PATH": os.environ["PATH"]}, logs=logs, cwd=data, user="postgres")
    wait_for_port(host, 5432)
    return host


def database_create(name: str) -> str:
    import psycopg

    admin = f"postgresql://postgres@{address('db')}:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"postgres://postgres@{address('db')}:5432/{name}"


def redis_start(logs: Path) -> Host:
    command = ["redis-server", "--port", "6379", "--bind", address("redis"), "--save", ""]
    command += ["--appendonly", "no", "--protected-mode", "no"]
    host = start("redis", command, env={"PATH": os.environ["PATH"]}, logs=logs, cwd=logs)
    wait_for_port(host, 6379)
    return host


def web_start(name: str, env: dict, logs: Path) -> Host:
    command = [str(Path(sys.executable).with_name("gunicorn")), "config.wsgi"]
    command += ["-b", f"{address(name)}:{HTTP_PORT}", "-k", "gthread"]
    command += ["-w", os.environ.get("BENCH_WORKERS", "2")]
    command += ["--threads", os.environ.get("BENCH_THREADS", "1"), "--log-level", "warning"]
    host = start(name, command, env=env, logs=logs)
    wait_for_port(host, HTTP_PORT)
    return host


def worker_start(name: str, env: dict, logs: Path, mail: Path) -> Host:
    mail.mkdir(parents=True)
    mail_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail),
    }
    command = [sys.executable, "manage.py", "run_worker", "--no-reload", "--worker-id", name]
    return start(name, command, env={**env, **mail_env}, logs=logs)


# --- the data ---------------------------------------------------------------------------------------


def cluster_environment(tmp: Path, url: str) -> dict[str, str]:
    """bench/web.py's production environment, on the private PostgreSQL and the shared Redis."""
    env = web.environment(str(tmp), url)
    env["CACHE_URL"] = f"redis://{address('redis')}:6379/0"
    env["ALLOWED_HOSTS"] = f"{PUBLIC_HOST},127.0.0.1,localhost"
    return env


def django_step(step: str, env: dict) -> dict:
    """One of this file's Django steps (below), run as a script with `env`: what it prints, as JSON."""
    output = subprocess.run(
        [sys.executable, __file__, "--django-step", step],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if output.returncode != 0:
        print(output.stdout, output.stderr, sep="\n")
        raise SystemExit(f"the step {step} failed")
    return json.loads(output.stdout.splitlines()[-1])


def reminders_setup() -> dict:
    """Reminders due today, a few thousand of them: each alliance's default rules (but the weekly
    digest), REMINDER_ACTIVITIES of its last plan's activities starting in 3 days, ending in 3 days or
    ended yesterday, and PEOPLE_PER_UNIT people with an e-mail address in each unit assigned to them."""
    from datetime import timedelta

    from django.db.models import Value
    from django.db.models.functions import Concat
    from django.utils import timezone

    from hoptac.accounts.models import User, UserRole
    from hoptac.orgs.models import ALLIANCE_KINDS, Organisation, OrganisationKind
    from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan
    from hoptac.reminders.models import ReminderRule, RuleKind
    from hoptac.reminders.selectors import due_reminders
    from hoptac.reminders.services.notifications import rules_create_defaults

    today = timezone.localdate()
    windows = [(3, 30), (-30, 3), (-10, -1)]  # starts in 3 days; ends in 3 days; ended yesterday
    chosen: list[int] = []
    for alliance in Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_ALLIANCE, valid_until=None):
        rules_create_defaults(alliance=alliance, by=None)
        last_plan = Plan.objects.filter(held_by=alliance).order_by("-pk").first()
        activities = Activity.objects.filter(plan=last_plan).order_by("position")[:REMINDER_ACTIVITIES]
        for position, activity in enumerate(activities):
            starts, ends = windows[position % len(windows)]
            Activity.objects.filter(pk=activity.pk).update(
                starts_on=today + timedelta(days=starts),
                ends_on=today + timedelta(days=ends),
                precision="range",
            )
            chosen.append(activity.pk)
    ReminderRule.objects.filter(kind=RuleKind.WEEKLY_DIGEST).update(is_active=False)
    units = Organisation.objects.filter(
        pk__in=Assignment.objects.filter(
            activity_id__in=chosen, role__in=(AssignmentRole.LEAD, AssignmentRole.COORDINATING)
        ).values("organisation_id")
    )
    people = []
    for unit in units:
        role = UserRole.ALLIANCE_STAFF if unit.kind in ALLIANCE_KINDS else UserRole.DEPARTMENT_MEMBER
        for number in range(PEOPLE_PER_UNIT):
            username = f"remind.u{unit.pk}.{number}"
            people.append(
                User(username=username, email=f"{username}@bench.test", role=role, organisation=unit)
            )
    for user in people:
        user.set_unusable_password()
    User.objects.bulk_create(people)
    # Anyone else these activities remind (bench/web_data.py's staff user) gets an address too.
    User.objects.filter(email="").update(email=Concat("username", Value("@bench.test")))
    due = due_reminders(from_on=today, today=today)
    return {"today": today.isoformat(), "activities": len(chosen), "people": len(people), "due": len(due)}


def reminders_count() -> dict:
    """What the database says was sent: Delivery rows, their notifications, the e-mails marked sent, and
    the Message-ID each row's e-mail must carry."""
    from hoptac.reminders.models import Delivery, Notification, ReminderSchedule
    from hoptac.reminders.services.mail import message_id

    keys = list(Delivery.objects.values_list("key", flat=True))
    schedule = ReminderSchedule.objects.filter(pk=1).values("lease_owner", "last_run_on").first() or {}
    return {
        "deliveries": len(keys),
        "distinct_keys": len(set(keys)),
        "notifications": Notification.objects.count(),
        "emailed": Delivery.objects.filter(emailed_at__isnull=False).count(),
        "message_ids": sorted(message_id(key) for key in keys),
        "lease_owner": schedule.get("lease_owner", ""),
    }


DJANGO_STEPS = {"reminders_setup": reminders_setup, "reminders_count": reminders_count}


def django_step_main(step: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
    import django

    django.setup()
    print(json.dumps(DJANGO_STEPS[step]()))


# --- the reminder ledger, read from the root namespace while the load runs --------------------------


class Ledger:
    """The reminder tables, read directly (one connection): how far the run is, who holds the lease."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.connection = psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True)

    def progress(self) -> tuple[int, int, str]:
        """(deliveries, e-mails marked sent, lease owner)."""
        deliveries, emailed = self.connection.execute(
            "SELECT count(*), count(emailed_at) FROM reminders_delivery"
        ).fetchone()
        row = self.connection.execute("SELECT lease_owner FROM reminders_reminderschedule").fetchone()
        return deliveries, emailed, (row[0] if row else "")

    def close(self) -> None:
        self.connection.close()


def lease_host(owner: str) -> str:
    """The host of a lease owner "hostname|pid|token" (each host's hostname is its namespace's name)."""
    hostname = owner.partition("|")[0]
    return hostname.removeprefix(PREFIX) if hostname.startswith(PREFIX) else ""


# --- the load ---------------------------------------------------------------------------------------


@dataclass
class Sample:
    page: str
    host: str
    began: float
    ended: float
    ok: bool


class Balancer:
    """Round-robin over the live web hosts, as a load balancer does; a host taken out gets nothing new."""

    def __init__(self, hosts: tuple[str, ...]) -> None:
        self.live = list(hosts)
        self.turn = 0

    def pick(self) -> str:
        self.turn += 1
        return self.live[self.turn % len(self.live)]

    def take_out(self, host: str) -> None:
        self.live.remove(host)


@dataclass
class Run:
    """What the load saw, and when the kills landed."""

    pages: list[str] = field(default_factory=list)  # the order the tables list them in
    samples: list[Sample] = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0
    web_killed_at: float = 0.0
    killed_web: str = ""
    worker_killed_at: float = 0.0
    killed_worker: str = ""
    worker_kill_progress: tuple[int, int] = (0, 0)


def page_request(path: str, cookie: str) -> bytes:
    return (
        f"GET {path} HTTP/1.1\r\nHost: {PUBLIC_HOST}\r\nCookie: sessionid={cookie}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()


async def timed(run: Run, page: str, host: str, request) -> tuple[bool, bytes]:
    began = time.perf_counter()
    status, body = await request
    run.samples.append(Sample(page, host, began, time.perf_counter(), status in (200, 201)))
    return status in (200, 201), body


async def client(number: int, run: Run, balancer: Balancer, pages: dict[str, bytes], deadline: float) -> None:
    names = list(pages)
    turn = number
    while time.perf_counter() < deadline:
        page = names[turn % len(names)]
        turn += 1
        host = balancer.pick()
        await timed(run, page, host, exchange(HTTP_PORT, pages[page], host=address(host)))


async def writer(run: Run, balancer: Balancer, setup: dict, per_second: float, deadline: float) -> None:
    """Progress reports at `per_second`, round-robin over the alliances' activities, through the
    balancer. An activity whose write was lost with the killed host is left alone afterwards: whether
    that write committed is unknown, and so is its progress version."""
    activities = list(setup["activities"])
    count = 0
    began = time.perf_counter()
    while activities and time.perf_counter() < deadline:
        await asyncio.sleep(max(0.0, began + count / per_second - time.perf_counter()))
        activity = activities[count % len(activities)]
        body = json.dumps({"progress_version": activity[1], "state": "in_progress", "percent": count % 100})
        host = balancer.pick()
        post = _post(
            HTTP_PORT,
            f"/api/tracking/activities/{activity[0]}/progress",
            body,
            setup["token"],
            host=address(host),
        )
        ok, answer = await timed(run, WRITES, host, post)
        if ok:
            activity[1] = json.loads(answer)["progress_version"]
        else:
            activities.remove(activity)
        count += 1


async def kill_web(run: Run, balancer: Balancer, host: Host, at: float) -> None:
    """Midway: out of the rotation, then SIGKILL; requests in flight on it fail."""
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    balancer.take_out(host.name)
    run.web_killed_at, run.killed_web = time.perf_counter(), host.name
    host.kill()


async def kill_worker(run: Run, workers: dict[str, Host], ledger: Ledger, due: int, midway: float) -> None:
    """The worker holding the lease, once half the batch is out or midway, whichever comes first."""
    while True:
        _deliveries, emailed, owner = await asyncio.to_thread(ledger.progress)
        holder = lease_host(owner)
        if holder in workers and (emailed >= due // 2 or time.perf_counter() >= midway):
            break
        if time.perf_counter() >= midway + 30:  # nobody held the lease: kill one anyway, and say so
            holder = WORKER_HOSTS[0]
            break
        await asyncio.sleep(0.1)
    workers[holder].kill()
    run.worker_killed_at, run.killed_worker = time.perf_counter(), holder
    run.worker_kill_progress = (emailed, due)


async def drive(
    pages: dict[str, bytes],
    *,
    webs: dict[str, Host],
    workers: dict[str, Host],
    ledger: Ledger,
    writes: tuple[dict, float],
    due: int,
    seconds: float,
) -> Run:
    run = Run(pages=[*pages, WRITES])
    balancer = Balancer(WEB_HOSTS)
    run.started = time.perf_counter()
    deadline, midway = run.started + seconds, run.started + seconds / 2
    await asyncio.gather(
        *(client(number, run, balancer, pages, deadline) for number in range(CLIENTS)),
        writer(run, balancer, writes[0], writes[1], deadline),
        kill_web(run, balancer, webs[WEB_HOSTS[0]], midway),
        kill_worker(run, workers, ledger, due, midway),
    )
    run.ended = time.perf_counter()
    return run


# --- waiting for the reminders ----------------------------------------------------------------------


def wait_for_reminders(ledger: Ledger, due: int, run: Run, survivor: Host) -> tuple[float, float]:
    """Until every due reminder is recorded and e-mailed and the lease is free again (the surviving
    worker takes it over once it lapses): the seconds from the worker's kill to the takeover and to the
    end of the batch (NaN when that did not come within the lease and two minutes)."""
    deadline = time.monotonic() + LEASE_S + 120
    reported, takeover = -1, float("nan")
    while time.monotonic() < deadline:
        deliveries, emailed, owner = ledger.progress()
        since_kill = time.perf_counter() - run.worker_killed_at
        if math.isnan(takeover) and lease_host(owner) == survivor.name:
            takeover = since_kill
            print(f"  {survivor.name} took the reminder lease over {takeover:.0f} s after the kill")
        if deliveries >= due and emailed >= deliveries and not owner:
            return takeover, since_kill
        if survivor.process.poll() is not None:
            raise SystemExit(f"the surviving worker stopped:\n{survivor.tail()}")
        if int(since_kill // 60) != reported:
            reported = int(since_kill // 60)
            print(
                f"  {reported} min after the worker's kill: {emailed:,} of {due:,} e-mailed, lease held by "
                f"{owner.partition('|')[0] or 'nobody'}",
                flush=True,
            )
        time.sleep(0.5)
    return takeover, float("nan")


MESSAGE_ID = re.compile(rb"^Message-ID: (.+?)\r?$", re.MULTILINE | re.IGNORECASE)


def message_ids(directory: Path) -> list[str]:
    """The Message-ID of every e-mail the file-based backend wrote in `directory`."""
    found: list[str] = []
    for path in sorted(directory.glob("*.log")):
        found += [match.decode().strip() for match in MESSAGE_ID.findall(path.read_bytes())]
    return found


# --- the report -------------------------------------------------------------------------------------


def phase_table(run: Run, title: str, samples: list[Sample], seconds: float) -> None:
    print(f"\n  {title} ({seconds:.0f} s)")
    print(f"  {'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'errors':>7}")
    for page in run.pages:
        mine = [s for s in samples if s.page == page]
        latencies = [s.ended - s.began for s in mine if s.ok]
        errors = sum(not s.ok for s in mine)
        p50, p95 = web._percentile(latencies, 50), web._percentile(latencies, 95)
        print(f"  {page:<34} {p50:8.1f} {p95:8.1f} {len(latencies) / seconds:8.1f} {errors:7d}")
    latencies = [s.ended - s.began for s in samples if s.ok]
    errors = sum(not s.ok for s in samples)
    p50, p95 = web._percentile(latencies, 50), web._percentile(latencies, 95)
    print(f"  {'all requests':<34} {p50:8.1f} {p95:8.1f} {len(latencies) / seconds:8.1f} {errors:7d}")


def admitted(run: Run, sample: Sample) -> bool:
    """A failure the kill explains: a request in flight on the killed web host when it died."""
    return sample.host == run.killed_web and sample.began <= run.web_killed_at <= sample.ended + 0.001


def report_load(run: Run) -> tuple[int, int]:
    """The two tables; (requests that failed, of which the kill does not explain)."""
    before = [s for s in run.samples if s.began < run.web_killed_at]
    after = [s for s in run.samples if s.began >= run.web_killed_at]
    phase_table(run, "before the kill: web1 + web2", before, run.web_killed_at - run.started)
    phase_table(run, f"after the kill: {WEB_HOSTS[1]} alone", after, run.ended - run.web_killed_at)
    failed = [s for s in run.samples if not s.ok]
    unexplained = [s for s in failed if not admitted(run, s)]
    served = len(run.samples) - len(failed)
    by_host = Counter(s.host for s in run.samples if s.ok)
    print(
        f"\n  requests served: {served:,} ({', '.join(f'{h} {n:,}' for h, n in sorted(by_host.items()))}); "
        f"failed: {len(failed)}, of which in flight on {run.killed_web} at its kill: "
        f"{len(failed) - len(unexplained)}, other: {len(unexplained)}"
    )
    for sample in unexplained[:5]:
        at = sample.began - run.started
        print(f"    unexplained failure: {sample.page} on {sample.host}, sent at {at:.1f} s")
    return len(failed), len(unexplained)


@dataclass
class Reminders:
    due: int
    by_worker: dict[str, list[str]]
    ledger: dict
    takeover_s: float
    finished_s: float
    killed_mid_batch: bool

    def problems(self) -> list[str]:
        sent = [mid for ids in self.by_worker.values() for mid in ids]
        twice = [mid for mid, n in Counter(sent).items() if n > 1]
        found = []
        if self.ledger["deliveries"] != self.due or self.ledger["distinct_keys"] != self.due:
            found.append(f"{self.ledger['deliveries']} Delivery rows for {self.due} reminders due")
        if self.ledger["notifications"] != self.ledger["deliveries"]:
            found.append(f"{self.ledger['notifications']} notifications for {self.ledger['deliveries']} rows")
        if set(sent) != set(self.ledger["message_ids"]):
            found.append("the Message-IDs sent are not those of the Delivery rows")
        if len(twice) > DUPLICATES_ADMITTED or any(Counter(sent)[mid] > 2 for mid in twice):
            found.append(f"{len(sent) - len(set(sent))} e-mails sent twice")
        if not self.killed_mid_batch:
            found.append("the worker was not killed in the middle of its batch")
        return found


def report_reminders(reminders: Reminders) -> None:
    sent = [mid for ids in reminders.by_worker.values() for mid in ids]
    twice = sorted(mid for mid, n in Counter(sent).items() if n > 1)
    shares = ", ".join(f"{host} {len(ids):,}" for host, ids in reminders.by_worker.items())
    print(
        f"\n  reminders due: {reminders.due:,}; e-mails written: {shares}, total {len(sent):,}; "
        f"distinct Message-IDs: {len(set(sent)):,}; Delivery rows: {reminders.ledger['deliveries']:,} "
        f"({reminders.ledger['emailed']:,} marked e-mailed), notifications: "
        f"{reminders.ledger['notifications']:,}"
    )
    for mid in twice:
        print(f"  sent twice, with the same Message-ID (the window docs/adr/0014 admits): {mid}")
    print(
        f"  the survivor took the lease over {reminders.takeover_s:.0f} s after the kill (it lapses "
        f"{LEASE_S} s after its last renewal) and finished the batch {reminders.finished_s:.0f} s after it"
    )


# --- the whole run ----------------------------------------------------------------------------------


def check_requirements() -> None:
    if os.geteuid() != 0:
        raise SystemExit("bench/cluster.py builds network namespaces: run it as root (sudo).")
    for tool in ("ip", "unshare", "runuser", "redis-server", str(PG_BIN / "postgres")):
        if shutil.which(tool) is None:
            raise SystemExit(f"bench/cluster.py needs {tool}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the pages are driven")
    parser.add_argument("--writes", type=float, default=2.0, help="progress reports a second meanwhile")
    parser.add_argument("--django-step", choices=sorted(DJANGO_STEPS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.django_step:
        django_step_main(args.django_step)
        return 0
    check_requirements()
    began = time.perf_counter()
    hosts: list[Host] = []
    tmp = Path(tempfile.mkdtemp(prefix="hoptac-cluster-"))
    network_down()  # what an earlier aborted run left
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        summary, ok = cluster(tmp, hosts, seconds=args.seconds, writes=args.writes)
    except KeyboardInterrupt:
        summary, ok = "interrupted", False
    except SystemExit as stop:
        summary, ok = str(stop.code), False
    except Exception as error:  # a step that failed: its traceback, then the summary line all the same
        traceback.print_exc()
        summary, ok = f"{type(error).__name__}: {error}", False
    finally:
        for host in reversed(hosts):
            host.stop(timeout=5)
        network_down()
        shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - began
    print(f"cluster: {'OK' if ok else 'FAILED'} — {summary}; {elapsed / 60:.1f} min in all")
    return 0 if ok else 1


def _interrupted(signum: int, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM tears down as Ctrl-C does


def cluster(tmp: Path, hosts: list[Host], *, seconds: float, writes: float) -> tuple[str, bool]:
    tmp.chmod(0o755)  # the postgres user must reach its data directory
    logs = tmp / "logs"
    logs.mkdir()
    network_up()
    hosts.append(postgres_start(tmp, logs))
    hosts.append(redis_start(logs))
    url = database_create("hoptac")
    env = cluster_environment(tmp, url)
    print(f"network {NET}.0/24: " + ", ".join(f"{h} {address(h)}" for h in HOSTS), flush=True)
    loaded = time.perf_counter()
    cookie, plan_id = web.load("web_data.py", env).split()[-2:]
    writer_setup = json.loads(web.load("writes.py", env))
    setup = django_step("reminders_setup", env)
    print(
        f"loaded {web.ALLIANCES} alliances x {web.PLANS} plans x {web.ACTIVITIES} activities, "
        f"{web.MEMBERS:,} members; {setup['due']:,} reminders due today ({setup['today']}: "
        f"{setup['activities']} activities, {setup['people']} people) "
        f"in {time.perf_counter() - loaded:.0f} s",
        flush=True,
    )
    collectstatic = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collectstatic, env=env, cwd=ROOT, check=True)
    webs = {name: web_start(name, env, logs) for name in WEB_HOSTS}
    hosts += webs.values()
    pages = {
        "trivial view (/healthz)": "/healthz",
        "plan list": "/plans/",
        "plan detail (30 activities)": f"/plans/{plan_id}/",
        "activities of the alliance": "/plans/activities/?when=all",
        "tracking dashboard": "/tracking/dashboard/",
    }
    requests = {name: page_request(path, cookie) for name, path in pages.items()}
    warm_up(requests)
    workers = {name: worker_start(name, env, logs, tmp / "mail" / name) for name in WORKER_HOSTS}
    hosts += workers.values()
    ledger = Ledger(url)
    try:
        print(f"driving {len(pages)} pages with {CLIENTS} clients and {writes:g} writes/s for {seconds:g} s")
        run = asyncio.run(
            drive(
                requests,
                webs=webs,
                workers=workers,
                ledger=ledger,
                writes=(writer_setup, writes),
                due=setup["due"],
                seconds=seconds,
            )
        )
        killed_mid_batch = 0 < run.worker_kill_progress[0] < setup["due"]
        print(
            f"  {run.killed_web} killed at {run.web_killed_at - run.started:.1f} s; {run.killed_worker} "
            f"killed at {run.worker_killed_at - run.started:.1f} s holding the reminder lease, "
            f"{run.worker_kill_progress[0]:,} of {setup['due']:,} e-mailed",
            flush=True,
        )
        survivor = next(workers[name] for name in WORKER_HOSTS if name != run.killed_worker)
        takeover, finished = wait_for_reminders(ledger, setup["due"], run, survivor)
    finally:
        ledger.close()
    for host in (*webs.values(), *workers.values()):
        host.stop()
    failed, unexplained = report_load(run)
    reminders = Reminders(
        due=setup["due"],
        by_worker={name: message_ids(tmp / "mail" / name) for name in WORKER_HOSTS},
        ledger=django_step("reminders_count", env),
        takeover_s=takeover,
        finished_s=finished,
        killed_mid_batch=killed_mid_batch,
    )
    report_reminders(reminders)
    problems = reminders.problems()
    if unexplained:
        problems.insert(0, f"{unexplained} requests failed that the kill does not explain")
    served = len(run.samples) - failed
    sent = sum(len(ids) for ids in reminders.by_worker.values())
    summary = (
        f"{served:,} requests served, {failed} failed (all in flight on the killed {run.killed_web})"
        if not unexplained
        else f"{served:,} requests served, {failed} failed"
    )
    summary += f"; {sent:,} reminder e-mails for {setup['due']:,} due"
    return ("; ".join([summary, *problems]), not problems)


def warm_up(requests: dict[str, bytes], rounds: int = 3) -> None:
    """Every page a few times at once on each web host, so that each gunicorn worker has loaded Django
    and the shared fragments are cached before the clock starts."""

    async def one(host: str, name: str, request: bytes) -> None:
        status, _ = await exchange(HTTP_PORT, request, host=address(host))
        if status != 200:
            raise SystemExit(f"{name} answered {status} on {host}")

    async def each() -> None:
        for _ in range(rounds):
            await asyncio.gather(
                *(one(host, name, request) for host in WEB_HOSTS for name, request in requests.items())
            )

    asyncio.run(each())


if __name__ == "__main__":
    raise SystemExit(main())
