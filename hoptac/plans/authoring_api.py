"""Writing a plan over the REST API: a new draft and its heading, activities added, moved and deleted,
units assigned, and the workflow. Each endpoint calls the service and the access function the web
pages call (authoring.py, services.py, selectors.py); the services check permission. They join
plans/api.py's router, whose paths they share (a second router on the same path would answer 405)."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Schema, Status

from hoptac.core.api_ids import RowId
from hoptac.core.api_text import ClearableText, Text, never_empty_patch, no_default_in_schema
from hoptac.orgs.selectors import current_units_visible_to
from hoptac.plans.api import ActivityOut, Message, PlanOut, router
from hoptac.plans.models import PlanKind, PlanStatus
from hoptac.plans.selectors import access_activity, access_plan, access_plan_row, can_edit_activity
from hoptac.plans.services.authoring import (
    activity_add,
    activity_assign,
    activity_delete,
    activity_move,
    plan_create,
    plan_update,
)
from hoptac.plans.services.changes import plan_change_status


class PlanIn(Schema):
    """A new draft plan of the user's alliance."""

    title: Text = Field(min_length=1, max_length=2000)
    number: ClearableText = Field("", max_length=100, description='null or "" leaves it empty.')
    issued_on: date | None = None
    kind: PlanKind = PlanKind.PLAN
    weight: Decimal | None = Field(
        None, ge=0, le=9999, max_digits=6, decimal_places=2, description="null is 1 (counts like the others)."
    )


class PlanPatch(Schema):
    """The heading fields to change; those left out keep their values."""

    title: Text = never_empty_patch(max_length=2000)
    number: ClearableText = Field(None, max_length=100, description='null or "" empties it.')
    issued_on: date | None = Field(None, description="null clears it.")
    kind: PlanKind = Field(None, json_schema_extra=no_default_in_schema)
    weight: Decimal = Field(
        None, ge=0, le=9999, max_digits=6, decimal_places=2, json_schema_extra=no_default_in_schema
    )


class ActivityIn(Schema):
    """A new activity at the end of the plan, or at the end of `parent_id`'s sub-activities."""

    title: Text = Field(min_length=1, max_length=2000)
    parent_id: RowId | None = Field(None, description="null adds it at the top level.")


class MoveIn(Schema):
    move: Literal["up", "down", "indent", "outdent"]


class AssignmentsIn(Schema):
    """The lead and coordinating units, replacing the current ones; the informed units too when
    `informed` is given (left out or null: kept as they are)."""

    lead: list[RowId] = Field(default_factory=list, max_length=50)
    coordinating: list[RowId] = Field(default_factory=list, max_length=50)
    informed: list[RowId] | None = Field(None, max_length=50)


class StatusIn(Schema):
    to_status: PlanStatus
    note: Text = Field("", max_length=2000)


@router.post("/plans", response={201: PlanOut})
def create_plan(request: HttpRequest, body: PlanIn):
    plan = plan_create(by=request.auth, **body.model_dump())
    return Status(201, access_plan_row(user=request.auth, plan_id=plan.pk))


@router.patch("/plans/{plan_id}", response=PlanOut)
def patch_plan(request: HttpRequest, plan_id: int, patch: PlanPatch):
    plan = access_plan(user=request.auth, plan_id=plan_id)
    heading = {
        "title": plan.title,
        "number": plan.number,
        "issued_on": plan.issued_on,
        "kind": plan.kind,
        **patch.model_dump(exclude_unset=True),
    }
    plan_update(plan=plan, by=request.auth, **heading)
    return access_plan_row(user=request.auth, plan_id=plan_id)


@router.post("/plans/{plan_id}/status", response={200: PlanOut, 400: Message})
def change_plan_status(request: HttpRequest, plan_id: int, body: StatusIn):
    """Move the plan along the workflow: submit, return to draft, approve, issue, close or cancel.
    A move the workflow does not allow from the plan's status is a 400; one the user may not make, 403."""
    plan = access_plan(user=request.auth, plan_id=plan_id)
    plan_change_status(plan=plan, to_status=body.to_status, by=request.auth, note=body.note)
    return access_plan_row(user=request.auth, plan_id=plan_id)


@router.post("/plans/{plan_id}/activities", response={201: ActivityOut})
def create_activity(request: HttpRequest, plan_id: int, body: ActivityIn):
    plan = access_plan(user=request.auth, plan_id=plan_id)
    parent = (
        None if body.parent_id is None else access_activity(user=request.auth, activity_id=body.parent_id)
    )
    activity = activity_add(plan=plan, title=body.title, by=request.auth, parent=parent)
    return Status(201, access_activity(user=request.auth, activity_id=activity.pk))


@router.post("/activities/{activity_id}/move", response=ActivityOut)
def move_activity(request: HttpRequest, activity_id: int, body: MoveIn):
    """Up or down among its siblings, under the one before it (indent), or out after its parent
    (outdent), with its sub-activities. A move with nowhere to go changes nothing."""
    activity = access_activity(user=request.auth, activity_id=activity_id)
    activity_move(activity=activity, move=body.move, by=request.auth)
    return access_activity(user=request.auth, activity_id=activity_id)


@router.delete("/activities/{activity_id}", response={204: None})
def delete_activity(request: HttpRequest, activity_id: int):
    """Delete the activity with its sub-activities."""
    activity_delete(activity=access_activity(user=request.auth, activity_id=activity_id), by=request.auth)
    return Status(204, None)


@router.put("/activities/{activity_id}/assignments", response={200: ActivityOut, 400: Message})
def assign_activity(request: HttpRequest, activity_id: int, body: AssignmentsIn):
    """Replace the activity's lead and coordinating units (and informed ones, when given) with
    registered units the user can see."""
    activity = access_activity(user=request.auth, activity_id=activity_id)
    if not can_edit_activity(request.auth, activity):
        raise PermissionDenied
    units = current_units_visible_to(request.auth)
    named = [*body.lead, *body.coordinating, *(body.informed or ())]
    found = units.in_bulk(named)
    if not set(named) <= set(found):
        raise Http404
    lead = [found[pk] for pk in dict.fromkeys(body.lead)]
    coordinating = [found[pk] for pk in dict.fromkeys(body.coordinating)]
    informed = None if body.informed is None else [found[pk] for pk in dict.fromkeys(body.informed)]
    activity_assign(
        activity=activity, lead=lead, coordinating=coordinating, informed=informed, by=request.auth
    )
    return access_activity(user=request.auth, activity_id=activity_id)
