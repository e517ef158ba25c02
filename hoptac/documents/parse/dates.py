"""Calendar atoms in Vietnamese text: the dates, months, quarters and years a time phrase is made of.

An atom is one calendar expression ("16/01/2023", "ngày 16 tháng 01 năm 2023", "tháng 8-9/2023",
"tuần đầu tháng 4", "Quý II/2025", "6 tháng đầu năm 2024", "giai đoạn 2021-2025") turned into the
first and last day it covers and a precision. A year-less atom ("20/4", "tháng 3") takes its year
from the next atom of the same text that has one, else the previous one, else the document's year;
without any it stays unresolved (unknown, never a guess). An impossible date (31/02) is a warning.

Matching runs on a folded copy of the text of the same length (no diacritics, lower case), so every
pattern is written once, without accents, and positions point into the original text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from hoptac.core.text import fold_same_length

MIN_YEAR, MAX_YEAR = 1800, 2200
MAX_ATOMS = 200  # a time phrase with more calendar expressions than this is not a time phrase

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?:iv|iii|ii|i|[1-4])"
_Y = r"(?:1[89]\d\d|2[01]\d\d)"
_YEAR_TAIL = rf"(?:\s*/\s*|\s+nam\s+)(?P<y>{_Y})(?![\d/])"
_OPT_YEAR_TAIL = rf"(?:{_YEAR_TAIL})?"

# One alternative per kind of atom, the most specific first: at one position the first that matches
# wins. Every quantifier is bounded, and no two adjacent parts can take the same characters, so a
# match costs time linear in its length.
_ATOM = re.compile(
    # Every atom opens at a word boundary with a digit or one of these letters: a cheap test first.
    r"\b(?=\d|thang|quy|nam|ngay|tuan|dau|giua|cuoi|thuong|trung|ha\s|ca\s|sau\s|nua\s)(?:"
    + "|".join(
        [
            # 20-25/4/2024, ngày 01-10/7
            rf"(?P<dayrange>(?:ngay\s+)?(?P<dr1>\d{{1,2}})\s*[-–—]\s*(?P<dr2>\d{{1,2}})\s*/\s*(?P<drm>\d{{1,2}})"
            rf"(?:\s*/\s*(?P<dry>{_Y}))?(?![\d/]))",
            # 16/01/2023, 16-1-2023, 16.1.2023 (one separator throughout)
            rf"(?P<full>(?<![\d/.])(?P<fd>\d{{1,2}})\s*(?P<fs>[/.\-])\s*(?P<fm>\d{{1,2}})\s*(?P=fs)\s*(?P<fy>{_Y})(?![\d/]))",
            # ngày 16 tháng 01 năm 2023, 16 tháng 1
            rf"(?P<words>(?:ngay\s+)?(?P<wd>\d{{1,2}})\s+thang\s+(?P<wm>\d{{1,2}})(?:\s*,?\s*nam\s+(?P<wy>{_Y}))?(?!\d))",
            # tuần đầu tháng 4/2024, tuần thứ hai của tháng 3
            r"(?P<week>tuan\s+(?P<wk>dau|cuoi|thu\s+(?:nhat|hai|ba|tu|[1-5])|[1-5](?:\s*[-–]\s*[1-5])?)"
            r"\s+(?:cua\s+)?thang\s+"
            rf"(?P<wkm>\d{{1,2}}){_OPT_YEAR_TAIL.replace('<y>', '<wky>')}(?!\d))",
            # đầu / giữa / cuối tháng 7/2021, thượng / trung / hạ tuần tháng 5
            r"(?P<part>(?P<pt>dau|giua|cuoi|thuong\s+tuan|trung\s+tuan|ha\s+tuan)\s+thang\s+(?P<pm>\d{1,2})"
            rf"{_OPT_YEAR_TAIL.replace('<y>', '<py>')}(?!\d))",
            # tháng 8-9/2023, tháng 10 - 11 năm 2023, tháng 8 và tháng 9/2023
            r"(?P<months>thang\s+(?P<mr1>\d{1,2})\s*(?:[-–—,]|va|hoac)\s*(?:thang\s+)?(?P<mr2>\d{1,2})"
            rf"{_OPT_YEAR_TAIL.replace('<y>', '<mry>')}(?![\d/]))",
            # tháng 12/2023, tháng 7 năm 2023, tháng 3
            rf"(?P<month>thang\s+(?P<mm>\d{{1,2}}){_OPT_YEAR_TAIL.replace('<y>', '<my>')}(?![\d/]))",
            # quý II/2025, quý 1 năm 2024, quý II - III/2024
            rf"(?P<quarter>quy\s+(?P<q1>{_Q})(?:\s*(?:[-–—,]|va|den)\s*(?:quy\s+)?(?P<q2>{_Q}))?\b"
            rf"{_OPT_YEAR_TAIL.replace('<y>', '<qy>')})",
            # 6 tháng đầu năm 2024, sáu tháng cuối năm, nửa đầu năm
            r"(?P<half>(?:(?:6|sau)\s+thang|nua)\s+(?P<h>dau|cuoi)\s+(?:cua\s+)?nam"
            rf"(?:\s+(?P<hy>{_Y}))?(?!\d))",
            # đầu năm 2024, cuối năm
            rf"(?P<partyear>(?P<pyt>dau|giua|cuoi)\s+nam(?:\s+(?P<pyy>{_Y}))?(?!\d))",
            # giai đoạn 2021-2025, 2021 - 2025, năm 2021-2025
            rf"(?P<years>(?<![\d/.\-])(?P<y1>{_Y})\s*[-–—]\s*(?P<y2>{_Y})(?![\d/]))",
            # 20/4 (a day and a month; the year comes from context)
            r"(?P<daymonth>(?<![\d/.])(?P<dd>\d{1,2})\s*/\s*(?P<dm>\d{1,2})(?![\d/]))",
            # 4/2024 (a month and a year)
            rf"(?P<monthyear>(?<![\d/.])(?P<mym>\d{{1,2}})\s*/\s*(?P<myy>{_Y})(?![\d/]))",
            # năm 2024, cả năm 2024, 2024
            rf"(?P<year>(?:(?:ca\s+)?nam\s+)?(?<![\d/.\-])(?P<yy>{_Y})(?![\d/]))",
            # ngày 20 (then "đến 25/4/2024": month and year from the next atom)
            r"(?P<day>ngay\s+(?P<bd>\d{1,2})(?![\d/.\-]|\s*thang))",
            # cả năm (the document's year)
            r"(?P<wholeyear>ca\s+nam(?!\s*\d|\s+hoc))",
        ]
    )
    + ")"
)

_WEEKDAYS = {
    "thu hai": 0,
    "thu 2": 0,
    "thu ba": 1,
    "thu 3": 1,
    "thu tu": 2,
    "thu 4": 2,
    "thu nam": 3,
    "thu 5": 3,
    "thu sau": 4,
    "thu 6": 4,
    "thu bay": 5,
    "thu 7": 5,
    "chu nhat": 6,
    "cn": 6,
}
_WEEKDAY = r"(?P<weekday>thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|cn)\b"
_WEEKDAY_AFTER = re.compile(r"\s{0,3}[,(\-–]?\s{0,3}" + _WEEKDAY)
_WEEKDAY_BEFORE = re.compile(_WEEKDAY + r"\s{0,3}[,(]?\s{0,3}(?:ngay\s+)?$")
_VI_WEEKDAYS = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")


@dataclass(frozen=True)
class SchoolYear:
    """The year context of a school plan "năm học 2019 - 2020": a month without its year is of 2019
    from August on, of 2020 before."""

    first: int

    def for_month(self, month: int | None) -> int:
        return self.first if month is None or month >= SCHOOL_YEAR_FIRST_MONTH else self.first + 1


SCHOOL_YEAR_FIRST_MONTH = 8
YearContext = int | SchoolYear | None
_SCHOOL_YEAR = re.compile(rf"\bnam\s+hoc\s+(?P<first>{_Y})\s*[-–]\s*(?P<second>{_Y})\b")


def school_year(text: str) -> SchoolYear | None:
    """The school year a text names ("Kế hoạch ... năm học 2019 - 2020"), if its two years follow.

    >>> school_year("Giáo dục kỹ năng sống cho học sinh năm học 2019 - 2020")
    SchoolYear(first=2019)
    """
    match = _SCHOOL_YEAR.search(fold_same_length(text))
    if match and int(match.group("second")) == int(match.group("first")) + 1:
        return SchoolYear(int(match.group("first")))
    return None


@dataclass(frozen=True)
class Atom:
    """One calendar expression. Fields left None were not written (the year of "20/4")."""

    kind: str
    begin: int  # position in the text
    finish: int
    first: tuple[int | None, int | None, int | None]  # (year, month, day) of its first day
    last: tuple[int | None, int | None, int | None]  # its last day; day None = the month's end
    precision: str
    year_written: bool
    start: date | None = None
    end: date | None = None
    warning: str | None = None


def find_atoms(text: str, *, year: YearContext = None) -> list[Atom]:
    """Every calendar expression in `text`, with dates resolved as far as the text allows."""
    folded = fold_same_length(text)
    atoms = []
    for match in _ATOM.finditer(folded):
        atom = _atom(match)
        if atom is not None:
            atoms.append(atom)
        if len(atoms) >= MAX_ATOMS:
            break
    return [_check_weekday(a, text, folded) for a in _resolve(atoms, year)]


def iter_dates(text: str, *, year: YearContext = None) -> Iterator[tuple[date, int, int]]:
    """(date, begin, end) for every day written in `text` ("20/4/2024", "ngày 16 tháng 01 năm 2023").

    >>> [d.isoformat() for d, _, _ in iter_dates("từ 20/4 đến 25/4/2024")]
    ['2024-04-20', '2024-04-25']
    """
    for atom in find_atoms(text, year=year):
        if atom.precision == "day" and atom.start is not None:
            yield atom.start, atom.begin, atom.finish
        elif atom.kind == "dayrange" and atom.start and atom.end:
            yield atom.start, atom.begin, atom.finish
            yield atom.end, atom.begin, atom.finish


def parse_date(text: str, *, year: YearContext = None) -> date | None:
    """The first day written in `text`, or None (none, or an impossible one such as 31/02).

    >>> parse_date("ngày  16 tháng 01 năm 2023")
    datetime.date(2023, 1, 16)
    >>> parse_date("20/4", year=2024), parse_date("31/02/2024")
    (datetime.date(2024, 4, 20), None)
    """
    for atom in find_atoms(text, year=year):
        if atom.precision == "day":
            return atom.start
    return None


def _atom(m: re.Match[str]) -> Atom | None:
    kind = m.lastgroup
    g = m.group

    def make(first, last, precision, year_written):
        return Atom(kind, m.start(), m.end(), first, last, precision, year_written)

    def year_of(name):
        return int(g(name)) if g(name) else None

    if kind == "dayrange":
        y, mo = year_of("dry"), int(g("drm"))
        return make((y, mo, int(g("dr1"))), (y, mo, int(g("dr2"))), "range", y is not None)
    if kind == "full":
        d = (int(g("fy")), int(g("fm")), int(g("fd")))
        return make(d, d, "day", True)
    if kind == "words":
        d = (year_of("wy"), int(g("wm")), int(g("wd")))
        return make(d, d, "day", d[0] is not None)
    if kind == "day":
        d = (None, None, int(g("bd")))
        return make(d, d, "day", False)
    if kind == "daymonth":
        d = (None, int(g("dm")), int(g("dd")))
        return make(d, d, "day", False)
    if kind == "week":
        return _week(m, make)
    if kind == "part":
        y, mo = year_of("py"), int(g("pm"))
        first_day, last_day = {"dau": (1, 10), "thuong": (1, 10), "giua": (11, 20), "trung": (11, 20)}.get(
            g("pt").split()[0], (21, None)
        )
        return make((y, mo, first_day), (y, mo, last_day), "range", y is not None)
    if kind == "months":
        y = year_of("mry")
        return make((y, int(g("mr1")), 1), (y, int(g("mr2")), None), "range", y is not None)
    if kind == "month":
        y, mo = year_of("my"), int(g("mm"))
        return make((y, mo, 1), (y, mo, None), "month", y is not None)
    if kind == "monthyear":
        y, mo = int(g("myy")), int(g("mym"))
        return make((y, mo, 1), (y, mo, None), "month", True)
    if kind == "quarter":
        y = year_of("qy")
        q1 = _ROMAN[g("q1")]
        q2 = _ROMAN[g("q2")] if g("q2") else q1
        precision = "quarter" if q1 == q2 else "range"
        return make((y, 3 * q1 - 2, 1), (y, 3 * q2, None), precision, y is not None)
    if kind == "half":
        y = year_of("hy")
        months = (1, 6) if g("h") == "dau" else (7, 12)
        return make((y, months[0], 1), (y, months[1], None), "half_year", y is not None)
    if kind == "partyear":
        y = year_of("pyy")
        months = {"dau": (1, 3), "giua": (5, 8), "cuoi": (10, 12)}[g("pyt")]
        return make((y, months[0], 1), (y, months[1], None), "range", y is not None)
    if kind == "years":
        y1, y2 = int(g("y1")), int(g("y2"))
        if y2 < y1:
            return None
        return make((y1, 1, 1), (y2, 12, None), "range" if y2 > y1 else "year", True)
    if kind == "year":
        y = int(g("yy"))
        return make((y, 1, 1), (y, 12, None), "year", True)
    if kind == "wholeyear":
        return make((None, 1, 1), (None, 12, None), "year", False)
    return None


def _week(m: re.Match[str], make) -> Atom:
    y = int(m.group("wky")) if m.group("wky") else None
    mo = int(m.group("wkm"))
    which = m.group("wk").split()[-1]
    if which == "cuoi":
        return make((y, mo, -7), (y, mo, None), "week", y is not None)
    if span := re.fullmatch(r"([1-5])\s*[-–]\s*([1-5])", m.group("wk")):  # "tuần 1-2 tháng 9"
        first, last = int(span.group(1)), int(span.group(2))
        return make((y, mo, 7 * first - 6), (y, mo, 7 * last), "range", y is not None)
    index = {"dau": 1, "nhat": 1, "hai": 2, "ba": 3, "tu": 4}.get(which) or int(which)
    return make((y, mo, 7 * index - 6), (y, mo, 7 * index), "week", y is not None)


def _resolve(atoms: list[Atom], year: YearContext) -> list[Atom]:
    """Give year-less atoms the year (and a bare day its month) of their neighbours, then dates."""
    out = []
    next_year: list[int | None] = [None] * len(atoms)  # the year of the next atom that writes one
    following = None
    for index in range(len(atoms) - 1, -1, -1):
        next_year[index] = following
        if atoms[index].first[0] is not None:
            following = atoms[index].first[0]
    previous_year = None
    for index, atom in enumerate(atoms):
        y = atom.first[0]
        if y is None:
            y = next_year[index] if next_year[index] is not None else previous_year
            if y is None:
                y = year.for_month(atom.first[1]) if isinstance(year, SchoolYear) else year
        if atom.last[0] is not None:
            previous_year = atom.last[0]
        mo_first, mo_last = atom.first[1], atom.last[1]
        if mo_first is None:  # "ngày 20" before "đến 25/4/2024"
            later = [a for a in atoms[index + 1 :] if a.first[1] is not None]
            if not later:
                out.append(atom)
                continue
            mo_first = mo_last = later[0].first[1]
            y = later[0].first[0] if later[0].first[0] is not None else y
        y_last = atom.last[0] if atom.last[0] is not None else y
        out.append(_dated(atom, (y, mo_first, atom.first[2]), (y_last, mo_last, atom.last[2])))
    return _fix_year_ends(out)


def _dated(atom: Atom, first, last) -> Atom:
    start = end = warning = None
    if first[0] is not None:
        start, warning = _day(*first)
        end, warning_end = _day(*last)
        if start and end and end < start:
            start = end = None
            warning = "an end before its start"
        warning = warning or warning_end
    # The constructor, not dataclasses.replace: this runs for every atom and replace() is slow.
    kind, begin, finish, precision = atom.kind, atom.begin, atom.finish, atom.precision
    return Atom(kind, begin, finish, first, last, precision, atom.year_written, start, end, warning)


def _day(y: int, mo: int, d: int | None) -> tuple[date | None, str | None]:
    """The date (y, mo, d); d None is the month's last day, a negative d counts from the month's end."""
    if not (MIN_YEAR <= y <= MAX_YEAR) or not 1 <= mo <= 12:
        return None, f"{'' if d is None else f'{d}/'}{mo}/{y} is not a date"
    month_end = calendar.monthrange(y, mo)[1]
    if d is None:
        return date(y, mo, month_end), None
    if d < 0:
        return date(y, mo, month_end + d + 1), None
    if not 1 <= d <= month_end:
        return None, f"{d:02d}/{mo:02d}/{y} is not a date"
    return date(y, mo, d), None


def _fix_year_ends(atoms: list[Atom]) -> list[Atom]:
    """ "từ tháng 11 đến tháng 2/2025": a borrowed year that puts a start after the end moves back."""
    out = list(atoms)
    for index in range(len(out) - 1):
        atom, nxt = out[index], out[index + 1]
        if atom.year_written or not atom.start or not nxt.start or atom.start <= nxt.start:
            continue
        y = atom.first[0] - 1
        out[index] = _dated(atom, (y, *atom.first[1:]), (y, *atom.last[1:]))
    return out


def _check_weekday(atom: Atom, text: str, folded: str) -> Atom:
    """A weekday written beside a day ("Ngày 16/01/2023 (thứ hai)") must be that day's weekday."""
    if atom.precision != "day" or atom.start is None or atom.warning:
        return atom
    match = _WEEKDAY_AFTER.match(folded, atom.finish) or _WEEKDAY_BEFORE.search(
        folded, max(0, atom.begin - 20), atom.begin
    )
    if not match:
        return atom
    written = _WEEKDAYS[re.sub(r"\s+", " ", match.group("weekday"))]
    if written == atom.start.weekday():
        return atom
    said = text[match.start("weekday") : match.end("weekday")]
    actual = _VI_WEEKDAYS[atom.start.weekday()]
    return replace(atom, warning=f"{atom.start:%d/%m/%Y} is a {actual}, not a {said}")
