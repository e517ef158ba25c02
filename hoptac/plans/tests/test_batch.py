import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from hoptac.plans.batches import import_batch_start
from hoptac.plans.models import Plan, Upload
from hoptac.plans.tasks import import_upload
from hoptac.plans.tests.conftest import SEED_000
from hoptac.plans.tests.test_importing import seed_bytes

pytestmark = pytest.mark.django_db


def test_a_batch_saves_the_good_files_and_reports_the_others(world, django_capture_on_commit_callbacks):
    staff = world["users"]["staff"]
    files = [
        (SEED_000, seed_bytes()),
        ("hong.docx", b"PK\x03\x04 not a zip"),
        ("lan-hai.txt", seed_bytes()),  # the same document again
        ("rong.txt", b""),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_start(files=files, by=staff)
    uploads = {u.name: u for u in batch.uploads.all()}
    assert uploads[SEED_000].state == Upload.State.SAVED
    assert uploads[SEED_000].plan.number == "14/KH-LMHTX"
    assert uploads["hong.docx"].state == Upload.State.FAILED
    assert "hong.docx" in uploads["hong.docx"].error
    assert uploads["lan-hai.txt"].state == Upload.State.FAILED
    assert "14/KH-LMHTX" in uploads["lan-hai.txt"].error
    assert uploads["rong.txt"].state == Upload.State.FAILED
    assert Plan.objects.count() == 1


def test_running_an_upload_twice_saves_it_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_start(files=[(SEED_000, seed_bytes())], by=world["users"]["staff"])
    upload = batch.uploads.get()
    import_upload.call(upload_id=upload.pk)
    assert Plan.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_imports_a_queued_batch(world):
    """As `make demo` runs it: the batch is queued in the database and `db_worker` picks it up."""
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database_queue):  # django_tasks rebuilds its backends on the signal
        batch = import_batch_start(files=[(SEED_000, seed_bytes())], by=world["users"]["staff"])
        assert batch.uploads.get().state == Upload.State.QUEUED
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert batch.uploads.get().state == Upload.State.SAVED
    assert Plan.objects.get().number == "14/KH-LMHTX"


def test_a_batch_through_the_pages(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["users"]["staff"])
    files = [SimpleUploadedFile(SEED_000, seed_bytes()), SimpleUploadedFile("hong.docx", b"PK\x03\x04 no")]
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("plans:batch-start"), {"files": files})
    assert started.status_code == 302
    page = client.get(started["Location"]).content.decode()
    assert "1 đã lưu, 1 không nhập được, 0 đang chờ." in page
    assert "Không đọc được tệp hong.docx" in page
    assert 'hx-trigger="every 2s"' not in page  # done: the page stops asking


def test_a_batch_without_files_says_so(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("plans:batch-start"), {})
    assert response.status_code == 400
    assert Upload.objects.count() == 0
