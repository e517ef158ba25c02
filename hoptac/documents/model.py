"""The Reading: what the engine finds in one document, as frozen dataclasses.

`Reading.to_dict()` gives the JSON contract of `hoptac parse` (see schema.json): dates become ISO
strings, unknown values stay None ("unknown is null, never a guess").
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any, Literal

Kind = Literal[
    "plan",
    "programme",
    "decision",
    "notice",
    "letter",
    "report",
    "directive",
    "guidance",
    "article",
    "unknown",
]
Precision = Literal["day", "week", "month", "quarter", "half_year", "year", "range"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text as the reader found it (one line of a text file, one <p> or w:p)."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table in body order: rows of cell texts (a cell's paragraphs joined by newlines)."""

    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class TimeWindow:
    """A time phrase turned into dates.

    `start`/`end` are inclusive; a month-precision end is the month's last day. `is_deadline` marks
    "trước ngày", "chậm nhất" (only `end` is known); `set_by_other` marks "theo kế hoạch của Cụm"
    (dates given later by someone else; `start`/`end` stay None).
    """

    text: str
    start: date | None = None
    end: date | None = None
    precision: Precision | None = None
    tentative: bool = False
    peak_start: date | None = None
    peak_end: date | None = None
    is_deadline: bool = False
    set_by_other: bool = False
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quantity:
    """A quantity to reach: "ít nhất 200 tin bài" is value 200, unit "tin bài", at_least True."""

    value: float
    unit: str
    text: str
    at_least: bool = False


@dataclass(frozen=True)
class Activity:
    number: str | None
    title: str
    content: str | None = None
    targets: str | None = None
    form: str | None = None
    location: str | None = None
    time: TimeWindow | None = None
    lead: tuple[str, ...] = ()
    coordinating: tuple[str, ...] = ()
    people: tuple[str, ...] = ()  # people named as doing it ("Người thực hiện"), not units
    quantities: tuple[Quantity, ...] = ()
    funding: str | None = None
    children: tuple[Activity, ...] = ()


@dataclass(frozen=True)
class Issuer:
    name: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Basis:
    """A document the plan rests on ("Căn cứ Kế hoạch số 70/KH-BTVLMHTXVN ngày ... của ...")."""

    number: str | None
    date: date | None
    issuer: str | None
    text: str


@dataclass(frozen=True)
class Deadline:
    date: date | None
    text: str
    what: str | None = None
    who: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str | None
    role: str | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class Anniversary:
    """ "31 năm Ngày thành lập ... (30/3/1993 - 30/3/2024)"; `consistent` is False when the count
    disagrees with the dates or a well-known day is misdated."""

    years: int | None
    event: str
    start: date | None
    end: date | None
    consistent: bool | None


@dataclass(frozen=True)
class Recipient:
    name: str
    purpose: str | None = None


@dataclass(frozen=True)
class Signer:
    authority: str | None
    title: str | None
    name: str | None


@dataclass(frozen=True)
class Unit:
    """A unit name as written and its normalised key (abbreviations expanded, folded)."""

    name: str
    key: str


@dataclass(frozen=True)
class Reading:
    source: str
    kind: Kind = "unknown"
    issuer: Issuer = field(default_factory=Issuer)
    number: str | None = None
    sequence: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    place: str | None = None
    date: date | None = None
    title: str | None = None
    bases: tuple[Basis, ...] = ()
    activities: tuple[Activity, ...] = ()
    funding: str | None = None
    deadlines: tuple[Deadline, ...] = ()
    contacts: tuple[Contact, ...] = ()
    anniversaries: tuple[Anniversary, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    signer: Signer | None = None
    units: tuple[Unit, ...] = ()
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready contract of `hoptac parse`: ISO dates, lists for tuples, None kept."""
        return _jsonable(self)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_PLAIN = (str, int, float, bool, type(None))


def _jsonable(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple or kind is list:
        return [_jsonable(v) for v in value]
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _jsonable(getattr(value, name)) for name in names}
    if isinstance(value, date):
        return value.isoformat()
    return value
