"""What the tracking pages show: a person's work, a unit's dashboard, the national table of a national
plan. Each is a handful of grouped queries, whatever the number of plans or activities; the status of
every activity comes from the database (standing.py), never from a Python loop over rows."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import BooleanField, Case, Q, QuerySet, When

from hoptac.accounts.models import User, UserRole
from hoptac.core.text import fold
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Basis, Plan, PlanStatus, ProgressState
from hoptac.plans.rollup import mean_of, mean_progress, unit_progress, weighted_sums
from hoptac.plans.selectors import ACTIVITY_ROW_FIELDS, plans_scope
from hoptac.plans.standing import (
    STANDING_FIELDS,
    Standing,
    set_standing,
    split_counts,
    tasks,
)
from hoptac.tracking.models import CostEstimate

WORK_LIMIT = 50
OPEN_STATES = (ProgressState.NOT_STARTED, ProgressState.IN_PROGRESS)
# Plans whose activities are being carried out: drafts are not yet, cancelled ones no longer.
LIVE_STATUSES = (PlanStatus.APPROVED, PlanStatus.ISSUED, PlanStatus.CLOSED)


def week_of(today: date) -> tuple[date, date]:
    """Monday to Sunday of the week `today` is in."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


@dataclass
class MyWork:
    due_this_week: list[Activity] = field(default_factory=list)
    overdue: list[Activity] = field(default_factory=list)
    not_reported: list[Activity] = field(default_factory=list)
    estimates: list[CostEstimate] = field(default_factory=list)
    plans_to_approve: list[Plan] = field(default_factory=list)

    @property
    def waiting_count(self) -> int:
        return len(self.not_reported) + len(self.estimates) + len(self.plans_to_approve)


def work_units(user: User) -> list[int]:
    """The units whose activities are this user's work: their own unit (a department, a cooperative),
    or, for the alliance's own staff, the alliance."""
    return [user.organisation_id] if user.organisation_id else []


def my_work(user: User, today: date) -> MyWork:
    """The activities `user`'s unit leads or coordinates (or assigned to them by name) that are due this
    week, overdue, or begun with nothing reported; the estimates and plans waiting on their decision.
    Four queries at most."""
    monday, sunday = week_of(today)
    units = work_units(user)
    # A UNION of two subqueries, each on its own index: one subquery with "unit OR person" scanned
    # every assignment of the installation (11 ms of 33 on bench/tracking.py's 88,000).
    by_name = Assignment.objects.filter(person=user).values("activity_id")
    by_unit = Assignment.objects.filter(organisation_id__in=units)
    working = by_unit.filter(role__in=(AssignmentRole.LEAD, AssignmentRole.COORDINATING))
    working = working.values("activity_id")
    led = Q(pk__in=by_unit.filter(role=AssignmentRole.LEAD).values("activity_id").union(by_name))
    activities = (
        tasks(Activity.objects.filter(pk__in=working.union(by_name)))
        .filter(plan__in=plans_scope(user).filter(status__in=LIVE_STATUSES).values("pk"))
        .filter(progress_state__in=OPEN_STATES)
        .annotate(is_led=Case(When(led, then=True), default=False, output_field=BooleanField()))
        .filter(Q(ends_on__lte=sunday) | Q(progress_at__isnull=True, starts_on__lte=today))
        .select_related("plan")
        .only(*ACTIVITY_ROW_FIELDS, "is_tentative", "percent", "progress_at", *STANDING_FIELDS)
        .order_by("ends_on", "plan_id", "position")[: WORK_LIMIT * 3]
    )
    work = MyWork()
    # The standing in Python (plans/standing.py): the database expression cost more to build and
    # compile than the rows it split.
    for activity in set_standing(list(activities), today):
        if activity.standing == Standing.OVERDUE:
            work.overdue.append(activity)
        elif activity.ends_on is not None and monday <= activity.ends_on <= sunday:
            work.due_this_week.append(activity)
        elif activity.is_led and activity.progress_at is None and activity.standing == Standing.IN_TERM:
            work.not_reported.append(activity)
    work.overdue, work.due_this_week = work.overdue[:WORK_LIMIT], work.due_this_week[:WORK_LIMIT]
    work.not_reported = work.not_reported[:WORK_LIMIT]
    work.estimates = list(estimates_waiting_on(user)[:WORK_LIMIT])
    if user.role == UserRole.LEADERSHIP and user.acts_for is not None:
        work.plans_to_approve = list(
            Plan.objects.filter(issuer=user.acts_for, status=PlanStatus.SUBMITTED).order_by("-updated_at")[
                :WORK_LIMIT
            ]
        )
    return work


def estimates_waiting_on(user: User) -> QuerySet[CostEstimate]:
    """Cost estimates whose next step is this user's: the vice-chair in charge of the department, then
    the standing members (the alliance's leadership)."""
    estimates = CostEstimate.objects.select_related("plan", "plan__issuer").order_by("pk")
    if user.role != UserRole.LEADERSHIP or user.acts_for is None:
        return estimates.none()
    alliance = user.acts_for
    return estimates.filter(plan__issuer__parent=alliance).filter(
        Q(state=CostEstimate.State.SUBMITTED, plan__issuer__supervision__vice_chair=user)
        | Q(state=CostEstimate.State.ENDORSED)
    )


@dataclass
class UnitDashboard:
    organisation: Organisation
    today: date
    total: dict
    plans: list[Plan]
    by_plan: dict
    units: list[tuple[Organisation, dict, float | None]]
    progress: float | None


def unit_dashboard(*, organisation: Organisation, user: User, today: date) -> UnitDashboard:
    """An alliance's or a department's dashboard: the status split of its work in each plan and for
    each lead unit, with the percent done. Six queries, whatever the number of plans."""
    readable = plans_scope(user).filter(status__in=LIVE_STATUSES)
    if organisation.kind in (OrganisationKind.NATIONAL_ALLIANCE, OrganisationKind.PROVINCIAL_ALLIANCE):
        # Its own plans and the documents it received (not its departments' sub-plans, which detail
        # activities already counted in its own plans).
        plans = readable.filter(Q(issuer=organisation) | Q(held_by=organisation, is_received=True))
        activities = Activity.objects.filter(plan__in=plans.values("pk"))
    else:
        ours = Assignment.objects.filter(
            organisation=organisation, role__in=(AssignmentRole.LEAD, AssignmentRole.COORDINATING)
        )
        activities = Activity.objects.filter(
            pk__in=ours.values("activity_id"), plan__in=readable.values("pk")
        )
        plans = readable.filter(pk__in=activities.values("plan_id"))
    plan_rows = list(
        plans.select_related("issuer")
        .only("pk", "number", "title", "issued_on", "status", "progress_percent", "issuer__name")
        .order_by("-issued_on", "-pk")[:100]
    )
    by_plan = split_counts(activities, today, by="plan_id")
    total: dict = {}
    for split in by_plan.values():
        for standing, count in split.items():
            total[standing] = total.get(standing, 0) + count
    for plan in plan_rows:
        plan.split = by_plan.get(plan.pk, {})
    # One join to the lead assignments: an IN (all lead assignments of the country) subquery made
    # SQLite walk the whole table (bench/tracking.py).
    led = activities.filter(assignments__role=AssignmentRole.LEAD, assignments__organisation__isnull=False)
    by_unit = split_counts(led, today, by="assignments__organisation_id")
    percents = {
        row["assignments__organisation_id"]: mean_of(row)
        for row in led.exclude(progress_state=ProgressState.CANCELLED)
        .order_by()
        .values("assignments__organisation_id")
        .annotate(**weighted_sums("rollup_percent"))
    }
    names = Organisation.objects.in_bulk(list(by_unit))
    units = sorted(
        ((names[pk], split, percents.get(pk)) for pk, split in by_unit.items() if pk in names),
        key=lambda row: (-row[1].get(Standing.OVERDUE, 0), row[0].name),
    )
    if organisation.kind in (OrganisationKind.NATIONAL_ALLIANCE, OrganisationKind.PROVINCIAL_ALLIANCE):
        progress = mean_progress(plans)
    else:
        progress = unit_progress(
            activities.filter(assignments__organisation=organisation, assignments__role=AssignmentRole.LEAD)
        )
    return UnitDashboard(
        organisation=organisation,
        today=today,
        total=total,
        plans=plan_rows,
        by_plan=by_plan,
        units=units,
        progress=progress,
    )


@dataclass
class NationalRow:
    alliance: Organisation
    plan: Plan | None
    split: dict

    @property
    def progress(self) -> float | None:
        return None if self.plan is None else round(self.plan.progress_percent, 1)

    @property
    def label(self) -> str:
        """The short name a chart shows: the province ("Bắc Ninh"), else the alliance's short name."""
        province = self.alliance.province
        return province.name if province is not None else self.alliance.short_name or self.alliance.name

    @property
    def overdue(self) -> int:
        return self.split.get(Standing.OVERDUE, 0)


NATIONAL_SORTS = ("name", "issued", "progress", "overdue")


def national_table(*, plan: Plan, today: date, sort: str = "name") -> list[NationalRow]:
    """Every current provincial alliance: whether and when it issued a plan implementing `plan`, and
    how far that plan has come. Three queries; sorted by name, issue date, progress or overdue count."""
    alliances = list(
        Organisation.objects.filter(kind=OrganisationKind.PROVINCIAL_ALLIANCE, valid_until__isnull=True)
        .select_related("province")
        .only("pk", "name", "short_name", "province__name")
        .order_by("name")
    )
    implementing = (
        Plan.objects.filter(
            pk__in=Basis.objects.filter(implements=plan).values("plan_id"),
            issuer__kind=OrganisationKind.PROVINCIAL_ALLIANCE,
        )
        .exclude(status=PlanStatus.CANCELLED)
        .only("pk", "issuer_id", "number", "title", "status", "issued_on", "progress_percent")
        .order_by("issuer_id", "-issued_on", "-pk")
    )
    first: dict[int, Plan] = {}
    for candidate in implementing:
        current = first.get(candidate.issuer_id)
        # An issued plan wins over a draft of the same alliance.
        if current is None or (_rank(candidate) > _rank(current)):
            first[candidate.issuer_id] = candidate
    splits = split_counts(
        Activity.objects.filter(plan_id__in=[p.pk for p in first.values()]), today, by="plan_id"
    )
    rows = [
        NationalRow(a, first.get(a.pk), splits.get(first[a.pk].pk, {}) if a.pk in first else {})
        for a in alliances
    ]
    return sort_national(rows, sort)


def _rank(plan: Plan) -> int:
    return {PlanStatus.ISSUED: 3, PlanStatus.CLOSED: 3, PlanStatus.APPROVED: 2, PlanStatus.SUBMITTED: 1}.get(
        plan.status, 0
    )


def sort_national(rows: list[NationalRow], sort: str) -> list[NationalRow]:
    """Ascending by `sort` ("name", "issued", "progress", "overdue"); "-progress" is descending. An
    alliance without a plan counts as the least advanced."""
    keys = {
        "issued": lambda r: r.plan.issued_on if r.plan is not None and r.plan.issued_on else date.min,
        "progress": lambda r: r.progress if r.progress is not None else -1.0,
        "overdue": lambda r: r.overdue,
    }
    # By province, as Vietnamese readers order them (Đ with D, diacritics after the base letter).
    rows.sort(key=lambda r: (fold(r.label), r.label))
    key = keys.get(sort.lstrip("-"))
    if key is not None:
        rows.sort(key=key, reverse=sort.startswith("-"))
    elif sort.startswith("-"):
        rows.reverse()
    return rows


def may_see_national_view(user: User, plan: Plan) -> bool:
    """The national table compares provinces: for the national alliance's own people and those who see
    everything."""
    if plan.issuer.kind != OrganisationKind.NATIONAL_ALLIANCE:
        return False
    return user.sees_everything or (user.acts_for is not None and user.acts_for.pk == plan.issuer_id)
