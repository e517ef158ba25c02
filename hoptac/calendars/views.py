from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from hoptac.calendars.dates import month_end
from hoptac.calendars.errors import CalendarError
from hoptac.calendars.feeds import feed_calendar
from hoptac.calendars.forms import FeedForm
from hoptac.calendars.links import activity_link, feed_links
from hoptac.calendars.models import FeedScope
from hoptac.calendars.month import labelled, month_grid
from hoptac.calendars.selectors import (
    access_calendar_token,
    awaiting_activities,
    calendar_tokens_of,
    feed_activities,
    feed_organisation_choices,
    feed_token,
    month_activities,
    timeline_activities,
)
from hoptac.calendars.services import calendar_token_create, calendar_token_revoke, calendar_token_used
from hoptac.calendars.timeline import plan_timeline
from hoptac.orgs.selectors import access_organisation
from hoptac.plans.selectors import access_plan


@require_GET
@login_required
def timeline(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    today = timezone.localdate()
    chart = plan_timeline(timeline_activities(plan=plan, today=today), today=today)
    return render(request, "calendars/timeline.html", {"plan": plan, "timeline": chart})


@require_GET
@login_required
def month_calendar(
    request: HttpRequest, organisation_id: int, year: int | None = None, month: int | None = None
) -> HttpResponse:
    organisation = access_organisation(user=request.user, organisation_id=organisation_id)
    today = timezone.localdate()
    first = today.replace(day=1) if year is None else _first_of(year, month)
    scope = {"organisation": organisation, "user": request.user, "today": today}
    grid = month_grid(month_activities(first=first, last=month_end(first), **scope), first=first, today=today)
    context = {
        "organisation": organisation,
        "grid": grid,
        "awaiting": labelled(awaiting_activities(year=first.year, **scope)),
        "this_month": today.replace(day=1),
    }
    return render(request, "calendars/month.html", context)


def _first_of(year: int, month: int | None) -> date:
    if not 1900 <= year <= 2200:
        raise Http404
    try:
        return date(year, month, 1)
    except ValueError:
        raise Http404 from None


@require_GET
@login_required
def my_month(request: HttpRequest) -> HttpResponse:
    """This month's calendar of the user's own unit (a department's for its members)."""
    unit = request.user.organisation or request.user.acts_for
    if unit is None:
        raise Http404
    return redirect("calendars:month-current", unit.pk)


@never_cache  # the page shows a new link's secret once: no cache may keep it
@require_http_methods(["GET", "POST"])
@login_required
def feeds(request: HttpRequest) -> HttpResponse:
    wanted = _organisation_id(request.POST.get("organisation") or request.GET.get("organisation"))
    organisations = feed_organisation_choices(request.user, wanted=wanted)
    initial = {"scope": FeedScope.ORGANISATION, "organisation": wanted} if wanted else None
    form = FeedForm(request.POST or None, organisations=organisations, initial=initial)
    created, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                token, secret = calendar_token_create(owner=request.user, **form.cleaned_data)
            except CalendarError as error:
                form.add_error(None, str(error))
            else:
                created, status = {"token": token, **feed_links(request, secret)}, 200
                form = FeedForm(organisations=organisations)
    context = {"form": form, "tokens": calendar_tokens_of(request.user), "created": created}
    return render(request, "calendars/feeds.html", context, status=status)


def _organisation_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@require_POST
@login_required
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_calendar_token(user=request.user, token_id=token_id)
    calendar_token_revoke(token=token, by=request.user)
    messages.success(request, _("The link is revoked: calendar applications get nothing from it any more."))
    return redirect("calendars:feeds")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed of a calendar link, without a login: the secret in the address is the key."""
    row = feed_token(token)
    if row is None:
        raise Http404
    activities = feed_activities(token=row, today=timezone.localdate())
    # Calendar applications send no language of their own person: the feed speaks the interface's first.
    with translation.override(settings.LANGUAGE_CODE):
        body = feed_calendar(
            activities,
            name=_feed_name(row),
            url_of=lambda activity: activity_link(request, activity),
            now=timezone.now(),
        )
    calendar_token_used(token=row)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="hoptac.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _feed_name(token) -> str:
    if token.scope == FeedScope.ORGANISATION:
        return f"hoptac · {token.organisation.name}"
    owner = token.owner
    return f"hoptac · {owner.get_full_name() or owner.username}"
