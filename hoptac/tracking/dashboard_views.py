"""The tracking dashboards: a unit's status split, the national table of a national plan."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoptac.orgs.selectors import organisations_visible_to
from hoptac.plans.selectors import access_plan
from hoptac.tracking.charts import legend, percent_bars
from hoptac.tracking.dashboards import (
    NATIONAL_SORTS,
    may_see_national_view,
    my_work,
    national_table,
    unit_dashboard,
)


@require_GET
@login_required
def dashboard(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    """The dashboard of the user's unit (a department's, or an alliance's), or of another unit they see."""
    if organisation_id is None:
        organisation = request.user.organisation
        if organisation is None:
            raise PermissionDenied
    else:
        organisation = get_object_or_404(organisations_visible_to(request.user), pk=organisation_id)
    board = unit_dashboard(organisation=organisation, user=request.user, today=timezone.localdate())
    return render(request, "tracking/dashboard.html", {"board": board, "legend": legend()})


@require_GET
@login_required
def my_work_page(request: HttpRequest) -> HttpResponse:
    work = my_work(request.user, timezone.localdate())
    return render(request, "tracking/my_work.html", {"work": work})


@require_GET
@login_required
def national_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    if not may_see_national_view(request.user, plan):
        raise PermissionDenied
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in NATIONAL_SORTS:
        sort = "name"
    rows = national_table(plan=plan, today=timezone.localdate(), sort=sort)
    chart = percent_bars(
        [(row.alliance.short_name or row.alliance.name, row.progress) for row in rows],
        label=_("Percent done of each provincial alliance's implementing plan"),
    )
    issued = sum(1 for row in rows if row.plan is not None)
    context = {"plan": plan, "rows": rows, "sort": sort, "chart": chart, "issued": issued, "legend": legend()}
    return render(request, "tracking/national.html", context)
