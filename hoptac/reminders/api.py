from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from hoptac.core.pagination import BoundedPagination
from hoptac.reminders.models import MAX_DAYS, Notification, ReminderRule, RuleKind, Weekday
from hoptac.reminders.selectors import (
    access_notification,
    access_rule,
    mute_setting_of,
    notifications_of,
    rules_alliance,
    rules_of,
    unread_count,
)
from hoptac.reminders.services.notifications import (
    mute_setting_update,
    notification_mark_read,
    notifications_mark_all_read,
    rule_create,
    rule_delete,
    rule_update,
    rules_create_defaults,
)

router = Router(tags=["reminders"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    url: str
    activity_id: int | None
    due_on: date
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_kind(notification: Notification) -> str:
        return notification.delivery.kind

    @staticmethod
    def resolve_subject(notification: Notification) -> str:
        return notification.delivery.subject

    @staticmethod
    def resolve_body(notification: Notification) -> str:
        return notification.delivery.body

    @staticmethod
    def resolve_url(notification: Notification) -> str:
        return notification.delivery.url

    @staticmethod
    def resolve_activity_id(notification: Notification) -> int | None:
        return notification.delivery.activity_id

    @staticmethod
    def resolve_due_on(notification: Notification) -> date:
        return notification.delivery.due_on


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


class MutesOut(Schema):
    mutes_all: bool
    mutes_before_start: bool
    mutes_before_end: bool
    mutes_overdue: bool
    mutes_weekly_digest: bool


class MutesPatch(Schema):
    """The mutes to change; those left out stay as they are."""

    mutes_all: bool | None = None
    mutes_before_start: bool | None = None
    mutes_before_end: bool | None = None
    mutes_overdue: bool | None = None
    mutes_weekly_digest: bool | None = None


@router.get("/notifications", response=list[NotificationOut])
@paginate(BoundedPagination)
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    """My notifications, newest first; `unread=true` for the unread ones only."""
    return notifications_of(request.auth, unread_only=unread)


@router.get("/notifications/unread-count", response=UnreadOut)
def get_unread_count(request: HttpRequest) -> dict:
    return {"unread": unread_count(request.auth)}


@router.post("/notifications/read", response=MarkedOut)
def mark_all_read(request: HttpRequest) -> dict:
    return {"marked": notifications_mark_all_read(user=request.auth)}


@router.post("/notifications/{notification_id}/read", response=NotificationOut)
def mark_read(request: HttpRequest, notification_id: int) -> Notification:
    notification = access_notification(user=request.auth, notification_id=notification_id)
    return notification_mark_read(notification=notification, by=request.auth)


@router.get("/mutes", response=MutesOut)
def get_mutes(request: HttpRequest):
    return mute_setting_of(request.auth)


@router.patch("/mutes", response=MutesOut)
def patch_mutes(request: HttpRequest, patch: MutesPatch):
    return mute_setting_update(user=request.auth, **patch.model_dump(exclude_unset=True, exclude_none=True))


class Message(Schema):
    detail: str


class RuleOut(Schema):
    id: int
    kind: str
    days: int
    weekday: int
    sends_email: bool
    sends_in_app: bool
    is_active: bool


class RuleIn(Schema):
    """A reminder rule of the user's alliance; `days` counts only before a start or an end, `weekday`
    (0 is Monday) only for the weekly digest."""

    kind: RuleKind
    days: int = Field(0, ge=0, le=MAX_DAYS)
    weekday: Weekday = Weekday.MONDAY
    sends_email: bool = True
    sends_in_app: bool = True
    is_active: bool = True


def _own_alliance(request: HttpRequest):
    alliance = rules_alliance(request.auth)
    if alliance is None:
        raise PermissionDenied
    return alliance


@router.get("/rules", response={200: list[RuleOut], 403: Message})
def list_rules(request: HttpRequest) -> QuerySet[ReminderRule]:
    """The reminder rules of the alliance the user administers; a 403 for anyone else."""
    return rules_of(_own_alliance(request))


@router.post("/rules", response={201: RuleOut})
def create_rule(request: HttpRequest, body: RuleIn):
    rule = rule_create(alliance=_own_alliance(request), by=request.auth, **body.model_dump())
    return Status(201, rule)


@router.post("/rules/defaults", response=list[RuleOut])
def create_default_rules(request: HttpRequest) -> list[ReminderRule]:
    """Add the default rules the alliance lacks; answers those added."""
    return rules_create_defaults(alliance=_own_alliance(request), by=request.auth)


@router.put("/rules/{rule_id}", response=RuleOut)
def update_rule(request: HttpRequest, rule_id: int, body: RuleIn):
    rule = access_rule(user=request.auth, rule_id=rule_id)
    return rule_update(rule=rule, by=request.auth, **body.model_dump())


@router.delete("/rules/{rule_id}", response={204: None})
def delete_rule(request: HttpRequest, rule_id: int):
    rule_delete(rule=access_rule(user=request.auth, rule_id=rule_id), by=request.auth)
    return Status(204, None)
