"""What a document's sentences say about the plan itself, for documents without a full header.

"Liên minh HTX tỉnh xây dựng Kế hoạch số 133/KH-LMHTX ngày 29/6/2021 về việc tổ chức ... như sau"
names the issuer, number, date and title; "Trên đây là Kế hoạch ... của Liên minh HTX tỉnh Thừa
Thiên Huế" names the issuer in full; a news article quotes the plan's title: Kế hoạch “...”.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.parse.number_symbol import NumberSymbol, parse_number
from hoptac.documents.parse.timephrase import parse_date
from hoptac.documents.parse.title import clean_title
from hoptac.documents.parse.units import is_unit_name

_SELF_REFERENCE = re.compile(r"\s(?:xây\s+dựng|ban\s+hành|triển\s+khai)\s+(?:các\s+)?[Kk]ế\s+hoạch\b")
_NUMBER_AFTER = re.compile(r"^\s*(?:số\s*:?\s*)(?P<number>\d{0,6}\s*/\s*[A-ZĐ][A-ZĐa-zđ0-9.\-&/]{0,30})")
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?P<date>ngày\s+\d{1,2}(?:\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))"
)
_QUOTED = re.compile(r"^\s*[“\"«]\s*(?P<title>[^”\"»]{5,250})[”\"»]")
_ABOUT = re.compile(r"^\s*,?\s*(?:về\s+việc|v/v|về)\s+(?P<title>.{5,300})")
# "Kế hoạch số 654/KH-LMHTX, tổ chức triển khai phong trào thi đua ...": the subject after the number
_SUBJECT_AFTER_NUMBER = re.compile(r"^\s*,\s*(?P<title>[a-zđà-ỹ][^.;:]{10,300})")
_DATE_BEFORE = re.compile(
    r"^(?:vào\s+)?(?P<date>ngày\s+\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}),?\s+(?=[^\W\d])", re.IGNORECASE
)
_DATE_ENDING = re.compile(
    r"(?:^|[.;]\s)\s*(?:vào\s+)?(?P<date>ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s*,\s*$", re.IGNORECASE
)
_TITLE_END = re.compile(
    r"\s*(?:,?\s+với\s+(?:các|những)?\s*nội\s+dung|,?\s+như\s+sau|,?\s+cụ\s+thể|[:;]|\.\s|\.$)"
)
_CLOSING = re.compile(r"^Trên\s+đây\s+là\s+(?:Kế\s+hoạch|kế\s+hoạch)\b")
_OF = re.compile(r"\bcủa\s+")
_NAME_END = re.compile(r"\s*(?:\./\.|[,;.(]|\s(?:đề\s+nghị|trong|yêu\s+cầu|nếu|đã|và\s+đề)\s)")
_ABBREVIATION = re.compile(r"\s*\((?:HTX|LHHTX|QTDND|THT|LMHTX|LM HTX|UBND|KTTT|MTTQ)\)")
_ADVERB_TAIL = re.compile(r"(?:\s+(?:vừa|mới|đã|sẽ|đang|chính\s+thức|cũng|xây\s+dựng))+$")
_HEADLINE_PLACE = re.compile(r"^(?P<place>[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3})\s*:\s+\S")
_ISSUER_HEAD = re.compile(r"(?:^|[;:,.–\-]\s*)([^;:,.–\-]{3,120})$")


@dataclass(frozen=True)
class SelfReference:
    issuer: str | None
    number: NumberSymbol | None
    date: date | None
    title: str | None


def self_references(lines: list[str]) -> list[SelfReference]:
    """Every sentence in `lines` where a body says it makes a plan, with what it says of it."""
    found = []
    for line in lines:
        for match in _SELF_REFERENCE.finditer(line):
            head = _ISSUER_HEAD.search(line[: match.start()])
            issuer = _clean_issuer(head.group(1)) if head else None
            # "ngày 07/11/2022 Liên minh HTX tỉnh Đắk Nông đã xây dựng ban hành Kế hoạch số ...": the
            # date of the plan stands before the body that made it
            day = None
            if issuer and (dated := _DATE_BEFORE.match(issuer)):
                day, issuer = parse_date(dated.group("date")), issuer[dated.end() :]
            elif head and (dated := _DATE_ENDING.search(line[: head.start(1)])):
                day = parse_date(dated.group("date"))  # "Ngày 28/8/2023, Ủy ban nhân dân tỉnh ban hành ..."
            if issuer and not is_unit_name(issuer):
                issuer = None
            reference = _describe(issuer, line[match.end() :])
            found.append(replace(reference, date=reference.date or day))
    return found


def _describe(issuer: str | None, after: str) -> SelfReference:
    number = day = title = None
    if match := _NUMBER_AFTER.match(after):
        number = parse_number(match.group("number"))
        after = after[match.end() :]
    if match := _DATE_AFTER.match(after):
        day = parse_date(match.group("date"))
        after = after[match.end() :]
    if match := _QUOTED.match(after):
        title = match.group("title")
    elif (match := _ABOUT.match(after)) or (number and (match := _SUBJECT_AFTER_NUMBER.match(after))):
        title = match.group("title")
        if quoted := _QUOTED.match(title):  # về “Nâng cao hiệu quả ...”, với mục tiêu ...
            title = quoted.group("title")
        elif end := _TITLE_END.search(title):
            title = title[: end.start()]
    return SelfReference(issuer=issuer, number=number, date=day, title=clean_title(title) if title else None)


@dataclass(frozen=True)
class Headline:
    """A page's headline naming the plan: "Kế hoạch số 107 ngày 21/6/2022 tổ chức kỷ niệm ..."."""

    number: str | None
    date: date | None
    title: str


_HEADLINE = re.compile(
    r"^Kế\s+hoạch(?:\s+số\s*(?P<number>\d{1,6}(?:/[\w\-Đđ]+)?))?"
    r"(?:\s*,?\s*ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}))?\s+(?P<title>[^\W\d].{10,240})$"
)


def headline_plan(lines: list[str]) -> Headline | None:
    """The first line that names a plan as a page's headline does, without being a sentence about it."""
    for line in lines:
        if (match := _HEADLINE.match(line)) and not line.endswith((".", ":", ";")):
            title = clean_title(match.group("title"))
            day = parse_date(match.group("date")) if match.group("date") else None
            return Headline(number=match.group("number"), date=day, title=title)
    return None


def quoted_plan_title(lines: list[str]) -> str | None:
    """The quoted title in "Kế hoạch “Tháng hành động vì Hợp tác xã năm 2024”"."""
    for line in lines:
        for match in re.finditer(r"[Kk]ế\s+hoạch\s*(?:số\s*\S+\s*)?", line):
            if quoted := _QUOTED.match(line[match.end() :]):
                return clean_title(quoted.group("title"))
    return None


def _clean_issuer(text: str) -> str:
    """ "Liên minh Hợp tác xã (HTX) tỉnh vừa" → "Liên minh Hợp tác xã tỉnh": no abbreviation in brackets
    after the full words, no adverb before the verb."""
    text = _ABBREVIATION.sub("", squash_spaces(text))
    return _ADVERB_TAIL.sub("", text).strip()


def headline_place(lines: list[str]) -> str | None:
    """The place a news headline opens with: "Quảng Bình: Nhiều hoạt động thiết thực ..."."""
    for line in lines:
        if match := _HEADLINE_PLACE.match(line):
            return match.group("place")
    return None


def closing_issuer(lines: list[str]) -> str | None:
    """The issuer named in the closing sentence "Trên đây là Kế hoạch ... của <issuer>"."""
    for line in lines:
        if not _CLOSING.match(line):
            continue
        for match in reversed(list(_OF.finditer(line[:600]))):
            rest = line[match.end() :]
            if not is_unit_name(rest):
                continue
            end = _NAME_END.search(rest)
            name = squash_spaces(rest[: end.start()] if end else rest[:120])
            if len(name) >= 5:
                return name
    return None


def is_complete_name(name: str) -> bool:
    """Whether a name says which province: "Liên minh HTX tỉnh" does not."""
    return not fold(name).endswith((" tinh", " thanh pho", " tp", " huyen", " xa"))
