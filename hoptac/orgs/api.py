from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate

from hoptac.core.pagination import BoundedPagination
from hoptac.orgs.forms import MemberFileForm
from hoptac.orgs.models import Organisation
from hoptac.orgs.selectors import access_organisation, can_manage_members, organisations_matching
from hoptac.orgs.services.organisations import members_import

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    """A unit as the registry knows it; members' contact details are not part of it."""

    id: int
    kind: str
    name: str
    short_name: str
    parent_id: int | None
    province: str | None
    issuer_code: str
    valid_until: date | None
    successor_id: int | None

    @staticmethod
    def resolve_province(unit: Organisation) -> str | None:
        return unit.province.name if unit.province_id else None


@router.get("/", response=list[OrganisationOut])
@paginate(BoundedPagination)
def list_organisations(
    request: HttpRequest, q: str = "", kind: str | None = None, current: bool = True
) -> QuerySet[Organisation]:
    return organisations_matching(user=request.auth, text=q, kind=kind, is_current=current)


@router.get("/{organisation_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return access_organisation(user=request.auth, organisation_id=organisation_id)


class MemberImportOut(Schema):
    """What the import did, or would do in a dry run; with any error, nothing was saved."""

    file_name: str
    dry_run: bool
    rows: int
    created: int
    updated: int
    unchanged: int
    errors: list[str] = Field(description="Row by row, in the language of the request.")


@router.post("/{organisation_id}/members/import", response=MemberImportOut)
def import_members(
    request: HttpRequest, organisation_id: int, file: File[UploadedFile], dry_run: bool = False
):
    """Read a member list (.xlsx or .csv) into the alliance: new tax codes are created, known ones
    updated. `dry_run=true` reports the same counts and errors and saves nothing."""
    unit = access_organisation(user=request.auth, organisation_id=organisation_id)
    if not can_manage_members(request.auth, unit):
        raise PermissionDenied
    form = MemberFileForm(files={"file": file})
    if not form.is_valid():
        raise ValidationError(form.errors["file"])
    return members_import(
        by=request.auth, data=file.read(), file_name=file.name, alliance=unit, dry_run=dry_run
    )
