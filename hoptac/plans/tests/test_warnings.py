import pytest
from django.utils import translation

from hoptac.documents import parse_text
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
