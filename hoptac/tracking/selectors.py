"""Who may report on an activity, and the reads of tracking (docs/adr/0010: scoping lives in
selectors)."""

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity, Assignment, AssignmentRole
from hoptac.plans.selectors import access_plan, can_edit_plan, plans_scope
from hoptac.tracking.models import CostEstimate, CostLine, Evidence, ProgressUpdate, QuantityReport

# Roles that act for their alliance when the alliance itself is the lead or coordinating unit.
ALLIANCE_ROLES = (UserRole.ALLIANCE_ADMIN, UserRole.ALLIANCE_STAFF, UserRole.LEADERSHIP)


def _units_of(user: User) -> set[int]:
    """The organisations `user` answers for: their own unit, and their alliance when their role acts
    for it."""
    units = set()
    if user.organisation_id is not None and user.role != UserRole.NATIONAL_VIEWER:
        units.add(user.organisation_id)
    if user.role in ALLIANCE_ROLES and user.acts_for is not None:
        units.add(user.acts_for.pk)
    return units


def _assigned(user: User, activity: Activity, roles: tuple[str, ...]) -> bool:
    units = _units_of(user)
    if not units:
        return False
    # Uses the prefetched assignments when the caller loaded them (access_activity does).
    return any(a.organisation_id in units and a.role in roles for a in activity.assignments.all())


def can_report_progress(user: User, activity: Activity) -> bool:
    """The lead unit reports progress; so do the plan's own editors and the system admin."""
    return can_edit_plan(user, activity.plan) or _assigned(user, activity, (AssignmentRole.LEAD,))


def can_comment(user: User, activity: Activity) -> bool:
    """Coordinating units comment on an activity; whoever may report may comment too."""
    return can_report_progress(user, activity) or _assigned(user, activity, (AssignmentRole.COORDINATING,))


def progress_history(activity: Activity) -> QuerySet[ProgressUpdate]:
    """An activity's reports, newest first, with their author, quantities and evidence: three queries."""
    return (
        activity.progress_updates.select_related("by", "by_organisation")
        .prefetch_related(
            "evidence", Prefetch("quantities", queryset=QuantityReport.objects.select_related("quantity"))
        )
        .order_by("-at", "-pk")
    )


def lead_assignments() -> Prefetch:
    return Prefetch(
        "assignments",
        queryset=Assignment.objects.select_related("organisation").only(
            "activity_id", "organisation_id", "role", "name_as_written", "organisation__name"
        ),
    )


def access_evidence(*, user: User, evidence_id: int) -> Evidence:
    """An evidence file of an activity whose plan `user` may read; else a 404."""
    evidence = Evidence.objects.filter(update__activity__plan__in=plans_scope(user).values("pk"))
    return get_object_or_404(evidence, pk=evidence_id)


def access_cost_estimate(*, user: User, plan_id: int) -> CostEstimate:
    """The cost estimate of a department plan `user` may read, with that plan on it; a plan without one,
    or one `user` may not read, is a 404. An estimate is one per plan: its plan's id names it."""
    plan = access_plan(user=user, plan_id=plan_id)
    estimate = get_object_or_404(CostEstimate, plan=plan)
    estimate.plan = plan
    return estimate


def access_cost_line(*, estimate: CostEstimate, line_id: int) -> CostLine:
    """A line of `estimate`, which access_cost_estimate loaded for the user; another estimate's is a 404."""
    return get_object_or_404(estimate.lines, pk=line_id)


def access_department(*, user: User, department_id: int) -> Organisation:
    """A unit of the alliance `user` acts for, picked as a department to supervise (supervision_set
    refuses with a message what is not a department); another alliance's is a 404."""
    alliance = user.acts_for
    units = Organisation.objects.none() if alliance is None else alliance.children.all()
    return get_object_or_404(units, pk=department_id)


def access_colleague(*, user: User, colleague_id: int) -> User:
    """A person of the alliance `user` acts for: its own staff and leadership, and the people of its
    departments and members (supervision_set refuses with a message who is not of its leadership);
    anyone of another alliance is a 404."""
    alliance = user.acts_for
    people = (
        User.objects.none()
        if alliance is None
        else User.objects.filter(Q(organisation=alliance) | Q(organisation__parent=alliance))
    )
    return get_object_or_404(people, pk=colleague_id)
