"""Reads of plans and activities, scoped to the user: scoping lives here and nowhere else (docs/adr/0010).

- national viewer, system admin: every plan;
- alliance admin, staff, leadership, department member: the plans their alliance or its departments
  issued and those addressed to it (a recipient, or a unit assigned to an activity);
- member representative: the plans addressed to its organisation, and those its alliance addressed to
  all members.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User, UserRole
from hoptac.core.compiled import CompiledQuery
from hoptac.core.generation import fragment_key, plan_generation_sql, plan_scope
from hoptac.core.search import full_text_filter, search_words
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import MEMBER_KINDS, Organisation, OrganisationKind
from hoptac.orgs.selectors import current_units_visible_to, nearest_first
from hoptac.plans.activity_rows import ActivityRow
from hoptac.plans.models import (
    Activity,
    Assignment,
    AssignmentRole,
    Basis,
    Deadline,
    ImportBatch,
    Plan,
    PlanStatusChange,
    Recipient,
    Upload,
)
from hoptac.plans.standing import set_standing

# What a row of activities across plans shows (my activities, my work): the activity and its plan.
ACTIVITY_ROW_FIELDS = (
    "pk",
    "plan_id",
    "number",
    "title",
    "time_text",
    "starts_on",
    "ends_on",
    "plan__number",
    "plan__title",
)


def _activity_count() -> Coalesce:
    # A subquery, not Count() over a join: the paginator's COUNT(*) then drops it instead of grouping.
    activity_count = (
        Activity.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("pk"))
    )
    return Coalesce(Subquery(activity_count.values("n")), 0)


def plans_visible_to(user: User, *, scope: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    """Plans `user` may read, with what a list row shows already joined; `scope` is plans_scope(user)
    when the caller has built it already."""
    # The document's text can be long and no list shows it.
    plans = (plans_scope(user) if scope is None else scope).select_related("issuer", "held_by")
    plans = plans.defer("source_text", "search_text", "funding")
    return plans.annotate(activity_count=_activity_count())


# What a row of the plan list shows (plans/templatetags/plan_rows.py), read as values: no model instances.
PLAN_ROW_FIELDS = (
    "pk",
    "number",
    "issued_on",
    "title",
    "issuer__short_name",
    "issuer__name",
    "is_received",
    "status",
    "activity_count",
)


def plan_list_rows(plans: QuerySet[Plan]) -> QuerySet[dict]:
    """The rows of the plan list for `plans` (already scoped and filtered), newest first, as dicts."""
    plans = plans.annotate(activity_count=_activity_count()).order_by("-issued_on", "-pk")
    return plans.values(*PLAN_ROW_FIELDS)


PLAN_PAGE_SIZE = 25


@dataclass(frozen=True)
class PlanListStart:
    """The plan list as most views ask for it, unfiltered, first page: its rows (PLAN_ROW_FIELDS), how
    many plans in all, and the issuers the filter offers (id, name)."""

    rows: list[dict]
    count: int
    issuers: list[tuple[int, str]]


def _plan_list_reads(rule: str, values: int) -> tuple[CompiledQuery, CompiledQuery, CompiledQuery]:
    types = [int] * values

    def scoped(*scope_values: int) -> QuerySet[Plan]:
        return _scoped(rule, *scope_values)

    return (
        CompiledQuery(lambda *v: plan_list_rows(scoped(*v))[:PLAN_PAGE_SIZE], *types),
        CompiledQuery(lambda *v: scoped(*v).order_by().values("status").annotate(n=Count("pk")), *types),
        CompiledQuery(
            lambda *v: (
                Organisation.objects.filter(pk__in=scoped(*v).values("issuer_id"))
                .order_by("name")
                .values_list("pk", "name")
            ),
            *types,
        ),
    )


# Compiled once per rule of plans_scope (core/compiled.py, docs/adr/0026); _scoped is defined below.
_PLAN_LIST_READS = {rule: _plan_list_reads(rule, values) for rule, values in (("all", 0), ("alliance", 1))}
_PLAN_LIST_READS["member"] = _plan_list_reads("member", 2)


def plan_list_start(user: User) -> PlanListStart:
    """PlanListStart for `user`: three reads compiled once per rule of plans_scope (core/compiled.py),
    as the same page with a filter or another page number reads through the ORM."""
    scope = _scope_of(user)
    if scope is None:
        return PlanListStart(rows=[], count=0, issuers=[])
    rule, values = scope
    rows, counts, issuers = _PLAN_LIST_READS[rule]
    return PlanListStart(
        rows=rows.all(*values),
        count=sum(group["n"] for group in counts.all(*values)),
        issuers=issuers.all(*values),
    )


# The ids of the plans addressed to a unit (%(unit)s), as a recipient or as a unit assigned to an activity.
_ADDRESSED_SQL = (
    "(p.id IN (SELECT plan_id FROM plans_recipient WHERE organisation_id = %(unit)s) "
    "OR p.id IN (SELECT ac.plan_id FROM plans_assignment a JOIN plans_activity ac ON ac.id = a.activity_id "
    "WHERE a.organisation_id = %(unit)s))"
)
# An alliance, its leadership and its departments read what the alliance holds (its own plans, its
# departments' sub-plans, the documents it received), what is addressed to it, and the plans its own
# plans implement (the national plan above).
_ALLIANCE_SCOPE_SQL = (
    "SELECT id FROM plans_plan WHERE held_by_id = %(unit)s "
    f"UNION SELECT p.id FROM plans_plan p WHERE p.is_received = %(no)s AND {_ADDRESSED_SQL} "
    "UNION SELECT b.implements_id FROM plans_basis b JOIN plans_plan p ON p.id = b.plan_id "
    "WHERE p.held_by_id = %(unit)s AND b.implements_id IS NOT NULL"
)
# A member reads what is addressed to it (a received copy only when its own alliance holds it,
# docs/adr/0020), and what its alliance addressed to all members.
_MEMBER_SCOPE_SQL = (
    "SELECT p.id FROM plans_plan p WHERE (p.is_received = %(no)s OR p.held_by_id = %(parent)s) "
    f"AND {_ADDRESSED_SQL} "
    "UNION SELECT id FROM plans_plan WHERE is_addressed_to_members = %(yes)s AND held_by_id = %(parent)s "
    "AND is_received = %(no)s"
)


def _positional(sql: str) -> tuple[str, list[str]]:
    """`sql` with its %(name)s placeholders made positional (RawSQL's form on both databases), and
    the names in their order."""
    return re.sub(r"%\(\w+\)s", "%s", sql), re.findall(r"%\((\w+)\)s", sql)


_ALLIANCE_SCOPE, _MEMBER_SCOPE = _positional(_ALLIANCE_SCOPE_SQL), _positional(_MEMBER_SCOPE_SQL)


def _scope_ids(scope: tuple[str, list[str]], **values) -> RawSQL:
    sql, names = scope
    return RawSQL(sql, [values[name] for name in names])


def _scope_of(user: User) -> tuple[str, tuple[int, ...]] | None:
    """Which rule of plans_scope reads for `user` ("all", "alliance", "member") and its values; None
    for a user who may read no plan."""
    if user.sees_everything:
        return "all", ()
    unit = user.acts_for
    if unit is None:
        return None
    if user.role == UserRole.MEMBER_REPRESENTATIVE:
        # No plan is held by id 0: a member without an alliance reads what is addressed to it alone.
        return "member", (unit.pk, unit.parent_id or 0)
    return "alliance", (unit.pk,)


def _scoped(rule: str, *values: int) -> QuerySet[Plan]:
    plans = Plan.objects.all()
    if rule == "member":
        unit, parent = values
        return plans.filter(pk__in=_scope_ids(_MEMBER_SCOPE, unit=unit, parent=parent, no=False, yes=True))
    if rule == "alliance":
        return plans.filter(pk__in=_scope_ids(_ALLIANCE_SCOPE, unit=values[0], no=False))
    return plans


def plans_scope(user: User) -> QuerySet[Plan]:
    """The plans `user` may read, bare: for subqueries ("activities of plans I may read").

    The rule is written in SQL, the ids of the readable plans as one UNION (each part an indexed
    lookup, evaluated once): the ORM spent about a millisecond building and compiling the same rule on
    every page, three times on the plan list (bench/web.py)."""
    scope = _scope_of(user)
    return Plan.objects.none() if scope is None else _scoped(scope[0], *scope[1])


def _plan_page_query(rule: str, values: int) -> CompiledQuery:
    """A plan as its page reads it, under one rule of plans_scope, with the plan's own counter."""

    def build(plan_id: int, counter_scope: str, *scope_values: int) -> QuerySet[Plan]:
        sql, _params = plan_generation_sql(0)  # its text; the plan's counter is a value of its own
        return (
            _scoped(rule, *scope_values)
            .filter(pk=plan_id)
            .select_related("issuer", "held_by")
            .defer("source_text", "search_text")
            .annotate(page_generation=RawSQL(sql, [counter_scope]))
        )

    return CompiledQuery(build, int, str, *[int] * values)


# Compiled once (core/compiled.py, docs/adr/0026): every plan page reads its plan this way.
_PLAN_PAGE = {"all": _plan_page_query("all", 0), "alliance": _plan_page_query("alliance", 1)}
_PLAN_PAGE["member"] = _plan_page_query("member", 2)


def access_plan(*, user: User, plan_id: int) -> Plan:
    """The one way an interface loads a plan: another organisation's id is a 404 that reveals nothing."""
    generation = getattr(user, "data_generation", None)
    key = fragment_key("plan-row", visibility_key(user), plan_id, generation=generation)
    plan = cache.get(key) if generation is not None else None
    if plan is None:
        # Kept under the user's data generation (docs/adr/0025): every input of plans_scope is watched.
        # The plan's own counter comes with it: any write that raises it raises the generation of
        # every reader's alliance too, so a cached row never holds a stale one.
        scope = _scope_of(user)
        if scope is None:
            raise Http404
        rule, values = scope
        plan = _PLAN_PAGE[rule].first(int(plan_id), plan_scope(plan_id), *values)
        if plan is None:
            raise Http404
        if generation is not None:
            cache.set(key, plan, 600)
    return plan


# The parts of a plan's page below its heading, compiled once (core/compiled.py): a page without
# its cached fragments reads each of them.
_STATUS_CHANGES = CompiledQuery(
    lambda pk: PlanStatusChange.objects.filter(plan_id=pk).select_related("changed_by"), int
)
_BASES = CompiledQuery(lambda pk: Basis.objects.filter(plan_id=pk), int)
_DEADLINES = CompiledQuery(lambda pk: Deadline.objects.filter(plan_id=pk), int)
_RECIPIENTS = CompiledQuery(
    lambda pk: Recipient.objects.filter(plan_id=pk).select_related("organisation"), int
)


def plan_status_changes(plan_id: int) -> list[PlanStatusChange]:
    return _STATUS_CHANGES.all(plan_id)


def plan_bases(plan_id: int) -> list[Basis]:
    return _BASES.all(plan_id)


def plan_deadlines(plan_id: int) -> list[Deadline]:
    return _DEADLINES.all(plan_id)


def plan_recipients(plan_id: int) -> list[Recipient]:
    return _RECIPIENTS.all(plan_id)


def access_plan_row(*, user: User, plan_id: int) -> Plan:
    """A plan as a list row shows it (with `activity_count`), for the API; else a 404."""
    return get_object_or_404(plans_visible_to(user), pk=plan_id)


def plan_activities(plan: Plan, today: date | None = None) -> list[Activity]:
    """The plan's activities in document order, each with its assignments and quantities and its
    `standing` on `today` (plans/standing.py): three queries whatever the number of rows (the page
    indents by `depth`)."""
    assignments = Prefetch(
        "assignments",
        queryset=Assignment.objects.select_related("organisation")
        .only("activity_id", "role", "name_as_written", "organisation__name")
        .order_by("role", "pk"),
    )
    activities = plan.activities.order_by("position").defer("search_text")
    return set_standing(
        list(activities.prefetch_related(assignments, "quantities")), today or timezone.localdate()
    )


def is_own_plan(user: User, plan: Plan) -> bool:
    """`plan` is in the register of the organisation the user works for, and that organisation (or one
    of its departments) issued it: not a received document."""
    unit = user.acts_for
    return unit is not None and plan.held_by_id == unit.pk and not plan.is_received


def holds_plan(user: User, plan: Plan) -> bool:
    """`plan` is in the register of the organisation the user works for: its own or a received one."""
    unit = user.acts_for
    return unit is not None and plan.held_by_id == unit.pk


def can_edit_plan(user: User, plan: Plan) -> bool:
    """Alliance admins and staff edit their own alliance's plans; a department's members its own
    sub-plans; the system admin edits all."""
    if user.is_system_admin:
        return True
    if user.role == UserRole.DEPARTMENT_MEMBER:
        return user.organisation_id is not None and plan.issuer_id == user.organisation_id
    # A received document is the holder's to assign and track, like its own.
    return user.role in (UserRole.ALLIANCE_ADMIN, UserRole.ALLIANCE_STAFF) and holds_plan(user, plan)


def can_edit_activity(user: User, activity: Activity) -> bool:
    """Who edits the plan edits its activities; a department member edits those its department leads
    or coordinates."""
    editor = activity_editor(user, activity.plan)
    if editor in ("all", None):
        return editor == "all"
    return activity.assignments.filter(organisation_id=editor, role__in=EDITING_ROLES).exists()


def can_import(user: User) -> bool:
    """Alliance admins and staff import and write plans for their alliance; the system admin for any."""
    if user.is_system_admin:
        return True
    return user.role in (UserRole.ALLIANCE_ADMIN, UserRole.ALLIANCE_STAFF) and user.acts_for is not None


def units_of_activities(activity_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """The registered units assigned to each activity, as (name, role), in the assignments' order:
    one query of values (a prefetch of instances cost more than the rows it drew)."""
    rows = (
        Assignment.objects.filter(activity_id__in=activity_ids, organisation__isnull=False)
        .order_by("pk")
        .values_list("activity_id", "organisation__name", "role")
    )
    units: dict[int, list[tuple[str, str]]] = {}
    for activity_id, name, role in rows:
        units.setdefault(activity_id, []).append((name, role))
    return units


def activities_of(
    *,
    organisation: Organisation,
    user: User,
    starts: date | None = None,
    ends: date | None = None,
    overdue_on: date | None = None,
) -> QuerySet[Activity]:
    """Activities `organisation` leads or coordinates, in plans `user` may read, whose time window meets
    [starts, ends]; with `overdue_on`, those whose window ended before that day (progress comes later)."""
    units = [organisation.pk]
    if organisation.kind in ("national_alliance", "provincial_alliance"):
        # An alliance's activities are also those of its departments.
        units += list(organisation.children.filter(kind="department").values_list("pk", flat=True))
    # IN (subquery), evaluated once, rather than an EXISTS run for every activity of the database.
    mine = Assignment.objects.filter(
        organisation_id__in=units, role__in=(AssignmentRole.LEAD, AssignmentRole.COORDINATING)
    )
    activities = (
        Activity.objects.filter(pk__in=mine.values("activity_id"), plan__in=plans_scope(user).values("pk"))
        .select_related("plan")
        .only(*ACTIVITY_ROW_FIELDS, "position")
        .order_by("ends_on", "starts_on", "plan_id", "position")
    )
    if starts is not None:
        activities = activities.filter(
            Q(ends_on__gte=starts) | Q(ends_on__isnull=True, starts_on__gte=starts)
        )
    if ends is not None:
        activities = activities.filter(Q(starts_on__lte=ends) | Q(starts_on__isnull=True, ends_on__lte=ends))
    if overdue_on is not None:
        activities = activities.filter(ends_on__lt=overdue_on)
    if starts is not None or ends is not None or overdue_on is not None:
        activities = activities.exclude(starts_on__isnull=True, ends_on__isnull=True)
    return activities


def import_candidates(*, context: Organisation, review) -> list[Organisation]:
    """The units a reviewer picks from, a few dozen: the importing alliance's departments and bodies,
    the outside bodies of its province, every current alliance, the national alliance's bodies,
    clusters, and whatever the resolver proposed (a member cooperative, say)."""
    national = Q(kind=OrganisationKind.NATIONAL_ALLIANCE) | Q(parent__kind=OrganisationKind.NATIONAL_ALLIANCE)
    own = Q(parent=context) & ~Q(kind__in=MEMBER_KINDS)
    local = Q(kind=OrganisationKind.OUTSIDE_BODY, province_id=context.province_id)
    proposed = {
        r.organisation.pk for r in [review.issuer, *review.units.values()] if r.organisation is not None
    }
    return list(
        Organisation.objects.filter(valid_until__isnull=True)
        .filter(
            national | own | local | Q(kind=OrganisationKind.CLUSTER) | Q(pk__in=proposed) | Q(pk=context.pk)
        )
        .order_by("kind", "name")
    )


def access_activity(*, user: User, activity_id: int) -> Activity:
    """An activity of a plan `user` may read, with what its row shows; else a 404."""
    activities = Activity.objects.filter(plan__in=plans_scope(user).values("pk")).select_related("plan")
    assignments = Prefetch("assignments", queryset=Assignment.objects.select_related("organisation"))
    return get_object_or_404(activities.prefetch_related(assignments, "quantities"), pk=activity_id)


def access_upload(*, user: User, upload_id: int) -> Upload:
    """A document `user` uploaded to import; anyone else's, a colleague's too, is a 404."""
    return get_object_or_404(Upload.objects.filter(created_by=user), pk=upload_id)


def access_batch(*, user: User, batch_id: int) -> ImportBatch:
    """A batch of documents `user` started importing; anyone else's is a 404."""
    return get_object_or_404(ImportBatch.objects.filter(created_by=user), pk=batch_id)


EDITING_ROLES = (AssignmentRole.LEAD, AssignmentRole.COORDINATING)


def activity_editor(user: User, plan: Plan) -> str | int | None:
    """Who `user` is when editing `plan`'s activities, without a query: "all" (they may edit the plan),
    a department's id (its members edit the activities it leads or coordinates), or None (nothing)."""
    if can_edit_plan(user, plan):
        return "all"
    if user.role != UserRole.DEPARTMENT_MEMBER or user.organisation_id is None:
        return None
    return user.organisation_id


def may_edit_activity(editor: str | int | None, activity: ActivityRow) -> bool:
    """Whether `activity_editor(...)` may edit `activity` (a row of plans/activity_rows.py), from the
    units it carries."""
    if editor in ("all", None):
        return editor == "all"
    return any(a.organisation_id == editor and a.role in EDITING_ROLES for a in activity.assignments)


def unit_suggest(*, user: User, query: str, limit: int = 15) -> list[Organisation]:
    """Current units whose name starts words like `query` ("van phong", "htx tam"), for type-ahead:
    the user's alliance and its bodies first, then its province, then the rest."""
    if not search_words(query):
        return []
    units = full_text_filter(current_units_visible_to(user), unit_key(query), column="key")
    return list(nearest_first(units, near=user.acts_for)[:limit])


WINDOWS = {"week": _("This week"), "month": _("This month"), "overdue": _("Overdue"), "all": _("All")}


def activity_window(when: str, *, today: date) -> dict:
    """The `activities_of` arguments for a named time filter; an unknown name is this month."""
    if when == "week":
        start = today - timedelta(days=today.weekday())
        return {"starts": start, "ends": start + timedelta(days=6)}
    if when == "overdue":
        return {"overdue_on": today}
    if when == "all":
        return {}
    start = today.replace(day=1)
    return {"starts": start, "ends": start.replace(day=calendar.monthrange(today.year, today.month)[1])}


def visibility_key(user: User) -> str:
    """Two users with the same key see the same plans (plans_scope): the key of shared cached lists."""
    if user.sees_everything:
        return "all"
    unit = user.acts_for
    if unit is None:
        return "none"
    return f"{'member' if user.role == UserRole.MEMBER_REPRESENTATIVE else 'unit'}:{unit.pk}"
