"""Sending a reminder's e-mail, after its Delivery row is committed, at most once per successful mark.

How each reminder goes out exactly once, even when the worker is killed in the middle of a batch:

1. A reminder is a Delivery row whose `key` is unique (activity × rule × due date × person; person × ISO
   week for the digest). The row and its in-app Notification are inserted in one transaction: both
   exist or neither does. A run that repeats a day (a restart, a duplicate run) fails to insert the
   key again and moves on, so the in-app side is exactly once, with nothing to reconcile.
2. The e-mail is sent only after that transaction commits, then `emailed_at` is set. Every run starts
   by sending the e-mails of committed deliveries still without `emailed_at`: those a killed run left.
   A kill before the commit loses nothing (the next run inserts the key); a kill between the commit
   and the SMTP server's acceptance loses nothing (the next run sends it).
3. The window that remains: the SMTP server has accepted the message, and the process dies before the
   UPDATE that sets `emailed_at` commits (a few milliseconds). The next run then sends it again. The
   copy carries the same Message-ID, derived from the key, not a fresh one: mail systems that dedupe
   by Message-ID (Gmail, many list servers and archivers) keep one, and threading clients show the
   two as the same message. No SMTP transaction can close this window without the server's help.

Only one run works at a time (the lease in hoptac/reminders/services/scheduler.py), so two runs never send the
same pending e-mail together.
"""

import hashlib
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hoptac.reminders.models import Delivery

logger = logging.getLogger(__name__)

# A bad address fails the same way every time: after this many tries the e-mail is given up.
MAX_EMAIL_ATTEMPTS = 5
# Under the scheduler's lease, so that a stalled SMTP server cannot outlive it.
SMTP_TIMEOUT_S = 60


def message_id(key: str) -> str:
    """The same Message-ID for every copy of one reminder's e-mail.

    >>> message_id("overdue:r1:a2:2024-05-01:u3") == message_id("overdue:r1:a2:2024-05-01:u3")
    True
    """
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "hoptac.localhost"
    return f"<reminder.{hashlib.sha256(key.encode()).hexdigest()[:32]}@{domain}>"


def delivery_email(*, delivery: Delivery, connection: BaseEmailBackend) -> bool:
    """Send the e-mail of a committed delivery and mark it sent; False when it failed (it is retried)."""
    address = delivery.recipient.email
    try:
        if not address:
            raise ValueError(_("The recipient has no e-mail address."))
        EmailMessage(
            subject=delivery.subject,
            body=delivery.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers={"Message-ID": message_id(delivery.key)},
            connection=connection,
        ).send()
    except Exception as error:  # SMTP, DNS, socket, a refused address: all alike, the next run retries
        logger.warning("Reminder e-mail %s to %s failed: %s", delivery.key, address, error)
        Delivery.objects.filter(pk=delivery.pk).update(
            email_attempts=F("email_attempts") + 1, email_error=str(error)[:1000]
        )
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        emailed_at=timezone.now(), email_attempts=F("email_attempts") + 1, email_error=""
    )
    return True


def deliveries_awaiting_email() -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(
            wants_email=True, emailed_at__isnull=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS
        )
        .select_related("recipient")
        .order_by("pk")
    )
