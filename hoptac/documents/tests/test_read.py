"""The readers, bytes → blocks: every format, every encoding, and hostile files built here in tmp_path."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoptac.core.sniff import OLE_MAGIC
from hoptac.documents.errors import (
    CorruptFile,
    DocumentError,
    EmptyFile,
    EncryptedFile,
    FileMissing,
    TooLarge,
    UnsupportedEncoding,
    UnsupportedFormat,
)
from hoptac.documents.model import Paragraph, Table
from hoptac.documents.read import package, read_bytes, read_path
from hoptac.documents.read.legacy import from_tcvn3_mojibake, tcvn3_decode

DOCUMENTS = Path(__file__).parent / "fixtures" / "documents"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PLAN = "KẾ HOẠCH\nTổ chức các hoạt động kỷ niệm Ngày Hợp tác xã Quốc tế\n1. Đăng tin, bài tuyên truyền\n- Thời gian: Quý II/2025"


def texts(blocks):
    return [b.text if isinstance(b, Paragraph) else b.rows for b in blocks]


def refused(error_type, data: bytes, name: str) -> str:
    """The one-line reason `read_bytes` gives when it refuses `data` with `error_type`."""
    with pytest.raises(error_type) as caught:
        read_bytes(data, name=name)
    message = str(caught.value)
    assert message
    assert "\n" not in message
    return message


def docx_zip(
    document_body: str, *, extra: dict[str, bytes | str] | None = None, raw: str | None = None
) -> bytes:
    """A minimal .docx package written by hand: word/document.xml with `document_body` in w:body."""
    xml = (
        raw
        or f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{document_body}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        z.writestr("word/document.xml", xml)
        for name, content in (extra or {}).items():
            z.writestr(name, content)
    return buffer.getvalue()


def p(text: str, ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def pdf_with_lines(pages: list[list[str]]) -> bytes:
    """A PDF written by hand: one page per list of ASCII lines, Helvetica, a real xref table."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for lines in pages:
        shown = " T* ".join(f"({line})Tj" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 760 Td {shown} ET".encode("ascii")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('ascii')}\nendstream")
        content = len(objects)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {content} 0 R >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode("ascii")
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode("ascii")
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode("ascii")
    return bytes(out)


def cp1258_bytes(text: str) -> bytes:
    """`text` as Windows-1258 writes it: base letters with their vowel marks precomposed, tones combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


# Files that are not what they claim, or not there


def test_a_missing_path_is_file_missing(tmp_path):
    with pytest.raises(FileMissing, match="no such file"):
        read_path(tmp_path / "nope.docx")


def test_a_folder_is_file_missing(tmp_path):
    with pytest.raises(FileMissing, match="not a file"):
        read_path(tmp_path)


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".html", ".pdf", ".doc", ""])
def test_an_empty_file_is_empty(tmp_path, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile, match="empty"):
        read_path(path)


def test_whitespace_only_text_is_empty():
    assert "no text" in refused(EmptyFile, b" \r\n\t\n  \n", "blank.txt")


def test_a_21_mb_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as file:
        file.truncate(21 * 1024 * 1024)  # sparse: nothing is written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read whole"))
    with pytest.raises(TooLarge, match=r"21\.0 MB, over the 20\.0 MB limit"):
        read_path(path)
    assert "over the 20.0 MB limit" in refused(TooLarge, b"a" * (21 * 1024 * 1024), "big.txt")


@pytest.mark.parametrize("suffix", [".txt", ".html", ""])
def test_binary_data_is_not_text(suffix):
    data = bytes(range(256)) * 40
    refused(UnsupportedFormat, data, f"blob{suffix}")


@pytest.mark.parametrize(
    ("data", "holds"),
    [(b"PK\x03\x04" + b"\x00" * 40, "ZIP"), (b"%PDF-1.4\n...", "PDF"), (OLE_MAGIC + b"\x00" * 600, "Office")],
)
def test_a_txt_holding_another_format_is_refused(data, holds):
    message = refused(UnsupportedFormat, data, "plan.txt")
    assert "named .txt" in message
    assert holds in message


def test_a_docx_that_is_not_a_zip_is_corrupt():
    assert "not a ZIP package" in refused(CorruptFile, "KẾ HOẠCH\nSố: 14/KH".encode(), "plan.docx")


def test_a_docx_with_a_broken_zip_is_corrupt():
    data = docx_zip(p("Một"))
    refused(CorruptFile, data[: len(data) // 2], "cut.docx")


def test_a_zip_without_a_word_document_is_not_a_docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "no word/document.xml" in refused(CorruptFile, buffer.getvalue(), "sheet.docx")


def test_an_encrypted_docx_is_encrypted():
    # Word saves a password-protected .docx as an OLE container with an EncryptedPackage stream.
    data = OLE_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
    data += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 2000
    assert "password" in refused(EncryptedFile, data, "secret.docx")
    assert "password" in refused(EncryptedFile, data, "secret")


@pytest.mark.parametrize("name", ["old.doc", "old.docx", "old"])
def test_a_legacy_doc_is_refused_with_how_to_fix_it(name, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice to convert it: test_office.py has one
    data = OLE_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 2000
    assert "save it as .docx" in refused(UnsupportedFormat, data, name)


def test_a_docx_renamed_doc_is_read():
    blocks, _ = read_bytes(docx_zip(p("Kế hoạch")), name="plan.doc")
    assert texts(blocks) == ["Kế hoạch"]


@pytest.mark.parametrize(("name", "reason"), [("a.png", "image"), ("a.zip", "not a Word")])
def test_other_formats_are_refused(name, reason):
    data = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100 if name.endswith(".png") else docx_zip("", raw="<x/>")
    if name.endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("a.txt", "hello")
        data = buffer.getvalue()
    message = refused(DocumentError, data, name)
    assert reason in message


# Hostile .docx files


def test_a_zip_bomb_is_refused_from_its_directory():
    data = docx_zip("", raw="<w:document/>" + " " * (30 * 1024 * 1024))  # 30 MB of spaces deflate ~1000:1
    assert len(data) < 100_000
    assert "zip bomb" in refused(CorruptFile, data, "bomb.docx")


def test_a_part_larger_than_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(package, "MAX_PART_BYTES", 1024 * 1024)
    body = "".join(p(f"Đoạn {i} " + "nội dung " * 10) for i in range(8000))  # about 2.5 MB of XML
    assert "over the 1.0 MB limit" in refused(TooLarge, docx_zip(body), "large.docx")


def test_billion_laughs_in_the_document_is_refused():
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    raw = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol0 "lol">{lol}]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert "XML entities" in refused(CorruptFile, docx_zip("", raw=raw), "laughs.docx")


def test_an_external_entity_is_refused():
    raw = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    )
    refused(CorruptFile, docx_zip("", raw=raw), "xxe.docx")


def test_a_docx_with_malformed_xml_is_corrupt():
    assert "not well-formed XML" in refused(CorruptFile, docx_zip("", raw="<w:document><w:body>"), "bad.docx")


def test_a_docx_with_an_empty_body_is_empty():
    refused(EmptyFile, docx_zip(p("   ")), "blank.docx")


# .docx content


def test_docx_from_python_docx_keeps_body_order_and_exact_texts(tmp_path):
    doc = Document()
    header = doc.add_table(rows=1, cols=2)
    header.rows[0].cells[0].text = "LIÊN MINH HTX TỈNH LÀO CAI\nSố: 27/KH-LMHTX"
    header.rows[0].cells[1].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLào Cai, ngày 15 tháng 01 năm 2026"
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph("Công tác thi đua, khen thưởng năm 2026")
    tasks = doc.add_table(rows=3, cols=3)
    for row, values in zip(
        tasks.rows,
        [
            ("TT", "Nội dung", "Thời gian"),
            ("1", "Phát động thi đua", "Quý I/2026"),
            ("2", "Sơ kết", "Tháng 7/2026"),
        ],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    doc.sections[0].header.paragraphs[0].text = "Trang đầu: không phải nội dung"
    doc.sections[0].footer.paragraphs[0].text = "Chân trang"
    path = tmp_path / "plan.docx"
    doc.save(path)

    blocks, warnings = read_path(path)

    assert warnings == []
    assert blocks == [
        Table(
            (
                (
                    "LIÊN MINH HTX TỈNH LÀO CAI\nSố: 27/KH-LMHTX",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLào Cai, ngày 15 tháng 01 năm 2026",
                ),
            )
        ),
        Paragraph("KẾ HOẠCH"),
        Paragraph("Công tác thi đua, khen thưởng năm 2026"),
        Table(
            (
                ("TT", "Nội dung", "Thời gian"),
                ("1", "Phát động thi đua", "Quý I/2026"),
                ("2", "Sơ kết", "Tháng 7/2026"),
            )
        ),
        Paragraph("III. TỔ CHỨC THỰC HIỆN"),
    ]


def test_the_fixture_word_plan_reads_its_header_and_task_tables():
    blocks, _ = read_path(DOCUMENTS / "103_table_plan.docx")
    kinds = [type(b).__name__ for b in blocks]
    assert kinds[:2] == ["Table", "Paragraph"]
    assert blocks[1] == Paragraph("KẾ HOẠCH")
    task = next(b for b in blocks if isinstance(b, Table) and len(b.rows) > 2)
    assert task.rows[0] == (
        "TT",
        "Nội dung công việc",
        "Thời gian thực hiện",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
    )
    assert task.rows[3][2] == "trước ngày 31/3/2026"


def test_docx_automatic_numbering_is_written_out():
    def lvl(ilvl, fmt, text):
        return f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'

    numbering = (
        f'<w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0">{lvl(0, "upperRoman", "%1.")}{lvl(1, "decimal", "%2.")}'
        f"{lvl(2, 'lowerLetter', '%3)')}{lvl(3, 'bullet', '•')}</w:abstractNum>"
        f'<w:abstractNum w:abstractNumId="1">{lvl(0, "decimal", "%1.")}{lvl(1, "decimal", "%1.%2.")}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )

    def numbered(text, num_id, ilvl):
        return p(
            text, f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'
        )

    body = "".join(
        [
            numbered("MỤC ĐÍCH", 1, 0),
            numbered("NỘI DUNG", 1, 0),
            numbered("Tuyên truyền", 1, 1),
            numbered("Đăng tin", 1, 2),
            numbered("Viết bài", 1, 2),
            numbered("ít nhất 50 tin", 1, 3),
            numbered("Hội thảo", 1, 1),
            numbered("Chuẩn bị", 1, 2),
            p("Đoạn không đánh số"),
            numbered("Việc một", 2, 0),
            numbered("Việc một một", 2, 1),
            numbered("Việc một hai", 2, 1),
            numbered("Việc hai", 2, 0),
            numbered("Không số", 0, 0),
        ]
    )
    blocks, _ = read_bytes(docx_zip(body, extra={"word/numbering.xml": numbering}), name="numbered.docx")
    assert texts(blocks) == [
        "I. MỤC ĐÍCH",
        "II. NỘI DUNG",
        "1. Tuyên truyền",
        "a) Đăng tin",
        "b) Viết bài",
        "- ít nhất 50 tin",
        "2. Hội thảo",
        "a) Chuẩn bị",
        "Đoạn không đánh số",
        "1. Việc một",
        "1.1. Việc một một",
        "1.2. Việc một hai",
        "2. Việc hai",
        "Không số",
    ]


def test_python_docx_list_styles_are_numbered_through_the_style():
    doc = Document()
    doc.add_paragraph("Một", style="List Number")
    doc.add_paragraph("Hai", style="List Number")
    doc.add_paragraph("Chấm", style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    assert texts(read_bytes(buffer.getvalue(), name="list.docx")[0]) == ["1. Một", "2. Hai", "- Chấm"]


def test_docx_runs_breaks_caps_deletions_and_merged_cells():
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    paragraph = (
        "<w:p>"
        + run.format("Thời gian: ")
        + '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Quý II</w:t><w:br/><w:t>năm 2025</w:t></w:r>'
        + "<w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>"
        + '<w:hyperlink><w:r><w:t xml:space="preserve"> (xem</w:t></w:r></w:hyperlink>'
        + '<w:r><w:rPr><w:caps/></w:rPr><w:t xml:space="preserve"> phụ lục)</w:t></w:r>'
        + "</w:p>"
    )

    def tc(text, props=""):
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"

    span_two, merge_down = '<w:gridSpan w:val="2"/>', '<w:vMerge w:val="restart"/>'
    nested = f"<w:tbl><w:tr>{tc('a')}{tc('b')}</w:tr><w:tr>{tc('c')}{tc('d')}</w:tr></w:tbl>"
    table = (
        "<w:tbl>"
        f"<w:tr>{tc('Nội dung', span_two)}{tc('Chủ trì', merge_down)}</w:tr>"
        f"<w:tr>{tc('1')}{tc('Hội thảo')}{tc('', '<w:vMerge/>')}</w:tr>"
        f"<w:tr>{tc('2')}<w:tc>{p('Ngoài')}{nested}</w:tc>{tc('Văn phòng')}</w:tr>"
        "</w:tbl>"
    )
    blocks, _ = read_bytes(docx_zip(paragraph + table), name="runs.docx")
    assert blocks == [
        Paragraph("Thời gian: Quý II\nnăm 2025 (xem PHỤ LỤC)"),
        Table(
            (
                ("Nội dung", "Nội dung", "Chủ trì"),
                ("1", "Hội thảo", "Chủ trì"),
                ("2", "Ngoài\na | b\nc | d", "Văn phòng"),
            )
        ),
    ]


def test_docx_text_boxes_are_not_body_and_say_so():
    box = (
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><w:txbxContent>'
        f"{p('Trong hộp')}</w:txbxContent></wp:inline></w:drawing></w:r></w:p>"
    )
    blocks, warnings = read_bytes(docx_zip(p("Ngoài hộp") + box), name="box.docx")
    assert texts(blocks) == ["Ngoài hộp"]
    assert warnings == ["text inside text boxes or shapes was not read"]


def test_docx_typed_in_a_tcvn3_font_is_converted():
    body = p("KÕ HO¹CH") + p("Tæ chøc c¸c ho¹t ®éng kû niÖm Ngµy Hîp t¸c x· Quèc tÕ") + p("Sè: 58/KH-LMHTX")
    blocks, warnings = read_bytes(docx_zip(body), name="vntime.docx")
    assert texts(blocks) == [
        "KẾ HOẠCH",
        "Tổ chức các hoạt động kỷ niệm Ngày Hợp tác xã Quốc tế",
        "Số: 58/KH-LMHTX",
    ]
    assert warnings == ["the text was in the TCVN3 (ABC) font encoding and was converted to Unicode"]


# Text files and their encodings


def test_utf8_with_and_without_bom():
    for data in (PLAN.encode(), b"\xef\xbb\xbf" + PLAN.encode()):
        blocks, warnings = read_bytes(data, name="plan.txt")
        assert texts(blocks) == PLAN.split("\n")
        assert warnings == []


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text(encoding):
    data = PLAN.replace("\n", "\r\n").encode(encoding)
    if encoding != "utf-16":  # with a BOM written by hand, as Notepad does
        data = ("\ufeff" + PLAN).encode(encoding)
    blocks, warnings = read_bytes(data, name="plan.txt")
    assert texts(blocks) == PLAN.split("\n")
    assert warnings == []


def test_utf16_without_a_bom_is_recognised():
    blocks, warnings = read_bytes(PLAN.encode("utf-16-le"), name="plan.txt")
    assert texts(blocks) == PLAN.split("\n")
    assert warnings == ["the file has no byte order mark; it was read as UTF-16-LE"]


def test_windows_1258_is_read_and_composed_to_nfc():
    data = cp1258_bytes(PLAN)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\xec" in data or b"\xf2" in data  # combining tone marks, as Windows-1258 writes them
    blocks, warnings = read_bytes(data, name="plan.txt")
    assert texts(blocks) == PLAN.split("\n")
    assert all(unicodedata.is_normalized("NFC", b.text) for b in blocks)
    assert warnings == ["the file is not UTF-8; it was read as Windows-1258"]


def test_tcvn3_bytes_are_converted():
    data = "KÕ ho¹ch\r\nHîp t¸c x· n«ng nghiÖp\r\nLI£N MINH HîP T¸C X· VIÖT NAM".encode("cp1252")
    blocks, warnings = read_bytes(data, name="abc.txt")
    assert texts(blocks) == ["Kế hoạch", "Hợp tác xã nông nghiệp", "LIÊN MINH HỢP TÁC XÃ VIỆT NAM"]
    assert warnings == ["the file was in the TCVN3 (ABC) encoding and was converted to Unicode"]


def test_tcvn3_mojibake_in_utf8_text_is_converted():
    blocks, warnings = read_bytes("KÕ ho¹ch Hîp t¸c x· n¨m 2025".encode(), name="copied.txt")
    assert texts(blocks) == ["Kế hoạch Hợp tác xã năm 2025"]
    assert warnings == ["the text was in the TCVN3 (ABC) font encoding and was converted to Unicode"]


def test_the_tcvn3_table_agrees_with_glibc_iconv():
    iconv = shutil.which("iconv")
    if iconv is None:
        pytest.skip("iconv is not installed")
    data = bytes(b for b in range(0xA0, 0x100) if b not in range(0xB0, 0xB5))  # combining marks aside
    result = subprocess.run(
        [iconv, "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True, check=False
    )
    if result.returncode:
        pytest.skip("this iconv has no TCVN5712-1")
    assert tcvn3_decode(data) == unicodedata.normalize("NFC", result.stdout.decode())


def test_vni_is_refused_with_what_to_do():
    data = "Keá hoaïch toå chöùc Hôïp taùc xaõ Vieät Nam naêm 2025".encode("cp1252")
    message = refused(UnsupportedEncoding, data, "vni.txt")
    assert "VNI" in message
    assert "convert it to Unicode" in message
    refused(UnsupportedEncoding, data.decode("cp1252").encode(), "vni-copied.txt")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_unicode_vietnamese_is_never_taken_for_a_legacy_encoding(path):
    blocks, warnings = read_path(path)
    assert warnings == []
    assert texts(blocks) == path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    "text",
    [
        "The cooperative alliance plan for 2025, in English only.",
        "Le développement coopératif à Paris: très bien, garçon. Straße für Männer, Ça va.",
        "Hà Nội, Đà Nẵng và Thành phố Hồ Chí Minh",
    ],
)
def test_english_and_other_latin_text_stay_as_written(text):
    blocks, warnings = read_bytes(text.encode(), name="other.txt")
    assert texts(blocks) == [text]
    assert warnings == []


def test_the_mojibake_converter_restores_capitals_of_a_capitals_font():
    assert from_tcvn3_mojibake("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


# HTML pages


def test_the_portal_page_reads_the_plan_without_the_page_around_it():
    blocks, warnings = read_path(DOCUMENTS / "102_portal_page.html")
    lines = [line for b in blocks for line in (b.text.split("\n") if isinstance(b, Paragraph) else [])]
    cells = [cell for b in blocks if isinstance(b, Table) for row in b.rows for cell in row]
    everything = "\n".join(lines + cells)
    assert warnings == []
    for expected in (
        "KẾ HOẠCH",
        "Tổ chức các hoạt động kỷ niệm Ngày Hợp tác xã Quốc tế năm 2025",
        '1. Tổ chức Hội thảo "Hợp tác xã xây dựng một thế giới tốt đẹp hơn"',
        "- Đơn vị chủ trì: Ban Tư vấn và Hỗ trợ.",
        "- Thời gian: Tháng 6 và tháng 7/2025.",
        "III. TỔ CHỨC THỰC HIỆN",
    ):
        assert expected in lines
    assert "UBND TỈNH ĐỒNG THÁP\nLIÊN MINH HỢP TÁC XÃ\nTỈNH ĐỒNG THÁP\nSố: 58 /KH-LMHTX" in cells
    assert any("Nguyễn Văn Bình" in cell for cell in cells)
    for noise in (
        "Trang chủ", "Giới thiệu", "Văn bản chỉ đạo", "THỐNG KÊ TRUY CẬP", "Đang trực tuyến", "Hôm nay",
        "Tổng lượt truy cập", "Lượt xem", "Liên kết", "Chia sẻ", "Zalo", "Ý kiến bạn đọc", "Gửi bình luận",
        "Tin liên quan", "Tháng hành động", "Bản quyền", "Lý Thường Kiệt", "var counter",
    ):  # fmt: skip
        assert noise not in everything, noise


def test_a_portal_headline_and_top_bar_outside_the_article_body_are_dropped():
    page = (
        "<html><body class='post-template'><div class='topbar'>Thứ Hai, 17/07/2023 Đăng nhập</div>"
        "<main class='content-wrap'><article class='entry'><h1>Liên minh ban hành Kế hoạch</h1>"
        "<div class='entry-meta'>Lượt xem: 865</div><div class='entry-content'>"
        + "".join(
            f"<p>Nội dung kế hoạch, đoạn {i}, của Liên minh Hợp tác xã tỉnh Quảng Nam.</p>" for i in range(6)
        )
        + "</div><div class='tags'>Thẻ: HTX</div></article></main></body></html>"
    )
    blocks, _ = read_bytes(page.encode(), name="page.html")
    assert texts(blocks) == [
        f"Nội dung kế hoạch, đoạn {i}, của Liên minh Hợp tác xã tỉnh Quảng Nam." for i in range(6)
    ]


def test_html_keeps_strong_text_inline_and_splits_at_br():
    page = "<html><body><div class='content'><p>Đơn vị <strong>chủ trì</strong>: Văn phòng.<br>Phối hợp: Ban Kiểm tra.</p><ul><li>Một</li><li>Hai</li></ul></div></body></html>"
    blocks, _ = read_bytes(page.encode(), name="page.html")
    assert texts(blocks) == ["Đơn vị chủ trì: Văn phòng.", "Phối hợp: Ban Kiểm tra.", "Một", "Hai"]


def test_html_without_a_content_element_takes_the_densest_text():
    paragraphs = "".join(
        f"<p>Nội dung kế hoạch đoạn số {i} của Liên minh Hợp tác xã tỉnh.</p>" for i in range(5)
    )
    page = f"<html><body><div id='menu'><a>Trang chủ</a></div><div><div>{paragraphs}</div></div><div>Liên hệ</div></body></html>"
    blocks, _ = read_bytes(page.encode(), name="page.htm")
    assert texts(blocks) == [
        f"Nội dung kế hoạch đoạn số {i} của Liên minh Hợp tác xã tỉnh." for i in range(5)
    ]


def test_html_charset_is_honoured():
    page = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head><body><p>{}</p></body></html>"
    data = page.encode("ascii").replace(b"{}", cp1258_bytes("Kế hoạch Hợp tác xã"))
    assert texts(read_bytes(data, name="page.html")[0]) == ["Kế hoạch Hợp tác xã"]
    utf16 = "\ufeff<html><body><p>Kế hoạch</p></body></html>".encode("utf-16-le")
    assert texts(read_bytes(utf16, name="page.html")[0]) == ["Kế hoạch"]


def test_html_without_charset_falls_back_to_cp1258():
    data = b"<html><body><p>" + cp1258_bytes("Kế hoạch Hợp tác xã") + b"</p></body></html>"
    blocks, warnings = read_bytes(data, name="page.html")
    assert texts(blocks) == ["Kế hoạch Hợp tác xã"]
    assert warnings == ["the page is not UTF-8 and declares no charset; it was read as Windows-1258"]


def test_html_with_nothing_but_a_menu_is_empty():
    refused(
        EmptyFile, b"<html><body><nav><a>Trang chu</a></nav><script>x()</script></body></html>", "menu.html"
    )


def test_a_page_without_a_suffix_is_sniffed_as_html():
    blocks, _ = read_bytes("<!DOCTYPE html><html><body><p>Kế hoạch</p></body></html>".encode(), name="page")
    assert texts(blocks) == ["Kế hoạch"]


# PDF files


def test_pdf_text_layer_one_paragraph_per_line(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_with_lines([["KE HOACH", "So: 14/KH-LMHTX"], ["II. NOI DUNG", "1. Hoi thao"]]))
    blocks, warnings = read_path(path)
    assert blocks == [
        Paragraph("KE HOACH"),
        Paragraph("So: 14/KH-LMHTX"),
        Paragraph("II. NOI DUNG"),
        Paragraph("1. Hoi thao"),
    ]
    assert warnings == []
    assert texts(read_bytes(path.read_bytes(), name="no-suffix")[0])[0] == "KE HOACH"


def test_a_pdf_without_text_needs_ocr():
    assert "OCR" in refused(EmptyFile, pdf_with_lines([[]]), "scan.pdf")


def test_a_damaged_pdf_is_corrupt():
    refused(CorruptFile, b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF", "bad.pdf")
    refused(CorruptFile, b"not a pdf at all", "bad.pdf")


def test_an_encrypted_pdf_is_refused_unless_the_empty_password_opens_it():
    from pypdf import PdfReader, PdfWriter

    def encrypted(user_password):
        writer = PdfWriter()
        writer.append(PdfReader(io.BytesIO(pdf_with_lines([["KE HOACH"]]))))
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    assert "password" in refused(EncryptedFile, encrypted("secret"), "locked.pdf")
    assert texts(read_bytes(encrypted(""), name="restricted.pdf")[0]) == ["KE HOACH"]


def test_pdf_pages_are_bounded(monkeypatch):
    from hoptac.documents.read import pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 2)
    blocks, warnings = read_bytes(pdf_with_lines([[f"Trang {i}"] for i in range(4)]), name="long.pdf")
    assert texts(blocks) == ["Trang 0", "Trang 1"]
    assert warnings == ["only the first 2 of 4 pages were read"]


# Whatever the bytes


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=4096) | st.text(max_size=500).map(str.encode),
    suffix=st.sampled_from([".txt", ".docx", ".html", ".pdf", ".doc", ""]),
)
def test_any_bytes_give_blocks_or_a_one_line_document_error(data, suffix):
    try:
        blocks, warnings = read_bytes(data, name=f"upload{suffix}")
    except DocumentError as error:
        message = str(error)
    else:
        assert all(isinstance(b, Paragraph | Table) for b in blocks)
        assert all(unicodedata.is_normalized("NFC", b.text) for b in blocks if isinstance(b, Paragraph))
        assert read_bytes(data, name=f"upload{suffix}") == (blocks, warnings)
        return
    assert message
    assert "\n" not in message


@settings(max_examples=60, deadline=None)
@given(prefix=st.sampled_from([b"PK\x03\x04", b"%PDF-1.4\n", OLE_MAGIC]), rest=st.binary(max_size=2048))
def test_bytes_that_start_like_a_format_raise_only_document_errors(prefix, rest):
    messages = []
    for suffix in (".docx", ".pdf", ".doc", ""):
        try:
            read_bytes(prefix + rest, name=f"upload{suffix}")
        except DocumentError as error:
            messages.append(str(error))
    assert all(m and "\n" not in m for m in messages)


# 2 MB of text through each reader: every line comes out (how fast is bench/parse.py's)


TWO_MB_LINES = [
    f"{i}. Tổ chức các hoạt động kỷ niệm Ngày Hợp tác xã Quốc tế, đợt {i}." for i in range(27_000)
]


def test_two_mb_of_text_reads_every_line():
    data = "\n".join(TWO_MB_LINES).encode()
    assert len(data) > 2_000_000
    blocks, _ = read_bytes(data, name="big.txt")
    assert len(blocks) == len(TWO_MB_LINES)


def test_two_mb_of_cp1258_reads_every_line():
    blocks, _ = read_bytes(cp1258_bytes("\n".join(TWO_MB_LINES)), name="big.txt")
    assert len(blocks) == len(TWO_MB_LINES)


def test_two_mb_docx_reads_every_line():
    blocks, _ = read_bytes(docx_zip("".join(p(line) for line in TWO_MB_LINES)), name="big.docx")
    assert len(blocks) == len(TWO_MB_LINES)


def test_two_mb_html_reads_every_line():
    paragraphs = "".join(f"<p>{line}</p>" for line in TWO_MB_LINES)
    data = f"<html><body><nav>Menu</nav><article>{paragraphs}</article></body></html>".encode()
    blocks, _ = read_bytes(data, name="big.html")
    assert len(blocks) == len(TWO_MB_LINES)
