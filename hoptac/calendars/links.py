"""The addresses of a calendar link: https for copying, webcal:// for the system's calendar application,
and Google Calendar's page that subscribes to it."""

from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse


def feed_links(request: HttpRequest, secret: str) -> dict[str, str]:
    url = request.build_absolute_uri(reverse("calendars:feed", kwargs={"token": secret}))
    webcal = "webcal://" + url.split("://", 1)[1]
    return {
        "url": url,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?cid=" + quote(webcal, safe=""),
    }


def activity_link(request: HttpRequest, activity) -> str:
    """The activity in its plan's page (which lists each activity under its own anchor)."""
    return request.build_absolute_uri(reverse("plans:detail", args=[activity.plan_id])) + (
        f"#activity-{activity.pk}"
    )
