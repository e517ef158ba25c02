"""Many files at once over the REST API, as the web's review queue takes them: read in the background,
then those read with confidence saved in one call (batches.py, queue.py). Those read without
confidence are reviewed one by one: GET and confirm /imports/{upload_id}."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from hoptac.plans.forms import BatchForm
from hoptac.plans.models import ImportBatch
from hoptac.plans.selectors import access_batch, can_import
from hoptac.plans.services.batches import import_batch_start
from hoptac.plans.services.queue import batch_save_sure

router = Router(tags=["plans"])


class BatchUploadOut(Schema):
    upload_id: int
    name: str
    state: str
    is_sure: bool
    plan_id: int | None
    error: str

    @staticmethod
    def resolve_upload_id(upload) -> int:
        return upload.pk


class BatchOut(Schema):
    batch_id: int
    uploads: list[BatchUploadOut]


class SavedOut(Schema):
    plan_ids: list[int]


def _batch_out(batch: ImportBatch) -> dict:
    return {"batch_id": batch.pk, "uploads": list(batch.uploads.order_by("pk"))}


@router.post("/imports/batches", response={202: BatchOut})
def create_batch(request: HttpRequest, files: File[list[UploadedFile]]):
    """Queue up to 100 documents for the background reader: GET the batch to follow them."""
    if not can_import(request.auth):
        raise PermissionDenied
    form = BatchForm(files=MultiValueDict({"files": files}))
    if not form.is_valid():
        raise ValidationError(form.errors["files"])
    batch = import_batch_start(files=[(file.name, file.read()) for file in files], by=request.auth)
    return Status(202, _batch_out(batch))


@router.get("/imports/batches/{batch_id}", response=BatchOut)
def get_batch(request: HttpRequest, batch_id: int):
    """Each file's state: queued, read (`is_sure`: read with confidence), saved, or failed with why."""
    return _batch_out(access_batch(user=request.auth, batch_id=batch_id))


@router.post("/imports/batches/{batch_id}/save", response=SavedOut)
def save_batch(request: HttpRequest, batch_id: int):
    """Save every file of the batch read with confidence; the others wait for a review one by one."""
    if not can_import(request.auth):
        raise PermissionDenied
    batch = access_batch(user=request.auth, batch_id=batch_id)
    return {"plan_ids": [plan.pk for plan in batch_save_sure(batch=batch, by=request.auth)]}
