"""The header of a document (Decree 30's layout): parent body, issuer, number, place and date, type
and title. Portal copies flatten the two-column header into one line per cell and put web noise
around it; documents without a header name their number, date and title in a sentence instead
("Liên minh HTX tỉnh xây dựng Kế hoạch số 133/KH-LMHTX ngày 29/6/2021 về việc ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.parse.outline import numbered_item, section_heading
from hoptac.documents.parse.timephrase import parse_date

HEADER_SCAN_LINES = 80
# A letter ("V/v ...") has no type line: one met this far below its header belongs to a form it attaches.
MAX_TYPE_GAP = 6
MAX_WRAPPED_PLACE = 30
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
# The type code in a number and symbol ("45/KH-LMHTX", "12/CTr-UBND"); a number without one
# ("/SCT-CN", "7432/UBND-XD") is an official letter's (công văn).
TYPE_CODES: dict[str, str] = {
    "KH": "plan",
    "CTr": "programme",
    "CTR": "programme",
    "QĐ": "decision",
    "TB": "notice",
    "BC": "report",
    "CT": "directive",
    "HD": "guidance",
    "HDLN": "guidance",
    "KHLT": "plan",
    "TTr": "unknown",
    "NQ": "unknown",
    "CĐ": "unknown",
    "TT": "unknown",
    "NĐ": "unknown",
}
_SUBJECT_LINE = re.compile(r"^(?:V/v|V/V|Về việc)\b\s*:?\s*")
# Folded openings of an organisation's name in an upper-case header line.
ORG_OPENINGS = (
    "ubnd",
    "uy ban",
    "hdnd",
    "hoi dong",
    "lien minh",
    "lm",
    "lmhtx",
    "bo ",
    "so ",
    "cuc",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "dang uy",
    "dang bo",
    "ban ",
    "truong",
    "phong",
    "trung tam",
    "hoi ",
    "doan",
    "mat tran",
    "mttq",
    "cong ty",
    "tong cong ty",
    "vien",
    "dai hoc",
    "chi bo",
    "hop tac xa",
    "htx",
    "lien hiep",
    "van phong",
    "quy ",
    "tap doan",
    "chi cuc",
    "tong cuc",
    "thuong truc",
    "cum thi dua",
    "khoi thi dua",
)
JOINT_WORDS = ("lien tich", "phoi hop lien nganh")
JOINT_TYPE = re.compile(r"^ke hoach (?:lien tich|phoi hop lien nganh)\b")
# Organs and departments named without their body: the parent line says whose they are.
PROVINCIAL_DEPARTMENTS = ("so ", "chi cuc", "cong an tinh", "bo chi huy", "kho bac", "thanh tra tinh")
ORGANS = ("thuong truc", "ban ", "van phong", "dang doan", "ban can su", "phong ", "trung tam")
_PLACE_WORDS = re.compile(r"\b(?:tinh|thanh pho|tp|huyen|xa(?! hoi)|phuong|viet nam|trung uong)\b")
TITLE_STOP_OPENINGS = (
    "can cu",
    "thuc hien",
    "trien khai",
    "theo ",
    "nham ",
    "de ",
    "kinh gui",
    "thuc hien chi dao",
    "nhan ",
    "huong ung",
    "tiep tuc",
    "qua ",
    "sau khi",
    "tren co so",
    "xet ",
    "du thao",
)
NUMBER_SYMBOL = re.compile(
    r"^(?P<seq>\d{0,6})(?:/(?P<year>\d{4}))?/(?P<type>[A-ZĐ]{1,8}r?)(?:-(?P<code>[A-ZĐa-zđ0-9][A-ZĐa-zđ0-9.&\-]{0,30}))?"
)
PARTY_NUMBER_SYMBOL = re.compile(
    r"^(?P<seq>\d{1,6})-(?P<type>[A-ZĐ]{1,8})/(?P<code>[A-ZĐa-zđ0-9][A-ZĐa-zđ0-9.&\-]{0,30}[A-ZĐa-zđ0-9])"
)
# "Số: 14/KH-LMHTX"; OCR misreads the tone of "Số" ("Só:", "Sô:").
_NUMBER_LINE = re.compile(r"^S[ốóôồổỗộoòỏõọ]\s*[:.]?\s*(?=[\d/])(?P<rest>.{1,80})", re.IGNORECASE)
# "ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH / SỐ 1050/QĐ-SCT": a number in capitals without a colon names the body.
_NAME_NUMBER = re.compile(r"^SỐ\s+\d")
# "Bắc Ninh, ngày 16 tháng 01 năm 2023", "Khánh Hòa, ngày    tháng 3 năm 2026" (a blank day); not
# "Từ khóa: Liên minh HTX, Ngày Hợp tác xã Quốc tế" (a label, and no month after "ngày").
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\W\d][^,\d:]{1,40}),\s*(?P<date>ngày\b[^,]{0,30}?(?:tháng|\d\s*[/.\-]\s*\d)[^,]{0,40})$",
    re.IGNORECASE,
)
_UPPER_SHARE = 0.7
_BARE_NUMBER_LABEL = re.compile(r"^Số\s*:?\s*$")


@dataclass(frozen=True)
class NumberSymbol:
    """ "14/KH-LMHTX": sequence 14, type code KH, issuer code LMHTX; "/KH-SCT" has no sequence."""

    number: str
    sequence: str | None
    type_code: str | None
    issuer_code: str | None


# The stamp signing software draws: "Thời gian ký: 02.04.2026 14:24:26 +07:00" (OCR may lose "Thời").
_SIGNING_TIME = re.compile(r"gian\s+ký\s*:?\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b", re.IGNORECASE)
_DATE_LINE_YEAR = re.compile(r"\bngày\b.*\bnăm\s*(\d{4})\b", re.IGNORECASE)


@dataclass
class Header:
    parent: str | None = None
    issuer: str | None = None
    number: NumberSymbol | None = None
    place: str | None = None
    date: date | None = None
    title: str | None = None
    has_type_line: bool = False
    type_kind: str | None = None  # the kind its type line names ("QUYẾT ĐỊNH": decision)
    subject: str | None = None  # a letter's "V/v ..." line, without "V/v"
    date_signed: bool = False  # the date is the digital signature's (the date line was unreadable)
    end: int = 0  # index of the first line after the header and title


def parse_number(text: str) -> NumberSymbol | None:
    """Split a number and symbol, whatever the spaces: "14  /KH-LMHTX" → 14 / KH / LMHTX.

    >>> parse_number("14  /KH-LMHTX").number
    '14/KH-LMHTX'
    """
    compact = re.sub(r"\s+", "", text)
    match = NUMBER_SYMBOL.match(compact)
    if not match:
        # The Party's and mass organisations' style: "142-KH/HNDT" (number-type/issuer code).
        if party := PARTY_NUMBER_SYMBOL.match(compact):
            return NumberSymbol(
                number=party.group(0),
                sequence=party.group("seq"),
                type_code=party.group("type"),
                issuer_code=party.group("code"),
            )
        return None
    number = match.group(0).rstrip(".-")
    return NumberSymbol(
        number=number,
        sequence=match.group("seq") or None,
        type_code=match.group("type"),
        issuer_code=(match.group("code") or "").rstrip(".-") or None,
    )


def is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= _UPPER_SHARE * len(letters)


def read_header(lines: list[str]) -> Header:
    """Find the header in the first lines of a document; fields not found stay None."""
    header = Header()
    scan = lines[:HEADER_SCAN_LINES]
    markers: list[int] = []
    type_index = fallback_type = None
    for index, line in enumerate(scan):
        # Only the national motto is compared folded, and it opens with C or Đ.
        folded = fold(line[:60]) if line[:1] in "CcĐđ" else ""
        following = scan[index + 1] if index + 1 < len(scan) else ""
        if folded and len(folded) < 30 and fold(f"{line} {following}"[:60]).startswith(NATIONAL_MOTTO):
            folded = fold(f"{line} {following}"[:60])  # "CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        if header.number is None and _BARE_NUMBER_LABEL.match(line):
            line = f"Số: {following}"  # "Số:" / "3521/QĐ-UBND": the number on the line below
        match = _NUMBER_LINE.match(line) if header.number is None and not _NAME_NUMBER.match(line) else None
        if match and (number := parse_number(match.group("rest"))):
            header.number = number
            markers.append(index)
            continue
        if folded.startswith(NATIONAL_MOTTO):
            markers.append(index)
        elif header.place is None and (match := _PLACE_DATE.match(line) or _wrapped_place(line, following)):
            header.place = squash_spaces(match.group("place"))
            header.date = parse_date(match.group("date"))
            markers.append(index)
        elif header.subject is None and markers and _SUBJECT_LINE.match(line):
            header.subject, subject_index = _subject(scan, index)
            markers.append(subject_index)
        elif (
            type_index is None
            and (type_match := _type_line(line))
            and (markers or index < 15)
            and not (header.subject and markers and index - max(markers) > MAX_TYPE_GAP)
        ):
            if not markers and fold(line[type_match.end() :]).strip(" :-") not in ("", *JOINT_WORDS):
                # "KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG ..." before any header line: the page's headline,
                # unless no header follows it.
                fallback_type = fallback_type if fallback_type is not None else index
                continue
            type_index = index
            break
    if type_index is None and fallback_type is not None and not markers:
        type_index = fallback_type
    if type_index is not None:
        header.has_type_line = True
        header.type_kind = TYPE_NAMES[_type_line(scan[type_index]).group(1)]
        header.title, header.end = _title_after(scan, type_index)
    elif markers:
        header.end = max(markers) + 1
    if markers:
        first = min(markers)
        last = type_index if type_index is not None else max(markers) + 1
        header.parent, header.issuer = _issuer_lines(scan[max(0, first - 6) : last])
        if header.parent and _is_joint(header, scan, type_index):
            # Two bodies over a joint plan ("KẾ HOẠCH LIÊN TỊCH", "05/KHLT-LMHTX-HLHPN"): the first
            # named is the issuer, and neither is the other's parent.
            header.parent, header.issuer = None, header.parent
    header.issuer = complete_issuer(header.issuer, header.parent, header.place)
    if header.date is None:
        header.date = signing_date(scan)
        header.date_signed = header.date is not None
    return header


def signing_date(lines: list[str]) -> date | None:
    """The day a digital signature's stamp gives ("Thời gian ký: 02.04.2026 14:24:26 +07:00"), for a
    document whose own date line cannot be read (a scan with the day written by hand): the day it was
    signed is the day it was issued. None when the date line names another year.

    >>> signing_date(["Thời gian ký: 02.04.2026 14:24:26 +07:00", "Hà Nội, ngày0) thángh năm 2026"])
    datetime.date(2026, 4, 2)
    >>> signing_date(["Thời gian ký: 02.04.2026 14:24:26", "Hà Nội, ngày   tháng   năm 2025"]) is None
    True
    """
    stamped = next((m for line in lines if (m := _SIGNING_TIME.search(line))), None)
    if stamped is None:
        return None
    try:
        signed = date(int(stamped.group(3)), int(stamped.group(2)), int(stamped.group(1)))
    except ValueError:
        return None
    years = {int(m.group(1)) for line in lines if (m := _DATE_LINE_YEAR.search(line))}
    return signed if not years or years == {signed.year} else None


def _is_joint(header: Header, scan: list[str], type_index: int | None) -> bool:
    type_line = fold(scan[type_index]) if type_index is not None else ""
    type_code = header.number.type_code if header.number else ""
    return bool(JOINT_TYPE.search(type_line)) or bool(type_code and type_code.endswith("LT"))


def _issuer_lines(zone: list[str]) -> tuple[str | None, str | None]:
    """(parent, issuer) from the upper-case organisation lines of the header zone."""
    names: list[str] = []
    for line in zone:
        folded = fold(line)
        if not is_upper_line(line) or folded.startswith(NATIONAL_MOTTO) or _type_line(line):
            continue
        if folded.startswith("so") and _NUMBER_LINE.match(line) and not _NAME_NUMBER.match(line):
            continue
        if NUMBER_SYMBOL.fullmatch(line.strip()):
            continue  # "15/2023/QĐ-UBND" on its own line, under a bare "Số:"
        if names and (not folded.startswith(ORG_OPENINGS) or _NAME_NUMBER.match(line)):
            names[-1] = f"{names[-1]} {line}"  # a long name wrapped onto a second line
        else:
            names.append(line)
    names = [squash_spaces(n) for n in names if fold(n).startswith(ORG_OPENINGS)]
    if not names:
        return None, None
    if len(names) == 1:
        return None, names[0]
    return names[0], names[-1]


def complete_issuer(issuer: str | None, parent: str | None, place: str | None) -> str | None:
    """Complete "LIÊN MINH HTX TỈNH" with its province from the parent body or the place line."""
    if not issuer:
        return issuer
    folded = fold(issuer)
    if parent and folded.startswith(ORGANS) and not _PLACE_WORDS.search(folded):
        return f"{issuer} {parent}"  # "THƯỜNG TRỰC" under "HĐND TỈNH QUẢNG TRỊ" is that council's
    # "SỞ CÔNG THƯƠNG" under "UBND TỈNH ĐỒNG NAI" is the Sở of that province.
    department = folded.startswith(PROVINCIAL_DEPARTMENTS) and not _PLACE_WORDS.search(folded)
    if department and parent and (match := re.search(r"\b(?:TỈNH|THÀNH PHỐ|tỉnh|thành phố)\s+.+$", parent)):
        return f"{issuer} {match.group(0)}"
    if not folded.endswith((" tinh", " thanh pho", " tp", " huyen", " xa")):
        return issuer
    province = None
    if parent:
        match = re.search(r"\b(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|XÃ|tỉnh|thành phố|huyện|xã)\s+(.+)$", parent)
        province = match.group(1) if match else None
    if not province and place:
        province = place.upper() if is_upper_line(issuer) else place
    return f"{issuer} {province}" if province else issuer


def _wrapped_place(line: str, following: str) -> re.Match[str] | None:
    """ "Thành phố Hồ Chí" / "Minh, ngày 05 tháng 3 năm 2026": a place and date line wrapped in its cell."""
    if len(line) > MAX_WRAPPED_PLACE or "," in line or not line[:1].isupper() or "ngày" not in following[:30]:
        return None
    if is_upper_line(line) or fold(line).startswith(NATIONAL_MOTTO) or "Độc lập" in line:
        return None  # a header line above the date line, not the start of its place
    return _PLACE_DATE.match(f"{line} {following}")


def _type_line(line: str) -> re.Match[str] | None:
    """The type word opening a line ("QUYẾT ĐỊNH", "KẾ HOẠCH ...") when the line can be a type line:
    a plan's may go on with its title, another type stands alone or almost ("THÔNG BÁO KẾT LUẬN")."""
    match = _TYPE_LINE.match(line)
    if not match or line.endswith(":"):
        return None
    if match.group(1) != TYPE_NAME and len(line) > 60 and not _title_in_capitals(line[match.end() :]):
        return None
    return match


def _title_in_capitals(rest: str) -> bool:
    """ "QUYẾT ĐỊNH CHẤP THUẬN CHỦ TRƯƠNG ĐẦU TƯ (Cấp lần đầu: ...)": a scan's type line and title
    read as one line; the title is in capitals up to its parenthesis, as no sentence is."""
    head = rest.split("(", 1)[0]
    return len(head.split()) >= 3 and is_upper_line(head)


def _subject(lines: list[str], index: int) -> tuple[str, int]:
    """A letter's subject ("V/v cập nhật công tác quản lý" / "an toàn hóa chất"): its first line
    and those that go on with it in lower case, and the index of its last line."""
    parts = [_SUBJECT_LINE.sub("", lines[index])]
    while index + 1 < len(lines) and len(parts) < 6 and _goes_on_subject(lines[index + 1]):
        index += 1
        parts.append(lines[index])
    return clean_title(" ".join(parts)), index


def _goes_on_subject(line: str) -> bool:
    """Whether a header line below "V/v ..." goes on with the subject (a cell wrapped over lines)."""
    if line[:1].islower():
        return True
    folded = fold(line[:40])
    stops = ("kinh gui", "so", "noi nhan", *NATIONAL_MOTTO)
    return (
        len(line) <= 60
        and not folded.startswith(stops)
        and not _PLACE_DATE.match(line)
        and not _type_line(line)
        and not is_upper_line(line)
    )


def _title_after(lines: list[str], type_index: int) -> tuple[str | None, int]:
    parts: list[str] = []
    type_match = _type_line(lines[type_index])
    rest = lines[type_index][type_match.end() if type_match else len(TYPE_NAME) :].strip(" :-")
    if type_match and type_match.group(1) != TYPE_NAME and "(" in rest and _title_in_capitals(rest):
        # "(Cấp lần đầu: ...)" closes the title read on the type line.
        return clean_title(rest.split("(", 1)[0]), type_index + 1
    if fold(rest) in ("lien tich", "phoi hop lien nganh"):  # the kind of plan, not its title
        rest = ""
    if rest:
        parts.append(rest)
    index = type_index + 1
    while index < len(lines) and len(parts) < 4:
        line = lines[index]
        folded = fold(line)
        # The title's first line may open with any verb ("Triển khai công tác ..."); a later line
        # that opens like a basis in capitals ("Căn cứ ...", "Thực hiện Kế hoạch ...") ends it.
        opens_basis = folded.startswith(TITLE_STOP_OPENINGS) and (parts or line.endswith((";", ",")))
        if (
            (opens_basis and line[:1].isupper())
            or section_heading(line)
            or numbered_item(line)
            or len(line) > 250
            or (parts and (line.endswith(";") or len(" ".join(parts)) > 300))
        ):
            break
        if line.startswith("(") and parts:  # "(Kèm theo Quyết định số ...)" closes the title
            index += 1
            break
        parts.append(line)
        index += 1
    title = clean_title(" ".join(parts)) if parts else None
    return title, index


def clean_title(text: str) -> str:
    """A title without its "V/v" or "Về việc" opening and stray punctuation."""
    text = squash_spaces(text).strip(' .:;-_•*"“”')
    text = re.sub(r"^(?:V/v|Về việc|về việc)\s*:?\s*", "", text)
    return text[:1].upper() + text[1:] if text else text
