"""Many files imported at once: each is queued for the background worker (plans/tasks.py), which
reads and saves it on its own; the batch page shows how far it got."""

from collections.abc import Sequence
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from hoptac.accounts.models import User
from hoptac.plans.importing import checksum_of, national_alliance
from hoptac.plans.models import ImportBatch, Upload
from hoptac.plans.selectors import can_import
from hoptac.plans.tasks import import_upload


@transaction.atomic
def import_batch_start(*, files: Sequence[tuple[str, bytes]], by: User) -> ImportBatch:
    """Queue many files for the worker, which reads and saves each on its own (see upload_import)."""
    if not can_import(by):
        raise PermissionDenied
    organisation = by.acts_for or national_alliance()
    batch = ImportBatch.objects.create(organisation=organisation, created_by=by)
    for name, data in files:
        upload = Upload(
            batch=batch,
            organisation=organisation,
            created_by=by,
            name=name,
            checksum=checksum_of(data),
            state=Upload.State.QUEUED,
        )
        upload.file.save(name, ContentFile(data), save=False)
        upload.save()
        # After commit: the worker must find the row, and a rollback must leave nothing queued.
        transaction.on_commit(partial(import_upload.enqueue, upload_id=upload.pk))
    return batch
