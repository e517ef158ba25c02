import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from hoptac.plans.models import ImportBatch, Plan, Upload
from hoptac.plans.services.batches import import_batch_start
from hoptac.plans.services.queue import batch_save_sure
from hoptac.plans.tasks import import_upload
from hoptac.plans.tests.conftest import SEED_000
from hoptac.plans.tests.test_importing import SEEDS, seed_bytes

SEED_002 = "002_06325638f0b0109d.txt"

pytestmark = pytest.mark.django_db


def test_a_batch_reads_into_the_review_queue_and_saves_nothing_unseen(
    world, django_capture_on_commit_callbacks
):
    staff = world["users"]["other_staff"]  # An Giang's, whose plan seed 002 is
    files = [
        (SEED_002, seed_bytes(SEED_002)),
        (SEED_000, seed_bytes()),  # Bắc Ninh's plan, with an anniversary that does not add up
        ("hong.docx", b"PK\x03\x04 not a zip"),
        ("lan-hai.txt", seed_bytes(SEED_002)),  # the same document again
        ("rong.txt", b""),
        ("anh.txt", "ảnh chụp màn hình, không có chữ nào của văn bản".encode()),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_start(files=files, by=staff)
    uploads = {u.name: u for u in batch.uploads.all()}
    assert uploads[SEED_002].state == Upload.State.READ
    assert uploads[SEED_002].is_sure  # issuer, number, date, title, six activities, no warning
    assert uploads[SEED_000].state == Upload.State.READ
    assert not uploads[SEED_000].is_sure  # opened and checked on its own
    assert uploads["hong.docx"].state == Upload.State.FAILED
    assert "hong.docx" in uploads["hong.docx"].error
    assert uploads["rong.txt"].state == Upload.State.FAILED
    assert uploads["anh.txt"].state == Upload.State.FAILED
    assert "không tìm thấy trích yếu, số hiệu" in uploads["anh.txt"].error
    assert Plan.objects.count() == 0
    plans = batch_save_sure(batch=batch, by=staff)
    assert [(p.number, p.issuer, p.held_by) for p in plans] == [
        ("04/KH-LMHTX", world["other"], world["other"])
    ]
    uploads = {u.name: u for u in batch.uploads.all()}
    assert uploads[SEED_002].state == Upload.State.SAVED
    assert uploads[SEED_000].state == Upload.State.READ
    assert uploads["lan-hai.txt"].state == Upload.State.FAILED  # the same document: refused, not doubled
    assert "04/KH-LMHTX" in uploads["lan-hai.txt"].error
    assert Plan.objects.count() == 1


def test_a_news_article_waits_to_be_checked_and_is_never_saved_by_the_queue(
    world, django_capture_on_commit_callbacks
):
    name = "004_0771b7f303093da8.txt"  # a news item about a plan, not a plan of ours
    data = (SEEDS / name).read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_start(files=[(name, data)], by=world["users"]["staff"])
    upload = batch.uploads.get()
    assert (upload.state, upload.is_sure) == (Upload.State.READ, False)
    assert batch_save_sure(batch=batch, by=world["users"]["staff"]) == []
    assert Plan.objects.count() == 0


def test_running_an_upload_twice_reads_it_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        batch = import_batch_start(files=[(SEED_002, seed_bytes(SEED_002))], by=world["users"]["other_staff"])
    upload = batch.uploads.get()
    read_at = upload.read_started_at
    import_upload.call(upload_id=upload.pk)
    upload.refresh_from_db()
    assert (upload.state, upload.read_started_at) == (Upload.State.READ, read_at)
    assert Plan.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_reads_a_queued_batch_into_the_queue(world):
    """As `make demo` runs it: the batch is queued in the database and `db_worker` picks it up."""
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database_queue):  # django_tasks rebuilds its backends on the signal
        batch = import_batch_start(files=[(SEED_002, seed_bytes(SEED_002))], by=world["users"]["other_staff"])
        assert batch.uploads.get().state == Upload.State.QUEUED
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    upload = batch.uploads.get()
    assert (upload.state, upload.is_sure, upload.reading["number"]) == (
        Upload.State.READ,
        True,
        "04/KH-LMHTX",
    )
    assert Plan.objects.count() == 0


def test_a_batch_through_the_pages(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["users"]["other_staff"])
    files = [
        SimpleUploadedFile(SEED_002, seed_bytes(SEED_002)),
        SimpleUploadedFile(SEED_000, seed_bytes()),
        SimpleUploadedFile("hong.docx", b"PK\x03\x04 no"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("plans:batch-start"), {"files": files})
    assert started.status_code == 302
    page = client.get(started["Location"]).content.decode()
    assert "0 đã lưu, 1 sẵn sàng lưu, 1 cần kiểm tra, 1 bị từ chối, 0 đang chờ." in page
    assert "Không đọc được tệp hong.docx" in page
    assert 'hx-trigger="every 2s"' not in page  # done: the page stops asking
    assert "Lưu 1 văn bản đọc được chắc chắn" in page
    batch = ImportBatch.objects.get()
    saved = client.post(reverse("plans:batch-save", args=[batch.pk]), follow=True)
    assert "Đã lưu 1 văn bản." in saved.content.decode()
    assert Plan.objects.get().number == "04/KH-LMHTX"
    # Another user's batch is not theirs to save.
    client.force_login(world["users"]["staff"])
    assert client.post(reverse("plans:batch-save", args=[batch.pk])).status_code == 404


def test_a_batch_without_files_says_so(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("plans:batch-start"), {})
    assert response.status_code == 400
    assert Upload.objects.count() == 0


def test_the_worker_writes_a_refusal_in_the_language_of_the_request_that_queued_it(
    world, django_capture_on_commit_callbacks
):
    with translation.override("vi"), django_capture_on_commit_callbacks(execute=False) as queued:
        batch = import_batch_start(files=[("hong.docx", b"PK\x03\x04 no")], by=world["users"]["staff"])
    with translation.override("en"):  # the worker's own language is not the officer's
        for run in queued:
            run()
    assert batch.uploads.get().error.startswith("Không đọc được tệp hong.docx")
