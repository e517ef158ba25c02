"""Writes of reminders: an alliance's rules, a person's mutes and read marks, and one delivery."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User
from hoptac.orgs.models import Organisation
from hoptac.reminders.errors import InvalidRule
from hoptac.reminders.models import (
    DAYS_KINDS,
    NO_CHANNEL,
    Delivery,
    MuteSetting,
    Notification,
    ReminderRule,
    RuleKind,
    Weekday,
)
from hoptac.reminders.selectors import DueReminder, rules_alliance
from hoptac.reminders.texts import reminder_wording, rule_summary

RULE_EXISTS = _("Your alliance already has the rule “%(rule)s”. Change that rule instead of adding it again.")

# What an alliance starts with: three days before the start and before the end, the day an activity
# becomes overdue, and everything on Monday morning.
DEFAULT_RULES = (
    (RuleKind.BEFORE_START, 3, Weekday.MONDAY),
    (RuleKind.BEFORE_END, 3, Weekday.MONDAY),
    (RuleKind.OVERDUE, 0, Weekday.MONDAY),
    (RuleKind.WEEKLY_DIGEST, 0, Weekday.MONDAY),
)
MUTE_FIELDS = ("mutes_all", "mutes_before_start", "mutes_before_end", "mutes_overdue", "mutes_weekly_digest")


def _check_rules_editor(by: User, alliance: Organisation) -> None:
    mine = rules_alliance(by)
    if mine is None or mine.pk != alliance.pk:
        raise PermissionDenied


def _checked_rule(rule: ReminderRule) -> ReminderRule:
    """`rule` with the fields its kind ignores reset, refused if it sends nothing or repeats another."""
    if rule.kind not in DAYS_KINDS:
        rule.days = 0
    if rule.kind != RuleKind.WEEKLY_DIGEST:
        rule.weekday = Weekday.MONDAY
    if not (rule.sends_email or rule.sends_in_app):
        raise InvalidRule(NO_CHANNEL)
    twin = ReminderRule.objects.filter(organisation_id=rule.organisation_id, kind=rule.kind, days=rule.days)
    if twin.exclude(pk=rule.pk).exists():
        raise InvalidRule(RULE_EXISTS % {"rule": rule_summary(rule)})
    return rule


@transaction.atomic
def rule_create(
    *,
    alliance: Organisation,
    kind: str,
    days: int = 0,
    weekday: int = Weekday.MONDAY,
    sends_email: bool = True,
    sends_in_app: bool = True,
    is_active: bool = True,
    by: User,
) -> ReminderRule:
    _check_rules_editor(by, alliance)
    rule = ReminderRule(
        organisation=alliance,
        kind=kind,
        days=days,
        weekday=weekday,
        sends_email=sends_email,
        sends_in_app=sends_in_app,
        is_active=is_active,
    )
    _checked_rule(rule).save()
    return rule


@transaction.atomic
def rule_update(
    *,
    rule: ReminderRule,
    kind: str,
    days: int,
    weekday: int,
    sends_email: bool,
    sends_in_app: bool,
    is_active: bool,
    by: User,
) -> ReminderRule:
    _check_rules_editor(by, rule.organisation)
    rule = ReminderRule.objects.select_for_update().get(pk=rule.pk)
    rule.kind, rule.days, rule.weekday = kind, days, weekday
    rule.sends_email, rule.sends_in_app, rule.is_active = sends_email, sends_in_app, is_active
    _checked_rule(rule).save(
        update_fields=["kind", "days", "weekday", "sends_email", "sends_in_app", "is_active", "updated_at"]
    )
    return rule


@transaction.atomic
def rule_delete(*, rule: ReminderRule, by: User) -> None:
    _check_rules_editor(by, rule.organisation)
    rule.delete()


@transaction.atomic
def rules_create_defaults(*, alliance: Organisation, by: User | None) -> list[ReminderRule]:
    """Give `alliance` the default rules it lacks; `by` None is the system itself (setup scripts)."""
    if by is not None:
        _check_rules_editor(by, alliance)
    created = []
    for kind, days, weekday in DEFAULT_RULES:
        rule, is_new = ReminderRule.objects.get_or_create(
            organisation=alliance, kind=kind, days=days, defaults={"weekday": weekday}
        )
        if is_new:
            created.append(rule)
    return created


@transaction.atomic
def mute_setting_update(*, user: User, **mutes: bool) -> MuteSetting:
    """Set the mutes named in `mutes` (MUTE_FIELDS), leaving the others as they were."""
    unknown = set(mutes) - set(MUTE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown mutes: {', '.join(sorted(unknown))}")
    setting, _created = MuteSetting.objects.select_for_update().get_or_create(user=user)
    for name, value in mutes.items():
        setattr(setting, name, value)
    setting.save()
    return setting


def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    if notification.recipient_id != by.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; how many were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def delivery_create(*, reminder: DueReminder) -> Delivery | None:
    """Record `reminder` with its in-app notification, in one transaction; None when its key was
    already recorded (by an earlier run, or by a concurrent one that won the insert)."""
    wording = reminder_wording(reminder)
    rule = reminder.rule
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                key=reminder.key,
                rule=rule,
                kind=rule.kind,
                recipient=reminder.recipient,
                activity=reminder.activity,
                due_on=reminder.due_on,
                subject=wording.subject,
                body=wording.body,
                url=wording.url,
                wants_email=rule.sends_email and bool(reminder.recipient.email),
            )
            if rule.sends_in_app:
                Notification.objects.create(recipient=reminder.recipient, delivery=delivery)
    except IntegrityError:
        if Delivery.objects.filter(key=reminder.key).exists():
            return None
        raise
    return delivery
