"""Bases: the documents a plan rests on ("Căn cứ Kế hoạch số 70/KH-BTVLMHTXVN ngày 07/02/2024 của
Ban Thường vụ Liên minh HTX Việt Nam ...;"), read from the lines that open with "Căn cứ",
"Thực hiện" or "Triển khai" before the plan's first section.
"""

from __future__ import annotations

import re

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.model import Basis
from hoptac.documents.parse.timephrase import parse_date

BASIS_OPENINGS = ("can cu", "thuc hien", "trien khai", "theo ", "tiep tuc thuc hien", "nham thuc hien")
DOCUMENT_KINDS = (
    r"Kế\s+hoạch|Nghị\s+quyết|Quyết\s+định|Chỉ\s+thị|Thông\s+tư(?:\s+liên\s+tịch)?|Nghị\s+định|Luật"
    r"|Công\s+văn|Hướng\s+dẫn|Thông\s+báo|Chương\s+trình|Kết\s+luận|Văn\s+bản|Đề\s+án|Pháp\s+lệnh|Quy\s+định"
    r"|Điều\s+lệ|Quy\s+chế|Báo\s+cáo|Tờ\s+trình"
)
# "Chương trình phối hợp số 03/CTrPH-...", "Kế hoạch liên tịch số ...": a kind of document qualified.
KIND_QUALIFIERS = r"phối\s+hợp|liên\s+tịch|liên\s+ngành|hành\s+động|công\s+tác"
# A document's number and symbol: "70/KH-BTVLMHTXVN", "72/2025/QH15", "299-KL/TU".
_NUMBER = (
    r"(?P<number>\d{1,6}(?:\s*/\s*\d{4})?\s*[-/]\s*[A-ZĐ][A-ZĐa-zđ0-9&]*"
    r"(?:\s?[-–/]\s?[A-ZĐ][A-ZĐa-zđ0-9&]*){0,4})"
)
_REFERENCE = re.compile(
    rf"(?P<kind>(?i:{DOCUMENT_KINDS}))(?:\s+(?i:{KIND_QUALIFIERS}))?\s*(?:(?i:[sx]ố)\s*)?:?\s*" + _NUMBER
)
# A law is cited by its name, then its number: "Luật Tổ chức chính quyền địa phương số 72/2025/QH15";
# a scan's OCR may read "số" as "xố".
_NAMED_LAW = re.compile(
    r"(?P<kind>(?i:Bộ\s+luật|Luật|Pháp\s+lệnh))\s+[^;,:\d]{3,120}?\s+(?i:[sx]ố)\s*:?\s*" + _NUMBER
)
_DATE = re.compile(
    r"^\s*,?\s*(?:ban\s+hành\s+)?(?P<date>ngày\s+\d{1,2}(?:\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))"
)
_ISSUER = re.compile(r"^\s*,?\s*của\s+(?P<issuer>.{3,160})")
_ISSUER_END = re.compile(
    r"\s*(?:[,;(]|\s(?:về|v/v|tổ\s+chức|triển\s+khai|thực\s+hiện|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|quy\s+định|"
    r"phát\s+động|xây\s+dựng|đã|trong|năm\s+\d{4})\b)"
)
_SELF = re.compile(r"\b(?:xây\s+dựng|ban\s+hành)\s+(?:các\s+)?kế\s+hoạch\b", re.IGNORECASE)


# Inside a sentence ("Kế hoạch được xây dựng trên cơ sở Kế hoạch số 28/KH-UBND ..."), a basis follows
# one of these phrases directly.
_BASIS_CUE_INSIDE = re.compile(
    rf"\b(?:trên\s+cơ\s+sở|căn\s+cứ(?:\s+vào)?|nhằm\s+(?:cụ\s+thể\s+hóa|thực\s+hiện)|để\s+triển\s+khai)\s+"
    rf"(?=(?i:{DOCUMENT_KINDS})\s+(?:số\s*)?\d)"
)


def is_basis_line(line: str) -> bool:
    return fold(line[:60]).startswith(BASIS_OPENINGS)


def _basis_part(line: str) -> str | None:
    """The part of `line` that cites bases: all of it when it opens like a basis, else what follows
    a basis cue inside the sentence, else None."""
    if is_basis_line(line):
        return line
    if match := _BASIS_CUE_INSIDE.search(line):
        return line[match.start() :]
    return None


def find_bases(lines: list[str], *, own_number: str | None) -> list[Basis]:
    """The numbered documents cited as bases in `lines` (the lines before the first section)."""
    bases: list[Basis] = []
    seen: set[str] = {own_number} if own_number else set()
    for line in lines:
        part = _basis_part(line)
        if part is None:
            continue
        for segment in part.split(";"):
            own = _SELF.search(segment)
            first = _REFERENCE.search(segment)
            if own and (not first or own.start() < first.start()):  # the plan speaking of itself
                continue
            for basis in _segment_bases(segment):
                if basis.number not in seen:
                    seen.add(basis.number)
                    bases.append(basis)
    return bases


def _segment_bases(segment: str) -> list[Basis]:
    found: list[Basis] = []
    matches = [*_REFERENCE.finditer(segment), *_NAMED_LAW.finditer(segment)]
    taken: set[int] = set()
    for match in sorted(matches, key=lambda m: m.start("number")):
        if match.start("number") in taken:
            continue
        taken.add(match.start("number"))
        number = re.sub(r"\s+", "", match.group("number")).replace("–", "-").rstrip(".-/")
        after = segment[match.end() :]
        day = None
        if date_match := _DATE.match(after):
            day = parse_date(date_match.group("date"))
            after = after[date_match.end() :]
        issuer = None
        if issuer_match := _ISSUER.match(after):
            issuer = issuer_match.group("issuer")
            if end := _ISSUER_END.search(issuer):
                issuer = issuer[: end.start()]
            issuer = squash_spaces(issuer).strip(" .") or None
        found.append(Basis(number=number, date=day, issuer=issuer, text=_basis_text(segment, match.start())))
    return found


def _basis_text(segment: str, start: int) -> str:
    text = squash_spaces(segment[start:]).rstrip(" ;.")
    return text[:500]
