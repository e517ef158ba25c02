"""Import one document over the REST API: read it (POST /imports; a scan in the background), see what
it read and how its names resolved (GET /imports/{upload_id}), save it with the reviewer's choices
(POST /imports/{upload_id}/confirm), as the web's review page does."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Schema, Status
from ninja.files import UploadedFile

from hoptac.core.api_ids import RowId
from hoptac.core.api_text import Text
from hoptac.orgs.models import OrganisationKind
from hoptac.orgs.selectors import current_units_visible_to
from hoptac.plans.api import Message, PlanOut, router
from hoptac.plans.forms import DocumentForm
from hoptac.plans.models import Upload
from hoptac.plans.selectors import access_plan_row, access_upload
from hoptac.plans.services.batches import upload_start
from hoptac.plans.services.importing import (
    UnitDecision,
    import_review,
    reading_issuer,
    sure_decisions,
    upload_confirm,
)


class UnitMatch(Schema):
    """A unit name of the reading and the registered unit it resolved to, if any (confidence 0–1;
    confirm takes the match by itself only from SURE up)."""

    name: str
    organisation_id: int | None
    confidence: float


class ImportOut(Schema):
    upload_id: int
    reading: dict
    duplicate_plan_id: int | None
    issuer_id: int | None = Field(description="the registered unit the reading's issuer resolved to")
    units: list[UnitMatch]


class UnitChoice(Schema):
    """For one unit name of the reading: a registered unit (`organisation_id`, and `remember_alias` to
    remember the name as written for it), a new unit of `create_kind`, or neither (kept as written)."""

    name: Text = Field(..., max_length=2000)
    organisation_id: RowId | None = None
    remember_alias: bool = False
    create_kind: OrganisationKind | None = None


class ConfirmIn(Schema):
    """The reviewer's choices; anything left out takes what the reading resolved to by itself: the
    issuer it names (registered as an outside body when unknown), and the sure matches of unit names."""

    issuer_id: RowId | None = None
    units: list[UnitChoice] = Field(default_factory=list, max_length=500)


BEING_READ = _(
    "The document is a scan being read by text recognition (OCR) in the background: ask again soon."
)


class ImportQueued(Schema):
    upload_id: int
    detail: str


@router.post("/imports", response={201: ImportOut, 202: ImportQueued, 400: Message})
def create_import(request: HttpRequest, file: File[UploadedFile]):
    """Read a document (.docx, .doc, .odt, .rtf, .pdf, .html, .txt): the reading, ready to be confirmed.
    A scan that OCR must read (seconds a page) is read in the background: 202, then GET the upload."""
    DocumentForm.check_file(file)
    upload = upload_start(by=request.auth, data=file.read(), name=file.name)
    if upload.state == Upload.State.QUEUED:
        return Status(202, {"upload_id": upload.pk, "detail": str(BEING_READ)})
    return Status(201, _import_out(upload))


@router.get("/imports/{upload_id}", response={200: ImportOut, 202: ImportQueued, 400: Message})
def get_import(request: HttpRequest, upload_id: int):
    """An upload's reading: 202 while the worker still reads it, 400 with the reason when it could not."""
    upload = access_upload(user=request.auth, upload_id=upload_id)
    if upload.state == Upload.State.QUEUED:
        return Status(202, {"upload_id": upload.pk, "detail": str(BEING_READ)})
    if upload.state == Upload.State.FAILED:
        return Status(400, {"detail": upload.error})
    return _import_out(upload)


def _import_out(upload: Upload) -> dict:
    review = import_review(upload=upload)
    return {
        "upload_id": upload.pk,
        "reading": upload.reading,
        "duplicate_plan_id": review.duplicate.pk if review.duplicate else None,
        "issuer_id": review.issuer.organisation.pk if review.issuer.organisation else None,
        "units": [
            {
                "name": name,
                "organisation_id": r.organisation.pk if r.organisation else None,
                "confidence": r.confidence,
            }
            for name, r in review.units.items()
        ],
    }


NOT_A_NAME = _("“%(name)s” is not a unit name of this reading.")
TWO_CHOICES = _("Choose a registered unit or a new one for “%(name)s”, not both.")


@router.post("/imports/{upload_id}/confirm", response={201: PlanOut, 400: Message})
def confirm_import(request: HttpRequest, upload_id: int, body: ConfirmIn | None = None):
    """Save the reading as a plan with the reviewer's choices: the issuer, and for each unit name a
    registered unit (remembering the name as its alias if asked), a new unit, or the name as written.
    What the body leaves out takes the reading's own resolution (GET /imports/{upload_id} shows it)."""
    upload = access_upload(user=request.auth, upload_id=upload_id)
    if upload.state == Upload.State.QUEUED:  # nothing read yet to save
        return Status(400, {"detail": str(BEING_READ)})
    if upload.state == Upload.State.FAILED:
        return Status(400, {"detail": upload.error})
    body = body or ConfirmIn()
    review = import_review(upload=upload)
    visible = current_units_visible_to(request.auth)
    issuer, new_issuer_name = reading_issuer(review)
    if body.issuer_id is not None:
        issuer, new_issuer_name = get_object_or_404(visible, pk=body.issuer_id), ""
    decisions = sure_decisions(review)
    chosen = visible.in_bulk([c.organisation_id for c in body.units if c.organisation_id is not None])
    for choice in body.units:
        if choice.name not in review.units:
            return Status(400, {"detail": str(NOT_A_NAME % {"name": choice.name})})
        if choice.organisation_id is not None and choice.create_kind is not None:
            return Status(400, {"detail": str(TWO_CHOICES % {"name": choice.name})})
        if choice.organisation_id is not None and choice.organisation_id not in chosen:
            raise Http404
        decisions[choice.name] = UnitDecision(
            organisation=chosen.get(choice.organisation_id),
            add_alias=choice.remember_alias and choice.organisation_id is not None,
            create_kind=choice.create_kind,
        )
    plan = upload_confirm(
        upload=upload,
        issuer=issuer,
        decisions=decisions,
        by=request.auth,
        new_issuer_name=new_issuer_name,
    )
    return Status(201, access_plan_row(user=request.auth, plan_id=plan.pk))
