"""The worker is killed (SIGKILL) in the middle of a reminder batch and started again: no reminder is
lost and none goes twice, neither in hoptac nor by e-mail.

The worker runs as real processes (`manage.py run_worker`), which cannot see the test database in this
process's memory: the test fills it, then copies it whole (schema, migrations, rows) into a file with
SQLite's backup API, and the workers use that file. The e-mail backend (tests/mailbox.py) pauses before
accepting a chosen message: the kill lands there, at a known point of the batch.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import OrganisationKind
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, PlanStatus
from hoptac.plans.tests.conftest import make_org
from hoptac.reminders.models import Delivery, Notification, ReminderRule, ReminderSchedule, RuleKind
from hoptac.reminders.services.mail import message_id
from hoptac.reminders.tasks import send_due_reminders

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the SQLite test database to a file"),
]

PEOPLE = 8
ACTIVITIES_PER_RULE = 2
EXPECTED = PEOPLE * ACTIVITIES_PER_RULE * 3
PAUSE_AT = EXPECTED // 2 + 1
TIMEOUT_S = 20


def build_scenario() -> None:
    """One alliance with three rules, eight people in its office, and two activities per rule due
    today: EXPECTED reminders, each with an e-mail."""
    today = timezone.localdate()
    alliance = make_org("Liên minh Hợp tác xã tỉnh Bắc Ninh", OrganisationKind.PROVINCIAL_ALLIANCE)
    office = make_org("Văn phòng", OrganisationKind.DEPARTMENT, parent=alliance)
    for number in range(PEOPLE):
        User.objects.create_user(
            username=f"office{number}",
            email=f"office{number}@lmhtx-bacninh.vn",
            role=UserRole.DEPARTMENT_MEMBER,
            organisation=office,
        )
    for kind, days in ((RuleKind.BEFORE_START, 3), (RuleKind.BEFORE_END, 3), (RuleKind.OVERDUE, 0)):
        ReminderRule.objects.create(organisation=alliance, kind=kind, days=days)
    plan = Plan.objects.create(issuer=alliance, title="Kế hoạch năm", status=PlanStatus.ISSUED)
    windows = [(3, 30), (-30, 3), (-10, -1)]  # starts in 3 days; ends in 3 days; ended yesterday
    for position in range(len(windows) * ACTIVITIES_PER_RULE):
        starts, ends = windows[position // ACTIVITIES_PER_RULE]
        activity = Activity.objects.create(
            plan=plan,
            position=position,
            title=f"Hoạt động {position + 1}",
            starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=ends),
            precision="range",
        )
        Assignment.objects.create(activity=activity, organisation=office, role=AssignmentRole.LEAD)


def _wait_for(condition, what: str, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        assert worker.poll() is None, f"the worker stopped (exit {worker.returncode}) before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_worker_killed_mid_batch_and_restarted_reminds_each_person_exactly_once(tmp_path):
    database = tmp_path / "worker.sqlite3"
    mailbox = tmp_path / "mailbox.jsonl"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": f"sqlite:///{database}",
        "EMAIL_BACKEND": "hoptac.reminders.tests.mailbox.EmailBackend",
        "HOPTAC_TEST_MAILBOX": str(mailbox),
        "LOG_LEVEL": "WARNING",
    }
    root = Path(settings.BASE_DIR)
    build_scenario()
    db = sqlite3.connect(database, timeout=10)
    connection.ensure_connection()
    connection.connection.backup(db)

    # The worker also prunes uploads (hoptac/plans/tasks.py): only the reminder runs are counted here.
    REMINDER_RUNS = f"task_path = '{send_due_reminders.module_path}'"

    def count(model, where: str = "1") -> int:
        return db.execute(f"SELECT COUNT(*) FROM {model._meta.db_table} WHERE {where}").fetchone()[0]

    def emails() -> list[dict]:
        return [json.loads(line) for line in mailbox.read_text().splitlines()] if mailbox.exists() else []

    def start_worker(**extra: str) -> subprocess.Popen:
        command = [
            sys.executable,
            "manage.py",
            "run_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ]
        log = (tmp_path / f"worker-{time.monotonic_ns()}.log").open("w")
        return subprocess.Popen(command, cwd=root, env={**environment, **extra}, stdout=log, stderr=log)

    worker = start_worker(HOPTAC_TEST_MAILBOX_PAUSE_AT=str(PAUSE_AT))
    try:
        _wait_for(Path(f"{mailbox}.paused").exists, "the pause in the middle of the batch", worker)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()  # reaped: its pid is gone, as after any crash

    # Killed mid-batch: half the e-mails accepted, the next one committed but not sent, the rest not
    # even recorded; the task row says RUNNING for ever.
    assert len(emails()) == PAUSE_AT - 1
    recorded = count(Delivery)
    assert PAUSE_AT <= recorded < EXPECTED
    assert count(Delivery, "emailed_at IS NULL") == 1
    assert count(Notification) == recorded
    assert count(DBTaskResult, f"status = 'RUNNING' AND {REMINDER_RUNS}") == 1

    worker = start_worker()
    try:
        _wait_for(
            lambda: count(DBTaskResult, f"status = 'SUCCESSFUL' AND {REMINDER_RUNS}") == 1,
            "the batch to finish",
            worker,
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=10)

    keys = [row[0] for row in db.execute(f"SELECT key FROM {Delivery._meta.db_table}")]
    assert len(keys) == len(set(keys)) == EXPECTED
    assert count(Notification) == EXPECTED
    assert count(Delivery, "emailed_at IS NULL") == 0
    sent = [email["message_id"] for email in emails()]
    assert len(sent) == EXPECTED, "an e-mail was lost or sent twice"
    assert sorted(sent) == sorted(message_id(key) for key in keys)
    # The killed run's row is still RUNNING; the restart's run finished and left tomorrow's pending.
    assert count(DBTaskResult, f"status = 'RUNNING' AND {REMINDER_RUNS}") == 1
    assert count(DBTaskResult, f"status = 'READY' AND {REMINDER_RUNS}") == 1
    assert count(ReminderSchedule, "lease_owner = '' AND last_run_on IS NOT NULL") == 1
    db.close()
