"""Any text and any bytes: the engine raises nothing but its own error, and reads the same way twice."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoptac.documents import DocumentError, parse_bytes, parse_text

# Text built from the vocabulary of plans reaches far more of the parser than random letters do.
FRAGMENTS = [
    "KẾ HOẠCH",
    "Số: 14/KH-LMHTX",
    "Bắc Ninh, ngày 16 tháng 01 năm 2023",
    "I. MỤC ĐÍCH",
    "II. NỘI DUNG",
    "1.",
    "1.1.",
    "a)",
    "(1)",
    "- ",
    "+ ",
    "* ",
    "Thời gian:",
    "Đơn vị chủ trì:",
    "Phối hợp với",
    "và",
    ";",
    "Căn cứ Kế hoạch số 70/KH-BTV ngày 07/02/2024 của Ban A",
    "Nơi nhận:",
    "TM. BAN THƯỜNG VỤ",
    "CHỦ TỊCH",
    "Trần Văn A",
    "31/02/2024",
    "Quý V/2024",
    "(29/10/1993-29/10/2023)",
    "30 năm Ngày",
    "trước ngày",
    "|",
    "Tháng 13/2024",
    "từ",
    "đến",
    "\n",
    " ",
    "ít nhất 200 tin bài",
    "Trên đây là Kế hoạch của Liên minh HTX tỉnh",
]
plan_like = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=60).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=plan_like | st.text())
def test_any_text_reads_without_error_and_the_same_way_twice(text):
    assert parse_text(text).to_dict() == parse_text(text).to_dict()


@SETTINGS
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".txt", ".docx", ".html", ".pdf", ".doc", ""]))
def test_any_bytes_raise_only_the_engines_error(data, suffix):
    try:
        first = parse_bytes(data, name=f"upload{suffix}").to_dict()
    except DocumentError as error:
        message = str(error)
    else:
        assert parse_bytes(data, name=f"upload{suffix}").to_dict() == first
        return
    assert message
    assert "\n" not in message
