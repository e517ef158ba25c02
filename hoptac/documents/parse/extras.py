"""Deadlines, contacts and anniversaries found anywhere in a document's body."""

from __future__ import annotations

import re
from datetime import date

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.model import Anniversary, Contact, Deadline
from hoptac.documents.parse.dates import YearContext
from hoptac.documents.parse.timephrase import iter_dates, parse_date

_DEADLINE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|không\s+quá|hoàn\s+thành\s+trước)\s+"
    r"(?P<date>(?:ngày\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?)",
    re.IGNORECASE,
)
# Lines without one of these words hold no deadline (a substring test is far cheaper than the pattern).
_DEADLINE_WORDS = re.compile("trước|Trước|TRƯỚC|chậm|Chậm|CHẬM|hạn|Hạn|HẠN|không quá")
_HAS_PHONE = re.compile(r"\d{3}[ .\-]?\d{3}")  # a cheap test before the contact patterns
_PHONE = re.compile(r"(?<![\d.])(?:\+84|0)\d{1,4}(?:[ .\-]?\d{2,4}){2,4}(?![\d])")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,100}\.[A-Za-z]{2,10}")
_CONTACT_CUE = re.compile(r"liên\s+hệ|đầu\s+mối|điện\s+thoại|\bđt\b|email|e-mail|di\s+động")  # on lower case
_PERSON = re.compile(
    r"(?:đồng\s+chí|đ/c|ông|bà)\s+(?P<name>(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]*\s+){1,5}[A-ZÀ-ỸĐ][a-zà-ỹđ]*)"
    r"(?:\s*[-–,(]\s*(?P<role>[^.;,()\d]{3,80}))?"
)
_EVENT_OPENING = (
    r"(?<![\d/])(?P<years>\d{1,3})\s+năm\s+(?=[Nn]gày|[Tt]hành\s+lập|[Bb]ác|[Cc]hủ\s+tịch|[Tt]hủ\s+tướng)"
)
# With its span of dates in parentheses (a short note such as "(HTX)" may stand inside the event) ...
_ANNIVERSARY_SPAN = re.compile(
    _EVENT_OPENING
    + r"(?P<event>(?:[^();.\n]|\([^()\d]{1,12}\)){2,200}?)\s*\((?P<span>[^()\d]{0,20}\d[^()]{0,50})\)"
)
# ... or without one ("103 năm Ngày Quốc tế Hợp tác xã;").
_ANNIVERSARY = re.compile(_EVENT_OPENING + r"(?P<event>[^();\n]{2,160}?)\s*(?=[;,.(]|$)")
_ANNIVERSARY_HINT = re.compile(_EVENT_OPENING)
_CELEBRATING = re.compile(r"(?:kỷ\s+niệm|chào\s+mừng|hướng\s+tới|nhân\s+dịp)\s*$", re.IGNORECASE)
_EVENT_END = re.compile(
    r"\s+(?:gắn\s+với|và\s+(?:tổ\s+chức|phát\s+động|các)|của\s+[A-ZĐ]|trong\s+(?:toàn|hệ))\s"
)
# Well-known days: a citation that dates them otherwise is a warning (seed 004 puts 14/4/1946).
WELL_KNOWN_DAYS: dict[str, date] = {
    "ngay hop tac xa viet nam": date(1946, 4, 11),
    "ngay htx viet nam": date(1946, 4, 11),
    "ngay truyen thong hop tac xa viet nam": date(1946, 4, 11),
    "ngay truyen thong htx viet nam": date(1946, 4, 11),
    "ngay thanh lap lien minh hop tac xa viet nam": date(1993, 10, 29),
    "ngay thanh lap lien minh htx viet nam": date(1993, 10, 29),
    "ngay sinh chu tich ho chi minh": date(1890, 5, 19),
}
MAX_FOUND = 50


def find_deadlines(lines: list[str], *, year: YearContext) -> list[Deadline]:
    """ "... gửi về Văn phòng trước ngày 20/4/2024" → a deadline with its clause as `what`."""
    found: list[Deadline] = []
    for line in lines:
        if not _DEADLINE_WORDS.search(line):
            continue
        for match in _DEADLINE.finditer(line):
            day = parse_date(match.group("date"), year=year)
            clause = _clause_around(line, match.start(), match.end())
            found.append(Deadline(date=day, text=squash_spaces(match.group(0)), what=clause))
            if len(found) >= MAX_FOUND:
                return found
    return found


def _clause_around(line: str, start: int, end: int) -> str:
    left = max(line.rfind(". ", 0, start), line.rfind(";", 0, start), line.rfind(":", 0, start))
    right_candidates = [i for i in (line.find(". ", end), line.find(";", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(line)
    return squash_spaces(line[left + 1 : right]).strip(" .-")[:300]


def find_contacts(lines: list[str]) -> list[Contact]:
    """People to contact: a name with phones or e-mails in a sentence that says so."""
    found: list[Contact] = []
    for line in lines:
        if "@" not in line and not _HAS_PHONE.search(line):
            continue
        if not _CONTACT_CUE.search(line.lower()):
            continue
        phones = tuple(squash_spaces(p) for p in _PHONE.findall(line))
        emails = tuple(_EMAIL.findall(line))
        if not phones and not emails:
            continue
        person = _PERSON.search(line)
        role = person.group("role").strip() if person and person.group("role") else None
        found.append(
            Contact(name=person.group("name") if person else None, role=role, phones=phones, emails=emails)
        )
        if len(found) >= MAX_FOUND:
            break
    return found


def find_anniversaries(lines: list[str], *, year: int | None) -> list[Anniversary]:
    """Anniversaries cited ("31 năm Ngày thành lập ... (30/3/1993 - 30/3/2024)"), each checked."""
    found: list[Anniversary] = []
    seen: set[tuple] = set()
    seen_raw: set[tuple] = set()
    for line in lines:
        if " năm " not in line:  # lines are squashed: every anniversary has "N năm " in it
            continue
        # The full patterns are tried only where their opening is, not at every character.
        openings = (m.start() for m in _ANNIVERSARY_HINT.finditer(line))
        matches = (_ANNIVERSARY_SPAN.match(line, p) or _ANNIVERSARY.match(line, p) for p in openings)
        for match in (m for m in matches if m):
            raw = (match.group("years"), match.groupdict().get("span"), match.group("event")[:40])
            if raw in seen_raw:  # the same citation again (plans repeat their anniversary often)
                continue
            seen_raw.add(raw)
            cited = "span" in match.groupdict() or match.group("event")[0].isupper()
            if not cited and not _CELEBRATING.search(line[max(0, match.start() - 20) : match.start()]):
                continue  # "30 năm xây dựng và phát triển" in running text is not a cited anniversary
            anniversary = _anniversary(match, year=year)
            key = (anniversary.years, anniversary.start) if anniversary.start else (anniversary.years,)
            if key in seen or (anniversary.years,) in seen:
                continue
            seen.add(key)
            if anniversary.start is None and any(a.years == anniversary.years for a in found):
                continue
            found.append(anniversary)
            if len(found) >= MAX_FOUND:
                return found
    return found


def _anniversary(match: re.Match[str], *, year: int | None) -> Anniversary:
    years = int(match.group("years"))
    event = squash_spaces(match.group("event"))
    if end := _EVENT_END.search(event):
        event = event[: end.start()]
    event = event.strip(" ,;")
    start = end = None
    span = match.groupdict().get("span") or ""
    dates = [d for d, _, _ in iter_dates(span, year=year)]
    if len(dates) >= 2:
        start, end = dates[0], dates[-1]
    consistent: bool | None = None
    if start and end:
        same_day = (start.month, start.day) == (end.month, end.day)
        consistent = end.year - start.year == years and same_day
        known = _well_known(event)
        if known and start != known:
            consistent = False
    return Anniversary(years=years, event=event, start=start, end=end, consistent=consistent)


def _well_known(event: str) -> date | None:
    folded = fold(event)
    for name, day in WELL_KNOWN_DAYS.items():
        if folded.startswith(name):
            return day
    return None


def anniversary_warning(anniversary: Anniversary) -> str | None:
    """A warning for an anniversary whose count or dates are wrong, else None."""
    if anniversary.consistent is not False:
        return None
    span = f"{_iso(anniversary.start)} – {_iso(anniversary.end)}"
    known = _well_known(anniversary.event)
    if known and anniversary.start != known:
        return (
            f"anniversary '{anniversary.years} năm {anniversary.event}' cites {span}, "
            f"but that day is {known.day}/{known.month}/{known.year}"
        )
    return f"anniversary '{anniversary.years} năm {anniversary.event}' does not agree with its dates {span}"


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "?"
