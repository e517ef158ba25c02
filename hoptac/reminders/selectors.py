"""Reads: which reminders are due, to whom; a person's notifications and mutes; an alliance's rules.

Dates are those the engine stores: `ends_on` is already the last day of the period ("Tháng 4/2024" ends
on 30 April, "Quý IV/2024" on 31 December), so a month, a quarter or a year needs no special case.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import ALLIANCE_KINDS, Organisation
from hoptac.plans.models import Activity, Assignment, AssignmentRole, PlanStatus, ProgressState
from hoptac.plans.standing import Standing, standing_expression, tasks
from hoptac.reminders.models import MuteSetting, Notification, ReminderRule, RuleKind

# Only plans in force remind, and only of what is still to do.
LIVE_PLAN_STATUSES = (PlanStatus.APPROVED, PlanStatus.ISSUED)
FINISHED_STATES = (ProgressState.DONE, ProgressState.CANCELLED, ProgressState.POSTPONED)
DIGEST_HORIZON = timedelta(days=7)


@dataclass(frozen=True)
class DigestItems:
    overdue: tuple[Activity, ...] = ()
    ending: tuple[Activity, ...] = ()
    starting: tuple[Activity, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.overdue or self.ending or self.starting)


@dataclass(frozen=True)
class DueReminder:
    """A reminder that should exist: `rule` says how, `due_on` is the day it falls due."""

    rule: ReminderRule
    recipient: User
    due_on: date
    activity: Activity | None = None
    digest: DigestItems = field(default_factory=DigestItems)

    @property
    def kind(self) -> str:
        return self.rule.kind

    @property
    def key(self) -> str:
        if self.activity is None:
            year, week, _ = self.due_on.isocalendar()
            return f"digest:u{self.recipient.pk}:{year}-W{week:02d}"
        return (
            f"{self.kind}:r{self.rule.pk}:a{self.activity.pk}:{self.due_on.isoformat()}:u{self.recipient.pk}"
        )


def alliance_of(organisation: Organisation | None) -> int | None:
    """The id of the alliance whose rules remind the people of `organisation`: an alliance itself, or
    the alliance a department, a leadership body or a member belongs to."""
    if organisation is None:
        return None
    if organisation.kind in ALLIANCE_KINDS:
        return organisation.pk
    parent = organisation.parent
    if parent is not None and parent.kind in ALLIANCE_KINDS:
        return parent.pk
    return None


def open_tasks() -> QuerySet[Activity]:
    """Activities without sub-activities, of plans in force, neither done, cancelled nor postponed."""
    live = Activity.objects.filter(plan__status__in=LIVE_PLAN_STATUSES).exclude(
        progress_state__in=FINISHED_STATES
    )
    return tasks(live).select_related("plan")


def digest_day(rule: ReminderRule, today: date) -> date:
    """The day of `today`'s week (Monday to Sunday) on which `rule` sends its digest."""
    return today - timedelta(days=today.weekday()) + timedelta(days=rule.weekday)


def _activities_due(kind: str, days: int, *, from_on: date, today: date) -> list[tuple[Activity, date]]:
    """Activities whose reminder of `kind` falls due between `from_on` and `today`, with that day.

    A day missed while the worker was down is caught up, unless the reminder came too late to help: a
    start or an end already passed. Overdue is checked with today's standing, so an activity done since
    is not reminded."""
    if kind == RuleKind.OVERDUE:
        rows = (
            open_tasks()
            .annotate(standing=standing_expression(today))
            .filter(
                standing=Standing.OVERDUE,
                ends_on__range=(from_on - timedelta(days=1), today - timedelta(days=1)),
            )
        )
        return [(activity, activity.ends_on + timedelta(days=1)) for activity in rows]
    if kind == RuleKind.BEFORE_START:
        lowest = max(from_on + timedelta(days=days), today)
        rows = open_tasks().filter(starts_on__range=(lowest, today + timedelta(days=days)))
        return [(activity, activity.starts_on - timedelta(days=days)) for activity in rows]
    lowest = max(from_on + timedelta(days=days), today)
    # A one-day activity starts and ends on the same day: the reminder before its start says it all.
    rows = (
        open_tasks()
        .filter(ends_on__range=(lowest, today + timedelta(days=days)))
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lt=F("ends_on")))
    )
    return [(activity, activity.ends_on - timedelta(days=days)) for activity in rows]


def _digest_activities(today: date) -> QuerySet[Activity]:
    soon = today + DIGEST_HORIZON
    return open_tasks().filter(
        Q(ends_on__lt=today) | Q(ends_on__range=(today, soon)) | Q(starts_on__range=(today, soon))
    )


def _digest_items(activities: list[Activity], today: date) -> DigestItems:
    ordered = sorted(activities, key=lambda a: (a.ends_on or a.starts_on or today, a.pk))
    overdue = tuple(a for a in ordered if a.ends_on and a.ends_on < today)
    ending = tuple(a for a in ordered if a.ends_on and today <= a.ends_on <= today + DIGEST_HORIZON)
    # The query let in only these three: what is neither overdue nor ending starts within the week.
    starting = tuple(a for a in ordered if a not in overdue and a not in ending)
    return DigestItems(overdue=overdue, ending=ending, starting=starting)


def recipients_by_activity(activity_ids: set[int]) -> dict[int, list[User]]:
    """The active users each activity reminds: the people of its lead and coordinating units, and the
    person named on such an assignment. Three queries, whatever the number of activities."""
    assignments = list(
        Assignment.objects.filter(
            activity_id__in=activity_ids, role__in=(AssignmentRole.LEAD, AssignmentRole.COORDINATING)
        ).values_list("activity_id", "organisation_id", "person_id")
    )
    unit_ids = {unit for _, unit, _ in assignments if unit is not None}
    person_ids = {person for _, _, person in assignments if person is not None}
    users = list(
        User.objects.filter(is_active=True)
        .filter(Q(organisation_id__in=unit_ids) | Q(pk__in=person_ids))
        .select_related("organisation__parent")
        .order_by("pk")
    )
    by_unit: dict[int, list[User]] = defaultdict(list)
    by_pk = {user.pk: user for user in users}
    for user in users:
        by_unit[user.organisation_id].append(user)
    recipients: dict[int, dict[int, User]] = defaultdict(dict)
    for activity_id, unit_id, person_id in assignments:
        for user in by_unit.get(unit_id, ()):
            recipients[activity_id][user.pk] = user
        if person_id in by_pk:
            recipients[activity_id][person_id] = by_pk[person_id]
    return {activity_id: list(users.values()) for activity_id, users in recipients.items()}


def due_reminders(*, from_on: date, today: date) -> list[DueReminder]:
    """Every reminder that falls due from `from_on` to `today`, under each recipient's alliance's
    active rules, leaving out what the recipient muted. A run repeats days freely: the keys dedupe."""
    rules = list(ReminderRule.objects.filter(is_active=True).select_related("organisation"))
    rules_by_alliance: dict[int, list[ReminderRule]] = defaultdict(list)
    for rule in rules:
        rules_by_alliance[rule.organisation_id].append(rule)

    due_by_kind = {
        (kind, days): _activities_due(kind, days, from_on=from_on, today=today)
        for kind, days in {(rule.kind, rule.days) for rule in rules if rule.kind != RuleKind.WEEKLY_DIGEST}
    }
    digest_rules = {
        rule.organisation_id: rule
        for rule in rules
        if rule.kind == RuleKind.WEEKLY_DIGEST and from_on <= digest_day(rule, today) <= today
    }
    digest_activities = list(_digest_activities(today)) if digest_rules else []

    activity_ids = {activity.pk for rows in due_by_kind.values() for activity, _ in rows}
    activity_ids |= {activity.pk for activity in digest_activities}
    recipients = recipients_by_activity(activity_ids)
    user_ids = {user.pk for users in recipients.values() for user in users}
    mutes = {mute.user_id: mute for mute in MuteSetting.objects.filter(user_id__in=user_ids)}

    def listens(user: User, kind: str) -> bool:
        mute = mutes.get(user.pk)
        return mute is None or not mute.mutes(kind)

    due: list[DueReminder] = []
    for (kind, days), rows in due_by_kind.items():
        for activity, due_on in rows:
            for user in recipients.get(activity.pk, ()):
                for rule in rules_by_alliance.get(alliance_of(user.organisation), ()):
                    if rule.kind == kind and rule.days == days and listens(user, kind):
                        due.append(DueReminder(rule=rule, recipient=user, due_on=due_on, activity=activity))

    activities_by_user: dict[int, list[Activity]] = defaultdict(list)
    users_by_pk: dict[int, User] = {}
    for activity in digest_activities:
        for user in recipients.get(activity.pk, ()):
            activities_by_user[user.pk].append(activity)
            users_by_pk[user.pk] = user
    for user_pk, activities in activities_by_user.items():
        user = users_by_pk[user_pk]
        rule = digest_rules.get(alliance_of(user.organisation))
        if rule is not None and listens(user, RuleKind.WEEKLY_DIGEST):
            items = _digest_items(activities, today)
            if items:
                due.append(
                    DueReminder(rule=rule, recipient=user, due_on=digest_day(rule, today), digest=items)
                )
    return sorted(due, key=lambda reminder: (reminder.due_on, reminder.key))


def notifications_of(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    notifications = Notification.objects.filter(recipient=user).select_related("delivery")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications


def unread_count(user: User) -> int:
    """For the site header: one query."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_annotation() -> Coalesce:
    """`unread_count` as an annotation of the user row: accounts/backends.py loads the count with the
    user, in the same query, as `settings.USER_ROW_ANNOTATIONS` tells it (accounts does not know
    reminders). The header's cached parts follow the user's counter, which reminders_notification
    raises."""
    # A subquery, not Count over a join: the join grouped the whole user row with its organisations.
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread), 0)


def access_notification(*, user: User, notification_id: int) -> Notification:
    """The user's own notification, or 404: nobody reads another's."""
    return get_object_or_404(notifications_of(user), pk=notification_id)


def mute_setting_of(user: User) -> MuteSetting:
    """The user's mutes; an unsaved row with nothing muted when they never set any."""
    return MuteSetting.objects.filter(user=user).first() or MuteSetting(user=user)


def rules_alliance(user: User) -> Organisation | None:
    """The alliance whose rules `user` may edit: an alliance administrator's own."""
    unit = user.acts_for
    if user.role == UserRole.ALLIANCE_ADMIN and unit is not None and unit.kind in ALLIANCE_KINDS:
        return unit
    return None


def rules_of(alliance: Organisation) -> QuerySet[ReminderRule]:
    return ReminderRule.objects.filter(organisation=alliance).order_by("kind", "days", "pk")


def access_rule(*, user: User, rule_id: int) -> ReminderRule:
    """A rule of the alliance `user` administers, or 404."""
    alliance = rules_alliance(user)
    if alliance is None:
        return get_object_or_404(ReminderRule.objects.none(), pk=rule_id)
    return get_object_or_404(rules_of(alliance), pk=rule_id)
