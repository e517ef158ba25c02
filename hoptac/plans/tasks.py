from django_tasks import task

from hoptac.plans.importing import upload_import, upload_read_queued
from hoptac.plans.models import Upload


@task()  # django_tasks (the backport) on Django 5.2; django.tasks from 6.0
def import_upload(*, upload_id: int) -> None:
    """Read one uploaded file of an import batch into a plan. Safe to run twice."""
    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is not None:
        upload_import(upload=upload)


@task()
def read_upload(*, upload_id: int) -> None:
    """Read one uploaded file for its review page (a file that OCR reads). Safe to run twice."""
    upload = Upload.objects.filter(pk=upload_id).first()
    if upload is not None:
        upload_read_queued(upload=upload)
