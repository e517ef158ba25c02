"""Vietnamese time phrases → TimeWindow: start, end, precision, tentative, peak, deadline, set by others.

    "Ngày 16 tháng 01 năm 2023 (thứ hai)"                  2023-01-16, day
    "từ tháng 5 đến tháng 7 năm 2023"                      2023-05-01 – 2023-07-31, range
    "Tháng 3 hoặc tuần đầu tháng 4/2024"                    2024-03-01 – 2024-04-07, range
    "Dự kiến từ 20/4 đến 25/4/2024"                         tentative
    "Cả năm 2024; cao điểm từ ngày 29/3/2024 đến 29/4/2024" year, with a peak
    "trước ngày 20/4/2024"                                  a deadline: only the end is known
    "(Theo kế hoạch của Cụm và Liên minh HTX Việt Nam)"     set by someone else: no dates yet

`parse_time` reads a phrase that is known to be a time (the value of "Thời gian:" or a table's time
column); `find_time` looks for one inside running text and takes only what a cue word ("vào",
"từ", "trong", "dự kiến", "trước ngày" ...) or the phrase's own shape marks as a time, so that the
date in "ngày HTX Việt Nam 11/4" or in a term "nhiệm kỳ 2021-2026" is not read as one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from hoptac.core.text import fold_same_length, squash_spaces
from hoptac.documents.model import TimeWindow
from hoptac.documents.parse.dates import Atom, YearContext, find_atoms, iter_dates, parse_date

__all__ = ["find_time", "iter_dates", "parse_date", "parse_time"]

MAX_PHRASE_CHARS = 400

_TENTATIVE = re.compile(r"\b(?:du\s+kien|tam\s+thoi|tam\s+dinh)\b")
_PEAK = re.compile(r"\b(?:cao\s+diem|trong\s+tam)\b")
_DEADLINE_CUE = re.compile(
    r"(?:\btruoc|\bcham\s+nhat(?:\s+la)?|\bhan\s+chot(?:\s+la)?|\bkhong\s+qua(?:\s+ngay)?|\bhan(?:\s+nop)?)"
    r"\s*:?\s*(?:ngay|thang|quy|nam)?\s*$"
)
_UNTIL_ONLY = re.compile(r"^\W{0,3}(?:den|toi)(?:\s+het)?\b")
_FROM_ONLY = re.compile(r"(?:\btu|\bbat\s+dau(?:\s+tu)?|\bke\s+tu)\s*(?:ngay|thang|quy|nam)?\s*$")
_SET_BY_OTHER = re.compile(
    r"\b(?:theo\s+(?:ke\s+hoach|lich|thong\s+bao|huong\s+dan|quyet\s+dinh|chuong\s+trinh|van\s+ban|"
    r"trieu\s+tap|giay\s+moi|yeu\s+cau)(?!\s+(?:so|nay)\b)|thong\s+bao\s+sau|se\s+(?:co\s+)?thong\s+bao|"
    r"giay\s+moi|van\s+ban\s+rieng)"
)
_RECURRING = re.compile(
    r"\b(?:thuong\s+xuyen|hang\s+(?:nam|quy|thang|tuan|ngay)|hằng|dinh\s+ky|lien\s+tuc)\b"
)
# find_time: words that make the calendar expression after them an activity's time.
_CUE = re.compile(
    r"(?<![/\-])(?:\bthoi\s+gian|\bthoi\s+han|\bvao|\btrong|\btu|\bdu\s+kien|\btruoc|\bcham\s+nhat|\bden\s+het|"
    r"\bhan\s+chot|\bdip|\bhoan\s+thanh|\bdien\s+ra|\bto\s+chuc|\bbat\s+dau|\bket\s+thuc)"
    r"(?:\s+(?:ngay|thang|quy|nam|dip|luc|khoang|cuoi|dau|giua|la))*\s*:?\s*$"
)
_NOT_A_TIME = re.compile(
    r"(?:nhiem\s+ky|khoa|giai\s+doan|so\s+ket|tong\s+ket|bao\s+cao|ket\s+qua|danh\s+gia|nam\s+hoc|mua\s+vu|\bso|[/\-][a-z\-]{1,20}\s*,?\s*(?:ngay|ban\s+hanh\s+ngay))\s*:?\s*$"
)
# "... thành lập mới ít nhất 01 hợp tác xã trong năm 2026.": a year that closes its clause after
# "trong" is the activity's time; elsewhere a year is the plan's period or part of a name.
_WITHIN_YEAR = re.compile(r"\b(?:trong|trong\s+suot|ca)\s+(?:nam\s*)?$")
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[.;]|$)")
_DIGIT = re.compile(r"\d")
_SHAPED = {"quarter", "half", "week", "part", "months"}
_REMARK = r"(?:\((?:thu\s+\w+|chu\s+nhat|du\s+kien)\)\s{0,3})?"  # "(thứ năm)", "(dự kiến)" between atoms
_CONNECTOR = re.compile(
    rf"\s{{0,3}}{_REMARK}[.,;]?\s{{0,3}}(?:(?:[-–—,]|den|toi|hoac|va|den\s+het|den\s+ngay|den\s+het\s+ngay|"
    r"cao\s+diem(?:\s+tu)?)(?:\s+(?:ngay|thang|nam))?)?\s{0,3}"
    rf"{_REMARK}[-–—,]?\s{{0,3}}(?:den|toi)?\s{{0,3}}"
)
_TAIL = re.compile(r"\s{0,3}\((?:thu\s+\w+|chu\s+nhat|du\s+kien)\)")
# "Quý IV năm 2025 và các năm tiếp theo", "Giai đoạn 2026-2030 và những năm tiếp theo": it starts
# then and goes on with no end.
_ONWARDS = re.compile(
    r"\s*,?\s*(?:va|den)\s+(?:cac|nhung)\s+(?:nam|thang|quy|giai\s+doan)\s+(?:tiep\s+theo|sau)\b"
)


def parse_time(phrase: str, *, year: YearContext = None) -> TimeWindow | None:
    """The TimeWindow of a phrase known to be a time; None for an empty phrase.

    >>> w = parse_time("Tháng 4/2024.")
    >>> (w.start.isoformat(), w.end.isoformat(), w.precision)
    ('2024-04-01', '2024-04-30', 'month')
    """
    text = squash_spaces(phrase[:MAX_PHRASE_CHARS]).strip(" .;,")
    if not text:
        return None
    folded = fold_same_length(text)
    tentative = bool(_TENTATIVE.search(folded))
    peak = _PEAK.search(folded)
    cut = peak.start() if peak else len(text)
    atoms = find_atoms(text, year=year)
    main = _chain([a for a in atoms if a.begin < cut], folded)
    peak_atoms = _chain([a for a in atoms if a.begin >= cut], folded)
    warnings = tuple(f"time '{text}': {a.warning}" for a in atoms if a.warning)
    window = TimeWindow(text=text, tentative=tentative, warnings=warnings)
    if peak_atoms:
        peak_start, peak_end = _span(peak_atoms)
        window = _with(window, peak_start=peak_start, peak_end=peak_end)
    deadline = [a for a in main if _DEADLINE_CUE.search(folded[: a.begin])]
    plain = [a for a in main if a not in deadline]
    if not plain and deadline:
        # "trước ngày 20/4/2024": the last day is known, not the first; "trước tháng 6" ends in May.
        atom = deadline[-1]
        end = atom.end if atom.precision == "day" else _day_before(atom)
        return _with(window, end=end, precision=atom.precision, is_deadline=end is not None)
    if not plain:
        if _SET_BY_OTHER.search(folded):
            return _with(window, set_by_other=True)
        if not _RECURRING.search(folded) and not warnings:
            window = _with(window, warnings=(f"time '{text}' not understood",))
        return window
    if _RECURRING.search(folded) and not any(a.year_written for a in plain):
        return window  # "Tháng 12 hằng năm": every year, no one date
    start, end = _span(plain)
    precision = plain[0].precision if len(plain) == 1 else "range"
    if _ONWARDS.match(folded, plain[-1].finish):
        return _with(window, start=start, precision=precision)
    if len(plain) == 1:
        before = folded[: plain[0].begin]
        single_point = plain[0].precision != "range"
        following = folded[plain[0].finish : cut]
        if single_point and _FROM_ONLY.search(before) and not re.search(r"\b(?:den|toi)\b", following):
            end = None  # "Từ ngày 01/7/2021": open-ended
        elif _UNTIL_ONLY.match(before):
            start = None  # "Đến hết ngày 31/12/2024"
            return _with(window, end=end, precision=precision, is_deadline=end is not None)
    return _with(window, start=start, end=end, precision=precision if (start or end) else None)


def find_time(text: str, *, year: YearContext = None) -> TimeWindow | None:
    """The first time phrase inside running text, or None when the text states no time.

    A whole year or a period of years in running text is the plan's own period, not the activity's
    time, and a date right after a document's number is that document's date: neither is taken.

    >>> find_time("Cấp cụm: Tổ chức vào tháng 8-9/2023. Cấp cụm sẽ lựa chọn").text
    'vào tháng 8-9/2023'
    >>> find_time("chào mừng ngày HTX Việt Nam 11/4 trong toàn hệ thống") is None
    True
    """
    text = text[: MAX_PHRASE_CHARS * 5]
    if not _DIGIT.search(text):
        return None  # every atom find_time may take has a number in it
    folded = fold_same_length(text)
    atoms = find_atoms(text, year=year)
    for index, atom in enumerate(atoms):
        before = folded[max(0, atom.begin - 40) : atom.begin]
        if (atom.precision == "year" or atom.kind == "years") and not (
            _WITHIN_YEAR.search(before) and _CLAUSE_END_AFTER.match(folded, atom.finish)
        ):
            continue
        if before.rstrip().endswith("(") or _NOT_A_TIME.search(before):
            continue
        cue = _CUE.search(before)
        if not cue and atom.kind not in _SHAPED and not (atom.kind == "month" and atom.year_written):
            continue
        begin = atom.begin - (len(before) - cue.start()) if cue else atom.begin
        window = parse_time(text[begin : _phrase_end(text, folded, atoms, index)], year=year)
        if window and (window.start or window.end):
            return window
    return None


def _phrase_end(text: str, folded: str, atoms: list[Atom], index: int) -> int:
    """Where the phrase that opens with atoms[index] ends: after the atoms joined to it by a
    connector ("từ 20/4 đến 25/4/2024", "tháng 3 hoặc tuần đầu tháng 4"), a weekday or "(dự kiến)"."""
    end = atoms[index].finish
    for nxt in atoms[index + 1 :]:
        if not _CONNECTOR.fullmatch(folded[end : nxt.begin]):
            break
        end = nxt.finish
    if tail := _TAIL.match(folded, end):
        end = tail.end()
    return end


def _chain(atoms: list[Atom], folded: str) -> list[Atom]:
    """The first atom and those joined to it by connectors; what follows a clause of other words
    ("ngày 27/3/2026, lồng ghép với Hội nghị ... năm 2026") is not part of the time."""
    chain = atoms[:1]
    for atom in atoms[1:]:
        if not _CONNECTOR.fullmatch(folded[chain[-1].finish : atom.begin]):
            break
        chain.append(atom)
    return chain


def _span(atoms: list[Atom]):
    starts = [a.start for a in atoms if a.start]
    ends = [a.end for a in atoms if a.end]
    return (min(starts) if starts else None), (max(ends) if ends else None)


def _day_before(atom: Atom):
    return atom.start - timedelta(days=1) if atom.start else None


def _with(window: TimeWindow, **changes) -> TimeWindow:
    return replace(window, **changes)
