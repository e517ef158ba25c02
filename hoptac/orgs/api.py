from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from hoptac.core.pagination import BoundedPagination
from hoptac.orgs.models import Organisation
from hoptac.orgs.selectors import organisations_matching

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
    return get_object_or_404(organisations_matching(user=request.auth, is_current=False), pk=organisation_id)
