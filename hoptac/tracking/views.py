"""Progress on an activity: the page of its reports, the report and comment forms, evidence files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hoptac.plans.models import Activity
from hoptac.plans.selectors import access_activity
from hoptac.plans.standing import with_standing
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.forms import CommentForm, ProgressForm
from hoptac.tracking.selectors import access_evidence, can_comment, can_report_progress, progress_history
from hoptac.tracking.services.progress import EvidenceFile, ProgressReport, progress_comment, progress_report


@require_http_methods(["GET", "POST"])
@login_required
def activity_progress(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(user=request.user, activity_id=activity_id)
    may_report = can_report_progress(request.user, activity)
    may_comment = can_comment(request.user, activity)
    quantities = list(activity.quantities.all())
    form = ProgressForm(
        initial={
            "version": activity.progress_version,
            "state": activity.progress_state,
            "percent": activity.percent,
            "completed_on": activity.completed_on,
            "result": activity.result,
        },
        quantities=quantities,
    )
    comment_form = CommentForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "comment":
            if not may_comment:
                raise PermissionDenied
            comment_form = CommentForm(request.POST)
            if comment_form.is_valid():
                try:
                    progress_comment(
                        activity=activity,
                        by=request.user,
                        note=comment_form.cleaned_data["note"],
                        files=_files(request),
                    )
                except TrackingError as error:
                    comment_form.add_error(None, str(error))
                else:
                    messages.success(request, _("Your comment was saved."))
                    return redirect("tracking:activity", activity.pk)
        else:
            if not may_report:
                raise PermissionDenied
            form = ProgressForm(request.POST, quantities=quantities)
            if form.is_valid():
                data = form.cleaned_data
                report = ProgressReport(
                    state=data["state"],
                    percent=data["percent"],
                    result=data["result"],
                    completed_on=data["completed_on"],
                    note=data["note"],
                    quantities=form.reached(),
                    files=_files(request),
                )
                try:
                    progress_report(
                        activity=activity, version=data["version"], by=request.user, report=report
                    )
                except TrackingError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("The progress was saved."))
                    return redirect("tracking:activity", activity.pk)
        status = 400
    shown = (
        with_standing(Activity.objects.filter(pk=activity.pk), timezone.localdate()).values("standing").get()
    )
    context = {
        "activity": activity,
        "plan": activity.plan,
        "standing": shown["standing"],
        "quantities": quantities,
        "updates": progress_history(activity),
        "form": form if may_report else None,
        "comment_form": comment_form if may_comment else None,
    }
    return render(request, "tracking/activity.html", context, status=status)


@require_GET
@login_required
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """An evidence file, to whoever may read the activity's plan."""
    evidence = access_evidence(user=request.user, evidence_id=evidence_id)
    try:
        file = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(file, as_attachment=True, filename=evidence.name)


def _files(request: HttpRequest) -> list[EvidenceFile]:
    return [EvidenceFile(name=f.name, data=f.read(), size=f.size) for f in request.FILES.getlist("evidence")]
