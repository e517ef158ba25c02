from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from hoptac.documents import DocumentError, parse_bytes
from hoptac.home import views

pytestmark = pytest.mark.django_db

SEED = Path(__file__).parents[2] / "documents" / "tests" / "fixtures" / "seeds" / "000_0e5e096b7a25b8e8.txt"
SEED_TITLE = "Tổ chức các hoạt động kỷ niệm 30 năm ngày thành lập Liên minh Hợp tác xã Việt Nam"
# A zip signature followed by nothing a Word file holds.
CORRUPT_DOCX = b"PK\x03\x04" + b"\x00" * 64
HTMX = {"HX-Request": "true"}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_home_is_in_vietnamese_by_default(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("home:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "hoptac là hệ thống lập và theo dõi kế hoạch" in html
    assert "Tệp văn bản" in html
    assert "Dán nội dung văn bản" in html
    assert "Đọc văn bản" in html
    assert 'accept=".docx,.doc,.odt,.rtf,.pdf,.html,.htm,.txt"' in html
    assert "Chuyển đến nội dung chính" in html


def test_home_is_in_english_after_switching(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("home:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Document file" in html
    assert "Read the document" in html
    assert "Đọc văn bản" not in html


def test_uploaded_text_plan_is_read(client):
    response = client.post(reverse("home:home"), {"file": upload("kh-14.txt", SEED.read_bytes())})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert "Kết quả đọc" in html
    assert "14/KH-LMHTX" in html
    assert SEED_TITLE in html
    for label in (
        "Số, ký hiệu",
        "Căn cứ",
        "Hoạt động",
        "Thời gian",
        "Đơn vị chủ trì",
        "Nơi nhận",
        "Người ký",
    ):
        assert label in html
    assert "Dữ liệu JSON gốc" in html


def test_pasted_text_is_read(client):
    text = SEED.read_text(encoding="utf-8")
    response = client.post(reverse("home:home"), {"text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "14/KH-LMHTX" in html
    assert SEED_TITLE in html


def test_htmx_request_gets_only_the_result_partial(client):
    response = client.post(reverse("home:home"), {"text": SEED.read_text(encoding="utf-8")}, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.strip().startswith('<div id="reading-result"')
    assert "Kết quả đọc" in html
    assert "14/KH-LMHTX" in html


def test_corrupt_docx_is_refused_with_the_engine_reason(client):
    with pytest.raises(DocumentError) as refused:
        parse_bytes(CORRUPT_DOCX, name="hong.docx")
    response = client.post(reverse("home:home"), {"file": upload("hong.docx", CORRUPT_DOCX)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không đọc được tệp hong.docx: tệp bị hỏng hoặc không đúng định dạng như tên tệp." in html
    assert "Chi tiết: hong.docx " + escape(str(refused.value)) in html
    assert "Traceback" not in html
    assert "Kết quả đọc" not in html


def test_corrupt_docx_message_reaches_an_htmx_request(client):
    response = client.post(reverse("home:home"), {"file": upload("hong.docx", CORRUPT_DOCX)}, headers=HTMX)
    assert response.status_code == 400
    html = response.content.decode()
    assert "<html" not in html
    assert "Không đọc được tệp " in html


def test_file_over_20_mb_is_refused(client):
    too_big = upload("lon.txt", b"a" * (20 * 1024 * 1024 + 1))
    response = client.post(reverse("home:home"), {"file": too_big})
    assert response.status_code == 400
    html = response.content.decode()
    assert "vượt quá giới hạn 20 MB" in html
    assert "lon.txt" in html


def test_file_at_the_limit_is_read_and_one_byte_more_is_not(client, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    content = b"Ke hoach\n" * 455 + b"1"
    assert len(content) == 4096
    assert client.post(reverse("home:home"), {"file": upload("kh.txt", content)}).status_code == 200
    response = client.post(reverse("home:home"), {"file": upload("kh.txt", content + b" ")})
    assert response.status_code == 400
    assert "vượt quá giới hạn" in response.content.decode()
    # The cap kept none of it: what reached the form is a bare UploadedFile, not Django's in-memory one.
    refused = response.wsgi_request.FILES["file"]
    assert (type(refused), refused.size) == (UploadedFile, 4097)


def test_paste_over_the_request_limit_gets_a_vietnamese_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post(reverse("home:home"), {"text": "Kế hoạch " * 200})
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()


def test_empty_submit_asks_for_a_file_or_text(client):
    response = client.post(reverse("home:home"), {"text": "   "})
    assert response.status_code == 400
    assert "Hãy chọn một tệp hoặc dán nội dung văn bản." in response.content.decode()


def test_file_and_text_together_are_refused(client):
    response = client.post(
        reverse("home:home"), {"file": upload("kh.txt", SEED.read_bytes()), "text": "Số: 1/KH"}
    )
    assert response.status_code == 400
    assert "không dùng cả hai cùng lúc" in response.content.decode()


def test_file_of_another_kind_is_refused(client):
    response = client.post(reverse("home:home"), {"file": upload("anh.png", b"\x89PNG\r\n\x1a\n")})
    assert response.status_code == 400
    assert (
        "Hãy tải lên tệp .docx, .doc, .odt, .rtf, .pdf, .html, .htm hoặc .txt." in response.content.decode()
    )


def test_missing_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html


def test_engine_failure_is_a_vietnamese_500_without_a_traceback(monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("engine bug")

    monkeypatch.setattr(views, "document_read", crash)
    response = Client(raise_request_exception=False).post(reverse("home:home"), {"text": "Số: 1/KH"})
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Lỗi máy chủ" in html
    assert "engine bug" not in html
    assert "Traceback" not in html


def test_form_without_its_csrf_token_gets_a_vietnamese_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("home:home"), {"text": "Số: 14/KH-LMHTX"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert "Hãy tải lại trang và gửi lại biểu mẫu." in html


def test_a_scan_is_not_read_by_ocr_on_the_open_page(client, monkeypatch):
    # OCR costs seconds a page: on a page anyone may open it would tie up the web workers.
    scan = Path(__file__).parents[2] / "documents" / "tests" / "fixtures" / "files" / "raw-28-page1.pdf"
    ran = []
    monkeypatch.setattr("hoptac.documents.read.pdf.read_pages", lambda *a, **k: ran.append(1))
    upload = SimpleUploadedFile("quyet-dinh.pdf", scan.read_bytes(), content_type="application/pdf")
    response = client.post(reverse("home:home"), {"file": upload})
    assert response.status_code == 400
    assert escape("“quyet-dinh.pdf” là bản quét cần nhận dạng chữ (OCR)") in response.content.decode()
    assert ran == []


def test_the_kind_of_a_letter_is_named_in_vietnamese(client):
    letter = Path(__file__).parents[2] / "documents" / "tests" / "fixtures" / "raw" / "raw-04.docx"
    upload = SimpleUploadedFile("cong-van.docx", letter.read_bytes())
    response = client.post(reverse("home:home"), {"file": upload})
    assert response.status_code == 200
    assert "Công văn" in response.content.decode()
