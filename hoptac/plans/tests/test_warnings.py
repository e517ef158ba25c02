import pytest
from django.utils import translation

from hoptac.documents import parse_text
from hoptac.documents.parse import document
from hoptac.documents.read import docx, html, legacy, ocr, pdf
from hoptac.documents.read.limits import MAX_PDF_PAGES
from hoptac.plans.tests.test_importing import seed_bytes
from hoptac.plans.warnings import warning_text


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_the_seeds_anniversary_warning_reads_in_vietnamese():
    # Seed 000 counts "77 năm ngày HTX Việt Nam (11/4/1946 – 14/4/2023)": the engine flags it.
    reading = parse_text(seed_bytes().decode("utf-8-sig"))
    shown = [warning_text(w) for w in reading.warnings]
    assert "Kỷ niệm “77 năm ngày HTX Việt Nam” không khớp với mốc thời gian 11/04/1946 – 14/04/2023." in shown


@pytest.mark.parametrize(
    ("warning", "shown"),
    [
        ("no date found", "Không tìm thấy ngày ban hành."),
        (
            "number /KH-SCT has no sequence: an unregistered draft?",
            "Số /KH-SCT chưa có số thứ tự: có thể là dự thảo chưa đăng ký?",
        ),
        (
            "time '31/02/2024': 31/02/2024 is not a date",
            "Thời gian “31/02/2024”: 31/02/2024 không phải là ngày có thật",
        ),
        (
            "time '16/01/2023 (thứ ba)': 16/01/2023 is a thứ hai, not a thứ ba",
            "Thời gian “16/01/2023 (thứ ba)”: 16/01/2023 là thứ hai, không phải thứ ba",
        ),
        ("a warning no rule knows", "a warning no rule knows"),
    ],
)
def test_engine_warnings_in_vietnamese(warning, shown):
    assert warning_text(warning) == shown


# Every warning the readers write, built from the engine's own templates, so that a change of wording
# there shows here instead of reaching an officer in English.
READER_WARNINGS = [
    (
        ocr.OCR_READ.format(pages=2, confidence=94),
        "Chữ của 2 trang được nhận dạng bằng OCR, độ tin cậy trung bình 94%.",
    ),
    (
        ocr.PAGES_CUT.format(limit=30, total=41),
        "Chỉ nhận dạng 30 trang đầu trong 41 trang cần OCR; các trang còn lại bị bỏ qua.",
    ),
    (
        ocr.OUT_OF_TIME.format(count=3, page=60.0, total=300.0),
        "OCR không đọc xong 3 trang trong thời hạn (60 giây một trang, 300 giây một tệp); các trang đó bị bỏ qua.",
    ),
    (ocr.OCR_FAILED.format(count=1), "OCR không đọc được 1 trang; các trang đó bị bỏ qua."),
    (pdf.SCANS_SKIPPED.format(count=2), "2 trang quét chưa được đọc: máy chủ chưa cài OCR."),
    (docx.TEXT_BOXES, "Chữ trong hộp văn bản hoặc hình vẽ không được đọc."),
    (
        document.SIGNING_DATE,
        "Ngày của văn bản là ngày ký số: không đọc được dòng ngày tháng.",
    ),
    (legacy.TCVN3_CONVERTED, "Văn bản dùng phông chữ mã TCVN3 (ABC) và đã được chuyển sang Unicode."),
    (legacy.TCVN3_DECODED, "Tệp dùng bảng mã TCVN3 (ABC) và đã được chuyển sang Unicode."),
    (html.NOT_UTF8, "Trang web không dùng mã UTF-8 và không khai báo bảng mã; đã đọc theo mã Windows-1258."),
    (
        "the file is not UTF-8; it was read as Windows-1258",
        "Tệp không dùng mã UTF-8; đã đọc theo mã Windows-1258.",
    ),
    (
        f"only the first {MAX_PDF_PAGES} of 612 pages were read",
        f"Chỉ đọc {MAX_PDF_PAGES} trang đầu trong 612 trang.",
    ),
]


@pytest.mark.parametrize(("warning", "shown"), READER_WARNINGS)
def test_reader_warnings_in_vietnamese(warning, shown):
    assert warning_text(warning) == shown
