"""Reads for the time views. Scoping is that of hoptac.plans.selectors, applied when the page or the
feed is read: a feed follows what its owner may read today, not what they could read when it was made."""

from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from hoptac.accounts.models import User
from hoptac.accounts.services import token_digest
from hoptac.calendars.models import CalendarToken, FeedScope
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.orgs.selectors import organisations_visible_to
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan
from hoptac.plans.selectors import activities_of, plans_scope
from hoptac.plans.standing import with_standing

# What a time view shows of an activity (the standing is computed from more, in the database).
SHOWN_FIELDS = (
    "pk",
    "plan_id",
    "parent_id",
    "position",
    "depth",
    "number",
    "title",
    "time_text",
    "starts_on",
    "ends_on",
    "precision",
    "is_tentative",
    "is_deadline",
    "is_set_by_other",
    "progress_state",
    "percent",
    "rollup_percent",
)
# A feed reaches back a year: older activities are history, and calendar applications slow down on
# feeds of thousands of events.
FEED_PAST_DAYS = 365
FEED_MAX_EVENTS = 3000


def timeline_activities(*, plan: Plan, today: date) -> list[Activity]:
    """The plan's activities in document order, each with its `standing`: one query."""
    activities = plan.activities.order_by("position").only(*SHOWN_FIELDS)
    return list(with_standing(activities, today))


def month_activities(*, organisation: Organisation, user: User, first: date, last: date, today: date):
    """Activities `organisation` leads or coordinates (an alliance with its departments) in plans `user`
    may read, whose time meets [first, last], with their plan and `standing`."""
    picked = activities_of(organisation=organisation, user=user, starts=first, ends=last)
    return list(_shown(Activity.objects.filter(pk__in=picked.values("pk")), today))


def awaiting_activities(*, organisation: Organisation, user: User, year: int, today: date):
    """The same units' activities of plans of `year` whose time another body has still to set."""
    picked = activities_of(organisation=organisation, user=user).filter(
        is_set_by_other=True, starts_on__isnull=True, ends_on__isnull=True
    )
    in_year = Q(plan__year=year) | Q(plan__year__isnull=True, plan__issued_on__year=year)
    return list(_shown(Activity.objects.filter(in_year, pk__in=picked.values("pk")), today))


def _shown(activities: QuerySet[Activity], today: date) -> QuerySet[Activity]:
    activities = activities.select_related("plan").only(*SHOWN_FIELDS, "plan__number", "plan__title")
    return with_standing(activities, today).order_by("starts_on", "ends_on", "plan_id", "position")


def calendar_tokens_of(user: User) -> QuerySet[CalendarToken]:
    return CalendarToken.objects.filter(owner=user).select_related("organisation")


def access_calendar_token(*, user: User, token_id: int) -> CalendarToken:
    """One of `user`'s calendar links; another person's is a 404."""
    return get_object_or_404(calendar_tokens_of(user), pk=token_id)


def feed_organisation_choices(user: User, *, wanted: int | None = None) -> QuerySet[Organisation]:
    """The units a person is offered a calendar of: their own, their alliance and its departments, and
    `wanted` (the calendar they came from) when they may see it."""
    own = [unit.pk for unit in (user.organisation, user.acts_for) if unit is not None]
    if wanted is not None:
        own.append(wanted)
    alliance = user.acts_for
    departments = (
        Q(parent=alliance, kind=OrganisationKind.DEPARTMENT, valid_until__isnull=True)
        if alliance is not None
        else Q(pk__in=[])
    )
    return organisations_visible_to(user).filter(Q(pk__in=own) | departments).order_by("kind", "name")


def feed_token(secret: str) -> CalendarToken | None:
    """The active calendar link of this secret whose owner is still active and may still see its
    organisation; None otherwise."""
    token = (
        CalendarToken.objects.select_related("owner__organisation__parent", "organisation")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None or token.organisation_id is None:
        return token
    if not organisations_visible_to(token.owner).filter(pk=token.organisation_id).exists():
        return None
    return token


def feed_activities(*, token: CalendarToken, today: date) -> list[Activity]:
    """What the feed of `token` shows: activities of its organisation (for a person's feed, the person's
    organisation) and, for a person, those assigned to them by name; all in plans the owner may read now,
    with a date, ending at most a year ago."""
    owner = token.owner
    unit = token.organisation if token.scope == FeedScope.ORGANISATION else owner.organisation
    since = today - timedelta(days=FEED_PAST_DAYS)
    picked = Q(pk__in=[])
    if unit is not None:
        picked |= Q(pk__in=activities_of(organisation=unit, user=owner, starts=since).values("pk"))
    if token.scope == FeedScope.PERSON:
        picked |= Q(pk__in=Assignment.objects.filter(person=owner).values("activity_id"))
    dated = Q(ends_on__gte=since) | Q(ends_on__isnull=True, starts_on__gte=since)
    leads = Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(role=AssignmentRole.LEAD)
        .select_related("organisation")
        .only("activity_id", "name_as_written", "organisation__name")
        .order_by("pk"),
        to_attr="leads",
    )
    activities = (
        Activity.objects.filter(picked, dated, plan__in=plans_scope(owner).values("pk"))
        .select_related("plan")
        .only(*SHOWN_FIELDS, "version", "plan__number", "plan__title")
        .prefetch_related(leads)
    )
    return list(with_standing(activities, today).order_by("ends_on", "starts_on", "pk")[:FEED_MAX_EVENTS])
