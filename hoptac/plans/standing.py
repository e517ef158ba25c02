"""The status split of activities, computed by the database from dates, progress and today's date.

The engine stores a window's last day as `ends_on` whatever its precision ("Tháng 4/2024" ends on
30 April, "Quý II" on 30 June, "Năm 2025" on 31 December), so "past its end" is `ends_on < today`.

- cancelled, postponed: as reported;
- done on time / done late: done, and completed on or before `ends_on` (no end: on time);
- overdue: not done and `ends_on` before today;
- waiting for a date: the time is set by another body and no date is known yet;
- in progress within its term: reported in progress, or its start has come, or it has only an end;
- not yet started: the rest (its start is still ahead, or it has no dates and no report).
"""

from datetime import date

from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.fields import CharField
from django.utils.translation import gettext_lazy as _

from hoptac.core.compiled import CompiledQuery
from hoptac.plans.models import Activity, ProgressState


class Standing(models.TextChoices):
    """The government-style split of activities, from their dates, their progress and today."""

    DONE_ON_TIME = "done_on_time", _("done on time")
    DONE_LATE = "done_late", _("done late")
    IN_TERM = "in_term", _("in progress within its term")
    OVERDUE = "overdue", _("overdue")
    NOT_STARTED = "not_started", _("not yet started")
    WAITING = "waiting", _("waiting for a date")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


# The order reports list the split in, and the colours the charts use for it.
STANDING_ORDER = (
    Standing.DONE_ON_TIME,
    Standing.DONE_LATE,
    Standing.IN_TERM,
    Standing.OVERDUE,
    Standing.NOT_STARTED,
    Standing.WAITING,
    Standing.POSTPONED,
    Standing.CANCELLED,
)
STANDING_COLOURS = {
    Standing.DONE_ON_TIME: "#2e7d32",
    Standing.DONE_LATE: "#9e9d24",
    Standing.IN_TERM: "#1565c0",
    Standing.OVERDUE: "#c62828",
    Standing.NOT_STARTED: "#9e9e9e",
    Standing.WAITING: "#6a1b9a",
    Standing.POSTPONED: "#ef6c00",
    Standing.CANCELLED: "#5d4037",
}


def standing_expression(today: date, prefix: str = "") -> Case:
    """The Standing of an activity as a database expression; `prefix` reaches it through a relation
    ("activity__")."""

    def q(**lookups) -> Q:
        return Q(**{prefix + name: value for name, value in lookups.items()})

    state = prefix + "progress_state"
    return Case(
        When(Q(**{state: ProgressState.CANCELLED}), then=Value(Standing.CANCELLED)),
        When(Q(**{state: ProgressState.POSTPONED}), then=Value(Standing.POSTPONED)),
        When(
            Q(**{state: ProgressState.DONE})
            & q(ends_on__isnull=False, completed_on__isnull=False)
            & Q(**{prefix + "completed_on__gt": F(prefix + "ends_on")}),
            then=Value(Standing.DONE_LATE),
        ),
        When(Q(**{state: ProgressState.DONE}), then=Value(Standing.DONE_ON_TIME)),
        When(q(ends_on__lt=today), then=Value(Standing.OVERDUE)),
        When(
            q(is_set_by_other=True, starts_on__isnull=True, ends_on__isnull=True),
            then=Value(Standing.WAITING),
        ),
        When(Q(**{state: ProgressState.IN_PROGRESS}) | q(starts_on__lte=today), then=Value(Standing.IN_TERM)),
        # Only an end ("trước ngày 15/4"): its term runs until then.
        When(q(starts_on__isnull=True, ends_on__gte=today), then=Value(Standing.IN_TERM)),
        default=Value(Standing.NOT_STARTED),
        output_field=CharField(),
    )


# The same rule again, as SQL text over the activity table's own columns, for split_counts: the
# Case above cost 3.5 ms of Python to build and compile on every dashboard query whose SQL ran in 2
# (bench/tracking.py). The columns are unqualified: the queries it serves join no other table with
# columns of these names (plans_assignment's are id, activity_id, organisation_id, role, ...).
_STANDING_SQL = (
    "CASE"
    f" WHEN progress_state = '{ProgressState.CANCELLED}' THEN '{Standing.CANCELLED}'"
    f" WHEN progress_state = '{ProgressState.POSTPONED}' THEN '{Standing.POSTPONED}'"
    f" WHEN progress_state = '{ProgressState.DONE}' AND ends_on IS NOT NULL AND completed_on IS NOT NULL"
    f" AND completed_on > ends_on THEN '{Standing.DONE_LATE}'"
    f" WHEN progress_state = '{ProgressState.DONE}' THEN '{Standing.DONE_ON_TIME}'"
    f" WHEN ends_on < %s THEN '{Standing.OVERDUE}'"
    f" WHEN is_set_by_other = %s AND starts_on IS NULL AND ends_on IS NULL THEN '{Standing.WAITING}'"
    f" WHEN progress_state = '{ProgressState.IN_PROGRESS}' OR starts_on <= %s THEN '{Standing.IN_TERM}'"
    f" WHEN starts_on IS NULL AND ends_on >= %s THEN '{Standing.IN_TERM}'"
    f" ELSE '{Standing.NOT_STARTED}' END"
)


def standing_sql(today: date) -> RawSQL:
    """standing_expression(today) as raw SQL over the activity table of the query (no prefix)."""
    day = connection.ops.adapt_datefield_value(today)
    return RawSQL(_STANDING_SQL, [day, True, day, day], output_field=CharField())


def standing_of(
    *,
    progress_state: str,
    starts_on: date | None,
    ends_on: date | None,
    completed_on: date | None,
    is_set_by_other: bool,
    today: date,
) -> str:
    """The Standing of one activity already read, in Python: the same rule as standing_expression,
    case for case (test_standing.py checks both agree), for pages that hold the rows anyway and would
    otherwise pay for building and compiling the expression (about 1.5 ms a page)."""
    if progress_state == ProgressState.CANCELLED:
        return Standing.CANCELLED
    if progress_state == ProgressState.POSTPONED:
        return Standing.POSTPONED
    if progress_state == ProgressState.DONE:
        if ends_on is not None and completed_on is not None and completed_on > ends_on:
            return Standing.DONE_LATE
        return Standing.DONE_ON_TIME
    if ends_on is not None and ends_on < today:
        return Standing.OVERDUE
    if is_set_by_other and starts_on is None and ends_on is None:
        return Standing.WAITING
    if progress_state == ProgressState.IN_PROGRESS or (starts_on is not None and starts_on <= today):
        return Standing.IN_TERM
    if starts_on is None and ends_on is not None and ends_on >= today:
        return Standing.IN_TERM
    return Standing.NOT_STARTED


STANDING_FIELDS = ("progress_state", "starts_on", "ends_on", "completed_on", "is_set_by_other")


# Compiled once (core/compiled.py): every plan page without its cached fragments reads it.
_PLAN_STANDING_ROWS = CompiledQuery(
    lambda pk: Activity.objects.filter(plan_id=pk).values_list("pk", "parent_id", *STANDING_FIELDS), int
)


def plan_split(plan_id: int, today: date) -> dict[str, int]:
    """{standing: count} over the tasks of one plan (split_counts for a single plan): its few rows read
    as values and split in Python, one simple query."""
    rows = _PLAN_STANDING_ROWS.all(plan_id)
    parents = {row[1] for row in rows}
    split: dict[str, int] = {}
    for pk, _parent, *fields in rows:
        if pk in parents:
            continue  # a heading: the sum of its items, not a task of its own
        standing = standing_of(**dict(zip(STANDING_FIELDS, fields, strict=True)), today=today)
        split[standing] = split.get(standing, 0) + 1
    return split


def set_standing(activities: list[Activity], today: date) -> list[Activity]:
    """Each activity (with the fields of the rule loaded) with its `standing` on `today`."""
    for activity in activities:
        activity.standing = standing_of(**{f: getattr(activity, f) for f in STANDING_FIELDS}, today=today)
    return activities


def with_standing(activities: QuerySet[Activity], today: date) -> QuerySet[Activity]:
    return activities.annotate(standing=standing_expression(today))


def tasks(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """The activities that count in a split: those without sub-activities (a heading such as
    "I. Công tác tuyên truyền" is the sum of its items, not a task of its own)."""
    return activities.filter(~Exists(Activity.objects.filter(parent=OuterRef("pk"))))


def split_counts(activities: QuerySet[Activity], today: date, *, by: str | None = None) -> dict:
    """{standing: count} over the tasks of `activities`; with `by` (a field such as "plan_id"),
    {value of by: {standing: count}}. One grouped query."""
    rows = (
        tasks(activities)
        .order_by()
        .annotate(standing=standing_sql(today))
        .values(*([by] if by else []), "standing")
        .annotate(n=Count("pk"))
    )
    if by is None:
        return {row["standing"]: row["n"] for row in rows}
    split: dict = {}
    for row in rows:
        split.setdefault(row[by], {})[row["standing"]] = row["n"]
    return split
