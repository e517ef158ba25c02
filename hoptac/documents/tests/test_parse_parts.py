"""The parts of the parser, each on the shapes Vietnamese administrative documents use."""

from __future__ import annotations

from datetime import date

import pytest

from hoptac.documents.model import Paragraph, Table
from hoptac.documents.parse.activities import lead_units, split_title, unlabelled_coordinating
from hoptac.documents.parse.bases import find_bases
from hoptac.documents.parse.closing import read_recipients, read_signer, recipients_start
from hoptac.documents.parse.extras import find_anniversaries, find_contacts, find_deadlines
from hoptac.documents.parse.header import read_header
from hoptac.documents.parse.lines import clean_line, to_items
from hoptac.documents.parse.number_symbol import parse_number
from hoptac.documents.parse.outline import numbered_item, section_heading
from hoptac.documents.parse.quantities import find_quantities
from hoptac.documents.parse.unit_lists import split_units
from hoptac.documents.parse.units import unit_key


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Đài phát thanh và truyền hình tỉnh; Báo Bắc Ninh; Cổng thông tin điện tử tỉnh và các cơ quan báo chí khác",
            [
                "Đài phát thanh và truyền hình tỉnh",
                "Báo Bắc Ninh",
                "Cổng thông tin điện tử tỉnh",
                "các cơ quan báo chí khác",
            ],
        ),
        ("các sở, ngành, chính quyền địa phương", ["các sở, ngành", "chính quyền địa phương"]),
        ("Văn phòng và Ban Kế hoạch - Hỗ trợ.", ["Văn phòng", "Ban Kế hoạch - Hỗ trợ"]),
        (
            "Phòng kế hoạch và xúc tiến thương mại; Trung tâm dịch vụ hỗ trợ các HTX.",
            ["Phòng kế hoạch và xúc tiến thương mại", "Trung tâm dịch vụ hỗ trợ các HTX"],
        ),
        (
            "Các phòng ban, đơn vị thuộc Liên minh HTX tỉnh.",
            ["Các phòng ban, đơn vị thuộc Liên minh HTX tỉnh"],
        ),
        ("Ban Kiểm tra .", ["Ban Kiểm tra"]),
        ("Văn phòng, Ban Kiểm tra", ["Văn phòng", "Ban Kiểm tra"]),
        ("Ban Tư vấn và Phát triển HTX", ["Ban Tư vấn và Phát triển HTX"]),
    ],
)
def test_split_units_splits_between_bodies_never_inside_one(text, names):
    assert split_units(text) == names


def test_unit_key_expands_abbreviations_and_folds():
    assert unit_key("LM HTX tỉnh Vĩnh Phúc") == unit_key("Liên minh Hợp tác xã tỉnh Vĩnh Phúc")
    assert unit_key("UBND tỉnh Đồng Tháp") == "uy ban nhan dan tinh dong thap"
    assert unit_key("Quỹ TDND") == "quy tin dung nhan dan"


def test_lead_line_keeps_the_lead_and_hands_coordinating_units_on():
    assert lead_units(
        "Văn phòng chủ trì cùng các phòng ban, đơn vị trực thuộc tham mưu cho Thường trực."
    ) == (
        ["Văn phòng"],
        [],
    )
    assert lead_units("Văn phòng chủ trì, phối hợp với các Ban, Trung tâm chuẩn bị hậu cần") == (
        ["Văn phòng"],
        ["các Ban", "Trung tâm"],
    )


def test_coordinating_units_end_where_the_clause_goes_on():
    text = "Phối hợp với Đài Phát thanh Truyền hình tỉnh, Báo Thừa Thiên Huế xây dựng phóng sự tuyên truyền."
    assert unlabelled_coordinating(text) == ["Đài Phát thanh Truyền hình tỉnh", "Báo Thừa Thiên Huế"]
    assert unlabelled_coordinating("phối hợp với nhau để làm tốt công tác") == []


@pytest.mark.parametrize(
    ("text", "title", "rest"),
    [
        (
            "Tổ chức thành công: Hội nghị điển hình tiên tiến",
            "Tổ chức thành công",
            "Hội nghị điển hình tiên tiến",
        ),
        (
            "Quyết tâm thực hiện các chỉ tiêu chủ yếu trong Chương trình hành động năm 2025 của Tỉnh ủy; "
            "Phối hợp với các sở, ngành, chính quyền địa phương triển khai có hiệu quả Nghị quyết số "
            "06/2021/NQ-HĐND ngày 19/4/2021 của Hội đồng nhân dân tỉnh ban hành một số chính sách",
            "Quyết tâm thực hiện các chỉ tiêu chủ yếu trong Chương trình hành động năm 2025 của Tỉnh ủy",
            "Phối hợp với các sở, ngành, chính quyền địa phương triển khai có hiệu quả Nghị quyết số "
            "06/2021/NQ-HĐND ngày 19/4/2021 của Hội đồng nhân dân tỉnh ban hành một số chính sách",
        ),
        (
            "Rà soát, củng cố hợp tác xã yếu kém; hướng dẫn hợp tác xã ngừng hoạt động giải thể",
            "Rà soát, củng cố hợp tác xã yếu kém; hướng dẫn hợp tác xã ngừng hoạt động giải thể",
            "",
        ),
        ("Hội diễn văn nghệ:", "Hội diễn văn nghệ", ""),
        (
            "Các phong trào do Tỉnh phát động gồm: Phong trào A",
            "Các phong trào do Tỉnh phát động",
            "Phong trào A",
        ),
    ],
)
def test_split_title_takes_the_opening_clause(text, title, rest):
    assert split_title(text) == (title, rest)


@pytest.mark.parametrize(
    ("text", "number", "sequence", "type_code", "issuer_code"),
    [
        ("14  /KH-LMHTX", "14/KH-LMHTX", "14", "KH", "LMHTX"),
        ("70/KH-BTVLMHTXVN", "70/KH-BTVLMHTXVN", "70", "KH", "BTVLMHTXVN"),
        ("/KH-SCT", "/KH-SCT", None, "KH", "SCT"),
        ("06/2021/NQ-HĐND", "06/2021/NQ-HĐND", "06", "NQ", "HĐND"),
        ("19 /KH-HĐND", "19/KH-HĐND", "19", "KH", "HĐND"),
    ],
)
def test_parse_number_splits_sequence_type_and_issuer_code(text, number, sequence, type_code, issuer_code):
    parsed = parse_number(text)
    assert (parsed.number, parsed.sequence, parsed.type_code, parsed.issuer_code) == (
        number,
        sequence,
        type_code,
        issuer_code,
    )


def test_header_completes_a_short_issuer_from_its_parent():
    header = read_header(
        [
            "UBND TỈNH BẮC NINH",
            "LIÊN MINH HTX TỈNH",
            "Số: 14 /KH-LMHTX",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Bắc Ninh, ngày 16 tháng 01 năm 2023",
            "KẾ HOẠCH",
            "Tổ chức hội nghị",
            "Căn cứ Kế hoạch số 1/KH-X;",
        ]
    )
    assert header.parent == "UBND TỈNH BẮC NINH"
    assert header.issuer == "LIÊN MINH HTX TỈNH BẮC NINH"
    assert header.number.number == "14/KH-LMHTX"
    assert (header.place, header.date, header.title) == ("Bắc Ninh", date(2023, 1, 16), "Tổ chức hội nghị")


def test_header_with_a_blank_day_has_no_date_and_a_bare_symbol():
    header = read_header(
        ["SỞ CÔNG THƯƠNG", "Số: /KH-SCT", "Hà Nội, ngày    tháng 3 năm 2025", "KẾ HOẠCH", "Dự thảo"]
    )
    assert header.number.number == "/KH-SCT"
    assert header.place == "Hà Nội"
    assert header.date is None


def test_bases_include_the_documents_a_basis_implements():
    # Real plans count the resolution both cited plans implement as a basis too (real-09's 66-NQ/TW).
    lines = [
        "Căn cứ Kế hoạch số 882/KH-BTV ngày 30/10/2024 của Ban Thường vụ Liên minh HTX Việt Nam tổ chức Tháng "
        "hành động; Kế hoạch số 343/KH-LMHTX ngày 08 tháng 11 năm 2024 của Liên minh HTX tỉnh Yên Bái.",
        "Căn cứ Nghị quyết số 09/NQ-CP ngày 02/02/2023 của Chính phủ ban hành Chương trình hành động thực hiện "
        "Nghị quyết số 20-NQ/TW;",
        "Liên minh HTX tỉnh xây dựng Kế hoạch số 133/KH-LMHTX ngày 29/6/2021 như sau:",
    ]
    bases = find_bases(lines, own_number=None)
    assert [b.number for b in bases] == ["882/KH-BTV", "343/KH-LMHTX", "09/NQ-CP", "20-NQ/TW"]
    assert bases[0].date == date(2024, 10, 30)
    assert bases[0].issuer == "Ban Thường vụ Liên minh HTX Việt Nam"
    assert bases[1].date == date(2024, 11, 8)


def test_recipients_with_purpose_and_the_signer_after_them():
    lines = [
        "Nơi nhận:",
        "- LM HTX Việt Nam;        (báo cáo)",
        "- Các phòng, đơn vị trực thuộc (t/h);",
        "- Lưu: VP *VP*",
        "TM. BAN THƯỜNG VỤ",
        "CHỦ TỊCH",
        "(Đã ký)",
        "Trần Văn Cứng",
    ]
    lines = [clean_line(line) for line in lines]
    recipients, after = read_recipients(lines, recipients_start(lines))
    assert [(r.name, r.purpose) for r in recipients] == [
        ("LM HTX Việt Nam", "báo cáo"),
        ("Các phòng, đơn vị trực thuộc", "t/h"),
        ("Lưu: VP", None),
    ]
    signer = read_signer(lines[after:], after_recipients=True)
    assert (signer.authority, signer.title, signer.name) == ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Trần Văn Cứng")


def test_no_signer_in_web_noise_after_the_text():
    noise = ["LMHTX", "ADMIN", "Ngày 02/07/2021", "Ảnh nổi bật", "Video tổng hợp", "Design by HueTechCo-op"]
    assert read_signer(noise, after_recipients=False) is None


def test_authority_lines_are_joined_as_printed():
    signer = read_signer(
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hùng"], after_recipients=True
    )
    assert (signer.authority, signer.title, signer.name) == (
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Hùng",
    )


def test_deadline_contact_and_quantities():
    line = (
        "Kịp thời báo cáo gửi về Văn phòng Liên minh Hợp tác xã tỉnh trước ngày 20/4/2024. Thông tin liên hệ đồng chí "
        "Phạm Ngọc Dũng - Phó Chánh Văn phòng. Điện thoại: 02963.847.933 - Di động (Zalo) 0985.952.462 - Email: "
        "pndung.lmhtxag@gmail.com."
    )
    (deadline,) = find_deadlines([line], year=2024)
    assert deadline.date == date(2024, 4, 20)
    assert "gửi về Văn phòng" in deadline.what
    (contact,) = find_contacts([line])
    assert contact.name == "Phạm Ngọc Dũng"
    assert contact.role == "Phó Chánh Văn phòng"
    assert contact.phones == ("02963.847.933", "0985.952.462")
    assert contact.emails == ("pndung.lmhtxag@gmail.com",)
    (quantity,) = find_quantities("phấn đấu ít nhất 200 tin bài trong đó")
    assert (quantity.value, quantity.unit, quantity.at_least) == (200, "tin bài", True)


def test_anniversaries_are_checked_against_their_dates_and_well_known_days():
    lines = [
        "kỷ niệm 30 năm ngày thành lập Liên minh Hợp tác xã Việt Nam (29/10/1993-29/10/2023) gắn với kỷ niệm "
        "77 năm ngày HTX Việt Nam (11/4/1946 – 14/4/2023) như sau:",
        "78 năm Ngày HTX Việt Nam (14/04/1946 – 14/4/2024)",
        "Lễ kỷ niệm 31 năm Ngày thành lập Liên minh Hợp tác xã tỉnh An Giang (30/3/1993 - 30/3/2024);",
    ]
    found = {a.years: a for a in find_anniversaries(lines, year=2024)}
    assert found[30].consistent is True
    assert (found[30].start, found[30].end) == (date(1993, 10, 29), date(2023, 10, 29))
    assert found[77].consistent is False  # the end day 14/4 is not the anniversary day 11/4
    assert found[78].consistent is False  # Vietnam Cooperative Day is 11/4/1946, not 14/4
    assert found[31].consistent is True


def test_outline_recognises_sections_and_numbering_styles():
    assert section_heading("II. NỘI DUNG HOẠT ĐỘNG") == ("II", "NỘI DUNG HOẠT ĐỘNG")
    assert section_heading("IIII. KHÔNG PHẢI SỐ LA MÃ") is None
    assert section_heading("I. Trong câu văn thường có chữ I đầu dòng nhưng không phải tiêu đề") is None
    assert numbered_item("1.1. Đẩy mạnh") == ("1.1", "decimal2", "Đẩy mạnh")
    assert numbered_item("30 năm ngày thành lập") is None
    assert numbered_item("(2) Thường xuyên đổi mới") == ("2", "paren", "Thường xuyên đổi mới")


def test_items_join_broken_sentences_and_keep_task_tables():
    blocks = [
        Paragraph("- Kịp thời thông tin, báo cáo gửi về Văn phòng Liên minh Hợp tác"),
        Paragraph("xã tỉnh trước ngày 20/4/2024."),
        Table(
            (
                ("TT", "Nội dung", "Thời gian", "Đơn vị chủ trì"),
                ("1", "Hội nghị", "Tháng 4/2024", "Văn phòng"),
            )
        ),
        Table((("UBND TỈNH X\nLIÊN MINH HTX TỈNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),)),
        Paragraph("**TM. BAN THƯỜNG VỤ"),
    ]
    items = to_items(blocks)
    assert (
        items[0]
        == "- Kịp thời thông tin, báo cáo gửi về Văn phòng Liên minh Hợp tác xã tỉnh trước ngày 20/4/2024."
    )
    assert isinstance(items[1], Table)
    assert items[2:] == [
        "UBND TỈNH X",
        "LIÊN MINH HTX TỈNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TM. BAN THƯỜNG VỤ",
    ]


def test_a_law_is_a_basis_cited_by_its_name_then_its_number():
    # raw-28, a provincial decision as OCR read it ("xỐ" for "số", "202%" for "2025").
    lines = [
        "Căn cứ Luật Tổ chức chỉnh quyên địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Đầu tư số 143/2025/QH15 ngày 11 tháng 12 năm 202%;",
        "Căn cứ Văn bản xỐ 11654/ANKT-ANTCĐT ngày 02 tháng 7 năm 2026",
        "Căn cứ Luật Hợp tác xã số 17/2023/QH15 và Nghị định số 92/2024/NĐ-CP;",
    ]
    bases = find_bases(lines, own_number=None)
    assert [b.number for b in bases] == [
        "72/2025/QH15",
        "143/2025/QH15",
        "11654/ANKT-ANTCĐT",
        "17/2023/QH15",
        "92/2024/NĐ-CP",
    ]
    assert bases[0].date == date(2025, 6, 16)
    assert bases[1].date is None  # "năm 202%": no date rather than a guess


def test_a_decisions_type_line_and_title_read_as_one_line_by_ocr():
    header = read_header(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH LÀO CAI",
            "Số: /QĐ-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lào Cai, ngày 0$ tháng È năm 2026",
            "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ (Cấp lần đầu: Ngày 0A tháng ‡ năm 2026)",
            "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH LÀO CAI",
            "Căn cứ Luật Đầu tư số 143/2025/QH15;",
        ]
    )
    assert header.type_kind == "decision"
    assert header.title == "CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ ĐỒNG THỜI CHẤP THUẬN NHÀ ĐẦU TƯ"
    assert header.date is None
