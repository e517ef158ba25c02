"""The tracking sheet's two pages: the download, and the upload with its dry run and confirmation."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from hoptac.core.forms import CappedFileForm
from hoptac.core.text import strip_diacritics
from hoptac.plans.selectors import access_plan
from hoptac.tracking.services.sheet_import import sheet_apply, sheet_check
from hoptac.tracking.sheets.export import sheet_export
from hoptac.tracking.sheets.outcomes import SheetCheck

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The result of a confirmed import waits here for the page the browser is sent to (post, redirect, get):
# reloading that page must not send the confirmation again.
DONE_KEY = "tracking_sheet_done"


class SheetFileForm(CappedFileForm):
    file = forms.FileField(
        label=_("Filled-in tracking sheet (Excel .xlsx)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )


@require_GET
@login_required
def sheet_download(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    content = sheet_export(plan=plan, user=request.user, today=timezone.localdate())
    # slugify drops "đ", which has no ASCII decomposition: strip_diacritics turns it into "d" first.
    words = strip_diacritics(f"{_('tracking sheet')} {plan.number or plan.pk}")
    name = f"{slugify(words)}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@require_http_methods(["GET", "POST"])
@login_required
def sheet_upload(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(user=request.user, plan_id=plan_id)
    form, check = SheetFileForm(), None
    if request.method == "POST" and "token" in request.POST:
        check = sheet_apply(plan=plan, user=request.user, token=request.POST["token"])
        if check.applied:
            request.session[DONE_KEY] = {"plan": plan.pk, "check": check.as_json()}
            return redirect("tracking:sheet_import", plan_id=plan.pk)
    elif request.method == "POST":
        form = SheetFileForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            check = sheet_check(plan=plan, user=request.user, data=upload.read(), file_name=upload.name)
    elif (done := request.session.pop(DONE_KEY, None)) and done["plan"] == plan.pk:
        check = SheetCheck.from_json(done["check"])
    failed = form.errors or (check is not None and (check.errors or check.row_errors))
    context = {"plan": plan, "form": form, "check": check}
    return render(request, "tracking/sheet_import.html", context, status=400 if failed else 200)
