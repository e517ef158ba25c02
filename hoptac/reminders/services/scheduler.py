"""The reminder run: everything due since the last run finished, caught up day by day, under a lease.

A run is safe to repeat and to interrupt anywhere (hoptac/reminders/services/mail.py tells why). It processes
every day from the last day a run finished (that day again, so activities added after the morning run
are not missed) up to today, so a worker that was down for a week catches up when it starts again.

A db_worker killed with SIGKILL leaves its task row RUNNING for ever, and nothing runs that row again.
The schedule therefore never depends on the row: `run_worker` enqueues a run on every start, and each
run makes sure the next morning's run is pending. Runs take a lease on the ReminderSchedule row, so only
one works at a time; a run finding the lease held by a process of this host that no longer exists (the
killed worker) takes it over at once, and otherwise waits for the lease to lapse (LEASE).
"""

import logging
import os
import socket
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta

from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Q
from django.utils import timezone

from hoptac.reminders.models import Delivery, ReminderSchedule
from hoptac.reminders.selectors import due_reminders
from hoptac.reminders.services.mail import SMTP_TIMEOUT_S, deliveries_awaiting_email, delivery_email
from hoptac.reminders.services.notifications import delivery_create

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
RUN_AT = time(7, 0)  # local time: reminders are in the mailbox when the office opens
EMAIL_RETRY_AFTER = timedelta(minutes=15)
_KEY_CHUNK = 500  # SQLite's limit of bound parameters, with room to spare


class LeaseLost(Exception):
    """Another run took the lease over (this one stalled past LEASE): this one stops at once."""


@dataclass
class RunSummary:
    reminded: int = 0
    emailed: int = 0
    email_failures: int = 0
    # Set when the run could not finish its work: when to try again.
    retry_at: datetime | None = None
    is_skipped: bool = False

    def as_dict(self) -> dict:
        values = asdict(self)
        values["retry_at"] = self.retry_at.isoformat() if self.retry_at else None
        return values


def next_morning(now: datetime) -> datetime:
    day = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, RUN_AT))


def _schedule() -> ReminderSchedule:
    return ReminderSchedule.objects.get_or_create(pk=1)[0]


def next_run_id() -> str:
    return _schedule().next_run_id


def next_run_record(result_id: str) -> None:
    ReminderSchedule.objects.filter(pk=1).update(next_run_id=str(result_id))


def _holder_is_dead(owner: str) -> bool:
    """Whether the lease `owner` ("host|pid|token") was a process of this host that has ended."""
    host, _, rest = owner.partition("|")
    pid = rest.partition("|")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, under another user
        return False
    return False


class Lease:
    def __init__(self, now: datetime) -> None:
        self.owner = f"{socket.gethostname()}|{os.getpid()}|{uuid.uuid4().hex[:12]}"
        self.renewed_at = now

    def take(self) -> bool:
        """Take the lease if it is free, lapsed, or held by a dead process of this host."""
        now = self.renewed_at
        rows = ReminderSchedule.objects.filter(pk=1)
        _schedule()
        if rows.filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now)).update(
            lease_owner=self.owner, lease_until=now + LEASE
        ):
            return True
        holder = rows.values_list("lease_owner", flat=True).first() or ""
        if _holder_is_dead(holder):
            logger.warning("Taking over the reminder lease of %s, a worker that is gone.", holder)
            return bool(
                rows.filter(lease_owner=holder).update(lease_owner=self.owner, lease_until=now + LEASE)
            )
        return False

    def keep(self) -> None:
        """Renew the lease now and then; raise LeaseLost if another run holds it."""
        now = timezone.now()
        if now - self.renewed_at < LEASE / 5:
            return
        if not ReminderSchedule.objects.filter(pk=1, lease_owner=self.owner).update(lease_until=now + LEASE):
            raise LeaseLost(self.owner)
        self.renewed_at = now

    def release(self) -> None:
        ReminderSchedule.objects.filter(pk=1, lease_owner=self.owner).update(lease_owner="", lease_until=None)

    def held_until(self) -> datetime | None:
        return ReminderSchedule.objects.filter(pk=1).values_list("lease_until", flat=True).first()


class _Mailer:
    """One SMTP connection for the run, opened on the first e-mail only."""

    def __init__(self, summary: RunSummary) -> None:
        self.summary = summary
        self.connection: BaseEmailBackend | None = None

    def send(self, delivery: Delivery) -> None:
        if self.connection is None:
            self.connection = get_connection(timeout=SMTP_TIMEOUT_S)
            self.connection.open()
        if delivery_email(delivery=delivery, connection=self.connection):
            self.summary.emailed += 1
        else:
            self.summary.email_failures += 1

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


def _recorded_keys(keys: list[str]) -> set[str]:
    recorded: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        recorded.update(Delivery.objects.filter(key__in=chunk).values_list("key", flat=True))
    return recorded


def _work(lease: Lease, summary: RunSummary, mailer: _Mailer) -> None:
    today = timezone.localdate()
    # E-mails a killed or failed run left behind go first: they are the oldest.
    for delivery in deliveries_awaiting_email():
        lease.keep()
        mailer.send(delivery)
    last_run_on = _schedule().last_run_on
    from_on = min(last_run_on or today, today)
    reminders = due_reminders(from_on=from_on, today=today)
    recorded = _recorded_keys([reminder.key for reminder in reminders])
    for reminder in reminders:
        if reminder.key in recorded:
            continue
        lease.keep()
        delivery = delivery_create(reminder=reminder)
        if delivery is None:
            continue
        summary.reminded += 1
        if delivery.wants_email:
            mailer.send(delivery)
    ReminderSchedule.objects.filter(pk=1).update(last_run_on=today)


def reminders_run() -> RunSummary:
    """Send every reminder due since the last run, and the e-mails earlier runs could not send."""
    summary = RunSummary()
    lease = Lease(timezone.now())
    if not lease.take():
        held_until = lease.held_until() or timezone.now()
        logger.info("Another reminder run holds the lease until %s: trying again then.", held_until)
        return RunSummary(is_skipped=True, retry_at=held_until + timedelta(seconds=1))
    mailer = _Mailer(summary)
    try:
        _work(lease, summary, mailer)
    except LeaseLost:
        logger.warning("Another reminder run took the lease over: this one stopped.")
        return summary
    finally:
        mailer.close()
        lease.release()
    if deliveries_awaiting_email().exists():
        summary.retry_at = timezone.now() + EMAIL_RETRY_AFTER
    return summary
