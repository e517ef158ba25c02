"""The cascade over the REST API: implementing a plan of the level above, detailing an activity by a
department plan, that plan's cost estimate, and who supervises a department. Each endpoint calls the
service and the access function the web pages call (cascade.py, cost_estimates.py, supervision.py)."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from hoptac.accounts.models import User
from hoptac.core.api_ids import RowId
from hoptac.core.api_text import Text
from hoptac.plans.api import Message, PlanOut
from hoptac.plans.selectors import access_activity, access_plan, access_plan_row
from hoptac.plans.services.cascade import plan_implement
from hoptac.tracking.models import CostEstimate
from hoptac.tracking.selectors import (
    access_colleague,
    access_cost_estimate,
    access_cost_line,
    access_department,
)
from hoptac.tracking.services.cost_estimates import (
    LINE_TOTAL,
    activity_detail_plan,
    estimate_line_add,
    estimate_line_delete,
    estimate_move,
    estimate_moves,
    estimate_total,
)
from hoptac.tracking.services.supervision import can_assign_supervision, supervision_set

router = Router(tags=["tracking"])


class LineOut(Schema):
    id: int
    position: int
    description: str
    unit: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal


class StepOut(Schema):
    from_state: str
    to_state: str
    by: str
    at: datetime
    note: str

    @staticmethod
    def resolve_by(step) -> str:
        return step.by.username if step.by else ""


class EstimateOut(Schema):
    plan_id: int
    state: str
    total: Decimal
    lines: list[LineOut]
    steps: list[StepOut]
    moves: list[str] = Field(description="The states this user may move the estimate to now.")


class LineIn(Schema):
    description: Text = Field(min_length=1, max_length=2000)
    unit: Text = Field("", max_length=50)
    quantity: Text = Field(max_length=20, description='As written: "2", "1,5".')
    unit_price: Text = Field(max_length=20, description='In whole đồng, as written: "3.500.000".')


class EstimateMoveIn(Schema):
    to_state: CostEstimate.State
    note: Text = Field("", max_length=500, description="Required when returning the estimate.")


class SupervisionIn(Schema):
    vice_chair_id: RowId | None = Field(description="A leader of the alliance; null leaves none in charge.")


@router.post("/plans/{plan_id}/implement", response={200: PlanOut, 201: PlanOut, 400: Message})
def implement_plan(request: HttpRequest, plan_id: int):
    """The user's alliance's draft plan implementing this one (201), or the one it already has (200)."""
    source = access_plan(user=request.auth, plan_id=plan_id)
    plan, created = plan_implement(source=source, by=request.auth)
    return Status(201 if created else 200, access_plan_row(user=request.auth, plan_id=plan.pk))


@router.post("/activities/{activity_id}/detail-plan", response={200: PlanOut, 201: PlanOut, 400: Message})
def detail_activity(request: HttpRequest, activity_id: int):
    """The lead department's plan detailing this activity, with an empty cost estimate (201), or the
    one it already has (200)."""
    activity = access_activity(user=request.auth, activity_id=activity_id)
    plan, created = activity_detail_plan(activity=activity, by=request.auth)
    return Status(201 if created else 200, access_plan_row(user=request.auth, plan_id=plan.pk))


def _estimate_out(estimate: CostEstimate, user: User) -> dict:
    return {
        "plan_id": estimate.plan_id,
        "state": estimate.state,
        "total": estimate_total(estimate),
        "lines": list(estimate.lines.annotate(amount=LINE_TOTAL).order_by("position", "pk")),
        "steps": list(estimate.steps.select_related("by")),
        "moves": estimate_moves(estimate=estimate, user=user),
    }


@router.get("/plans/{plan_id}/estimate", response=EstimateOut)
def get_estimate(request: HttpRequest, plan_id: int):
    """A department plan's cost estimate: its lines, total, steps, and the moves open to this user."""
    return _estimate_out(access_cost_estimate(user=request.auth, plan_id=plan_id), request.auth)


@router.post("/plans/{plan_id}/estimate/lines", response={201: EstimateOut, 400: Message})
def add_estimate_line(request: HttpRequest, plan_id: int, body: LineIn):
    estimate = access_cost_estimate(user=request.auth, plan_id=plan_id)
    estimate_line_add(estimate=estimate, by=request.auth, **body.model_dump())
    return Status(201, _estimate_out(estimate, request.auth))


@router.delete("/plans/{plan_id}/estimate/lines/{line_id}", response={200: EstimateOut, 400: Message})
def delete_estimate_line(request: HttpRequest, plan_id: int, line_id: int):
    estimate = access_cost_estimate(user=request.auth, plan_id=plan_id)
    estimate_line_delete(line=access_cost_line(estimate=estimate, line_id=line_id), by=request.auth)
    return _estimate_out(estimate, request.auth)


@router.post("/plans/{plan_id}/estimate/moves", response={200: EstimateOut, 400: Message})
def move_estimate(request: HttpRequest, plan_id: int, body: EstimateMoveIn):
    """Send (submitted), endorse, approve or return the estimate, as the chain allows this user."""
    estimate = access_cost_estimate(user=request.auth, plan_id=plan_id)
    estimate = estimate_move(estimate=estimate, to_state=body.to_state, by=request.auth, note=body.note)
    return _estimate_out(estimate, request.auth)


@router.put("/supervision/{department_id}", response={204: None, 400: Message})
def set_supervision(request: HttpRequest, department_id: int, body: SupervisionIn):
    """Name the vice-chair in charge of a department of the user's alliance (its administrator)."""
    alliance = request.auth.acts_for
    if alliance is None or not can_assign_supervision(request.auth, alliance):
        raise PermissionDenied
    department = access_department(user=request.auth, department_id=department_id)
    vice_chair = (
        None
        if body.vice_chair_id is None
        else access_colleague(user=request.auth, colleague_id=body.vice_chair_id)
    )
    supervision_set(department=department, vice_chair=vice_chair, by=request.auth)
    return Status(204, None)
