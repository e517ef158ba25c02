"""Activities as the plan page draws them: plain rows, read by queries compiled once.

The plan page shows thirty activities or more, each with its units and targets. Read as model
instances with their prefetched relations they cost 10 ms a page before a single row was drawn
(a QuerySet for each activity's relations, an instance for each unit); read as values by three
compiled queries (core/compiled.py, docs/adr/0026) they cost under 1 ms. The rows carry what
templatetags/plan_rows.activity_row draws and what may_edit_activity reads, nothing else.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F

from hoptac.core.compiled import CompiledQuery
from hoptac.plans.models import Activity, Assignment, Quantity
from hoptac.plans.standing import standing_of

_ACTIVITY_FIELDS = (
    "pk",
    "plan_id",
    "depth",
    "number",
    "title",
    "content",
    "time_text",
    "starts_on",
    "ends_on",
    "is_tentative",
    "location",
    "progress_state",
    "rollup_percent",
    "completed_on",
    "is_set_by_other",
)


@dataclass(slots=True)
class AssignmentRow:
    role: str
    name_as_written: str
    organisation_id: int | None
    organisation_name: str | None


@dataclass(slots=True)
class QuantityRow:
    value: object
    text: str
    achieved: object


@dataclass(slots=True)
class ActivityRow:
    pk: int
    plan_id: int
    depth: int
    number: str
    title: str
    content: str
    time_text: str
    starts_on: date | None
    ends_on: date | None
    is_tentative: bool
    location: str
    progress_state: str
    rollup_percent: float
    completed_on: date | None
    is_set_by_other: bool
    standing: str = ""
    can_edit: bool = False
    assignments: list[AssignmentRow] = field(default_factory=list)
    quantities: list[QuantityRow] = field(default_factory=list)


def _queries(by: str) -> tuple[CompiledQuery, CompiledQuery, CompiledQuery]:
    """The three reads of activities selected by `by` ("plan_id" or "pk") = one value."""
    return (
        CompiledQuery(
            lambda value: (
                Activity.objects.filter(**{by: value}).order_by("position").values_list(*_ACTIVITY_FIELDS)
            ),
            int,
        ),
        CompiledQuery(
            lambda value: (
                Assignment.objects.filter(**{f"activity__{by}": value})
                .order_by("role", "pk")
                .values_list(
                    "activity_id", "role", "name_as_written", "organisation_id", F("organisation__name")
                )
            ),
            int,
        ),
        CompiledQuery(
            lambda value: (
                Quantity.objects.filter(**{f"activity__{by}": value})
                .order_by("pk")
                .values_list("activity_id", "value", "text", "achieved")
            ),
            int,
        ),
    )


_OF_PLAN = _queries("plan_id")
_ONE = _queries("pk")


def _rows(queries, value: int, today: date) -> list[ActivityRow]:
    activities, assignments, quantities = queries
    rows = [ActivityRow(*values) for values in activities.all(value)]
    by_pk = {row.pk: row for row in rows}
    for activity_id, *values in assignments.all(value):
        by_pk[activity_id].assignments.append(AssignmentRow(*values))
    for activity_id, *values in quantities.all(value):
        by_pk[activity_id].quantities.append(QuantityRow(*values))
    for row in rows:
        row.standing = standing_of(
            progress_state=row.progress_state,
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            completed_on=row.completed_on,
            is_set_by_other=row.is_set_by_other,
            today=today,
        )
    return rows


def plan_activity_rows(plan_id: int, today: date) -> list[ActivityRow]:
    """The plan's activities in document order, with their units, targets and standing on `today`:
    three queries whatever the number of rows."""
    return _rows(_OF_PLAN, plan_id, today)


def activity_row_of(activity_id: int, today: date) -> ActivityRow | None:
    """One activity as its plan's page draws it (after an edit, the row the page swaps in)."""
    rows = _rows(_ONE, activity_id, today)
    return rows[0] if rows else None
