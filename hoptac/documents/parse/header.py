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
from hoptac.documents.parse.header_lines import (
    NAME_NUMBER,
    NATIONAL_MOTTO,
    NUMBER_LINE,
    PLACE_DATE,
    SUBJECT_LINE,
    TYPE_NAMES,
    is_upper_line,
    type_line,
)
from hoptac.documents.parse.issuer import complete_issuer, issuer_lines
from hoptac.documents.parse.number_symbol import NumberSymbol, parse_number
from hoptac.documents.parse.timephrase import parse_date
from hoptac.documents.parse.title import read_subject, title_after

HEADER_SCAN_LINES = 80
# A letter ("V/v ...") has no type line: one met this far below its header belongs to a form it attaches.
MAX_TYPE_GAP = 6
MAX_WRAPPED_PLACE = 30
JOINT_WORDS = ("lien tich", "phoi hop lien nganh")
JOINT_TYPE = re.compile(r"^ke hoach (?:lien tich|phoi hop lien nganh)\b")
_BARE_NUMBER_LABEL = re.compile(r"^Số\s*:?\s*$")


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
        match = NUMBER_LINE.match(line) if header.number is None and not NAME_NUMBER.match(line) else None
        if match and (number := parse_number(match.group("rest"))):
            header.number = number
            markers.append(index)
            continue
        if folded.startswith(NATIONAL_MOTTO):
            markers.append(index)
        elif header.place is None and (match := PLACE_DATE.match(line) or _wrapped_place(line, following)):
            header.place = squash_spaces(match.group("place"))
            header.date = parse_date(match.group("date"))
            markers.append(index)
        elif header.subject is None and markers and SUBJECT_LINE.match(line):
            header.subject, subject_index = read_subject(scan, index)
            markers.append(subject_index)
        elif (
            type_index is None
            and (type_match := type_line(line))
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
        header.type_kind = TYPE_NAMES[type_line(scan[type_index]).group(1)]
        header.title, header.end = title_after(scan, type_index)
    elif markers:
        header.end = max(markers) + 1
    if markers:
        first = min(markers)
        last = type_index if type_index is not None else max(markers) + 1
        header.parent, header.issuer = issuer_lines(scan[max(0, first - 6) : last])
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
    type_text = fold(scan[type_index]) if type_index is not None else ""
    type_code = header.number.type_code if header.number else ""
    return bool(JOINT_TYPE.search(type_text)) or bool(type_code and type_code.endswith("LT"))


def _wrapped_place(line: str, following: str) -> re.Match[str] | None:
    """ "Thành phố Hồ Chí" / "Minh, ngày 05 tháng 3 năm 2026": a place and date line wrapped in its cell."""
    if len(line) > MAX_WRAPPED_PLACE or "," in line or not line[:1].isupper() or "ngày" not in following[:30]:
        return None
    if is_upper_line(line) or fold(line).startswith(NATIONAL_MOTTO) or "Độc lập" in line:
        return None  # a header line above the date line, not the start of its place
    return PLACE_DATE.match(f"{line} {following}")
