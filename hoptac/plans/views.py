from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from hoptac.core.generation import cached_fragment, data_generation, plan_generation
from hoptac.core.text import nfc
from hoptac.orgs.selectors import organisations_visible_to
from hoptac.plans.activity_rows import activity_row_of, plan_activity_rows
from hoptac.plans.errors import PlanError
from hoptac.plans.forms import (
    ActivityForm,
    AssignmentForm,
    NewActivityForm,
    PlanFilterForm,
    PlanForm,
)
from hoptac.plans.models import Activity
from hoptac.plans.panels import plan_panels
from hoptac.plans.selectors import (
    PLAN_PAGE_SIZE,
    WINDOWS,
    access_activity,
    access_plan,
    activities_of,
    activity_editor,
    activity_window,
    can_edit_activity,
    can_edit_plan,
    can_import,
    may_edit_activity,
    plan_bases,
    plan_deadlines,
    plan_list_rows,
    plan_list_start,
    plan_recipients,
    plan_status_changes,
    plans_scope,
    unit_suggest,
    units_of_activities,
    visibility_key,
)
from hoptac.plans.services.authoring import (
    MOVES,
    activity_add,
    activity_delete,
    activity_move,
    activity_save,
    plan_create,
    plan_update,
)
from hoptac.plans.services.changes import EDITED_MEANWHILE, plan_change_status, status_moves


@require_GET
@login_required
@vary_on_headers("HX-Request")  # one URL, two bodies: caches and the back button must not mix them
def plan_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.copy()
    query.pop("page", None)
    partial = "plan-table" if request.htmx else "content"

    def render_content() -> str:
        if not request.GET:
            # The list as most views ask for it: its reads compiled once (docs/adr/0026).
            start = plan_list_start(request.user)
            form = PlanFilterForm(None, user=request.user, issuers=start.issuers)
            page = Paginator(FirstPage(start.rows, start.count), per_page=PLAN_PAGE_SIZE).get_page(1)
        else:
            scope = plans_scope(request.user)
            form = PlanFilterForm(request.GET, user=request.user, scope=scope)
            rows = plan_list_rows(form.filter(scope))
            page = Paginator(rows, per_page=PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
        template = "plans/_plan_list_content.html" + ("#plan-table" if request.htmx else "")
        return render_to_string(template, {"page": page, "form": form, "query": query.urlencode()}, request)

    # Colleagues with the same visibility share the rendered list until anything in it changes.
    content = cached_fragment(
        "plan-list",
        partial,
        visibility_key(request.user),
        can_import(request.user),  # its links to import and write differ between colleagues
        sorted(request.GET.lists()),
        render=render_content,
        generation=data_generation(request),
    )
    if request.htmx:
        return HttpResponse(content)
    return render(request, "plans/plan_list.html", {"content": content})


class FirstPage:
    """The rows of page one with the count of all: what Paginator reads to draw page one."""

    def __init__(self, rows: list, count: int):
        self.rows, self.total = rows, count

    def count(self) -> int:
        return self.total

    def __getitem__(self, part: slice) -> list:
        return self.rows[part]


@require_GET
@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    can_edit = can_edit_plan(request.user, plan)
    # The page's fragments change with this plan's rows alone (and the names they show).
    generation = plan_generation(plan.pk, request, stored=plan.page_generation)
    context = {
        "plan": plan,
        "can_edit": can_edit,
        "status_moves": status_moves(plan=plan, user=request.user),
        "panels": plan_panels(plan=plan, user=request.user, today=timezone.localdate()),
        "history_html": _plan_part(
            request,
            plan,
            "history",
            lambda: {"status_changes": plan_status_changes(plan.pk)},
            generation,
        ),
        "activity_rows": _activity_rows(request, plan, activity_editor(request.user, plan), generation),
        "bases_html": _plan_part(request, plan, "bases", lambda: {"bases": plan_bases(plan.pk)}, generation),
        "closing_html": _plan_part(
            request,
            plan,
            "closing",
            lambda: {
                "deadlines": plan_deadlines(plan.pk),
                "recipients": plan_recipients(plan.pk),
            },
            generation,
        ),
    }
    return render(request, "plans/plan_detail.html", context)


def _activity_rows(request: HttpRequest, plan, editor: str | int | None, generation):
    """The plan's activity rows, shared by everyone who edits as the same `editor` (activity_editor):
    which rows that lets them edit is read from the rows' assignments, which the plan's generation
    covers (docs/adr/0025)."""

    def render_rows() -> str:
        activities = plan_activity_rows(plan.pk, timezone.localdate())
        for activity in activities:
            activity.can_edit = may_edit_activity(editor, activity)
        return render_to_string("plans/_plan_parts.html#activity-rows", {"activities": activities}, request)

    # Today is in the key: an activity's standing (overdue, in its term) changes with the date.
    today = timezone.localdate().isoformat()
    return cached_fragment("activity-rows", plan.pk, editor, today, render=render_rows, generation=generation)


def _plan_part(request: HttpRequest, plan, part: str, context, generation):
    def render_part() -> str:
        return render_to_string(f"plans/_plan_parts.html#{part}", context(), request)

    return cached_fragment("plan-part", part, plan.pk, render=render_part, generation=generation)


@require_http_methods(["POST"])
@login_required
def plan_status(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    try:
        plan_change_status(
            plan=plan,
            to_status=request.POST.get("to_status", ""),
            by=request.user,
            note=nfc(request.POST.get("note", ""))[:500],
        )
    except PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan's status was changed."))
    return redirect(plan.get_absolute_url())


@require_GET
@login_required
def activity_show(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(user=request.user, activity_id=activity_id)
    return _activity_row(request, activity, can_edit=can_edit_activity(request.user, activity))


def _activity_row(request: HttpRequest, activity: Activity, *, can_edit: bool) -> HttpResponse:
    """The activity's row as its plan's page draws it, for htmx to swap in."""
    row = activity_row_of(activity.pk, timezone.localdate())
    return render(request, "plans/activity.html#activity-row", {"activity": row, "can_edit": can_edit})


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")  # the row's form for htmx, the whole page without it
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(user=request.user, activity_id=activity_id)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    units = organisations_visible_to(request.user)
    if request.method == "GET":
        form = ActivityForm(instance=activity, initial={"version": activity.version})
        units_form = AssignmentForm(activity=activity, units=units)
        context = {
            "activity": activity,
            "form": form,
            "units_form": units_form,
            "can_move": can_edit_plan(request.user, activity.plan),
        }
        return render(request, _fragment(request, "activity-form"), context)
    current = Activity.objects.get(pk=activity.pk)
    form = ActivityForm(request.POST, instance=current)
    units_form = AssignmentForm(request.POST, activity=activity, units=units)
    is_valid = form.is_valid()
    if form.cleaned_data.get("version") not in (None, current.version):
        # Told before the units are checked: the save that came first assigned the units again, so
        # the ones this form shows are gone and would fail with no message a user can act on.
        form.add_error(None, EDITED_MEANWHILE)
        units_form = AssignmentForm(activity=activity, units=units)
    elif is_valid and units_form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.Meta.fields}
        lead, coordinating = units_form.lead_and_coordinating()
        try:
            activity_save(
                activity=activity,
                version=form.cleaned_data["version"],
                changes=changes,
                lead=lead,
                coordinating=coordinating,
                by=request.user,
            )
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            if not request.htmx:
                return redirect(f"{activity.plan.get_absolute_url()}#activity-{activity.pk}")
            return _activity_row(request, activity, can_edit=True)
    context = {
        "activity": activity,
        "form": form,
        "units_form": units_form,
        "can_move": can_edit_plan(request.user, activity.plan),
    }
    return render(request, _fragment(request, "activity-form"), context, status=400)


def _fragment(request: HttpRequest, name: str) -> str:
    return f"plans/activity.html#{name}" if request.htmx else "plans/activity.html"


@require_http_methods(["GET", "POST"])
@login_required
def plan_new(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = plan_create(by=request.user, **form.cleaned_data)
        return redirect(plan.get_absolute_url())
    return render(request, "plans/plan_new.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    if not can_edit_plan(request.user, plan):
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        plan_update(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The plan was saved."))
        return redirect(plan.get_absolute_url())
    status = 400 if form.errors else 200
    return render(request, "plans/plan_new.html", {"form": form, "plan": plan}, status=status)


@require_http_methods(["POST"])
@login_required
def activity_add_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    form = NewActivityForm(request.POST)
    if form.is_valid():
        activity_add(plan=plan, title=form.cleaned_data["title"], by=request.user)
    elif not can_edit_plan(request.user, plan):
        raise PermissionDenied
    return _activity_list(request, plan)


@require_http_methods(["POST"])
@login_required
def activity_move_view(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(user=request.user, activity_id=activity_id)
    move = request.POST.get("move", "")
    if move == "delete":
        activity_delete(activity=activity, by=request.user)
    elif move in MOVES:
        activity_move(activity=activity, move=move, by=request.user)
    else:
        return HttpResponse(_("Unknown move."), status=400)
    return _activity_list(request, activity.plan)


def _activity_list(request: HttpRequest, plan) -> HttpResponse:
    if not request.htmx:
        return redirect(plan.get_absolute_url())
    can_edit = can_edit_plan(request.user, plan)
    # Read after the write this request made, not from the request's start.
    rows = _activity_rows(request, plan, "all" if can_edit else None, plan_generation(plan.pk))
    context = {"plan": plan, "activity_rows": rows, "can_edit": can_edit}
    return render(request, "plans/plan_detail.html#activity-list", context)


@require_GET
@login_required
def unit_suggestions(request: HttpRequest) -> HttpResponse:
    """Type-ahead for unit names: the <option>s of a datalist."""
    # The input asking sends its own value under its own name.
    query = next((value for value in request.GET.values() if value.strip()), "")[:100]
    units = unit_suggest(user=request.user, query=query)
    return render(request, "plans/activity.html#unit-options", {"units": units})


@require_GET
@login_required
@vary_on_headers("HX-Request")
def my_activities(request: HttpRequest) -> HttpResponse:
    """Activities the user's organisation leads or coordinates, by time: this week, this month, overdue."""
    when = request.GET.get("when", "month")
    window = activity_window(when, today=timezone.localdate())
    unit = request.user.organisation or request.user.acts_for
    when = when if when in WINDOWS else "month"

    def render_table() -> str:
        activities = (
            activities_of(organisation=unit, user=request.user, **window) if unit else Activity.objects.none()
        )
        page = Paginator(activities, per_page=50).get_page(request.GET.get("page"))
        units = units_of_activities([activity.pk for activity in page])
        context = {"page": page, "units": units, "query": f"when={when}"}
        return render_to_string("plans/my_activities.html#activity-table", context, request)

    table = cached_fragment(
        "my-activities",
        unit.pk if unit else None,
        visibility_key(request.user),
        when,
        window,
        request.GET.get("page"),
        render=render_table,
        generation=data_generation(request),
    )
    if request.htmx:
        return HttpResponse(table)
    return render(
        request, "plans/my_activities.html", {"table": table, "when": when, "windows": WINDOWS, "unit": unit}
    )


@require_GET
@login_required
def plan_original(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The file the plan was imported from, as uploaded, to whoever may read the plan."""
    plan = access_plan(user=request.user, plan_id=plan_id)
    if not plan.source_file:
        raise Http404
    try:
        file = plan.source_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(file, as_attachment=True, filename=plan.source_name or "van-ban")
