from datetime import date, datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from hoptac.core.pagination import BoundedPagination
from hoptac.reminders.models import Notification
from hoptac.reminders.selectors import access_notification, mute_setting_of, notifications_of, unread_count
from hoptac.reminders.services import (
    mute_setting_update,
    notification_mark_read,
    notifications_mark_all_read,
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
