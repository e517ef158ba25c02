"""Cost estimates (dự toán) of department sub-plans: lines of quantity × unit price, then approval.

The chain: the department sends it (draft → submitted), the vice-chair in charge of the department
endorses it (→ endorsed) or returns it, the standing members (the alliance's leadership) approve it
(→ approved) or return it. A returned estimate is changed and sent again. Lines change only while the
estimate is a draft or returned. Every step is recorded with who, when and the note."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import DecimalField, ExpressionWrapper, F, Sum
from django.utils.translation import gettext_lazy as _

from hoptac.accounts.models import User, UserRole
from hoptac.core.text import nfc
from hoptac.plans.models import Activity, Plan
from hoptac.plans.selectors import can_edit_plan
from hoptac.plans.services.cascade import department_plan_for
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.models import CostEstimate, CostEstimateStep, CostLine, Supervision
from hoptac.tracking.services.progress import parse_amount

State = CostEstimate.State
EDITABLE = (State.DRAFT, State.RETURNED)
LINE_TOTAL = ExpressionWrapper(
    F("quantity") * F("unit_price"), output_field=DecimalField(max_digits=30, decimal_places=2)
)


def estimate_total(estimate: CostEstimate) -> Decimal:
    """The sum of quantity × unit price over the lines, computed by the database."""
    return estimate.lines.aggregate(total=Sum(LINE_TOTAL))["total"] or Decimal(0)


def vice_chair_of(estimate: CostEstimate) -> User | None:
    supervision = (
        Supervision.objects.filter(department_id=estimate.plan.issuer_id).select_related("vice_chair").first()
    )
    return None if supervision is None else supervision.vice_chair


def _is_standing_member(user: User, estimate: CostEstimate) -> bool:
    alliance = estimate.plan.issuer.parent_id
    return user.role == UserRole.LEADERSHIP and user.acts_for is not None and user.acts_for.pk == alliance


def estimate_moves(*, estimate: CostEstimate, user: User) -> list[str]:
    """The states `user` may move `estimate` to now."""
    moves = []
    if estimate.state in EDITABLE and can_edit_plan(user, estimate.plan):
        moves.append(State.SUBMITTED)
    if estimate.state == State.SUBMITTED:
        vice_chair = vice_chair_of(estimate)
        if user.is_system_admin or (vice_chair is not None and vice_chair.pk == user.pk):
            moves += [State.ENDORSED, State.RETURNED]
    if estimate.state == State.ENDORSED and (user.is_system_admin or _is_standing_member(user, estimate)):
        moves += [State.APPROVED, State.RETURNED]
    return moves


@transaction.atomic
def activity_detail_plan(*, activity: Activity, by: User) -> tuple[Plan, bool]:
    """The lead department's sub-plan of `activity` (plans.cascade.department_plan_for) with its cost
    estimate, made once; and whether it was made now."""
    plan, made = department_plan_for(activity=activity, by=by)
    if made:
        CostEstimate.objects.create(plan=plan)
    return plan, made


@transaction.atomic
def estimate_move(*, estimate: CostEstimate, to_state: str, by: User, note: str = "") -> CostEstimate:
    estimate = (
        CostEstimate.objects.select_for_update().select_related("plan", "plan__issuer").get(pk=estimate.pk)
    )
    if to_state not in estimate_moves(estimate=estimate, user=by):
        raise PermissionDenied
    if to_state == State.SUBMITTED:
        if not estimate.lines.exists():
            raise TrackingError(_("Add at least one line before sending the estimate."))
        if vice_chair_of(estimate) is None:
            raise TrackingError(
                _("No vice-chair is in charge of this department yet: the alliance's administrator sets one.")
            )
    note = nfc(note).strip()[:500]
    if to_state == State.RETURNED and not note:
        raise TrackingError(_("Say what should change when returning an estimate."))
    CostEstimateStep.objects.create(
        estimate=estimate, from_state=estimate.state, to_state=to_state, by=by, note=note
    )
    estimate.state = to_state
    estimate.save(update_fields=["state"])
    return estimate


@transaction.atomic
def estimate_line_add(
    *, estimate: CostEstimate, by: User, description: str, unit: str, quantity, unit_price
) -> CostLine:
    estimate = (
        CostEstimate.objects.select_for_update().select_related("plan", "plan__issuer").get(pk=estimate.pk)
    )
    _check_editable(estimate, by)
    description = nfc(description).strip()
    if not description:
        raise TrackingError(_("Name the item."))
    amount = parse_amount(quantity)
    price = parse_amount(unit_price)
    if amount is None or price is None:
        raise TrackingError(_("Give the quantity and the unit price."))
    if price != price.to_integral_value():
        raise TrackingError(_("A unit price is in whole đồng."))
    position = estimate.lines.count()
    return CostLine.objects.create(
        estimate=estimate,
        position=position,
        description=description[:2000],
        unit=nfc(unit).strip()[:50],
        quantity=amount,
        unit_price=price,
    )


@transaction.atomic
def estimate_line_delete(*, line: CostLine, by: User) -> None:
    estimate = (
        CostEstimate.objects.select_for_update()
        .select_related("plan", "plan__issuer")
        .get(pk=line.estimate_id)
    )
    _check_editable(estimate, by)
    line.delete()


def _check_editable(estimate: CostEstimate, by: User) -> None:
    if not can_edit_plan(by, estimate.plan):
        raise PermissionDenied
    if estimate.state not in EDITABLE:
        raise TrackingError(_("The estimate has been sent: its lines change only if it is returned."))
