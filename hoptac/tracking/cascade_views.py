"""Implementing a plan of the level above, detailing an activity by a department plan, and that
plan's cost estimate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hoptac.plans.errors import NotAddressed
from hoptac.plans.selectors import access_activity, access_plan
from hoptac.plans.services.cascade import plan_implement
from hoptac.tracking.errors import TrackingError
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
    vice_chair_of,
)
from hoptac.tracking.services.supervision import can_assign_supervision, supervision_rows, supervision_set


@require_POST
@login_required
def implement(request: HttpRequest, plan_id: int) -> HttpResponse:
    source = access_plan(user=request.user, plan_id=plan_id)
    try:
        plan, created = plan_implement(source=source, by=request.user)
    except NotAddressed as error:
        messages.error(request, str(error))
        return redirect(source)
    if created:
        messages.success(
            request, _("Your draft implementing plan was made: check its activities and complete it.")
        )
    else:
        messages.info(request, _("Your alliance already has a plan implementing this one."))
    return redirect(plan)


@require_POST
@login_required
def detail_activity(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(user=request.user, activity_id=activity_id)
    try:
        plan, created = activity_detail_plan(activity=activity, by=request.user)
    except NotAddressed as error:
        messages.error(request, str(error))
        return redirect("tracking:activity", activity.pk)
    if created:
        messages.success(request, _("The department plan was made; add its cost estimate."))
    return redirect("tracking:estimate", plan.pk)


@require_http_methods(["GET", "POST"])
@login_required
def estimate_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    estimate = access_cost_estimate(user=request.user, plan_id=plan_id)
    plan = estimate.plan
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                estimate_line_add(
                    estimate=estimate,
                    by=request.user,
                    description=request.POST.get("description", "")[:2000],
                    unit=request.POST.get("unit", "")[:50],
                    quantity=request.POST.get("quantity", "")[:20],
                    unit_price=request.POST.get("unit_price", "")[:20],
                )
            elif action == "delete":
                line = access_cost_line(estimate=estimate, line_id=_int(request.POST.get("line")))
                estimate_line_delete(line=line, by=request.user)
            elif action == "move":
                estimate_move(
                    estimate=estimate,
                    to_state=request.POST.get("to_state", ""),
                    by=request.user,
                    note=request.POST.get("note", ""),
                )
            else:
                raise PermissionDenied
        except TrackingError as failure:
            error = str(failure)
        else:
            messages.success(request, _("Saved."))
            return redirect("tracking:estimate", plan.pk)
        estimate.refresh_from_db()
    states = dict(CostEstimate.State.choices)
    context = {
        "plan": plan,
        "estimate": estimate,
        "lines": estimate.lines.annotate(amount=LINE_TOTAL),
        "total": estimate_total(estimate),
        "steps": estimate.steps.select_related("by"),
        "moves": [(state, states[state]) for state in estimate_moves(estimate=estimate, user=request.user)],
        "can_edit_lines": "submitted" in estimate_moves(estimate=estimate, user=request.user),
        "vice_chair": vice_chair_of(estimate),
        "error": error,
    }
    return render(request, "tracking/estimate.html", context, status=400 if error else 200)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@login_required
def supervision_page(request: HttpRequest) -> HttpResponse:
    """The alliance's administrator names the vice-chair in charge of each department."""
    alliance = request.user.acts_for
    if alliance is None or not can_assign_supervision(request.user, alliance):
        raise PermissionDenied
    error = None
    if request.method == "POST":
        department = access_department(user=request.user, department_id=_int(request.POST.get("department")))
        chosen = request.POST.get("vice_chair") or None
        vice_chair = (
            None if chosen is None else access_colleague(user=request.user, colleague_id=_int(chosen))
        )
        try:
            supervision_set(department=department, vice_chair=vice_chair, by=request.user)
        except TrackingError as failure:
            error = str(failure)
        else:
            messages.success(request, _("Saved."))
            return redirect("tracking:supervision")
    departments, leaders = supervision_rows(alliance)
    context = {"alliance": alliance, "departments": departments, "leaders": leaders, "error": error}
    return render(request, "tracking/supervision.html", context, status=400 if error else 200)
