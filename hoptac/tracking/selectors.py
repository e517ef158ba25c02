"""Who may report on an activity, and the reads of tracking (docs/adr/0010: scoping lives in
selectors)."""

from django.db.models import Prefetch, QuerySet

from hoptac.accounts.models import User, UserRole
from hoptac.plans.models import Activity, Assignment, AssignmentRole
from hoptac.plans.selectors import can_edit_plan
from hoptac.tracking.models import ProgressUpdate, QuantityReport

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
