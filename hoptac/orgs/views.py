import secrets

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from hoptac.orgs.forms import MemberFileForm
from hoptac.orgs.models import MEMBER_KINDS
from hoptac.orgs.selectors import access_organisation, can_manage_members, organisation_members
from hoptac.orgs.services.organisations import members_import

# Between the dry run and the real import the file waits here, under a random name kept in the session.
PENDING_DIR = "member-imports"


@require_GET
@login_required
def my_organisation(request: HttpRequest) -> HttpResponse:
    unit = request.user.acts_for
    if unit is None:
        raise Http404
    return redirect("orgs:detail", org_id=unit.pk)


@require_GET
@login_required
@vary_on_headers("HX-Request")  # the member table's filter gets a fragment from the same URL
def organisation_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    unit = access_organisation(user=request.user, organisation_id=org_id)
    query = request.GET.get("q", "")[:100]
    members = Paginator(organisation_members(unit, query=query), per_page=50).get_page(
        request.GET.get("page")
    )
    context = {
        "unit": unit,
        "bodies": unit.children.exclude(kind__in=MEMBER_KINDS).order_by("kind", "name"),
        "members": members,
        "aliases": unit.aliases.order_by("name"),
        "predecessors": unit.predecessors.order_by("name"),
        "can_manage": can_manage_members(request.user, unit),
        "query": f"q={query}" if query else "",
        "q": query,
    }
    template = (
        "orgs/organisation_detail.html#member-table" if request.htmx else "orgs/organisation_detail.html"
    )
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@login_required
def members_import_page(request: HttpRequest, org_id: int) -> HttpResponse:
    unit = access_organisation(user=request.user, organisation_id=org_id)
    if not can_manage_members(request.user, unit):
        raise PermissionDenied
    form, report = MemberFileForm(request.POST or None, request.FILES or None), None
    pending = request.session.get("member_import")
    if request.method == "POST" and request.POST.get("confirm") and pending and pending["unit"] == unit.pk:
        with default_storage.open(pending["path"], "rb") as file:
            report = members_import(
                by=request.user, data=file.read(), file_name=pending["name"], alliance=unit, dry_run=False
            )
        default_storage.delete(pending["path"])
        del request.session["member_import"]
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = members_import(
            by=request.user, data=data, file_name=upload.name, alliance=unit, dry_run=True
        )
        if not report.errors:
            path = default_storage.save(f"{PENDING_DIR}/{secrets.token_hex(16)}", ContentFile(data))
            request.session["member_import"] = {"unit": unit.pk, "path": path, "name": upload.name}
    status = 400 if (report and report.errors) or form.errors else 200
    return render(
        request, "orgs/members_import.html", {"unit": unit, "form": form, "report": report}, status=status
    )
