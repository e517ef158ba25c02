"""Importing what the engine's new readers give: every kind of document, people in task tables, old Word,
OpenDocument and RTF files through LibreOffice, and scans read by OCR in the background.

Real files from the engine's fixtures. LibreOffice and OCR are the real programs `make readers`
installs; the tests that need them skip where they are missing. OCR costs about 2 s a page.
"""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from hoptac.documents.read.ocr import ocr_available
from hoptac.documents.read.office import soffice_path
from hoptac.plans.models import DocumentKind, PlanKind, Upload
from hoptac.plans.services.batches import upload_start
from hoptac.plans.services.importing import import_review, sure_decisions, upload_confirm, upload_read
from hoptac.plans.tasks import read_upload
from hoptac.plans.tests.test_importing import seed_bytes

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parents[2] / "documents" / "tests" / "fixtures"
RAW = FIXTURES / "raw"
REAL = FIXTURES / "real"
needs_ocr = pytest.mark.skipif(
    not ocr_available(),
    reason="pdftoppm or Tesseract with its Vietnamese data is not installed: `make readers`",
)
needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) is not installed: `make readers` installs it"
)


def post_file(client, path: Path, *, name: str | None = None):
    file = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post(reverse("plans:import"), {"file": file})


def confirm(upload: Upload, user):
    review = import_review(upload=upload)
    issuer = review.issuer.organisation or upload.organisation
    return upload_confirm(upload=upload, issuer=issuer, decisions=sure_decisions(review), by=user)


def blank_pdf(pages: int = 1) -> bytes:
    """A PDF of blank pages: no text layer, so OCR reads it, and finds nothing."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# 1. The document's kind


def test_a_report_is_kept_as_another_document_and_its_kind_shows_on_the_review(client, world):
    client.force_login(world["users"]["staff"])
    response = post_file(client, RAW / "raw-02.docx")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<dt>Loại văn bản</dt><dd>Báo cáo</dd>" in page
    plan = confirm(Upload.objects.get(), world["users"]["staff"])
    assert (plan.kind, plan.document_kind) == (PlanKind.OTHER, DocumentKind.REPORT)
    assert "văn bản khác (Báo cáo)" in client.get(plan.get_absolute_url()).content.decode()


def test_a_programme_is_imported_as_a_plan(world):
    staff = world["users"]["staff"]
    text = (FIXTURES / "found" / "found-02.txt").read_text(encoding="utf-8")
    plan = confirm(upload_read(by=staff, text=text), staff)
    assert (plan.kind, plan.document_kind) == (PlanKind.PLAN, DocumentKind.PROGRAMME)


def test_a_plan_shows_its_kind_once(client, world):
    staff = world["users"]["staff"]
    plan = confirm(upload_read(by=staff, data=seed_bytes(), name="ke-hoach.txt"), staff)
    assert (plan.kind, plan.document_kind) == (PlanKind.PLAN, DocumentKind.PLAN)
    client.force_login(staff)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "<dt>Loại văn bản</dt><dd>kế hoạch</dd>" in page


# 2. People named in a task table


def test_people_show_beside_their_activity_and_stay_in_its_content(client, world):
    client.force_login(world["users"]["staff"])
    response = post_file(client, REAL / "real-15.docx")
    page = client.get(response["Location"]).content.decode()
    assert "Người thực hiện: Đỗ Mạnh Cường, Vũ Việt Linh, Nguyễn Thị thúy Nhung" in page
    plan = confirm(Upload.objects.get(), world["users"]["staff"])
    first = plan.activities.get(position=0)
    assert first.title == "Rà soát việc đáp ứng các điều kiện của học viên"
    assert (
        first.content.splitlines()[-1]
        == "Người thực hiện: Đỗ Mạnh Cường, Vũ Việt Linh, Nguyễn Thị thúy Nhung"
    )
    assert not first.assignments.exists()  # people are not units
    assert "Người thực hiện: Đỗ Mạnh Cường" in client.get(plan.get_absolute_url()).content.decode()


# 3. Old Word, OpenDocument and RTF files; the converters' errors in Vietnamese


@needs_libreoffice
def test_an_old_word_letter_is_read_through_the_upload_page(client, world):
    client.force_login(world["users"]["staff"])
    response = post_file(client, RAW / "raw-18.doc")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<dt>Loại văn bản</dt><dd>Công văn</dd>" in page
    assert "/SCT-CN" in page
    assert "Thẩm định thiết kế bản vẽ thi công điều chỉnh" in page


@pytest.mark.parametrize("name", ["ke-hoach.doc", "ke-hoach.odt", "ke-hoach.rtf"])
def test_the_form_takes_word_processing_files(client, world, name):
    client.force_login(world["users"]["staff"])
    picture = b"\x89PNG\r\n\x1a\n" + bytes(200)  # the form lets it through: the engine refuses it
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, picture)})
    page = response.content.decode()
    assert "Hệ thống không đọc được loại tệp" not in page
    assert f"Không đọc được tệp {name}: không đọc được loại tệp này" in page


def fake_soffice(tmp_path: Path, body: str) -> Path:
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{body}\n")
    program.chmod(0o755)
    return program


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        ("missing", "máy chủ chưa cài chương trình đọc loại tệp này"),
        ("writes nothing", "chương trình chuyển đổi (LibreOffice, hoặc OCR với bản quét) không đọc được tệp"),
        ("hangs", "việc đọc tệp quá lâu nên đã bị dừng"),
    ],
)
def test_converter_errors_get_their_own_vietnamese_message(
    client, world, monkeypatch, tmp_path, setup, problem
):
    if setup == "missing":
        monkeypatch.setenv("PATH", str(tmp_path))
        monkeypatch.delenv("HOPTAC_SOFFICE", raising=False)
    elif setup == "writes nothing":
        monkeypatch.setenv("HOPTAC_SOFFICE", str(fake_soffice(tmp_path, "exit 0")))
    else:
        monkeypatch.setenv("HOPTAC_SOFFICE", str(fake_soffice(tmp_path, "sleep 30")))
        monkeypatch.setenv("HOPTAC_SOFFICE_TIMEOUT_S", "1")
    client.force_login(world["users"]["staff"])
    response = post_file(client, RAW / "raw-18.doc", name="cong-van.doc")
    assert response.status_code == 400
    page = response.content.decode()
    assert f"Không đọc được tệp cong-van.doc: {problem}" in page
    assert "tệp bị hỏng" not in page
    assert not Upload.objects.exists()


# 4. Scans read by OCR in the background, with progress; the review's OCR notice


@needs_ocr
def test_a_garbled_pdf_is_read_in_the_background_then_reviewed_with_an_ocr_notice(client, world):
    client.force_login(world["users"]["staff"])
    response = post_file(client, RAW / "raw-21.pdf")  # on_commit is not run: the worker has not begun
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert (upload.state, upload.ocr_pages, upload.reading) == (Upload.State.QUEUED, 2, None)
    url = response["Location"]
    assert url == reverse("plans:review", args=[upload.pk])

    waiting = client.get(url).content.decode()
    assert "Đang chờ đến lượt đọc ở chế độ nền…" in waiting
    assert 'hx-trigger="every 2s"' in waiting
    Upload.objects.filter(pk=upload.pk).update(read_started_at=timezone.now() - timedelta(seconds=3))
    poll = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in poll.content.decode()
    assert "Đang nhận dạng chữ (OCR)…" in poll.content.decode()
    assert "Đã đọc khoảng 1 trên 2 trang." in poll.content.decode()

    read_upload.call(upload_id=upload.pk)

    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"  # the poll moves the whole page on to the review
    page = client.get(url).content.decode()
    assert "Kiểm tra kết quả đọc" in page
    assert "1894/TB-SCT" in page
    assert "<dt>Loại văn bản</dt><dd>Thông báo</dd>" in page
    notice = re.search(r"Nội dung được nhận dạng từ bản quét \(OCR\), độ tin cậy trung bình (\d+)%", page)
    assert notice is not None
    assert int(notice[1]) >= 80
    assert "hãy kiểm tra số, ngày và tên đơn vị" in page
    assert "Chữ của 2 trang được nhận dạng bằng OCR" in page


@needs_ocr
def test_a_scan_ocr_finds_nothing_on_is_refused_beside_the_upload_form(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("trang.pdf", blank_pdf())})
    upload = Upload.objects.get()
    read_upload.call(upload_id=upload.pk)
    upload.refresh_from_db()
    assert upload.state == Upload.State.FAILED
    page = client.get(response["Location"]).content.decode()
    assert "Không đọc được tệp trang.pdf: tệp không có nội dung chữ" in page
    assert 'action="/plans/import/"' in page  # the form to try another file


@needs_ocr
def test_reading_a_queued_upload_twice_reads_it_once(world, django_capture_on_commit_callbacks):
    staff = world["users"]["staff"]
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend reads it at once
        upload = upload_start(by=staff, data=blank_pdf(), name="trang.pdf")
    upload.refresh_from_db()
    assert upload.state == Upload.State.FAILED
    Upload.objects.filter(pk=upload.pk).update(error="đọc lần đầu")
    read_upload.call(upload_id=upload.pk)
    upload.refresh_from_db()
    assert (upload.state, upload.error) == (Upload.State.FAILED, "đọc lần đầu")


def test_a_pdf_with_a_text_layer_is_read_in_the_request(world):
    staff = world["users"]["staff"]
    upload = upload_start(by=staff, data=(RAW / "raw-19.pdf").read_bytes(), name="raw-19.pdf")
    assert (upload.state, upload.ocr_pages) == (Upload.State.READ, 0)


def test_without_ocr_a_scan_is_refused_in_the_request(client, world, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("quet.pdf", blank_pdf())})
    assert response.status_code == 400
    assert "Không đọc được tệp quet.pdf: tệp không có nội dung chữ" in response.content.decode()
    assert not Upload.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_reads_a_queued_single_file(world):
    """As `make demo` runs it: the upload waits in the database queue until `db_worker` reads it."""
    staff = world["users"]["staff"]
    upload = Upload.objects.create(
        organisation=world["ours"], created_by=staff, name="ke-hoach.txt", checksum="x", ocr_pages=1
    )
    upload.file.save("ke-hoach.txt", io.BytesIO(seed_bytes()))
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database_queue):
        read_upload.enqueue(upload_id=upload.pk)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    upload.refresh_from_db()
    assert upload.state == Upload.State.READ
    assert upload.reading["number"] == "14/KH-LMHTX"
    assert upload.read_started_at is not None


def test_the_waiting_page_says_when_the_worker_has_not_begun(client, world, django_assert_max_num_queries):
    staff = world["users"]["staff"]
    upload = Upload.objects.create(
        organisation=world["ours"], created_by=staff, name="quet.pdf", checksum="x", ocr_pages=12
    )
    Upload.objects.filter(pk=upload.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    client.force_login(staff)
    with django_assert_max_num_queries(4):
        page = client.get(reverse("plans:review", args=[upload.pk]), headers={"HX-Request": "true"})
    assert "Bộ đọc chạy nền chưa bắt đầu đọc tệp này" in page.content.decode()
    assert "OCR nhận dạng chữ trên ảnh của 12 trang" in page.content.decode()


def test_another_users_upload_is_a_404(client, world):
    upload = Upload.objects.create(
        organisation=world["ours"], created_by=world["users"]["staff"], name="quet.pdf", checksum="x"
    )
    client.force_login(world["users"]["alliance_admin"])
    assert client.get(reverse("plans:review", args=[upload.pk])).status_code == 404


def test_the_kind_people_and_ocr_notice_cost_the_review_no_query(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["users"]["staff"])
    url = post_file(client, REAL / "real-15.docx")["Location"]
    with django_assert_max_num_queries(16) as plain:  # the session read from the database included
        client.get(url)
    upload = Upload.objects.get()
    upload.reading["kind"] = "notice"
    upload.reading["warnings"] = [
        *upload.reading["warnings"],
        "text read by OCR from 3 page(s), mean confidence 87%",
    ]
    upload.save(update_fields=["reading"])
    with django_assert_max_num_queries(len(plain)):
        page = client.get(url).content.decode()
    assert "độ tin cậy trung bình 87%" in page
    assert "<dt>Loại văn bản</dt><dd>Thông báo</dd>" in page
