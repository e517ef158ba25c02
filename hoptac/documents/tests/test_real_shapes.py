"""The shapes real offices' documents come in, each on a real document (fixtures/real and
fixtures/raw, copied as published): what each test expects was read off the document itself."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from hoptac.documents import parse_path, parse_text
from hoptac.documents.model import Paragraph, Table
from hoptac.documents.parse.people import is_person_name, split_people
from hoptac.documents.parse.pipe_cells import split_pipe_cells
from hoptac.documents.parse.reflow import reflow
from hoptac.documents.parse.timephrase import parse_time
from hoptac.documents.read import read_path

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
RAW = FIXTURES / "raw"
FOUND = FIXTURES / "found"


def _titles(activities):
    return [a.title for a in activities]


# Legal-library pages converted to markdown: one cell at a time between lone "|" lines, every
# paragraph hard-wrapped at 80 characters.


def test_a_header_split_into_pipe_cells_gives_issuer_number_place_and_date():
    reading = parse_path(REAL / "real-09.txt")
    assert reading.issuer.name == "UỶ BAN NHÂN DÂN TỈNH BẮC NINH"
    assert (reading.number, reading.place, str(reading.date)) == ("141/KH-UBND", "Bắc Ninh", "2025-11-20")
    # the opening sentence is wrapped over seven lines; all three bases are in it
    assert [b.number for b in reading.bases] == ["14-KH/TU", "24/KH-UBND", "66-NQ/TW"]


def test_a_task_table_written_cell_by_cell_is_a_table_with_its_rows():
    blocks, _ = read_path(REAL / "real-11.txt")
    tables = [b for b in split_pipe_cells(blocks) if isinstance(b, Table)]
    (table,) = [t for t in tables if t.rows[0][0] == "TT"]
    assert table.rows[0] == (
        "TT",
        "Nội dung thực hiện",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian hoàn thành",
        "Sản phẩm dự kiến",
    )
    # group row "I" with its merged title cell, then row 1 whose cells were wrapped mid-phrase
    assert table.rows[1][:2] == ("I", "KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ")
    assert table.rows[2][2:5] == (
        "Bộ CHQS tỉnh; UBND cấp xã",
        "Văn phòng Ban Chỉ huy; các sở, ban, ngành",
        "Trước ngày 30/11/2025",
    )


def test_the_appendix_rows_are_the_activities_across_an_elided_part_of_the_table():
    reading = parse_path(REAL / "real-11.txt")
    # 9 rows before the page's "….........." and 9 after it; group rows I, II ... are not activities
    assert len(reading.activities) == 18
    first, tenth = reading.activities[0], reading.activities[9]
    assert first.lead == ("Bộ CHQS tỉnh", "UBND cấp xã")
    assert str(first.time.end) == "2025-11-30"
    assert first.time.start is None
    assert tenth.title.startswith("Thành lập bộ máy quản lý Quỹ")
    assert tenth.lead == ("Sở Tài chính",)
    assert tenth.coordinating == ("Sở Tài chính", "cơ quan, địa phương liên quan")


def test_labels_after_a_task_belong_to_it_and_bullets_with_labels_of_their_own_are_its_children():
    reading = parse_path(REAL / "real-09.txt")
    first, _, _, fourth = reading.activities[:4]
    assert first.lead == ("Các Sở, ngành, đơn vị", "UBND cấp xã")
    assert first.coordinating == ("Sở Nội vụ", "Sở Tư pháp")
    assert not first.children
    assert not fourth.lead
    assert [c.lead for c in fourth.children] == [
        ("Các Sở, ngành, đơn vị", "UBND cấp xã"),
        ("Sở Tư pháp",),
        ("Sở Nội vụ",),
    ]


def test_reflow_joins_wrapped_lines_and_keeps_items_apart():
    lines = ["Thực hiện Kế hoạch số 14-KH/TU", "ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy.", ""] * 8
    lines += ["**CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM**", "Độc lập - Tự do - Hạnh phúc", ""]
    lines += ["- Một việc", "- Việc khác", "", "**TM. ỦY BAN NHÂN", "DÂN**", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    out = [b.text for b in reflow([Paragraph(line) for line in lines]) if b.text]
    assert out[0] == "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ Tỉnh ủy."
    assert out[8:] == [
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
        "Độc lập - Tự do - Hạnh phúc",
        "- Một việc",
        "- Việc khác",
        "**TM. ỦY BAN NHÂN DÂN**",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]


def test_a_text_of_one_paragraph_a_line_is_left_alone():
    lines = [f"{n}. Tổ chức hội nghị lần thứ {n} tại Hội trường." for n in range(1, 30)]
    blocks = [Paragraph(line) for line in lines]
    assert reflow(blocks) == blocks


# Word files of a provincial department: task tables in an appendix, Word's numbering in the TT cells.


def test_a_column_number_row_is_not_an_activity():
    reading = parse_path(REAL / "real-14.docx")
    assert len(reading.activities) == 14
    assert reading.activities[0].title.startswith("Tổ chức quán triệt sâu rộng Chỉ thị")
    assert reading.activities[0].lead == ("Các Sở, ban, ngành", "UBND các xã, phường")


def test_word_numbering_in_table_cells_and_people_apart_from_units():
    reading = parse_path(REAL / "real-15.docx")
    assert [a.number for a in reading.activities] == [str(n) for n in range(1, 10)]
    assert _titles(reading.activities)[:3] == [
        "Rà soát việc đáp ứng các điều kiện của học viên",
        "Xây dựng bài kiểm tra, đáp án",
        "Tổ chức kiểm tra",
    ]
    first = reading.activities[0]
    assert first.people == ("Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị thúy Nhung")
    assert first.lead == ()
    assert first.coordinating == ()


def test_people_are_told_from_posts():
    assert is_person_name("Nguyễn Thị thúy Nhung")
    assert is_person_name("Đ/c Trần Văn Cứng")
    assert not is_person_name("Tổng phụ trách Đội")  # Tổng, not the family name Tống
    assert not is_person_name("Giáo viên chủ nhiệm khối 4, 5")
    assert split_people("Đỗ Mạnh Cường\nGiáo viên chủ nhiệm khối 4, 5") == (
        ["Đỗ Mạnh Cường"],
        ["Giáo viên chủ nhiệm khối 4, 5"],
    )


# Every kind of administrative document.


@pytest.mark.parametrize(
    ("name", "kind", "number"),
    [
        ("raw-02.docx", "report", "/BC-UBND"),
        ("raw-04.docx", "letter", "/SCT-CN"),  # "V/v Thông báo ..." under a letter's number
        ("raw-05.docx", "notice", "/TB-VP"),
        ("raw-06.docx", "decision", "/QĐ-SCT"),
        ("raw-20.pdf", "letter", "7432/UBND-XD"),
        ("raw-19.pdf", "decision", "1074/QĐ-BXD"),
    ],
)
def test_the_kind_comes_from_the_type_line_or_the_number(name, kind, number):
    reading = parse_path(RAW / name)
    assert (reading.kind, reading.number) == (kind, number)


def test_a_letters_title_is_its_subject_line():
    reading = parse_path(RAW / "raw-32.txt")
    assert reading.kind == "letter"
    assert (
        reading.title
        == "Quản lý, thống kê, kê khai và báo cáo sản lượng, kết quả khai thác, thu hồi khoáng sản"
    )
    assert (reading.place, str(reading.date)) == ("Lào Cai", "2025-12-29")


def test_a_decision_that_issues_a_plan_reads_as_the_plan():
    reading = parse_path(FOUND / "found-08.txt")
    assert reading.kind == "plan"
    assert reading.number == "3521/QĐ-UBND"


def test_duties_assigned_body_by_body_are_activities_led_by_each_body():
    reading = parse_path(RAW / "raw-10.docx")
    leads = [a.lead for a in reading.activities]
    assert leads[:5] == [("Sở Nông nghiệp và Môi trường",)] * 5
    assert leads[5:7] == [("Sở Công Thương",)] * 2
    assert reading.activities[5].coordinating == ("các Sở, ban, ngành, địa phương",)


def test_a_plans_work_by_unit_section_is_not_read_as_duties():
    text = "\n".join(
        [
            "KẾ HOẠCH",
            "I. NỘI DUNG",
            "1. Tổ chức hội nghị sơ kết vào tháng 6/2026.",
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Sở Nội vụ",
            "- Theo dõi việc thực hiện.",
            "2. Sở Tài chính",
            "- Bố trí kinh phí.",
        ]
    )
    assert _titles(parse_text(text).activities) == ["Tổ chức hội nghị sơ kết vào tháng 6/2026"]


# Time phrases met in these documents.


@pytest.mark.parametrize(
    ("phrase", "start", "end"),
    [
        ("Quý IV năm 2025 và các năm tiếp theo", "2025-10-01", None),
        ("Giai đoạn 2026-2030 và những năm tiếp theo", "2026-01-01", None),
        ("Tháng 12 hằng năm", None, None),
        ("Xong trong Quý II/2026", "2026-04-01", "2026-06-30"),
    ],
)
def test_open_ended_and_recurring_times(phrase, start, end):
    window = parse_time(phrase)
    assert (str(window.start) if window.start else None, str(window.end) if window.end else None) == (
        start,
        end,
    )


def test_decomposed_letters_invisible_characters_and_old_tone_marks_read_alike():
    clean = (REAL / "real-13.txt").read_text(encoding="utf-8")
    messy = clean.replace("**KẾ HOẠCH**", "**KẾ\u200b HOẠCH**", 1).replace("Số: 1026", "Số:\u00a01026\u200c")
    messy = unicodedata.normalize("NFD", messy.replace("hòa", "hoà").replace("Hòa", "Hoà"))
    assert "\u200b" in messy
    assert "\u200c" in messy
    assert "\u00a0" in messy
    expected, got = parse_text(clean), parse_text(messy)
    assert (got.number, got.issuer.name, got.title) == (expected.number, expected.issuer.name, expected.title)
    assert len(got.activities) == len(expected.activities) == 6
    assert unicodedata.is_normalized("NFC", got.title)


def test_a_pdf_task_table_over_three_pages_reads_as_the_word_files_table():
    from_pdf = parse_path(FIXTURES / "files" / "real-14.pdf")
    from_word = parse_path(REAL / "real-14.docx")
    assert len(from_pdf.activities) == len(from_word.activities) == 14
    for pdf_row, word_row in zip(from_pdf.activities, from_word.activities, strict=True):
        assert pdf_row.title.rstrip(".") == word_row.title.rstrip(".")
        assert pdf_row.time == word_row.time or pdf_row.time.start == word_row.time.start
    assert from_pdf.activities[5].lead == ("Sở Công Thương", "Sở Xây dựng")  # row 6, on the second page
    assert from_pdf.activities[13].lead == ("UBND các xã, phường",)  # the last row, on the third page


def test_an_html_table_inside_a_markdown_file_with_days_spanning_rows():
    # A district's weekly schedule as its site stores it: front matter, then raw HTML; each day's
    # cell spans its meetings' rows (rowspan), so every meeting must get its day.
    reading = parse_path(FOUND / "found-14.md")
    first, second, sixth = reading.activities[0], reading.activities[1], reading.activities[5]
    assert (first.title, str(first.time.start)) == ("Giao ban Thường trực HĐND", "2019-11-11")
    assert (second.title, str(second.time.start), second.lead) == (
        "Giao ban UBND",
        "2019-11-11",
        ("Tập thể lđ UBND",),
    )
    assert str(sixth.time.start) == "2019-11-12"  # the next day's span


def test_a_place_and_date_line_wrapped_in_its_cell_is_joined():
    reading = parse_path(FOUND / "found-13.txt")  # "Bà Rịa - Vũng" / "Tàu, ngày 17 tháng 4 năm 2013"
    assert (reading.place, str(reading.date)) == ("Bà Rịa - Vũng Tàu", "2013-04-17")
    text = "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 12/KH-UBND\nThành phố Hồ Chí\nMinh, ngày 05 tháng 3 năm 2026"
    reading = parse_text(text + "\nKẾ HOẠCH\nTổ chức hội nghị")
    assert (reading.place, str(reading.date)) == ("Thành phố Hồ Chí Minh", "2026-03-05")


@pytest.mark.parametrize(
    ("name", "number", "day", "issuer"),
    [
        # "..., ngày 07/11/2022 Liên minh Hợp tác xã tỉnh Đắk Nông đã xây dựng ban hành Kế hoạch số ..."
        ("real-03.txt", "654/KH-LMHTX", "2022-11-07", "Liên minh Hợp tác xã tỉnh Đắk Nông"),
        # "Ngày 28/8/2023, Ủy ban Nhân dân tỉnh ban hành kế hoạch số 3608/KH-UBND ..."
        ("real-05.txt", "3608/KH-UBND", "2023-08-28", "Ủy ban Nhân dân tỉnh"),
    ],
)
def test_an_article_names_the_plan_its_date_and_its_issuer(name, number, day, issuer):
    reading = parse_path(REAL / name)
    assert (reading.kind, reading.number, str(reading.date), reading.issuer.name) == (
        "article",
        number,
        day,
        issuer,
    )
