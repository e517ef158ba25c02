from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from hoptac.plans.models import Upload
from hoptac.plans.services.pruning import uploads_prune
from hoptac.plans.services.queue import upload_read_queued

PRUNE_EVERY = timedelta(days=1)


@task()  # django_tasks (the backport) on Django 5.2; django.tasks from 6.0
def import_upload(*, upload_id: int) -> None:
    """Read one uploaded file of an import batch into the review queue. Safe to run twice."""
    _read(Upload.objects.filter(pk=upload_id).first())


@task()
def read_upload(*, upload_id: int) -> None:
    """Read one uploaded file for its review page (a file that OCR reads). Safe to run twice."""
    _read(Upload.objects.filter(pk=upload_id).first())


@task()
def prune_unconfirmed_uploads() -> dict:
    """Delete uploads never confirmed within a week (pruning.py), then make sure tomorrow's run is
    waiting: `run_worker` starts the chain, and only one deferred run is ever pending."""
    try:
        summary = uploads_prune()
    finally:
        _prune_again_tomorrow()
    return asdict(summary)


def _prune_again_tomorrow() -> None:
    backend = prune_unconfirmed_uploads.get_backend()
    if not backend.supports_defer:
        return  # the tests' immediate backend: nothing runs later
    waiting = DBTaskResult.objects.filter(
        task_path=prune_unconfirmed_uploads.module_path, status=TaskResultStatus.READY
    )
    if not waiting.exists():
        prune_unconfirmed_uploads.using(run_after=timezone.now() + PRUNE_EVERY).enqueue()


def _read(upload: Upload | None) -> None:
    """Read `upload` in the language of the request that queued it: a refusal is stored as text."""
    if upload is not None:
        with translation.override(upload.language or settings.LANGUAGE_CODE):
            upload_read_queued(upload=upload)
