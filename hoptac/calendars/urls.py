from django.urls import path, re_path

from hoptac.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.feeds, name="feeds"),
    path("<int:token_id>/revoke/", views.revoke, name="revoke"),
    # token_urlsafe(32) gives 43 characters of this alphabet.
    re_path(r"^feed/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.feed, name="feed"),
    path("plans/<int:plan_id>/timeline/", views.timeline, name="timeline"),
    path("month/", views.my_month, name="my-month"),
    path("organisations/<int:organisation_id>/", views.month_calendar, name="month-current"),
    path("organisations/<int:organisation_id>/<int:year>/<int:month>/", views.month_calendar, name="month"),
]
