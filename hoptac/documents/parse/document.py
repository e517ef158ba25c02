"""From clean blocks to a Reading: the order in which the parts of a document are read."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from hoptac.core.text import fold
from hoptac.documents.model import Activity, Block, Issuer, Reading, Table, Unit
from hoptac.documents.parse.activities import node_activity, section_activities, table_activities
from hoptac.documents.parse.bases import find_bases
from hoptac.documents.parse.closing import read_recipients, read_signer, recipients_start
from hoptac.documents.parse.dates import YearContext, school_year
from hoptac.documents.parse.duties import duty_activities
from hoptac.documents.parse.extras import (
    anniversary_warning,
    find_anniversaries,
    find_contacts,
    find_deadlines,
)
from hoptac.documents.parse.header import Header, read_header
from hoptac.documents.parse.intro import (
    SelfReference,
    closing_issuer,
    headline_place,
    headline_plan,
    is_complete_name,
    quoted_plan_title,
    self_references,
)
from hoptac.documents.parse.issuer import complete_issuer
from hoptac.documents.parse.lines import Item, to_items
from hoptac.documents.parse.number_symbol import TYPE_CODES, NumberSymbol
from hoptac.documents.parse.outline import Section, build_nodes, split_sections
from hoptac.documents.parse.units import unit_key

HEADLINE_LINES = 12
SIGNING_DATE = "the date is the digital signature's: the date line could not be read"
_BODY_END = re.compile(r"^Trên\s+đây\s+là\b|\./\.\s*$")
_ARTICLE_CUES = re.compile(
    r"^(?:Nguồn|Theo|Ảnh|\(Ảnh)\s*:|LEAVE A REPLY|Bình luận|Tin liên quan", re.IGNORECASE
)
_OTHER_TYPES = (
    "QUYẾT ĐỊNH",
    "BÁO CÁO",
    "CÔNG VĂN",
    "THÔNG BÁO",
    "TỜ TRÌNH",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "HƯỚNG DẪN",
)
_ISSUES = re.compile(
    r"\b[Bb]an\s+hành\s+kèm\s+theo\s+(?:Quyết\s+định|Nghị\s+quyết)\s+này\s+(?:bản\s+)?"
    r"(Kế\s+hoạch|KẾ\s+HOẠCH|Chương\s+trình|CHƯƠNG\s+TRÌNH)"
)
_ISSUES_TITLE = re.compile(r"^(?:về\s+việc\s+)?ban\s+hành\s+(kế\s+hoạch|chương\s+trình)\b", re.IGNORECASE)
_APPENDIX_CUE = re.compile(r"\b[Pp]hụ\s+lục\b|\bPHỤ\s+LỤC\b")
# "(Kèm theo Kế hoạch số .../KH-SCT ngày ...)": the title line of a table attached to the plan
_ATTACHED_TO_PLAN = re.compile(r"^\(?\s*[Kk]èm\s+theo\s+(?:Kế\s+hoạch|KH)\b")
_PLAN_WORD = re.compile(r"\bkế\s+hoạch\b", re.IGNORECASE)


def parse_blocks(blocks: Iterable[Block], *, source: str, warnings: Sequence[str]) -> Reading:
    """Read a document's blocks (from a reader) into a Reading."""
    items = to_items(blocks)
    lines = [item for item in items if isinstance(item, str)]
    header = read_header(lines)
    body_items = _after_header(items, header)
    end = _body_end(body_items)
    body, closing = body_items[:end], [i for i in body_items[end:] if isinstance(i, str)]
    before, sections = split_sections(body)
    before_lines = [i for i in before if isinstance(i, str)]
    body_lines = [i for i in body if isinstance(i, str)]
    references = self_references(before_lines if sections else body_lines)
    has_table = any(isinstance(i, Table) for i in items)
    kind = _kind(header, lines, body_lines, sections, references, has_table=has_table)
    headline = (
        headline_plan(lines[: HEADLINE_LINES * 2]) if kind == "plan" and not header.has_type_line else None
    )
    own = _own_reference(references)

    number = header.number or (own.number if own and kind != "unknown" else None)
    if number is None and headline and headline.number:
        number = NumberSymbol(headline.number, headline.number.split("/")[0], None, None)
    day = header.date if header.place is not None or header.date_signed else None
    day = day or (own.date if own and kind != "unknown" else None)
    day = day or (headline.date if headline else None)
    year = day.year if day else None
    title = _title(kind, header, own, lines) or (headline.title if headline else None)
    # A school plan's months without a year belong to its school year ("Tháng 2" of 2019 - 2020).
    when = school_year(" ".join([title or "", *lines[:HEADLINE_LINES]])) or year
    issuer = _issuer(header, references, closing_lines=lines)
    activities = (
        _activities(kind, body, sections, year=when)
        if kind == "plan"
        else _article_activities(body, year=when)
        if kind == "article"
        else duty_activities(body, year=when)
        if kind != "unknown"
        else [a for item in items if isinstance(item, Table) for a in table_activities(item, year=when)]
    )
    if kind == "plan" and (appendix := _appendix_activities(body_items[end:], body_lines, year=when)):
        activities = appendix
    recipients, signer = _closing(closing, lines)
    anniversaries = find_anniversaries(lines, year=year)
    found_warnings = list(warnings) + _warnings(kind, number, day, header, activities, sections)
    found_warnings += [w for a in anniversaries if (w := anniversary_warning(a))]
    found_warnings += [w for a in _walk(activities) if a.time for w in a.time.warnings]
    reading = Reading(
        source=source,
        kind=kind,
        issuer=Issuer(name=issuer, parent=header.parent),
        number=number.number if number else None,
        sequence=number.sequence if number else None,
        type_code=number.type_code if number else None,
        issuer_code=number.issuer_code if number else None,
        place=header.place,
        date=day,
        title=title,
        bases=tuple(find_bases(before_lines, own_number=number.number if number else None))
        if kind != "unknown"
        else (),
        activities=tuple(activities),
        funding=_funding(sections),
        deadlines=tuple(find_deadlines(body_lines, year=when)),
        contacts=tuple(find_contacts(body_lines)),
        anniversaries=tuple(anniversaries),
        recipients=tuple(recipients),
        signer=signer,
        warnings=tuple(dict.fromkeys(found_warnings)),
    )
    return _with_units(reading)


def _after_header(items: list[Item], header: Header) -> list[Item]:
    """Items after the header's last line (header.end counts lines, not tables)."""
    seen = 0
    for index, item in enumerate(items):
        if seen >= header.end:
            return items[index:]
        if isinstance(item, str):
            seen += 1
    return []


def _body_end(items: list[Item]) -> int:
    started = False
    for index, item in enumerate(items):
        if not isinstance(item, str):
            continue
        started = started or bool(re.match(r"^[IVX]{1,5}\s*[.\-/:)]", item))
        if item[:1] in "Nn" and fold(item[:12]).startswith("noi nhan"):
            return index
        if started and (item.startswith("Trên") or item.endswith(("./.", "./. "))) and _BODY_END.search(item):
            return index
    return len(items)


def _kind(
    header: Header,
    lines: list[str],
    body_lines: list[str],
    sections: list[Section],
    refs: list[SelfReference],
    *,
    has_table: bool,
) -> str:
    kind = header.type_kind
    if kind is None and header.number:
        code = header.number.type_code or ""
        kind = TYPE_CODES.get(code) or TYPE_CODES.get(code.upper()) or ("letter" if code else None)
    if kind is None and header.subject:
        kind = "letter"  # "V/v ..." under the number: an official letter
    issued = _issued_kind(body_lines) or _issued_kind([header.title or ""], title=True)
    if kind in ("decision", "unknown") and issued:
        return issued  # "Ban hành kèm theo Quyết định này Kế hoạch ...": the plan is what it issues
    if kind is not None:
        return kind
    if headline_plan(lines[: HEADLINE_LINES * 2]) and (sections or has_table):
        return "plan"  # "Kế hoạch triển khai ..." as a page's headline, over the plan's own text
    if any(line.startswith(_OTHER_TYPES) and len(line) < 40 for line in lines[:60]):
        return "unknown"
    if sections and any(ref.number for ref in refs):
        return "plan"
    if any(_ARTICLE_CUES.match(line) for line in lines) or (refs and not sections):
        return "article" if any(_PLAN_WORD.search(line) for line in lines) else "unknown"
    return "unknown"


def _issued_kind(body_lines: list[str], *, title: bool = False) -> str | None:
    """ "plan" or "programme" when a decision issues one ("Điều 1. Ban hành kèm theo Quyết định
    này Kế hoạch ...", or its title "Về việc ban hành Kế hoạch ..."), else None."""
    pattern = _ISSUES_TITLE if title else _ISSUES
    for line in body_lines[:40]:
        if match := pattern.search(line):
            return "plan" if fold(match.group(1)).startswith("ke") else "programme"
    return None


def _own_reference(refs: list[SelfReference]) -> SelfReference | None:
    """The sentence that best says what this plan is: one with a number first."""
    with_number = [r for r in refs if r.number]
    return (with_number or refs or [None])[0]


def _title(kind: str, header: Header, own: SelfReference | None, lines: list[str]) -> str | None:
    if kind == "unknown":
        return header.title or header.subject
    if kind not in ("plan", "article"):
        return header.title or header.subject or (own.title if own else None)
    if kind == "article":
        return quoted_plan_title(lines) or (own.title if own else None)
    return header.title or (own.title if own else None) or quoted_plan_title(lines)


def _issuer(header: Header, refs: list[SelfReference], *, closing_lines: list[str]) -> str | None:
    if header.issuer and is_complete_name(header.issuer):
        return header.issuer
    named = [r.issuer for r in refs if r.issuer]
    complete = [n for n in named if is_complete_name(n)]
    if complete:
        return complete[0]
    partial = header.issuer or (named[0] if named else None)
    closing = closing_issuer(closing_lines)
    if closing and (not partial or unit_key(closing).startswith(unit_key(partial))):
        return closing
    # A news item: "Quảng Bình: Nhiều hoạt động ..." names the province its alliance belongs to.
    place = header.place or (
        headline_place(closing_lines[:HEADLINE_LINES]) if not header.has_type_line else None
    )
    return complete_issuer(partial, header.parent, place)


def _activities(kind: str, body: list[Item], sections: list[Section], *, year: YearContext) -> list[Activity]:
    if sections:
        activities = [a for s in sections if s.is_work for a in section_activities(s, year=year)]
    else:
        nodes, _ = build_nodes(body)
        activities = [a for node in nodes if (a := node_activity(node, year=year))]
    if not activities:
        tables = [item for item in body if isinstance(item, Table)]
        activities = [a for table in tables for a in table_activities(table, year=year)]
    return activities


def _appendix_activities(
    after_body: list[Item], body_lines: list[str], *, year: YearContext
) -> list[Activity]:
    """The rows of a task table printed after the signature ("PHỤ LỤC: Danh mục các nhiệm vụ ..."),
    when the body refers to its appendix for the details: they are the plan's work."""
    tables = [item for item in after_body if isinstance(item, Table)]
    attached = any(isinstance(i, str) and _ATTACHED_TO_PLAN.match(i) for i in after_body)
    if not tables or not (attached or any(_APPENDIX_CUE.search(line) for line in body_lines)):
        return []
    return [a for table in tables for a in _ungrouped(table_activities(table, year=year))]


def _ungrouped(activities: list[Activity]) -> list[Activity]:
    """An appendix's rows without its group rows ("I. KIỆN TOÀN ..."): the groups only repeat the
    body's headings, the numbered rows under them are the work."""
    out: list[Activity] = []
    for activity in activities:
        is_group = activity.children and not (activity.lead or activity.coordinating or activity.time)
        out.extend(activity.children if is_group else (activity,))
    return out


def _article_activities(body: list[Item], *, year: YearContext) -> list[Activity]:
    """A news article's activities: only the items it numbers, and only when most of them carry
    their own times (a numbered list of targets or of past results is not a list of work)."""
    nodes, _ = build_nodes(body)
    activities = [a for node in nodes if (a := node_activity(node, year=year))]
    timed = [a for a in activities if a.time and (a.time.start or a.time.end)]
    return activities if len(activities) >= 2 and 2 * len(timed) >= len(activities) else []


def _funding(sections: list[Section]) -> str | None:
    for section in sections:
        if fold(section.heading).startswith(("kinh phi", "nguon kinh phi", "du toan")):
            lines = [i for i in section.preamble if isinstance(i, str)]
            lines += [n.text for n in section.nodes]
            return "\n".join(lines)[:2000] or None
    return None


def _closing(closing: list[str], lines: list[str]):
    start = recipients_start(closing)
    if start is None:
        return [], read_signer(closing[1:], after_recipients=False)
    recipients, after = read_recipients(closing, start)
    signer = read_signer(closing[after:], after_recipients=True) or read_signer(
        closing[1:start], after_recipients=False
    )
    return recipients, signer


def _warnings(kind, number, day, header: Header, activities, sections) -> list[str]:
    found = [SIGNING_DATE] if header.date_signed and day == header.date else []
    if kind == "plan":
        if number is None:
            found.append("no number and symbol (Số: .../KH-...) found")
        elif number.sequence is None:
            found.append(f"number {number.number} has no sequence: an unregistered draft?")
        if day is None:
            found.append("no date found" if header.place is None else "the date line has a blank day")
        if not activities:
            found.append("no activities found in the work sections")
        if any(s.truncated for s in sections):
            found.append("too many numbered items: the activity list was cut")
    return found


def _walk(activities: Iterable[Activity]) -> Iterable[Activity]:
    for activity in activities:
        yield activity
        yield from _walk(activity.children)


def _with_units(reading: Reading) -> Reading:
    names: list[str] = []
    if reading.issuer.name:
        names.append(reading.issuer.name)
    if reading.issuer.parent:
        names.append(reading.issuer.parent)
    for activity in _walk(reading.activities):
        names += [*activity.lead, *activity.coordinating]
    names += [b.issuer for b in reading.bases if b.issuer]
    names += [r.name for r in reading.recipients]
    units = {name: Unit(name=name, key=unit_key(name)) for name in names}
    return replace(reading, units=tuple(units.values()))
