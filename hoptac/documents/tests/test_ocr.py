"""Scanned PDFs and PDFs whose text layer is garbage, read by OCR (read/ocr.py, read/pdf.py).

Real pages (fixtures/files/, one page each: see build.py there) through the real pdftoppm and Tesseract
that `make readers` installs; where they are missing, the tests that need them skip with the reason.
One page costs about 2 s, so each test reads one page, or small pages made here with Pillow.
"""

from __future__ import annotations

import io
import random
import shutil
import time
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from hoptac.documents.api import blocks_text
from hoptac.documents.errors import ConversionTimedOut, EmptyFile
from hoptac.documents.parse import document
from hoptac.documents.parse.document import parse_blocks
from hoptac.documents.read import ocr, pdf, read_bytes, read_path
from hoptac.documents.read.ocr import OcrInfo, ocr_available, ocr_info, page_lines

FILES = Path(__file__).parent / "fixtures" / "files"
needs_ocr = pytest.mark.skipif(
    not ocr_available(),
    reason="pdftoppm or Tesseract with its Vietnamese data (tesseract-ocr-vie) is not installed: "
    "`make readers` installs them",
)


@pytest.fixture
def no_ocr(monkeypatch, tmp_path):
    """A PATH without pdftoppm and tesseract, as on a machine where apt-get could not install them."""
    monkeypatch.setenv("PATH", str(tmp_path))


def _reading(blocks, warnings):
    return parse_blocks(blocks, source="-", warnings=warnings)


# raw-21: a notice of the Lào Cai Department of Industry and Trade. Its page, rendered and read by eye,
# says "Số: 1894 /TB-SCT" and "Lào Cai, ngày 09 tháng 4 năm 2026"; its text layer says "6ӕ  /TB-SCT"
# (the number and day were stamped on after signing: they sit apart, at its end) and "7ӌ1+" for "TỈNH".
@needs_ocr
def test_a_garbled_text_layer_is_read_by_ocr():
    from pypdf import PdfReader

    path = FILES / "raw-21-page1.pdf"
    layer = PdfReader(path).pages[0].extract_text()
    assert "7ӌ1+" in layer
    assert "TỈNH" not in layer

    blocks, warnings = read_path(path)

    text = blocks_text(blocks)
    for words in ("UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG", "Độc lập - Tự do - Hạnh phúc", "Kết quả kiểm tra"):
        assert words in text
    reading = _reading(blocks, warnings)
    assert reading.number == "1894/TB-SCT"
    assert reading.date == date(2026, 4, 9)
    info = ocr_info(reading.warnings)
    assert info is not None
    assert info.pages == 1
    assert 80 <= info.mean_confidence <= 100
    assert warnings[0] == f"text read by OCR from 1 page(s), mean confidence {info.mean_confidence}%"


# raw-28: a scanned decision of the Lào Cai People's Committee. By eye: "ỦY BAN NHÂN DÂN / TỈNH LÀO CAI"
# beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc", then "Số: 2338/QĐ-UBND" and
# "ngày 02 tháng 7" written by hand, and the title "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ".
@needs_ocr
def test_a_scanned_page_gives_its_header_and_invents_no_number():
    blocks, warnings = read_path(FILES / "raw-28-page1.pdf")

    text = blocks_text(blocks)
    for words in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "QUYẾT ĐỊNH CHÁP THUẬN CHỦ TRƯƠNG ĐẦU TƯ",  # sic: Tesseract takes "CHẤP" for "CHÁP"
        "Căn cứ Luật Đầu tư số 143/2025/QH15",
    ):
        assert words in text
    # Above Điều 1, Tesseract reads "QUYÉT ĐỊNH:"; "yê" needs its circumflex, which is put back.
    assert "\nQUYẾT ĐỊNH:\n" in text
    assert unicodedata.is_normalized("NFC", text)
    assert "\u2044" not in text
    reading = _reading(blocks, warnings)
    assert reading.issuer.name == "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    assert reading.place == "Lào Cai"
    # The handwritten number and day are not read, and nothing is made up in their place.
    assert reading.number is None or not any(c.isdigit() for c in reading.number)
    assert reading.date is None
    assert ocr_info(warnings).pages == 1


def test_a_good_text_layer_over_a_scan_is_not_read_again(monkeypatch):
    monkeypatch.setattr(pdf, "ocr_available", lambda: True)
    monkeypatch.setattr(pdf, "read_pages", lambda *args: pytest.fail("OCR ran on a page with text"))

    blocks, warnings = read_path(FILES / "raw-26-page1.pdf")

    assert "HƯỚNG DẪN LIÊN NGÀNH" in blocks_text(blocks)
    assert ocr_info(warnings) is None


@needs_ocr
def test_a_page_of_noise_gives_no_text(monkeypatch):
    seen: list[int] = []

    def counting_page_lines(rows):
        rows = list(rows)
        seen.append(sum(1 for r in rows if r.get("level") == "5" and (r.get("text") or "").strip()))
        return page_lines(rows)

    monkeypatch.setattr(ocr, "page_lines", counting_page_lines)

    with pytest.raises(EmptyFile) as caught:
        read_bytes(_noise_pdf(), name="noise.pdf")

    assert str(caught.value) == pdf.OCR_FOUND_NOTHING
    assert seen[0] >= 50  # Tesseract did "read" words in the noise: the filter is what dropped them


@needs_ocr
def test_a_scan_of_300_pages_is_cut_to_the_page_limit(monkeypatch):
    monkeypatch.setenv("HOPTAC_OCR_MAX_PAGES", "2")  # the default, 30 pages, would take a minute

    blocks, warnings = read_bytes(_scanned_pages(300), name="scan.pdf")  # how fast: bench/parse.py

    assert "only the first 2 of 300 pages that need OCR were read" in warnings
    assert ocr_info(warnings).pages == 2
    assert [b.text for b in blocks if b.text] == ["KE HOACH 1", "KE HOACH 2"]


@needs_ocr
def test_a_hanging_tesseract_is_killed_at_the_page_time_limit(monkeypatch, tmp_path):
    pids = tmp_path / "pids"
    tesseract = tmp_path / "tesseract"
    tesseract.write_text(
        f'#!/bin/sh\nif [ "$1" = --list-langs ]; then echo vie; exit 0; fi\n'
        f"echo $$ > {pids}\n{shutil.which('sleep')} 600 &\necho $! >> {pids}\nwait\n"
    )
    tesseract.chmod(0o755)
    (tmp_path / "pdftoppm").symlink_to(shutil.which("pdftoppm"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("HOPTAC_OCR_PAGE_TIMEOUT_S", "2")
    started = time.monotonic()

    with pytest.raises(ConversionTimedOut) as caught:
        read_path(FILES / "raw-28-page1.pdf")

    assert time.monotonic() - started < 15
    assert str(caught.value) == pdf.OCR_TIMED_OUT
    started_pids = [int(line) for line in pids.read_text().split()]
    assert len(started_pids) == 2
    assert not any(_alive(pid) for pid in started_pids)


def test_without_ocr_a_scan_is_refused_as_before(no_ocr):
    with pytest.raises(EmptyFile) as caught:
        read_path(FILES / "raw-28-page1.pdf")
    assert str(caught.value) == pdf.NO_TEXT


def test_without_ocr_a_garbled_text_layer_is_refused_rather_than_read(no_ocr):
    with pytest.raises(EmptyFile) as caught:
        read_path(FILES / "raw-21-page1.pdf")
    assert str(caught.value) == pdf.GARBLED


def test_tesseract_without_its_vietnamese_data_is_no_ocr(monkeypatch, tmp_path):
    tesseract = tmp_path / "tesseract"
    tesseract.write_text('#!/bin/sh\necho "List of available languages (2):"; echo eng; echo osd\n')
    tesseract.chmod(0o755)
    (tmp_path / "pdftoppm").symlink_to("/bin/true")
    monkeypatch.setenv("PATH", str(tmp_path))

    assert not ocr_available()
    with pytest.raises(EmptyFile) as caught:
        read_path(FILES / "raw-28-page1.pdf")
    assert str(caught.value) == pdf.NO_TEXT


def test_ocr_figures_come_back_from_the_warnings():
    warnings = ["only the first 30 of 41 pages that need OCR were read", "no date found"]
    assert ocr_info(warnings) is None
    warnings.insert(0, ocr.OCR_READ.format(pages=30, confidence=87))
    assert ocr_info(warnings) == OcrInfo(pages=30, mean_confidence=87)


def test_a_line_of_unsure_junk_is_dropped_and_a_sure_line_kept():
    def row(line, left, conf, text):
        return {
            "level": "5",
            "block_num": "1",
            "par_num": "1",
            "line_num": line,
            "left": str(left),
            "width": "60",
            "conf": str(conf),
            "text": text,
        }

    rows = [
        *(row("1", 70 * i, c, t) for i, (t, c) in enumerate([("THÔNG", 91), ("BẢO", 10)])),
        *(row("2", 70 * i, c, t) for i, (t, c) in enumerate([("vh", 68), ("+", 36), ("Na", 15), ("^À", 95)])),
        *(row("3", 70 * i, c, t) for i, (t, c) in enumerate([("NỈ", 93), ("%", 60), ("X", 74), ("+", 40)])),
    ]
    assert page_lines(rows) == ([["THÔNG BẢO"]], [91.0, 10.0])


def _noise_pdf() -> bytes:
    """A page of strokes in rows, as a smudged scan might look: Tesseract reads 'words' in it."""
    rng = random.Random(7)
    image = Image.new("L", (850, 1100), 255)
    draw = ImageDraw.Draw(image)
    for row in range(60, 1040, 40):
        x = 60
        while x < 790:
            for _ in range(rng.randrange(2, 7)):
                x0, y0 = x + rng.randrange(0, 6), row + rng.randrange(-8, 8)
                draw.line((x0, y0, x0 + rng.randrange(-8, 8), y0 + rng.randrange(-14, 14)), fill=0, width=2)
                if rng.random() < 0.3:
                    draw.arc(
                        (x0, y0, x0 + 10, y0 + 12), rng.randrange(360), rng.randrange(360), fill=0, width=2
                    )
                x += rng.randrange(5, 11)
            x += rng.randrange(8, 20)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=100)
    return buffer.getvalue()


def _scanned_pages(count: int) -> bytes:
    """A PDF of `count` small scanned pages (images only), page n saying "KE HOACH n"."""
    font = ImageFont.load_default(size=40)
    pages = []
    for number in range(1, count + 1):
        page = Image.new("L", (600, 200), 255)
        ImageDraw.Draw(page).text((40, 70), f"KE HOACH {number}", fill=0, font=font)
        pages.append(page)
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=100, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie waiting for its parent to reap it has stopped running)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@needs_ocr
def test_a_scan_whose_day_is_handwritten_takes_the_day_of_its_digital_signature():
    """raw-30: a ministry's letter scanned at 150 dpi; "Hà Nội, ngày 02 tháng 4 năm 2026" has its day
    and month written by hand, and the signing software's stamp says "Thời gian ký: 02.04.2026"."""
    path = FILES.parent / "raw" / "raw-30.pdf"
    reading = _reading(*read_path(path))
    assert reading.issuer.name == "BỘ CÔNG THƯƠNG"
    assert reading.date == date(2026, 4, 2)
    assert document.SIGNING_DATE in reading.warnings
