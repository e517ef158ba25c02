"""The time module: every time phrase of the seeds and the general forms, checked against a calendar."""

from __future__ import annotations

from datetime import date

import pytest

from hoptac.documents.parse.dates import SchoolYear, parse_date, school_year
from hoptac.documents.parse.timephrase import find_time, parse_time

D = date
# phrase, document year, start, end, precision. The seeds' phrases come first.
PHRASES = [
    # seed 000 (Bắc Ninh, 2023)
    ("Ngày 16 tháng 01 năm 2023 (thứ hai).", 2023, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("từ 16/01/2023 đến 31/12/2023", 2023, D(2023, 1, 16), D(2023, 12, 31), "range"),
    ("từ tháng 5 đến tháng 7 năm  2023", 2023, D(2023, 5, 1), D(2023, 7, 31), "range"),
    ("Tổ chức vào tháng 8-9/2023.", 2023, D(2023, 8, 1), D(2023, 9, 30), "range"),
    ("Tổ chức vào tháng 10-11/2023.", 2023, D(2023, 10, 1), D(2023, 11, 30), "range"),
    ("Dự kiến vào dịp 11/4/2023.", 2023, D(2023, 4, 11), D(2023, 4, 11), "day"),
    ("Tháng 12/2023", 2023, D(2023, 12, 1), D(2023, 12, 31), "month"),
    # seed 001 (Thừa Thiên Huế, 2021)
    ("Từ ngày 01/7/2021-10/7/2021.", 2021, D(2021, 7, 1), D(2021, 7, 10), "range"),
    ("Từ ngày 01/7/2021-10/7/2021", 2021, D(2021, 7, 1), D(2021, 7, 10), "range"),
    ("Đầu tháng 7/2021", 2021, D(2021, 7, 1), D(2021, 7, 10), "range"),
    # seed 002 (An Giang, 2024)
    ("Cả năm 2024; cao điểm từ ngày 29/3/2024 đến 29/4/2024.", 2024, D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("Tháng 3 hoặc tuần đầu tháng 4/2024.", 2024, D(2024, 3, 1), D(2024, 4, 7), "range"),
    ("Dự kiến từ 20/4 đến 25/4/2024.", 2024, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("Tháng 4/2024.", 2024, D(2024, 4, 1), D(2024, 4, 30), "month"),
    # seed 003 (Yên Bái, 2024)
    ("Từ tháng 11 năm 2024 đến 31/12/2025.", 2024, D(2024, 11, 1), D(2025, 12, 31), "range"),
    # seed 004 (article, 2024)
    (
        "cả năm 2024, trong đó cao điểm từ ngày 29/3/2024 đến 29/4/2024",
        2024,
        D(2024, 1, 1),
        D(2024, 12, 31),
        "year",
    ),
    # days in every writing
    ("16/01/2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("16-1-2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("16.1.2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("16 / 01 / 2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("ngày 16 tháng 01 năm 2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("Ngày 5 tháng 9 năm 2025", None, D(2025, 9, 5), D(2025, 9, 5), "day"),
    ("ngày 05 tháng 9, năm 2025", None, D(2025, 9, 5), D(2025, 9, 5), "day"),
    ("NGÀY 30 THÁNG 4 NĂM 2025", None, D(2025, 4, 30), D(2025, 4, 30), "day"),
    ("ngày 20/4", 2024, D(2024, 4, 20), D(2024, 4, 20), "day"),
    ("Ngày 2 tháng 9", 2025, D(2025, 9, 2), D(2025, 9, 2), "day"),
    ("29/02/2024", None, D(2024, 2, 29), D(2024, 2, 29), "day"),
    ("Thứ Hai, ngày 16/01/2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("Chủ nhật (05/01/2025)", None, D(2025, 1, 5), D(2025, 1, 5), "day"),
    ("08 giờ 00, ngày 16/01/2023", None, D(2023, 1, 16), D(2023, 1, 16), "day"),
    ("Vào lúc 14h00 ngày 20/5/2025 (thứ ba)", None, D(2025, 5, 20), D(2025, 5, 20), "day"),
    # day ranges, with every connector
    ("từ 20/4 - 25/4/2024", None, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("từ 20/4 – 25/4/2024", None, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("từ 20/4 tới 25/4/2024", None, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("Từ ngày 20 đến ngày 25/4/2024", None, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("ngày 20-25/4/2024", None, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("20 - 25/4", 2024, D(2024, 4, 20), D(2024, 4, 25), "range"),
    ("từ ngày 28/12/2024 đến ngày 05/01/2025", None, D(2024, 12, 28), D(2025, 1, 5), "range"),
    ("từ 28/12 đến 05/01/2025", None, D(2024, 12, 28), D(2025, 1, 5), "range"),
    ("Từ ngày 15/3/2025 đến hết ngày 15/4/2025", None, D(2025, 3, 15), D(2025, 4, 15), "range"),
    ("ngày 11 và 12/4/2025", None, D(2025, 4, 11), D(2025, 4, 12), "range"),
    ("Ngày 21/5/2026 (thứ năm) và ngày 28/5/2026 (thứ năm)", None, D(2026, 5, 21), D(2026, 5, 28), "range"),
    ("Từ ngày 10 - 15/8/2023", None, D(2023, 8, 10), D(2023, 8, 15), "range"),
    # months
    ("Tháng 4", 2024, D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("tháng 02/2024", None, D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("tháng 2 năm 2023", None, D(2023, 2, 1), D(2023, 2, 28), "month"),
    ("Trong tháng 6/2025", None, D(2025, 6, 1), D(2025, 6, 30), "month"),
    ("4/2024", None, D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("từ 4/2024 đến 6/2024", None, D(2024, 4, 1), D(2024, 6, 30), "range"),
    ("tháng 8 và tháng 9/2023", None, D(2023, 8, 1), D(2023, 9, 30), "range"),
    ("tháng 10 - 11 năm 2023", None, D(2023, 10, 1), D(2023, 11, 30), "range"),
    ("Từ tháng 3 đến tháng 5/2025", None, D(2025, 3, 1), D(2025, 5, 31), "range"),
    ("từ tháng 11 đến tháng 2/2025", None, D(2024, 11, 1), D(2025, 2, 28), "range"),
    ("Từ tháng 10/2024 đến tháng 3/2025", None, D(2024, 10, 1), D(2025, 3, 31), "range"),
    # parts of a month
    ("đầu tháng 3/2025", None, D(2025, 3, 1), D(2025, 3, 10), "range"),
    ("giữa tháng 3/2025", None, D(2025, 3, 11), D(2025, 3, 20), "range"),
    ("cuối tháng 2/2025", None, D(2025, 2, 21), D(2025, 2, 28), "range"),
    ("cuối tháng 2/2024", None, D(2024, 2, 21), D(2024, 2, 29), "range"),
    ("Trung tuần tháng 5/2025", None, D(2025, 5, 11), D(2025, 5, 20), "range"),
    ("thượng tuần tháng 6", 2025, D(2025, 6, 1), D(2025, 6, 10), "range"),
    ("hạ tuần tháng 6", 2025, D(2025, 6, 21), D(2025, 6, 30), "range"),
    ("tuần đầu tháng 4/2024", None, D(2024, 4, 1), D(2024, 4, 7), "week"),
    ("tuần thứ hai của tháng 4/2024", None, D(2024, 4, 8), D(2024, 4, 14), "week"),
    ("tuần thứ 3 tháng 4/2024", None, D(2024, 4, 15), D(2024, 4, 21), "week"),
    ("tuần cuối tháng 2/2024", None, D(2024, 2, 23), D(2024, 2, 29), "week"),
    ("Tuần 1-2 tháng 9/2025", None, D(2025, 9, 1), D(2025, 9, 14), "range"),
    # quarters, halves and years
    ("Quý II/2025", None, D(2025, 4, 1), D(2025, 6, 30), "quarter"),
    ("quý I/2024", None, D(2024, 1, 1), D(2024, 3, 31), "quarter"),
    ("Quý III năm 2024", None, D(2024, 7, 1), D(2024, 9, 30), "quarter"),
    ("quý IV/2023", None, D(2023, 10, 1), D(2023, 12, 31), "quarter"),
    ("Quý 4 năm 2025", None, D(2025, 10, 1), D(2025, 12, 31), "quarter"),
    ("quý II - III/2024", None, D(2024, 4, 1), D(2024, 9, 30), "range"),
    ("Trong quý I và quý II năm 2025", None, D(2025, 1, 1), D(2025, 6, 30), "range"),
    ("Quý I", 2026, D(2026, 1, 1), D(2026, 3, 31), "quarter"),
    ("6 tháng đầu năm 2024", None, D(2024, 1, 1), D(2024, 6, 30), "half_year"),
    ("6 tháng cuối năm 2024", None, D(2024, 7, 1), D(2024, 12, 31), "half_year"),
    ("Sáu tháng đầu năm", 2025, D(2025, 1, 1), D(2025, 6, 30), "half_year"),
    ("nửa cuối năm 2025", None, D(2025, 7, 1), D(2025, 12, 31), "half_year"),
    ("năm 2024", None, D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("Cả năm", 2025, D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("Trong năm 2025", None, D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("2025", None, D(2025, 1, 1), D(2025, 12, 31), "year"),
    ("Đầu năm 2025", None, D(2025, 1, 1), D(2025, 3, 31), "range"),
    ("cuối năm 2025", None, D(2025, 10, 1), D(2025, 12, 31), "range"),
    ("giai đoạn 2021-2025", None, D(2021, 1, 1), D(2025, 12, 31), "range"),
    ("Giai đoạn 2021 – 2025", None, D(2021, 1, 1), D(2025, 12, 31), "range"),
    ("từ năm 2024 đến năm 2026", None, D(2024, 1, 1), D(2026, 12, 31), "range"),
    ("Quý IV/2024 đến quý I/2025", None, D(2024, 10, 1), D(2025, 3, 31), "range"),
    # alternatives and lists
    ("Tháng 5 hoặc tháng 6/2025", None, D(2025, 5, 1), D(2025, 6, 30), "range"),
]


@pytest.mark.parametrize(("phrase", "year", "start", "end", "precision"), PHRASES)
def test_time_phrase_gives_its_dates_and_precision(phrase, year, start, end, precision):
    window = parse_time(phrase, year=year)
    assert (window.start, window.end, window.precision) == (start, end, precision)
    assert window.text == phrase.strip(" .;,").replace("  ", " ")
    assert not window.warnings


def test_there_are_at_least_eighty_phrases():
    assert len(PHRASES) >= 80


@pytest.mark.parametrize(
    "phrase", ["Dự kiến từ 20/4 đến 25/4/2024.", "Dự kiến vào dịp 11/4/2023.", "Quý II/2025 (dự kiến)"]
)
def test_dự_kiến_is_tentative(phrase):
    assert parse_time(phrase, year=2024).tentative


def test_a_fixed_date_is_not_tentative():
    assert not parse_time("Tháng 4/2024.").tentative


@pytest.mark.parametrize(
    ("phrase", "peak_start", "peak_end"),
    [
        ("Cả năm 2024; cao điểm từ ngày 29/3/2024 đến 29/4/2024.", D(2024, 3, 29), D(2024, 4, 29)),
        ("Năm 2025, cao điểm từ 29/3 đến 29/4", D(2025, 3, 29), D(2025, 4, 29)),
        ("Cả năm 2025, cao điểm tháng 4", D(2025, 4, 1), D(2025, 4, 30)),
    ],
)
def test_a_peak_inside_a_period(phrase, peak_start, peak_end):
    window = parse_time(phrase)
    assert (window.peak_start, window.peak_end) == (peak_start, peak_end)
    assert window.start.month == 1
    assert window.end.month == 12


@pytest.mark.parametrize(
    ("phrase", "end"),
    [
        ("trước ngày 20/4/2024", D(2024, 4, 20)),
        ("Chậm nhất ngày 15/11/2025", D(2025, 11, 15)),
        ("chậm nhất là ngày 30 tháng 6 năm 2025", D(2025, 6, 30)),
        ("Hạn chót: 05/12/2025", D(2025, 12, 5)),
        ("trước 20/4", D(2024, 4, 20)),
        ("trước tháng 6/2025", D(2025, 5, 31)),
        ("Đến hết ngày 31/12/2024", D(2024, 12, 31)),
    ],
)
def test_a_deadline_knows_only_its_end(phrase, end):
    window = parse_time(phrase, year=2024)
    assert window.is_deadline
    assert (window.start, window.end) == (None, end)


@pytest.mark.parametrize(
    "phrase",
    [
        "(Theo kế hoạch của Cụm và Liên minh HTX Việt Nam)",
        "Theo lịch của Liên minh HTX Việt Nam",
        "Theo thông báo của Ban tổ chức",
        "Sẽ thông báo sau",
        "theo giấy mời",
    ],
)
def test_a_time_set_by_someone_else_has_no_dates_yet(phrase):
    window = parse_time(phrase)
    assert window.set_by_other
    assert (window.start, window.end, window.precision) == (None, None, None)
    assert not window.warnings


def test_an_open_start_has_no_end():
    window = parse_time("Từ ngày 01/7/2021")
    assert (window.start, window.end) == (D(2021, 7, 1), None)


@pytest.mark.parametrize(
    ("phrase", "warning"),
    [
        ("31/02/2024", "31/02/2024 is not a date"),
        ("ngày 30 tháng 02 năm 2025", "30/02/2025 is not a date"),
        ("Tháng 13/2024", "13/2024 is not a date"),
        ("Ngày 17/01/2023 (thứ hai)", "17/01/2023 is a thứ ba, not a thứ hai"),
    ],
)
def test_an_impossible_date_or_a_wrong_weekday_is_a_warning_not_a_crash(phrase, warning):
    window = parse_time(phrase)
    assert any(warning in w for w in window.warnings), window.warnings


def test_an_impossible_date_gives_no_dates():
    window = parse_time("31/02/2024")
    assert (window.start, window.end) == (None, None)


def test_a_year_less_phrase_without_a_document_year_stays_unknown():
    window = parse_time("Tháng 4")
    assert (window.start, window.end) == (None, None)


def test_a_phrase_that_is_not_a_time_says_so():
    assert parse_time("Khi có điều kiện").warnings == ("time 'Khi có điều kiện' not understood",)
    assert not parse_time("Thường xuyên").warnings
    assert parse_time("   ") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Cấp cụm: Tổ chức vào tháng 8-9/2023. Cấp cụm sẽ lựa chọn 05 cán bộ", "vào tháng 8-9/2023"),
        ("Tổ chức hội nghị sơ kết trong quý II/2025 tại hội trường", "trong quý II/2025"),
        ("Gửi báo cáo về Văn phòng trước ngày 20/4/2024; liên hệ", "trước ngày 20/4/2024"),
        ("Tổ chức kiểm tra trong 6 tháng cuối năm 2025 tại các HTX", "trong 6 tháng cuối năm 2025"),
        ("Tổ chức từ ngày 20/4 đến 25/4/2024 (dự kiến) tại Hà Nội", "từ ngày 20/4 đến 25/4/2024 (dự kiến)"),
    ],
)
def test_find_time_takes_a_cued_phrase_in_running_text(text, found):
    assert find_time(text, year=2024).text == found


@pytest.mark.parametrize(
    "text",
    [
        "Phát động thi đua chào mừng ngày HTX Việt Nam 11/4 trong toàn hệ thống",
        "chào mừng thành công bầu cử HĐND các cấp nhiệm kỳ 2021-2026 thông qua Website",
        "kỷ niệm 30 năm ngày thành lập Liên minh Hợp tác xã Việt Nam (29/10/1993-29/10/2023)",
        "Tuyên truyền Luật Hợp tác xã năm 2023 và các chính sách hỗ trợ",
        "Nghị quyết số 20-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương",
        "Đại hội Liên minh HTX tỉnh Yên Bái lần thứ VII, (nhiệm kỳ 2025-2030)",
        "Tổ chức tọa đàm, sơ kết 6 tháng đầu năm 2021 và các hoạt động khác",
        "Chỉ thị số 05-CT/TU ngày 23/3/2021 của Tỉnh ủy Yên Bái về công tác thi đua giai đoạn 2021-2025",
        "Liên minh HTX Việt Nam trong năm 2025 và giai đoạn 2021-2025",
    ],
)
def test_find_time_leaves_dates_that_are_not_times(text):
    assert find_time(text, year=2024) is None


def test_parse_date_reads_the_first_day_and_refuses_impossible_ones():
    assert parse_date("Bắc Ninh, ngày  16 tháng 01 năm 2023") == D(2023, 1, 16)
    assert parse_date("ngày 07/02/2024 của Ban Thường vụ") == D(2024, 2, 7)
    assert parse_date("ngày     tháng 01 năm 2024") is None
    assert parse_date("31/02/2024") is None


def test_a_school_years_months_take_the_year_they_fall_in():
    school = school_year("Kế hoạch giáo dục kỹ năng sống năm học 2019 - 2020")
    assert school == SchoolYear(2019)
    assert (parse_time("Tháng 9", year=school).start, parse_time("Tháng 2", year=school).end) == (
        D(2019, 9, 1),
        D(2020, 2, 29),
    )
    assert school_year("năm học 2019 - 2021") is None
    assert parse_time("Cả năm học", year=2019).start is None
