"""Exactly once: repeated and interrupted runs, e-mail failures and their retries, the lease, mutes,
and the schedule that keeps the next morning's run pending."""

import subprocess
import sys
from datetime import date, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from hoptac.reminders.models import Delivery, Notification, ReminderSchedule, RuleKind
from hoptac.reminders.selectors import due_reminders
from hoptac.reminders.services.mail import MAX_EMAIL_ATTEMPTS, message_id
from hoptac.reminders.services.notifications import delivery_create, mute_setting_update
from hoptac.reminders.services.scheduler import LEASE, reminders_run
from hoptac.reminders.tasks import send_due_reminders
from hoptac.reminders.tests.conftest import activity_at, add_rule, on, run_on

pytestmark = pytest.mark.django_db

DUE = date(2024, 3, 29)  # 3 days before "Tháng 4/2024"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class BrokenSmtp:
    """An e-mail backend whose server refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp.example.vn:25 refused the connection")


@pytest.fixture
def due_april(world, office_user, plan):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    return activity_at(plan, "Tháng 4/2024", lead=world["office"])


def test_a_key_is_recorded_once_even_by_two_runs_at_once(due_april, office_user):
    (reminder,) = due_reminders(from_on=DUE, today=DUE)
    with on(DUE):
        first = delivery_create(reminder=reminder)
        second = delivery_create(reminder=reminder)
    assert first is not None
    assert second is None
    assert Delivery.objects.count() == Notification.objects.count() == 1


def test_a_crash_inside_the_transaction_leaves_nothing_and_the_next_run_sends_it(due_april, office_user):
    with (
        mock.patch.object(Notification.objects, "create", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        run_on(DUE)
    assert not Delivery.objects.exists()
    assert not mail.outbox
    assert ReminderSchedule.objects.get().lease_owner == ""  # released on the way out
    run_on(DUE)
    assert Delivery.objects.count() == Notification.objects.count() == len(mail.outbox) == 1


def test_an_email_that_failed_is_retried_with_the_same_message_id(due_april, office_user):
    with override_settings(EMAIL_BACKEND="hoptac.reminders.tests.test_delivery.BrokenSmtp"):
        summary = run_on(DUE)
    delivery = Delivery.objects.get()
    assert (summary.reminded, summary.emailed, summary.email_failures) == (1, 0, 1)
    assert summary.retry_at is not None
    assert delivery.emailed_at is None
    assert delivery.email_attempts == 1
    assert "refused" in delivery.email_error
    assert Notification.objects.count() == 1  # the in-app copy does not wait for the e-mail

    summary = run_on(DUE + timedelta(days=1))
    delivery.refresh_from_db()
    assert (summary.reminded, summary.emailed, summary.retry_at) == (0, 1, None)
    assert delivery.emailed_at is not None
    assert delivery.email_error == ""
    (email,) = mail.outbox
    assert email.extra_headers["Message-ID"] == message_id(delivery.key)
    run_on(DUE + timedelta(days=2))
    assert len(mail.outbox) == 1


def test_an_email_is_given_up_after_some_attempts(due_april, office_user):
    with override_settings(EMAIL_BACKEND="hoptac.reminders.tests.test_delivery.BrokenSmtp"):
        for day in range(MAX_EMAIL_ATTEMPTS + 2):
            run_on(DUE + timedelta(days=day))
    assert Delivery.objects.get().email_attempts == MAX_EMAIL_ATTEMPTS


def test_a_person_without_an_address_is_reminded_in_hoptac_only(due_april, office_user):
    office_user.email = ""
    office_user.save()
    summary = run_on(DUE)
    assert (summary.reminded, summary.emailed, summary.retry_at) == (1, 0, None)
    assert not Delivery.objects.get().wants_email
    assert Notification.objects.count() == 1


def test_message_ids_differ_between_reminders():
    assert message_id("a") != message_id("b")
    assert message_id("a").startswith("<reminder.")
    assert message_id("a").endswith("@localhost>")


@pytest.mark.parametrize(
    ("mutes", "reminded"),
    [
        ({}, {RuleKind.BEFORE_START, RuleKind.OVERDUE}),
        ({"mutes_all": True}, set()),
        ({"mutes_before_start": True}, {RuleKind.OVERDUE}),
        ({"mutes_overdue": True, "mutes_weekly_digest": True}, {RuleKind.BEFORE_START}),
    ],
)
def test_a_person_mutes_all_or_some_kinds(world, office_user, plan, mutes, reminded):
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    add_rule(world["ours"], RuleKind.OVERDUE)
    activity_at(plan, "Tháng 4/2024", lead=world["office"], position=0)
    activity_at(plan, "Ngày 28/3/2024", lead=world["office"], position=1)
    mute_setting_update(user=office_user, **mutes)
    run_on(DUE)
    assert set(Delivery.objects.values_list("kind", flat=True)) == reminded


def test_a_run_leaves_the_lease_of_a_live_run_alone(due_april):
    with on(DUE):
        until = timezone.now() + LEASE
        ReminderSchedule.objects.create(lease_owner="worker-2.example.vn|4242|abc", lease_until=until)
        summary = reminders_run()
    assert summary.is_skipped
    assert summary.retry_at == until + timedelta(seconds=1)
    assert not Delivery.objects.exists()


def test_a_lapsed_lease_is_taken(due_april):
    with on(DUE):
        ReminderSchedule.objects.create(
            lease_owner="worker-2.example.vn|4242|abc", lease_until=timezone.now() - timedelta(seconds=1)
        )
        assert not reminders_run().is_skipped
    assert Delivery.objects.count() == 1


def test_the_lease_of_a_dead_worker_of_this_host_is_taken_at_once(due_april):
    import socket

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    owner = f"{socket.gethostname()}|{int(gone.stdout)}|abc"
    with on(DUE):
        ReminderSchedule.objects.create(lease_owner=owner, lease_until=timezone.now() + LEASE)
        assert not reminders_run().is_skipped
    assert Delivery.objects.count() == 1
    assert ReminderSchedule.objects.get().lease_owner == ""


@override_settings(TASKS=DB_TASKS)
def test_each_run_keeps_one_next_morning_run_pending(due_april):
    def pending():
        return list(
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).values_list("run_after", flat=True)
        )

    with on(DUE):
        send_due_reminders.call()
        send_due_reminders.call()
    morning = timezone.make_aware(datetime(2024, 3, 30, 7))
    assert pending() == [morning]

    # The worker was killed while running it: its row stays RUNNING, and the next run enqueues anew.
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)
    with on(DUE + timedelta(days=1)):
        send_due_reminders.call()
    assert pending() == [morning + timedelta(days=1)]
    assert Delivery.objects.count() == 1


@override_settings(TASKS=DB_TASKS)
def test_a_run_that_fails_still_schedules_the_next(due_april):
    with (
        on(DUE),
        mock.patch("hoptac.reminders.tasks.reminders_run", side_effect=RuntimeError("bug")),
        pytest.raises(RuntimeError),
    ):
        send_due_reminders.call()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1


# db_worker closes the connection between tasks; inside a test's transaction on PostgreSQL that ends
# the test's connection (SQLite's in-memory one survives). The worker itself is tested on SQLite.
@pytest.mark.skipif(connection.vendor == "postgresql", reason="db_worker closes the test's connection")
@override_settings(TASKS=DB_TASKS)
def test_run_worker_enqueues_a_run_and_works_it(due_april):
    with on(DUE):
        call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert Delivery.objects.count() == 1
    runs = DBTaskResult.objects.filter(task_path=send_due_reminders.module_path)
    done = runs.filter(status=TaskResultStatus.SUCCESSFUL).get()
    assert done.return_value["reminded"] == 1
    assert runs.filter(status=TaskResultStatus.READY).count() == 1  # tomorrow's
