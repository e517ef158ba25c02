from django.http import HttpResponse
from django.urls import include, path, re_path

from hoptac.api import errors as api_errors
from hoptac.api.main import api


def healthz(request):
    """For load balancers and monitoring: the process answers. Also bench/web.py's baseline."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("hoptac.accounts.urls")),
    path("organisations/", include("hoptac.orgs.urls")),
    path("plans/", include("hoptac.plans.urls")),
    path("tracking/", include("hoptac.tracking.urls")),
    path("reminders/", include("hoptac.reminders.urls")),
    path("calendars/", include("hoptac.calendars.urls")),
    # Every answer under /api/ is JSON: ninja's root (an HTML 404) and an address no endpoint has too.
    path("api/", api_errors.not_found),
    path("api/", api.urls),
    re_path(r"^api/", api_errors.not_found),
    path("", include("hoptac.home.urls")),
]
