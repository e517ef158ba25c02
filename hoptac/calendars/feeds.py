"""An iCalendar feed (RFC 5545) of activities, as Google Calendar and Outlook subscribe to it.

Activities are all-day events: plans give days, months or quarters, never hours, and an all-day event
stays on its days in every time zone. DTEND of an all-day event is exclusive (RFC 5545 3.6.1), so an
activity ending on 30 April ends on 1 May in the feed. The UID is the activity's, so a client updates
an event in place when the plan changes instead of adding a second one.
"""

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from hoptac.calendars.timeline import span
from hoptac.plans.models import Activity, ProgressState
from hoptac.plans.standing import Standing

PRODID = "-//hoptac//Calendars 1.0//VI"
# A hint to the clients that honour it (Outlook, Apple); Google decides its own interval.
REFRESH = timedelta(hours=1)


def activity_uid(activity: Activity) -> str:
    return f"activity-{activity.pk}@hoptac"


def feed_calendar(
    activities: Sequence[Activity], *, name: str, url_of: Callable[[Activity], str], now: datetime
) -> bytes:
    """The feed's bytes: one all-day event per dated activity (each with `standing` and `leads`)."""
    feed = Calendar()
    feed.add("prodid", PRODID)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("method", "PUBLISH")
    feed.add("x-wr-calname", name)
    feed.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", vDuration(REFRESH))
    for activity in activities:
        window = span(activity)
        if window is not None:
            feed.add_component(_event(activity, *window, url=url_of(activity), now=now))
    return feed.to_ical()


def _event(activity: Activity, starts, ends, *, url: str, now: datetime) -> Event:
    event = Event()
    event.add("uid", activity_uid(activity))
    event.add("dtstamp", now)
    event.add("dtstart", starts)
    event.add("dtend", ends + timedelta(days=1))
    event.add("summary", str(activity))
    event.add("description", _description(activity, url))
    event.add("url", url)
    event.add("status", _status(activity))
    # A plan's month of work does not make its people busy for the month.
    event.add("transp", "TRANSPARENT")
    event.add("sequence", max(activity.version - 1, 0))
    return event


def _status(activity: Activity) -> str:
    if activity.progress_state == ProgressState.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if activity.is_tentative else "CONFIRMED"


def _description(activity: Activity, url: str) -> str:
    lines = [_("Plan: %(plan)s") % {"plan": str(activity.plan)}]
    if activity.time_text:
        lines.append(_("Time as written: %(time)s") % {"time": activity.time_text})
    if activity.is_tentative:
        lines.append(_("The time is tentative."))
    lines.append(_("Status: %(status)s") % {"status": Standing(activity.standing).label})
    leads = [lead.organisation.name if lead.organisation else lead.name_as_written for lead in activity.leads]
    if leads:
        lines.append(_("Lead: %(units)s") % {"units": "; ".join(leads)})
    lines.append(url)
    return "\n".join(lines)
