"""Files read in the background by the worker (plans/tasks.py): many at once, each read and saved on its
own while the batch page shows how far it got; or a single file that OCR must read, whose review
page waits for it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from hoptac.accounts.models import User
from hoptac.orgs.models import Organisation
from hoptac.plans.models import ImportBatch, Upload
from hoptac.plans.reading import pages_to_ocr
from hoptac.plans.selectors import can_import
from hoptac.plans.services.importing import checksum_of, national_alliance, upload_read
from hoptac.plans.tasks import import_upload, read_upload

# What OCR costs on the 2-core server (bench/parse.py, docs/adr/0017), for the waiting page's estimate.
OCR_S_A_PAGE = 2
# A wait past this (beyond twice the estimate, once reading) gets a word on what may be wrong.
LATE_S = 60


@transaction.atomic
def import_batch_start(*, files: Sequence[tuple[str, bytes]], by: User) -> ImportBatch:
    """Queue many files for the worker, which reads each into the review queue (plans/services/queue.py)."""
    if not can_import(by):
        raise PermissionDenied
    organisation = by.acts_for or national_alliance()
    batch = ImportBatch.objects.create(organisation=organisation, created_by=by)
    for name, data in files:
        upload = _queued_upload(by=by, organisation=organisation, name=name, data=data, batch=batch)
        # After commit: the worker must find the row, and a rollback must leave nothing queued.
        transaction.on_commit(partial(import_upload.enqueue, upload_id=upload.pk))
    return batch


def upload_start(*, by: User, data: bytes, name: str) -> Upload:
    """One file on its way to review: read at once, or, when OCR must read it (seconds a page), queued
    for the worker (upload_read_queued) so that the request does not wait for it."""
    pages = pages_to_ocr(data)
    if not pages:
        return upload_read(by=by, data=data, name=name)
    if not can_import(by):
        raise PermissionDenied
    with transaction.atomic():
        upload = _queued_upload(
            by=by, organisation=by.acts_for or national_alliance(), name=name, data=data, ocr_pages=pages
        )
        transaction.on_commit(partial(read_upload.enqueue, upload_id=upload.pk))
    return upload


def _queued_upload(
    *,
    by: User,
    organisation: Organisation,
    name: str,
    data: bytes,
    batch: ImportBatch | None = None,
    ocr_pages: int = 0,
) -> Upload:
    upload = Upload(
        batch=batch,
        organisation=organisation,
        created_by=by,
        name=name,
        checksum=checksum_of(data),
        state=Upload.State.QUEUED,
        ocr_pages=ocr_pages,
        language=translation.get_language() or "",
    )
    upload.file.save(name, ContentFile(data), save=False)
    upload.save()
    return upload


@dataclass(frozen=True)
class ReadingProgress:
    """How far the worker got with a queued single file, for its waiting page. OCR does not report
    its pages as it reads them, so `pages_read` is an estimate from the time spent, never all of them."""

    pages: int
    pages_read: int
    is_started: bool
    is_late: bool


def reading_progress(upload: Upload, *, now: datetime) -> ReadingProgress:
    if upload.read_started_at is None:
        waited_s = (now - upload.created_at).total_seconds()
        return ReadingProgress(upload.ocr_pages, 0, is_started=False, is_late=waited_s > LATE_S)
    reading_s = max(0, int((now - upload.read_started_at).total_seconds()))
    return ReadingProgress(
        pages=upload.ocr_pages,
        pages_read=min(max(upload.ocr_pages - 1, 0), reading_s // OCR_S_A_PAGE),
        is_started=True,
        is_late=reading_s > 2 * upload.ocr_pages * OCR_S_A_PAGE + LATE_S,
    )
