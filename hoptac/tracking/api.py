"""Tracking over the REST API: progress reports, the status split and roll-ups, my work, a unit's
dashboard and the national table. Every rule is the web pages' (services, selectors, dashboards)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from hoptac.core.api_text import Text
from hoptac.orgs.selectors import access_organisation
from hoptac.plans.models import Activity, ProgressState
from hoptac.plans.selectors import access_activity, access_plan
from hoptac.plans.standing import split_counts, with_standing
from hoptac.tracking.dashboards import (
    NATIONAL_SORTS,
    may_see_national_view,
    my_work,
    national_table,
    unit_dashboard,
)
from hoptac.tracking.errors import ProgressConflict
from hoptac.tracking.selectors import progress_history
from hoptac.tracking.services.progress import ProgressReport, progress_comment, progress_report

router = Router(tags=["tracking"])


class Message(Schema):
    detail: str


class QuantityIn(Schema):
    quantity_id: int
    value: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    unit: str = Field("", max_length=200, description="The unit the value is in; must be the target's.")


class ProgressIn(Schema):
    """A progress report on an activity, made from `progress_version` (a newer one is a 409)."""

    progress_version: int = Field(ge=0)
    state: ProgressState
    percent: int | None = Field(None, ge=0, le=100)
    result: str = Field("", max_length=10_000)
    completed_on: date | None = None
    note: str = Field("", max_length=10_000)
    quantities: list[QuantityIn] = Field(default_factory=list, max_length=50)


class ProgressOut(Schema):
    id: int
    plan_id: int
    progress_state: str
    percent: int
    rollup_percent: float
    result: str
    completed_on: date | None
    progress_version: int
    progress_at: datetime | None
    standing: str


class UpdateOut(Schema):
    id: int
    kind: str
    at: datetime
    by: str
    state: str
    percent: int | None
    result: str
    note: str
    evidence: list[str]

    @staticmethod
    def resolve_by(update) -> str:
        return update.by.username if update.by else ""

    @staticmethod
    def resolve_evidence(update) -> list[str]:
        return [file.name for file in update.evidence.all()]


class SplitOut(Schema):
    plan_id: int
    percent_done: float
    split: dict[str, int]
    activities: list[ProgressOut]


class WorkItem(Schema):
    id: int
    plan_id: int
    number: str
    title: str
    ends_on: date | None
    standing: str
    percent: int


class MyWorkOut(Schema):
    overdue: list[WorkItem]
    due_this_week: list[WorkItem]
    not_reported: list[WorkItem]
    estimates_waiting: list[int]
    plans_to_approve: list[int]


class PlanSplit(Schema):
    plan_id: int
    number: str
    percent_done: float
    split: dict[str, int]


class UnitSplit(Schema):
    organisation_id: int
    name: str
    percent_done: float | None
    split: dict[str, int]


class DashboardOut(Schema):
    organisation_id: int
    percent_done: float | None
    split: dict[str, int]
    plans: list[PlanSplit]
    units: list[UnitSplit]


class NationalRowOut(Schema):
    alliance_id: int
    alliance: str
    plan_id: int | None
    plan_number: str | None
    plan_status: str | None
    issued_on: date | None
    percent_done: float | None
    overdue: int
    split: dict[str, int]


def _with_standing(activity_id: int) -> Activity:
    return with_standing(Activity.objects.filter(pk=activity_id), timezone.localdate()).get()


@router.get("/activities/{activity_id}/progress", response=list[UpdateOut])
def list_progress(request: HttpRequest, activity_id: int):
    """An activity's reports and comments, newest first."""
    return list(progress_history(access_activity(user=request.auth, activity_id=activity_id))[:200])


@router.post("/activities/{activity_id}/progress", response={201: ProgressOut, 400: Message, 409: Message})
def post_progress(request: HttpRequest, activity_id: int, body: ProgressIn):
    """Report progress (the lead unit): all or nothing; a 403 for anyone else."""
    activity = access_activity(user=request.auth, activity_id=activity_id)
    report = ProgressReport(
        state=body.state,
        percent=body.percent,
        result=body.result,
        completed_on=body.completed_on,
        note=body.note,
        quantities={q.quantity_id: q.value for q in body.quantities},
        units={q.quantity_id: q.unit for q in body.quantities if q.unit},
    )
    try:
        progress_report(activity=activity, version=body.progress_version, by=request.auth, report=report)
    except ProgressConflict as error:
        return Status(409, {"detail": str(error)})
    return Status(201, _with_standing(activity_id))


class CommentIn(Schema):
    note: Text = Field(min_length=1, max_length=10_000)


@router.post("/activities/{activity_id}/comments", response={201: UpdateOut, 400: Message})
def post_comment(request: HttpRequest, activity_id: int, body: CommentIn):
    """A coordinating unit's comment on an activity; it changes nothing on the activity. Files are
    attached on the web page."""
    activity = access_activity(user=request.auth, activity_id=activity_id)
    return Status(201, progress_comment(activity=activity, by=request.auth, note=body.note))


@router.get("/plans/{plan_id}/split", response=SplitOut)
def plan_split(request: HttpRequest, plan_id: int):
    """A plan's status split on today's date, its percent done, and each activity's roll-up."""
    plan = access_plan(user=request.auth, plan_id=plan_id)
    today = timezone.localdate()
    activities = Activity.objects.filter(plan=plan)
    return {
        "plan_id": plan.pk,
        "percent_done": plan.progress_percent,
        "split": split_counts(activities, today),
        "activities": list(with_standing(activities.order_by("position"), today)),
    }


def _items(activities) -> list[dict]:
    return [
        {
            "id": a.pk,
            "plan_id": a.plan_id,
            "number": a.number,
            "title": a.title,
            "ends_on": a.ends_on,
            "standing": a.standing,
            "percent": a.percent,
        }
        for a in activities
    ]


@router.get("/my-work", response=MyWorkOut)
def get_my_work(request: HttpRequest):
    work = my_work(request.auth, timezone.localdate())
    return {
        "overdue": _items(work.overdue),
        "due_this_week": _items(work.due_this_week),
        "not_reported": _items(work.not_reported),
        "estimates_waiting": [e.plan_id for e in work.estimates],
        "plans_to_approve": [p.pk for p in work.plans_to_approve],
    }


@router.get("/organisations/{organisation_id}/dashboard", response=DashboardOut)
def get_dashboard(request: HttpRequest, organisation_id: int):
    organisation = access_organisation(user=request.auth, organisation_id=organisation_id)
    board = unit_dashboard(organisation=organisation, user=request.auth, today=timezone.localdate())
    return {
        "organisation_id": organisation.pk,
        "percent_done": board.progress,
        "split": board.total,
        "plans": [
            {"plan_id": p.pk, "number": p.number, "percent_done": p.progress_percent, "split": p.split}
            for p in board.plans
        ],
        "units": [
            {"organisation_id": unit.pk, "name": unit.name, "percent_done": percent, "split": split}
            for unit, split, percent in board.units
        ],
    }


@router.get("/plans/{plan_id}/national", response=list[NationalRowOut])
def get_national(request: HttpRequest, plan_id: int, sort: str = "name"):
    """Every current provincial alliance and its plan implementing this national plan."""
    plan = access_plan(user=request.auth, plan_id=plan_id)
    if not may_see_national_view(request.auth, plan):
        raise PermissionDenied
    if sort.lstrip("-") not in NATIONAL_SORTS:
        sort = "name"
    return [
        {
            "alliance_id": row.alliance.pk,
            "alliance": row.alliance.name,
            "plan_id": row.plan.pk if row.plan else None,
            "plan_number": row.plan.number if row.plan else None,
            "plan_status": row.plan.status if row.plan else None,
            "issued_on": row.plan.issued_on if row.plan else None,
            "percent_done": row.progress,
            "overdue": row.overdue,
            "split": row.split,
        }
        for row in national_table(plan=plan, today=timezone.localdate(), sort=sort)
    ]
