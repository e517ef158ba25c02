"""The kinds of line a document's header is made of (Decree 30's layout): the national motto, the
number line ("Số: 14/KH-LMHTX"), the place and date line, the type line ("KẾ HOẠCH") and a letter's
subject line ("V/v ..."); and whether a line is in capitals, as a header's names are.
"""

from __future__ import annotations

import re

NATIONAL_MOTTO = (
    "cong hoa xa hoi chu nghia viet nam",
    "dang cong san viet nam",  # the Party's documents
    "hoi nong dan viet nam",  # mass organisations put their national body where the motto stands
    "hoi lien hiep phu nu viet nam",
    "doan tncs ho chi minh",
    "doan thanh nien cong san ho chi minh",
    "doc lap - tu do - hanh phuc",
    "doc lap tu do hanh phuc",
)
TYPE_NAME = "KẾ HOẠCH"
# The type line of each kind of administrative document (Decree 30, appendix I), and its kind.
TYPE_NAMES: dict[str, str] = {
    "KẾ HOẠCH": "plan",
    "CHƯƠNG TRÌNH": "programme",
    "QUYẾT ĐỊNH": "decision",
    "THÔNG BÁO": "notice",
    "BÁO CÁO": "report",
    "CHỈ THỊ": "directive",
    "HƯỚNG DẪN": "guidance",
    "CÔNG VĂN": "letter",
    "TỜ TRÌNH": "unknown",
    "NGHỊ QUYẾT": "unknown",
    "CÔNG ĐIỆN": "unknown",
}
_TYPE_LINE = re.compile(r"^(" + "|".join(TYPE_NAMES) + r")(?![^\W\d_])")
SUBJECT_LINE = re.compile(r"^(?:V/v|V/V|Về việc)\b\s*:?\s*")
# "Số: 14/KH-LMHTX"; OCR misreads the tone of "Số" ("Só:", "Sô:").
NUMBER_LINE = re.compile(r"^S[ốóôồổỗộoòỏõọ]\s*[:.]?\s*(?=[\d/])(?P<rest>.{1,80})", re.IGNORECASE)
# "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT": a number in capitals without a colon names the body.
NAME_NUMBER = re.compile(r"^SỐ\s+\d")
# "Bắc Ninh, ngày 16 tháng 01 năm 2023", "Khánh Hòa, ngày    tháng 3 năm 2026" (a blank day); not
# "Từ khóa: Liên minh HTX, Ngày Hợp tác xã Quốc tế" (a label, and no month after "ngày").
PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d][^,\d:]{1,40}),\s*(?P<date>ngày\b[^,]{0,30}?(?:tháng|\d\s*[/.\-]\s*\d)[^,]{0,40})$",
    re.IGNORECASE,
)
_UPPER_SHARE = 0.7


def is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= _UPPER_SHARE * len(letters)


def type_line(line: str) -> re.Match[str] | None:
    """The type word opening a line ("QUYẾT ĐỊNH", "KẾ HOẠCH ...") when the line can be a type line:
    a plan's may go on with its title, another type stands alone or almost ("THÔNG BÁO KẾT LUẬN")."""
    match = _TYPE_LINE.match(line)
    if not match or line.endswith(":"):
        return None
    if match.group(1) != TYPE_NAME and len(line) > 60 and not title_in_capitals(line[match.end() :]):
        return None
    return match


def title_in_capitals(rest: str) -> bool:
    """ "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ (Cấp lần đầu: ...)": a scan's type line and title
    read as one line; the title is in capitals up to its parenthesis, as no sentence is."""
    head = rest.split("(", 1)[0]
    return len(head.split()) >= 3 and is_upper_line(head)
