"""The cascade: a plan of the level above becomes ours to carry out.

- `plan_implement`: from a plan addressed to us (a national plan, a plan of our parent, or one giving
  us activities), our draft plan naming it as its basis, pre-filled with the activities that concern
  us (those assigned to our alliance or its departments, with the headings above them), or with all of
  them when none is assigned to us by name. Each copy remembers the activity it came from.
- `department_plan_for`: an activity a department leads gets the department's own sub-plan (tracking
  adds its cost estimate: tracking/cost_estimates.activity_detail_plan).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.plans.errors import NotAddressed
from hoptac.plans.models import (
    Activity,
    Assignment,
    AssignmentRole,
    Basis,
    Plan,
    PlanKind,
    PlanStatus,
    Quantity,
    Recipient,
)
from hoptac.plans.search_text import activity_search_text, plan_search_text
from hoptac.plans.selectors import can_import
from hoptac.plans.services.changes import ACTIVITY_FIELDS
from hoptac.plans.services.rollup import refresh_rollup

NOT_ADDRESSED = _("This plan is not addressed to your alliance, so there is nothing to implement.")
NOT_LED_BY_A_DEPARTMENT = _("Only an activity a department leads can be detailed by a department plan.")
# What a copy keeps of the activity it came from: what people edit (but its weight among its
# siblings, which is the new plan's to set) and the time the engine read.
COPIED_FIELDS = (
    *(name for name in ACTIVITY_FIELDS if name != "weight"),
    "precision",
    "is_tentative",
    "peak_starts_on",
    "peak_ends_on",
    "is_deadline",
    "is_set_by_other",
)


def implementing_plan(source: Plan, unit: Organisation) -> Plan | None:
    """`unit`'s plan that implements `source` already, if any (a cancelled one does not count)."""
    return (
        Plan.objects.filter(issuer=unit, bases__implements=source)
        .exclude(status=PlanStatus.CANCELLED)
        .order_by("pk")
        .first()
    )


def is_addressed_to(source: Plan, unit: Organisation) -> bool:
    """`source` is addressed to `unit`: it is a recipient, its parent issued it, or it is given work."""
    if source.issuer_id == unit.pk:
        return False
    if source.issuer_id == unit.parent_id:
        return True
    if Recipient.objects.filter(plan=source, organisation=unit).exists():
        return True
    return Assignment.objects.filter(activity__plan=source, organisation__in=_our_units(unit)).exists()


def can_implement(user: User, source: Plan) -> bool:
    unit = user.acts_for
    return can_import(user) and unit is not None and is_addressed_to(source, unit)


@transaction.atomic
def plan_implement(*, source: Plan, by: User) -> tuple[Plan, bool]:
    """Our draft plan implementing `source`, and whether it was made now (False: it existed)."""
    unit = by.acts_for
    if not can_import(by) or unit is None:
        raise PermissionDenied
    if not is_addressed_to(source, unit):
        raise NotAddressed(NOT_ADDRESSED)
    existing = implementing_plan(source, unit)
    if existing is not None:
        return existing, False
    plan = _plan_implementing(source, issuer=unit, title=_implementing_title(source), by=by)
    _copy_activities(source=source, plan=plan, unit=unit)
    refresh_rollup(plan.pk)
    return plan, True


def _plan_implementing(source: Plan, *, issuer: Organisation, title: str, by: User, **fields) -> Plan:
    """A new draft plan of `issuer` with `source` as its basis."""
    plan = Plan(
        issuer=issuer,
        issuer_name=issuer.name,
        kind=PlanKind.PLAN,
        title=title[:2000],
        status=PlanStatus.DRAFT,
        created_by=by,
        year=source.year,
        **fields,
    )
    plan.search_text = plan_search_text(plan)
    plan.save()
    Basis.objects.create(
        plan=plan,
        number=source.number,
        issued_on=source.issued_on,
        issuer_name=source.issuer.name,
        text=_basis_text(source),
        implements=source,
    )
    return plan


def _implementing_title(source: Plan) -> str:
    """ "Triển khai thực hiện Kế hoạch số 15/KH-LMHTXVN của Liên minh Hợp tác xã Việt Nam về …"."""
    number = f" số {source.number}" if source.number else ""
    about = source.title[:1].lower() + source.title[1:]
    return f"Triển khai thực hiện Kế hoạch{number} của {source.issuer.name} về {about}"


def _basis_text(source: Plan) -> str:
    date = f" ngày {source.issued_on:%d/%m/%Y}" if source.issued_on else ""
    number = f" số {source.number}" if source.number else ""
    return f"Kế hoạch{number}{date} của {source.issuer.name} về {source.title}"


def _our_units(unit: Organisation) -> list[int]:
    return [unit.pk, *unit.children.filter(kind=OrganisationKind.DEPARTMENT).values_list("pk", flat=True)]


def _copy_activities(*, source: Plan, plan: Plan, unit: Organisation) -> None:
    activities = list(source.activities.order_by("position"))
    ours = set(_our_units(unit))
    assigned = list(
        Assignment.objects.filter(activity__plan=source, organisation_id__in=ours).values_list(
            "activity_id", "organisation_id", "role"
        )
    )
    concerning = {activity_id for activity_id, _unit, _role in assigned}
    by_pk = {a.pk: a for a in activities}
    keep = set(by_pk) if not concerning else set()
    for activity_id in concerning:
        # The activity with the headings above it, so the copy keeps the plan's shape.
        node = by_pk.get(activity_id)
        while node is not None and node.pk not in keep:
            keep.add(node.pk)
            node = by_pk.get(node.parent_id)
    copies: dict[int, Activity] = {}
    for activity in activities:
        if activity.pk not in keep:
            continue
        parent = copies.get(activity.parent_id)
        copy = Activity(
            plan=plan,
            parent=parent,
            position=len(copies),
            depth=0 if parent is None else parent.depth + 1,
            derived_from=activity,
            **{name: getattr(activity, name) for name in COPIED_FIELDS},
        )
        copy.search_text = activity_search_text(copy)
        copy.save()
        copies[activity.pk] = copy
    Quantity.objects.bulk_create(
        Quantity(
            activity=copies[q.activity_id], value=q.value, unit=q.unit, text=q.text, is_minimum=q.is_minimum
        )
        for q in Quantity.objects.filter(activity_id__in=list(copies))
    )
    roles: dict[int, str] = {}
    for activity_id, _unit, role in assigned:
        # Our alliance leads what it was given to lead or to coordinate; informed stays informed.
        best = AssignmentRole.INFORMED if role == AssignmentRole.INFORMED else AssignmentRole.LEAD
        if roles.get(activity_id) != AssignmentRole.LEAD:
            roles[activity_id] = best
    Assignment.objects.bulk_create(
        Assignment(activity=copies[pk], organisation=unit, role=role, name_as_written=unit.name)
        for pk, role in roles.items()
        if pk in copies
    )


def lead_department(activity: Activity) -> Organisation | None:
    """The department that leads `activity`, if a department does."""
    assignment = (
        activity.assignments.filter(role=AssignmentRole.LEAD, organisation__kind=OrganisationKind.DEPARTMENT)
        .select_related("organisation")
        .first()
    )
    return None if assignment is None else assignment.organisation


def can_detail(user: User, activity: Activity, department: Organisation | None) -> bool:
    """The lead department's members, and its alliance's admins and staff, detail the activity."""
    if department is None:
        return False
    if user.is_system_admin:
        return True
    if user.role == UserRole.DEPARTMENT_MEMBER:
        return user.organisation_id == department.pk
    return user.role in (UserRole.ALLIANCE_ADMIN, UserRole.ALLIANCE_STAFF) and (
        user.acts_for is not None and user.acts_for.pk == department.parent_id
    )


@transaction.atomic
def department_plan_for(*, activity: Activity, by: User) -> tuple[Plan, bool]:
    """The lead department's sub-plan of `activity`, and whether it was made now (False: it existed)."""
    department = lead_department(activity)
    if department is None:
        raise NotAddressed(NOT_LED_BY_A_DEPARTMENT)
    if not can_detail(by, activity, department):
        raise PermissionDenied
    existing = (
        Plan.objects.filter(details=activity, issuer=department).exclude(status=PlanStatus.CANCELLED).first()
    )
    if existing is not None:
        return existing, False
    title = f"Kế hoạch chi tiết: {activity.number} {activity.title}".replace("  ", " ")
    plan = _plan_implementing(activity.plan, issuer=department, title=title, by=by, details=activity)
    child = Activity(
        plan=plan,
        derived_from=activity,
        **{name: getattr(activity, name) for name in COPIED_FIELDS},
    )
    child.search_text = activity_search_text(child)
    child.save()
    Assignment.objects.create(
        activity=child, organisation=department, role=AssignmentRole.LEAD, name_as_written=department.name
    )
    return plan, True
