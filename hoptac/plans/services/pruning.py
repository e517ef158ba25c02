"""Uploads read but never confirmed are not kept: after UNCONFIRMED_KEPT, an upload that did not become a
plan (waiting to be read, waiting for review, or refused) is deleted with its stored file, and so is an
import batch left with no upload. Run daily by the worker (tasks.prune_unconfirmed_uploads) and by
`manage.py prune_uploads` for cron."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from hoptac.plans.models import ImportBatch, Plan, Upload

logger = logging.getLogger(__name__)

UNCONFIRMED_KEPT = timedelta(days=7)


@dataclass(frozen=True)
class PruneSummary:
    uploads: int
    files: int
    batches: int


def uploads_prune(*, now: datetime | None = None) -> PruneSummary:
    """Delete the unconfirmed uploads created before `now` - UNCONFIRMED_KEPT, their files (once the
    deletion is committed) and the batches they leave empty. Safe to run twice or at the same time."""
    cutoff = (now or timezone.now()) - UNCONFIRMED_KEPT
    with transaction.atomic():
        stale = Upload.objects.filter(created_at__lt=cutoff).exclude(state=Upload.State.SAVED)
        names = {name for name in stale.values_list("file", flat=True) if name}
        # A plan's original is the file its upload stored (importing.py): never delete one a plan keeps.
        names -= set(Plan.objects.filter(source_file__in=names).values_list("source_file", flat=True))
        uploads = stale.delete()[1].get(Upload._meta.label, 0)
        batches = ImportBatch.objects.filter(created_at__lt=cutoff, uploads__isnull=True).delete()[0]
        transaction.on_commit(lambda: _delete_files(sorted(names)))
    return PruneSummary(uploads=uploads, files=len(names), batches=batches)


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:  # already gone, or the disk refuses: the row is gone, the next run cannot retry
            logger.warning("Could not delete the pruned upload file %s", name, exc_info=True)
