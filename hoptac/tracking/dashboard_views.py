"""The tracking dashboards: my work, a unit's status split, the national table of a national plan.

Each page's content is cached under the data generations (docs/adr/0025) and today's date, shared by
everyone who sees the same thing: a report, an edit or a new day makes it stale at once."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from hoptac.core.generation import cached_fragment, data_generation, everything_generation
from hoptac.orgs.models import ALLIANCE_KINDS
from hoptac.orgs.selectors import access_organisation
from hoptac.plans.selectors import access_plan, visibility_key
from hoptac.tracking.charts import legend, percent_bars
from hoptac.tracking.dashboards import (
    NATIONAL_SORTS,
    may_see_national_view,
    my_work,
    national_table,
    unit_dashboard,
)


def my_work_html(request: HttpRequest) -> SafeString:
    """The "my work" section, for the home page and its own page. It depends on the user's unit and
    on assignments to them by name, so it is kept per user."""
    user, today = request.user, timezone.localdate()

    def render_section() -> str:
        return render_to_string("tracking/_my_work.html", {"work": my_work(user, today)}, request)

    key = ("my-work", user.pk, user.organisation_id, user.role, today.isoformat())
    return cached_fragment(*key, render=render_section, generation=data_generation(request))


@require_GET
@login_required
def my_work_page(request: HttpRequest) -> HttpResponse:
    return render(request, "tracking/my_work.html", {"work_html": my_work_html(request)})


@require_GET
@login_required
def dashboard(request: HttpRequest, organisation_id: int | None = None) -> HttpResponse:
    """The dashboard of the user's unit (a department's, or an alliance's), or of another unit they see."""
    user, today = request.user, timezone.localdate()
    if organisation_id is None:
        organisation = user.organisation
        if organisation is None:
            raise PermissionDenied
    else:
        organisation = access_organisation(user=user, organisation_id=organisation_id)

    def render_content() -> str:
        board = unit_dashboard(organisation=organisation, user=user, today=today)
        context = {"board": board, "legend": legend()}
        return render_to_string("tracking/_dashboard_content.html", context, request)

    key = ("dashboard", organisation.pk, visibility_key(user), today.isoformat())
    generation = _dashboard_generation(request, organisation)
    content = cached_fragment(*key, render=render_content, generation=generation)
    return render(request, "tracking/dashboard.html", {"organisation": organisation, "content": content})


def _dashboard_generation(request: HttpRequest, organisation):
    """The user's own unit or alliance shows what the user may read; another alliance's unit (a national
    viewer's look at a province) what everyone may."""
    alliance_id = organisation.pk if organisation.kind in ALLIANCE_KINDS else organisation.parent_id
    unit = request.user.organisation
    above = {unit.pk, unit.parent_id, unit.parent.parent_id if unit.parent else None} if unit else set()
    if alliance_id in above:  # the alliances whose generations data_generation holds
        return data_generation(request)
    return everything_generation(request)


@require_GET
@login_required
def national_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    if not may_see_national_view(request.user, plan):
        raise PermissionDenied
    sort = request.GET.get("sort", "name")
    if sort.lstrip("-") not in NATIONAL_SORTS:
        sort = "name"
    today = timezone.localdate()

    def render_content() -> str:
        rows = national_table(plan=plan, today=today, sort=sort)
        chart = percent_bars(
            [(row.label, row.progress) for row in rows],
            label=_("Percent done of each provincial alliance's implementing plan"),
        )
        issued = sum(1 for row in rows if row.plan is not None)
        context = {
            "plan": plan,
            "rows": rows,
            "sort": sort,
            "chart": chart,
            "issued": issued,
            "legend": legend(),
        }
        return render_to_string("tracking/_national_content.html", context, request)

    # Everyone allowed sees the same table (may_see_national_view), so they share it.
    key = ("national", plan.pk, sort, today.isoformat())
    content = cached_fragment(*key, render=render_content, generation=everything_generation(request))
    return render(request, "tracking/national.html", {"plan": plan, "content": content})
