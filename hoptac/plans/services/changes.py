"""Writes on plans and activities. Each takes keyword-only arguments, checks permission, runs in one
transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User, UserRole
from hoptac.core.text import nfc
from hoptac.plans.errors import EditConflict, EmptyTitle, EndBeforeStart, InvalidTransition, TitleTooLong
from hoptac.plans.models import Activity, Plan, PlanStatus, PlanStatusChange
from hoptac.plans.search_text import activity_search_text
from hoptac.plans.selectors import can_edit_activity, is_own_plan
from hoptac.plans.services.rollup import refresh_rollup

EDITED_MEANWHILE = _(
    "Someone else saved this activity while you were editing it. Your changes were not saved: "
    "reload the activity, check the newer version, and make your changes again."
)
EMPTY_TITLE = _("Write a title: it cannot be empty or only spaces.")
TITLE_LIMIT = 2000
TOO_LONG = _("At most %(limit)s characters.")
END_BEFORE_START = _("The end comes before the start.")
NOT_ALLOWED = _("A plan cannot go from “%(from)s” to “%(to)s”.")

# The workflow: who may move a plan from one status to the next.
TRANSITIONS: dict[tuple[str, str], tuple[str, ...]] = {
    (PlanStatus.DRAFT, PlanStatus.SUBMITTED): (UserRole.ALLIANCE_ADMIN, UserRole.ALLIANCE_STAFF),
    (PlanStatus.SUBMITTED, PlanStatus.DRAFT): (
        UserRole.ALLIANCE_ADMIN,
        UserRole.ALLIANCE_STAFF,
        UserRole.LEADERSHIP,
    ),
    (PlanStatus.SUBMITTED, PlanStatus.APPROVED): (UserRole.LEADERSHIP,),
    (PlanStatus.APPROVED, PlanStatus.ISSUED): (UserRole.ALLIANCE_ADMIN, UserRole.ALLIANCE_STAFF),
    (PlanStatus.ISSUED, PlanStatus.CLOSED): (UserRole.ALLIANCE_ADMIN, UserRole.LEADERSHIP),
    **{
        (status, PlanStatus.CANCELLED): (UserRole.ALLIANCE_ADMIN, UserRole.LEADERSHIP)
        for status in (PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.APPROVED, PlanStatus.ISSUED)
    },
}
ACTIVITY_FIELDS = (
    "number",
    "title",
    "content",
    "targets",
    "form",
    "location",
    "time_text",
    "starts_on",
    "ends_on",
    "funding",
    "weight",
)


@transaction.atomic
def plan_change_status(*, plan: Plan, to_status: str, by: User, note: str = "") -> Plan:
    """Move `plan` along the workflow, recording who and when. The row is locked first, so two
    people pressing "approve" and "cancel" at once cannot both act on the same status."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    allowed = TRANSITIONS.get((plan.status, to_status))
    if allowed is None:
        labels = dict(PlanStatus.choices)
        raise InvalidTransition(
            NOT_ALLOWED % {"from": labels[plan.status], "to": labels.get(to_status, to_status)}
        )
    if not _may_move(by, plan, allowed):
        raise PermissionDenied
    PlanStatusChange.objects.create(
        plan=plan, from_status=plan.status, to_status=to_status, changed_by=by, note=note
    )
    plan.status = to_status
    plan.save(update_fields=["status", "updated_at"])
    return plan


def status_moves(*, plan: Plan, user: User) -> list[tuple[str, str]]:
    """The statuses `user` may move `plan` to now, with their labels, in workflow order."""
    labels = dict(PlanStatus.choices)
    return [
        (to_status, labels[to_status])
        for (from_status, to_status), roles in TRANSITIONS.items()
        if from_status == plan.status and _may_move(user, plan, roles)
    ]


def _may_move(user: User, plan: Plan, roles: tuple[str, ...]) -> bool:
    """The one rule of TRANSITIONS: the system admin, or a user of one of `roles` in the issuer."""
    return user.is_system_admin or (user.role in roles and is_own_plan(user, plan))


@transaction.atomic
def activity_update(*, activity: Activity, version: int, by: User, **changes) -> Activity:
    """Save `changes` to the activity if nobody saved it since `version` was read; else EditConflict.

    The row is locked while it is compared and written (SQLite takes its write lock at BEGIN), so two
    saves racing each other cannot both win; the save goes through the model, so history keeps it.
    """
    if not can_edit_activity(by, activity):
        raise PermissionDenied
    unknown = set(changes) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"not activity fields: {sorted(unknown)}")
    if "title" in changes:
        changes["title"] = checked_title(changes["title"])
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    if current.version != version:
        raise EditConflict(EDITED_MEANWHILE)
    starts, ends = changes.get("starts_on", current.starts_on), changes.get("ends_on", current.ends_on)
    if starts and ends and ends < starts:
        raise EndBeforeStart(END_BEFORE_START)
    weight = current.weight
    for name, value in changes.items():
        setattr(current, name, value)
    current.version += 1
    current.search_text = activity_search_text(current)
    current.save(update_fields=[*changes, "version", "search_text"])
    if current.weight != weight:
        refresh_rollup(current.plan_id)
    return current


def checked_title(title: str) -> str:
    """A plan's or an activity's title in NFC and trimmed; EmptyTitle when nothing is left (spaces,
    invisible characters), TitleTooLong past TITLE_LIMIT. Every service that saves a title calls it, so
    the web and the API agree."""
    title = nfc(title).strip()
    if not title:
        raise EmptyTitle(EMPTY_TITLE)
    if len(title) > TITLE_LIMIT:
        raise TitleTooLong(TOO_LONG % {"limit": TITLE_LIMIT})
    return title
