"""Import pages: one document read, reviewed and saved; many files read in the background into a
review queue (docs/adr/0020)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from hoptac.documents.read.ocr import ocr_info
from hoptac.orgs.models import OrganisationKind
from hoptac.orgs.selectors import units_named
from hoptac.plans.errors import PlanError
from hoptac.plans.forms import (
    BatchForm,
    DocumentForm,
    review_decisions,
)
from hoptac.plans.models import Upload
from hoptac.plans.selectors import (
    access_batch,
    access_upload,
    can_import,
    import_candidates,
)
from hoptac.plans.services.batches import import_batch_start, reading_progress, upload_start
from hoptac.plans.services.importing import (
    document_kind,
    import_review,
    reading_issuer,
    upload_confirm,
    upload_read,
)
from hoptac.plans.services.queue import batch_save_sure
from hoptac.plans.warnings import warning_text


@require_http_methods(["GET", "POST"])
@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            if file is not None:
                upload = upload_start(by=request.user, data=file.read(), name=file.name)
            else:
                upload = upload_read(by=request.user, text=form.cleaned_data["text"])
        except PlanError as error:
            form.add_error(None, str(error))
        else:
            return redirect("plans:review", upload_id=upload.pk)
    status = 400 if form.errors else 200
    return render(
        request, "plans/import_start.html", {"form": form, "batch_form": BatchForm()}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
@vary_on_headers("HX-Request")  # the waiting page's poll gets a fragment from the same URL
def import_review_page(request: HttpRequest, upload_id: int) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    upload = access_upload(user=request.user, upload_id=upload_id)
    if request.htmx and upload.state != Upload.State.QUEUED:
        return HttpResponseClientRefresh()  # the waiting page's poll: the whole page moves on
    if upload.state == Upload.State.QUEUED:
        if upload.batch_id:  # one of many files: the batch page follows it
            return redirect("plans:batch", batch_id=upload.batch_id)
        return _import_waiting(request, upload)
    if upload.state == Upload.State.SAVED and upload.plan_id:
        return redirect("plans:detail", plan_id=upload.plan_id)
    if upload.state == Upload.State.FAILED:  # the worker could not read it
        context = {"form": DocumentForm(), "batch_form": BatchForm(), "errors": [upload.error]}
        return render(request, "plans/import_start.html", context)
    review = import_review(upload=upload)
    candidates = import_candidates(context=upload.organisation, review=review)
    errors: list[str] = []
    if request.method == "POST":
        typed = [request.POST.get(f"unit-{index}-name", "") for index in range(len(review.units))]
        issuer, new_issuer_name, decisions, errors = review_decisions(
            request.POST,
            review=review,
            candidates=candidates,
            named=units_named(user=request.user, names=typed),
        )
        if not errors:
            try:
                plan = upload_confirm(
                    upload=upload,
                    issuer=issuer,
                    decisions=decisions,
                    by=request.user,
                    new_issuer_name=new_issuer_name,
                )
            except PlanError as error:
                errors.append(str(error))
            else:
                messages.success(request, _("The plan was saved."))
                return redirect("plans:detail", plan_id=plan.pk)
    context = {
        "review": review,
        "reading": upload.reading,
        "document_kind": document_kind(upload.reading).label,
        "ocr": ocr_info(upload.reading.get("warnings", ())),
        "issued_on": date.fromisoformat(upload.reading["date"]) if upload.reading.get("date") else None,
        "warnings": [warning_text(w) for w in upload.reading.get("warnings", ())],
        "candidates": candidates,
        "new_issuer_name": reading_issuer(review)[1],
        "kinds": OrganisationKind.choices,
        "errors": errors,
    }
    return render(request, "plans/import_review.html", context, status=400 if errors else 200)


def _import_waiting(request: HttpRequest, upload: Upload) -> HttpResponse:
    """The page of a file the worker is still reading (OCR), asking again every 2 s until it is done."""
    context = {"upload": upload, "progress": reading_progress(upload, now=timezone.now())}
    template = "plans/import_waiting.html" + ("#reading-progress" if request.htmx else "")
    return render(request, template, context)


@require_http_methods(["POST"])
@login_required
def batch_start(request: HttpRequest) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    form = BatchForm(request.POST, request.FILES)
    if not form.is_valid():
        context = {"form": DocumentForm(), "batch_form": form}
        return render(request, "plans/import_start.html", context, status=400)
    files = [(file.name, file.read()) for file in form.cleaned_data["files"]]
    batch = import_batch_start(files=files, by=request.user)
    return redirect("plans:batch", batch_id=batch.pk)


@require_GET
@login_required
@vary_on_headers("HX-Request")  # the page's poll gets a fragment from the same URL
def batch_status(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = access_batch(user=request.user, batch_id=batch_id)
    uploads = list(batch.uploads.select_related("plan").order_by("pk"))
    counts = {state: sum(u.state == state for u in uploads) for state in Upload.State.values}
    sure = sum(u.state == Upload.State.READ and u.is_sure for u in uploads)
    context = {
        "batch": batch,
        "uploads": uploads,
        "counts": counts,
        "sure": sure,
        "to_check": counts[Upload.State.READ] - sure,
        "done": counts[Upload.State.QUEUED] == 0,
        "total": len(uploads),
        "finished": len(uploads) - counts[Upload.State.QUEUED],
    }
    template = "plans/batch.html#batch-progress" if request.htmx else "plans/batch.html"
    return render(request, template, context)


@require_POST
@login_required
def batch_save(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Save the files of a batch read with confidence, in one click."""
    if not can_import(request.user):
        raise PermissionDenied
    batch = access_batch(user=request.user, batch_id=batch_id)
    plans = batch_save_sure(batch=batch, by=request.user)
    messages.success(
        request,
        ngettext("%(count)d document was saved.", "%(count)d documents were saved.", len(plans))
        % {"count": len(plans)},
    )
    return redirect("plans:batch", batch_id=batch.pk)
