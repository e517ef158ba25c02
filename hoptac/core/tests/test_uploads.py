import io
import zipfile

import pytest
from django.utils import translation

from hoptac.core.uploads import content_kind, content_mismatch

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 20


def package(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (HTML, "html"),
        (PDF, "pdf"),
        (PNG, "png"),
        (JPEG, "jpeg"),
        (package("word/document.xml"), "docx"),
        (package("xl/workbook.xml"), "xlsx"),
        (package("other.txt"), "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "ole"),
        ("Kế hoạch số 14".encode(), "text"),
        (b"MZ\x90\x00rest", "archive"),
    ],
)
def test_content_kind_reads_the_bytes(data, kind):
    assert content_kind(data) == kind


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bao-cao.pdf", PDF),
        ("BAO CAO.PDF", PDF),
        ("anh.jpg", JPEG),
        ("anh.png", PNG),
        ("bien-ban.docx", package("word/document.xml")),
        ("so-lieu.xlsx", package("xl/workbook.xml")),
        ("cu.doc", b"{\\rtf1 ..."),  # Word saves RTF under .doc
        ("ghi-chu.txt", "Ghi chú".encode()),
        ("khong-ro.xyz", HTML),  # no opinion on names it does not know: their lists refuse them
    ],
)
def test_a_file_that_is_what_its_name_says_passes(name, data):
    assert content_mismatch(name, data) is None


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("bao-cao.pdf", HTML, "trang web (HTML)"),
        ("ghi-chu.txt", HTML, "trang web (HTML)"),
        ("anh.jpg", PNG, "ảnh PNG"),
        ("anh.png", HTML, "trang web (HTML)"),
        ("bien-ban.docx", package("xl/workbook.xml"), "sổ tính Excel (.xlsx)"),
        ("so-lieu.xlsx", b"a,b\n1,2\n", "văn bản thuần"),
        ("cu.doc", HTML, "trang web (HTML)"),
        ("chuong-trinh.pdf", b"MZ\x90\x00rest", "tệp nén hoặc chương trình"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_refused_in_vietnamese(name, data, found):
    with translation.override("vi"):
        message = content_mismatch(name, data)
    assert message.startswith(f"“{name}” không thật sự là tệp")
    assert found in message
