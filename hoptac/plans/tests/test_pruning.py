"""Uploads read but never confirmed are deleted after a week, with their files and emptied batches; the
worker runs it daily, and `manage.py prune_uploads` does it for cron."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hoptac.plans.models import ImportBatch, Upload
from hoptac.plans.services.pruning import uploads_prune
from hoptac.plans.tasks import prune_unconfirmed_uploads
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def make_upload(world, *, state, age_days, batch=None, plan=None) -> Upload:
    staff = world["users"]["staff"]
    upload = Upload(
        organisation=world["ours"],
        created_by=staff,
        name="ke-hoach.txt",
        checksum="0" * 64,
        state=state,
        batch=batch,
        plan=plan,
    )
    upload.file.save("ke-hoach.txt", ContentFile(b"KE HOACH"), save=False)
    upload.save()
    Upload.objects.filter(pk=upload.pk).update(created_at=timezone.now() - timedelta(days=age_days))
    return upload


def test_unconfirmed_uploads_older_than_a_week_go_with_their_files(world, django_capture_on_commit_callbacks):
    staff = world["users"]["staff"]
    old_batch = ImportBatch.objects.create(organisation=world["ours"], created_by=staff)
    ImportBatch.objects.filter(pk=old_batch.pk).update(created_at=timezone.now() - timedelta(days=9))
    stale = [
        make_upload(world, state=Upload.State.READ, age_days=8),
        make_upload(world, state=Upload.State.QUEUED, age_days=30, batch=old_batch),
        make_upload(world, state=Upload.State.FAILED, age_days=8, batch=old_batch),
    ]
    fresh = make_upload(world, state=Upload.State.READ, age_days=6)
    plan = make_plan(issuer=world["ours"])
    saved = make_upload(world, state=Upload.State.SAVED, age_days=60, plan=plan)
    names = [u.file.name for u in stale]
    assert all(default_storage.exists(n) for n in names)

    with django_capture_on_commit_callbacks(execute=True):
        summary = uploads_prune()

    assert (summary.uploads, summary.files, summary.batches) == (3, 3, 1)
    assert set(Upload.objects.values_list("pk", flat=True)) == {fresh.pk, saved.pk}
    assert not any(default_storage.exists(n) for n in names)
    assert default_storage.exists(fresh.file.name)
    assert default_storage.exists(saved.file.name)
    assert not ImportBatch.objects.filter(pk=old_batch.pk).exists()


def test_a_file_a_plan_keeps_as_its_original_is_not_deleted(world, django_capture_on_commit_callbacks):
    upload = make_upload(world, state=Upload.State.FAILED, age_days=8)
    plan = make_plan(issuer=world["ours"])
    plan.source_file.name = upload.file.name
    plan.save(update_fields=["source_file"])
    with django_capture_on_commit_callbacks(execute=True):
        assert uploads_prune().files == 0
    assert default_storage.exists(upload.file.name)


def test_the_command_prunes_for_cron(world, django_capture_on_commit_callbacks, capsys):
    make_upload(world, state=Upload.State.READ, age_days=8)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_uploads")
    assert Upload.objects.count() == 0
    assert "1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_worker_prunes_and_keeps_one_run_waiting_for_tomorrow(world):
    make_upload(world, state=Upload.State.READ, age_days=8)
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database_queue):
        prune_unconfirmed_uploads.enqueue()
        prune_unconfirmed_uploads.enqueue()  # a second worker start: still one run waits
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert Upload.objects.count() == 0
    waiting = DBTaskResult.objects.filter(task_path=prune_unconfirmed_uploads.module_path, status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now() + timedelta(hours=23)
