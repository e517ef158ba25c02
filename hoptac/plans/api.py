from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hoptac.core.api_text import ClearableText, Text, never_empty_patch
from hoptac.core.pagination import BoundedPagination
from hoptac.plans.errors import EditConflict
from hoptac.plans.models import Activity, Assignment, Plan
from hoptac.plans.selectors import (
    access_activity,
    access_plan,
    access_plan_row,
    can_edit_activity,
    plan_activities,
    plans_visible_to,
)
from hoptac.plans.services.changes import activity_update

router = Router(tags=["plans"])


class HolderOut(Schema):
    id: int
    name: str


class PlanOut(Schema):
    id: int
    number: str
    title: str
    kind: str
    status: str
    issued_on: date | None
    issuer_id: int
    issuer_name: str
    activity_count: int
    received: bool = Field(description="Issued by another body: a copy kept as a received document")
    held_by: HolderOut = Field(description="The organisation whose register keeps this copy")

    @staticmethod
    def resolve_received(plan: Plan) -> bool:
        return plan.is_received


class AssignmentOut(Schema):
    organisation_id: int | None
    role: str
    name_as_written: str


class ActivityOut(Schema):
    id: int
    plan_id: int
    parent_id: int | None
    position: int
    depth: int
    number: str
    title: str
    content: str
    location: str
    time_text: str
    starts_on: date | None
    ends_on: date | None
    precision: str
    is_tentative: bool
    version: int
    assignments: list[AssignmentOut]

    @staticmethod
    def resolve_assignments(activity: Activity) -> list[Assignment]:
        return list(activity.assignments.all())


class ActivityPatch(Schema):
    """The fields to change and the `version` the change was made from (a newer one is a 409)."""

    version: int = Field(ge=1)
    number: ClearableText = Field(None, max_length=20, description='null or "" empties it.')
    title: Text = never_empty_patch(max_length=2000)
    content: ClearableText = Field(None, max_length=20000, description='null or "" empties it.')
    location: ClearableText = Field(None, max_length=2000, description='null or "" empties it.')
    time_text: ClearableText = Field(None, max_length=2000, description='null or "" empties it.')
    starts_on: date | None = Field(None, description="null clears it.")
    ends_on: date | None = Field(None, description="null clears it.")


class Message(Schema):
    detail: str


@router.get("/plans", response=list[PlanOut])
@paginate(BoundedPagination)
def list_plans(request: HttpRequest) -> QuerySet[Plan]:
    return plans_visible_to(request.auth).order_by("-issued_on", "-pk")


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request: HttpRequest, plan_id: int) -> Plan:
    return access_plan_row(user=request.auth, plan_id=plan_id)


@router.get("/plans/{plan_id}/activities", response=list[ActivityOut])
def list_activities(request: HttpRequest, plan_id: int) -> list[Activity]:
    return plan_activities(access_plan(user=request.auth, plan_id=plan_id))


@router.get("/activities/{activity_id}", response=ActivityOut)
def get_activity(request: HttpRequest, activity_id: int) -> Activity:
    return access_activity(user=request.auth, activity_id=activity_id)


@router.patch("/activities/{activity_id}", response={200: ActivityOut, 400: Message, 409: Message})
def patch_activity(request: HttpRequest, activity_id: int, patch: ActivityPatch):
    activity = access_activity(user=request.auth, activity_id=activity_id)
    if not can_edit_activity(request.auth, activity):
        raise PermissionDenied
    changes = patch.model_dump(exclude_unset=True)
    version = changes.pop("version")
    try:
        activity_update(activity=activity, version=version, by=request.auth, **changes)
    except EditConflict as error:
        return Status(409, {"detail": str(error)})
    return access_activity(user=request.auth, activity_id=activity_id)
