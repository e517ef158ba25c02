"""Reminders: each alliance's rules, the ledger of what was sent (one row per idempotency key), the
in-app notifications, each person's mutes, and the schedule the background worker keeps.

How a reminder goes out exactly once is told in hoptac/reminders/services/mail.py.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoptac.core.models import TimeStamped
from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity


class RuleKind(models.TextChoices):
    BEFORE_START = "before_start", _("before the start")
    BEFORE_END = "before_end", _("before the end")
    OVERDUE = "overdue", _("on becoming overdue")
    WEEKLY_DIGEST = "weekly_digest", _("weekly digest")


# The kinds whose rule counts days before a date.
DAYS_KINDS = (RuleKind.BEFORE_START, RuleKind.BEFORE_END)
MAX_DAYS = 60
NO_CHANNEL = _("Choose at least one way to remind: by e-mail or in hoptac.")


class Weekday(models.IntegerChoices):
    """Python's numbering (date.weekday()): Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReminderRule(TimeStamped):
    """When an alliance's people are reminded: `days` before an activity starts or ends, the day after
    it ends undone, or once a week on `weekday` with all they have on."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="reminder_rules"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=RuleKind.choices)
    days = models.PositiveSmallIntegerField(
        _("days before"),
        default=0,
        validators=[MaxValueValidator(MAX_DAYS)],
        help_text=_("Before the start or the end: how many days before (0 is the day itself)."),
    )
    weekday = models.PositiveSmallIntegerField(
        _("day of the week"),
        choices=Weekday.choices,
        default=0,
        help_text=_("The weekly digest: the day it is sent, in the morning."),
    )
    sends_email = models.BooleanField(_("by e-mail"), default=True)
    sends_in_app = models.BooleanField(_("in hoptac"), default=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ("organisation", "kind", "days", "pk")
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        constraints = (
            models.UniqueConstraint(fields=["organisation", "kind", "days"], name="reminder_rule_unique"),
            models.CheckConstraint(condition=Q(days__lte=MAX_DAYS), name="reminder_rule_days_at_most_60"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="reminder_rule_weekday_0_to_6"),
            models.CheckConstraint(
                condition=Q(sends_email=True) | Q(sends_in_app=True),
                name="reminder_rule_has_a_channel",
                violation_error_message=NO_CHANNEL,
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.kind} {self.days}"


class Delivery(models.Model):
    """One reminder to one person, whatever its channels. `key` is the idempotency key (activity × rule
    × due date × person; for the digest, person × ISO week): a second insert of it fails, so a run
    repeated after a crash cannot remind twice. The e-mail is sent after the row is committed."""

    key = models.CharField(max_length=120, unique=True)
    rule = models.ForeignKey(ReminderRule, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    kind = models.CharField(_("kind"), max_length=16, choices=RuleKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    due_on = models.DateField(_("due on"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    wants_email = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        indexes = (
            models.Index(
                fields=["wants_email"],
                condition=Q(wants_email=True, emailed_at__isnull=True),
                name="delivery_email_pending",
            ),
        )

    def __str__(self) -> str:
        return self.key


class Notification(models.Model):
    """A reminder shown in hoptac, until its recipient marks it read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    delivery = models.OneToOneField(Delivery, on_delete=models.CASCADE, related_name="notification")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = (
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        )

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.delivery_id}"


class MuteSetting(models.Model):
    """What one person does not want to be reminded of: everything, or some kinds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="reminder_mutes"
    )
    mutes_all = models.BooleanField(_("Mute all reminders"), default=False)
    mutes_before_start = models.BooleanField(_("Mute reminders before an activity starts"), default=False)
    mutes_before_end = models.BooleanField(_("Mute reminders before an activity ends"), default=False)
    mutes_overdue = models.BooleanField(_("Mute reminders of overdue activities"), default=False)
    mutes_weekly_digest = models.BooleanField(_("Mute the weekly digest"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder mutes")
        verbose_name_plural = _("reminder mutes")

    def __str__(self) -> str:
        return str(self.user_id)

    def mutes(self, kind: str) -> bool:
        return self.mutes_all or getattr(self, f"mutes_{kind}")


class ReminderSchedule(models.Model):
    """The one row the scheduler keeps (hoptac/reminders/services/scheduler.py): the last day a run finished,
    the pending next-morning run, and the lease of the run in progress."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_run_on = models.DateField(null=True, blank=True)
    next_run_id = models.CharField(max_length=64, blank=True)
    # "host|pid|token" of the run holding the lease, so a restarted worker can tell a dead holder.
    lease_owner = models.CharField(max_length=200, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = (models.CheckConstraint(condition=Q(id=1), name="reminder_schedule_single_row"),)

    def __str__(self) -> str:
        return f"last run {self.last_run_on}"
