"""Activities: numbered items of the work sections, and rows of task tables, as Activity objects."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.model import Activity, Table, TimeWindow
from hoptac.documents.parse.dates import YearContext
from hoptac.documents.parse.fields import BodyLine, body_line, child_marker, label_field
from hoptac.documents.parse.lines import Item
from hoptac.documents.parse.outline import Node, Section
from hoptac.documents.parse.people import split_people
from hoptac.documents.parse.quantities import find_quantities
from hoptac.documents.parse.tables import TableRow, task_rows
from hoptac.documents.parse.timephrase import find_time, parse_time
from hoptac.documents.parse.unit_lists import cut_at_clause, split_units
from hoptac.documents.parse.units import is_unit_name

_TIME_WORD = re.compile(r"\b[Tt]hời\s+gian\b")
SHORT_ITEM_CHARS = 220
_DANGLING_WORDS = {"su", "cua", "cac", "va", "voi", "cho", "duoc", "bi", "chiu", "nhung", "trong", "tai"}
MIN_TIMED_BULLETS = 2
_TAIL_ENDINGS = ("gồm", "sau", "có", "thể")  # the last words of every TITLE_TAILS phrase
_TASK_LABELS = ("nhiem vu", "noi dung nhiem vu", "noi dung cong viec")  # the task itself, labelled
_DESCRIPTIVE_FIELDS = {"content", "targets", "time", "location", "form", "funding"}
# Items that are not activities although numbered in a work section: a slogan to display.
NOT_ACTIVITY_OPENINGS = ("khau hieu",)
TITLE_TAILS = re.compile(r"\s*(?:,\s*)?(?:bao gồm|gồm có|gồm|như sau|cụ thể như sau|cụ thể)\s*$", re.I)
_COORDINATING_CUE = re.compile(r"\bphối\s+hợp\s+với\s+", re.IGNORECASE)
# "Văn phòng chủ trì ...", "Liên minh HTX tỉnh Đắk Lắk thực hiện." (the clause ends with the role)
_LEAD_CUE = re.compile(r"\s+(?:chủ\s+trì\b|thực\s+hiện(?=\s*(?:[.;,]|$)))", re.IGNORECASE | re.MULTILINE)
# "...; các tổ dân phố và HTX Dịch vụ môi trường phối hợp.": partners named before their role
_PARTNERS_BEFORE_ROLE = re.compile(
    r"^[\s,;]*(?P<units>[^.;:\n]{3,200}?)\s+phối\s+hợp\s*[.;]?\s*$", re.IGNORECASE
)
_OPENING_PARTNERS = re.compile(r"^(?P<lead>[^.;:,\n]{3,120}?)\s+phối\s+hợp\s+với\s")
_LEAD_SPLIT = re.compile(r"\s+(?:chủ\s+trì|thực\s+hiện|tham\s+mưu)\b|,?\s*phối\s+hợp\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[a-zà-ỹđ0-9)”\"])\.(?:\s|$)")
_CLAUSE_END = re.compile(r";|:\s|:$|(?<=[a-zà-ỹđ)”\"])\.\s+(?=[A-ZÀ-ỸĐ])")


@dataclass
class _Fields:
    """What an activity's body says, field by field, before it becomes an Activity."""

    content: list[str] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, text: str) -> None:
        if text:
            self.values.setdefault(name, []).append(text)

    def text(self, name: str) -> str | None:
        joined = "\n".join(self.values.get(name, ()))
        return joined or None


def section_activities(section: Section, *, year: YearContext) -> list[Activity]:
    """The activities of one work section: its numbered items, else its task tables, else bullets."""
    if section.nodes:
        return [a for node in section.nodes if (a := node_activity(node, year=year))]
    tables = [item for item in section.preamble if isinstance(item, Table)]
    if tables:
        return [a for table in tables for a in table_activities(table, year=year)]
    bullets = [line for line in section.preamble if isinstance(line, str) and line[:1] in "-+•"]
    # "- Thời gian: ...", "- Địa điểm: ...": a section of labelled lines describes; it lists no work.
    labelled = [line for line in bullets if body_line(line).field]
    if 2 * len(labelled) >= len(bullets):
        return []
    bullets = [line for line in bullets if line not in labelled]
    return [a for line in bullets if (a := _activity(None, line.lstrip("-+• "), [], year=year))]


def node_activity(node: Node, *, year: YearContext) -> Activity | None:
    """An Activity from a numbered item and its sub-items; None for a slogan."""
    text = node.text
    body = list(node.body)
    if not text and body and isinstance(body[0], str):
        text = body.pop(0)
    if not text or fold(text[:40]).startswith(NOT_ACTIVITY_OPENINGS) or _is_label_heading(text):
        return None
    # "a) Nhiệm vụ: ..." / "b) Cơ quan thực hiện:" / "c) Thời gian thực hiện: ...": lettered items that
    # are the item's own labelled fields, not pieces of work under it.
    labelled = [child for child in node.children if _is_field_item(child)]
    if labelled and len(labelled) == len(node.children):
        body += [line for child in labelled for line in _field_lines(child)]
        return _activity(node.number, text, body, year=year, children=[])
    children = [a for child in node.children if (a := node_activity(child, year=year))]
    return _activity(node.number, text, body, year=year, children=children)


def _is_field_item(node: Node) -> bool:
    label, colon, _ = node.text.partition(":")
    return bool(colon) and (label_field(label) is not None or fold(label).strip() in _TASK_LABELS)


def _field_lines(node: Node) -> list[str]:
    """A field item as labelled lines: "Nhiệm vụ: ..." is the content, the rest keep their label."""
    label, _, value = node.text.partition(":")
    head = value.strip() if fold(label).strip() in _TASK_LABELS else node.text
    lines = [head] if head else []
    lines += [item for item in node.body if isinstance(item, str)]
    return lines + [child.text for child in node.children]


def _is_label_heading(text: str) -> bool:
    """ "1. Nội dung giám sát", "2. Đối tượng": a heading that names a field, not a piece of work."""
    heading = text.strip(" .:")
    if len(heading.split()) <= 4 and label_field(heading) in _DESCRIPTIVE_FIELDS:
        return True
    # "3. Thời kỳ giám sát: từ ngày 01/01/2021 đến ngày 31/12/2023." states a field of the plan.
    label, colon, _ = heading.partition(":")
    return bool(colon) and len(label.split()) <= 4 and label_field(label) in _DESCRIPTIVE_FIELDS


def table_activities(table: Table, *, year: YearContext) -> list[Activity]:
    """One activity per row of a task table; group rows hold their rows as children."""
    return [_row_activity(row, year=year) for row in task_rows(table.rows)]


def _row_activity(row: TableRow, *, year: YearContext) -> Activity:
    cells = row.cells
    # A table cell holds the task whole; only a long cell has a title clause and details after it.
    title, rest = (
        split_title(cells["title"]) if len(cells["title"]) > 250 else (cells["title"].strip(" ."), "")
    )
    people, others = split_people(cells.get("people", ""))
    lead, coordinating = lead_units("; ".join([*cells.get("lead", "").split("\n"), *others]).strip("; "))
    coordinating += split_units(cells.get("coordinating", ""))
    coordinating += unlabelled_coordinating(cells.get("note", ""))
    time_text = cells.get("time") or (f"chậm nhất {cells['deadline']}" if cells.get("deadline") else None)
    own_text = " ".join(v for k, v in cells.items() if k != "note")
    return Activity(
        number=row.number,
        title=title,
        content=_join(rest, cells.get("product")),
        targets=cells.get("targets"),
        form=cells.get("form"),
        location=cells.get("location"),
        time=parse_time(time_text, year=year) if time_text else None,
        lead=tuple(lead),
        coordinating=tuple(_unique(coordinating)),
        people=tuple(_unique(people)),
        quantities=tuple(find_quantities(own_text)),
        funding=cells.get("funding"),
        children=tuple(_row_activity(child, year=year) for child in row.children),
    )


def _activity(
    number: str | None,
    text: str,
    body: list[Item],
    *,
    year: YearContext,
    children: list[Activity] | None = None,
) -> Activity | None:
    title, rest = split_title(text)
    if not title:
        return None
    lines = [body_line(item) for item in body if isinstance(item, str)]
    labelled_marker = child_marker(lines)
    marker = labelled_marker or _timed_bullets_marker(lines, year=year)
    own: list[BodyLine] = []
    groups: list[list[BodyLine]] = []
    for line in lines:
        if marker and line.marker == marker and not line.field:
            # bullets before the labels that follow them are one piece of work with those labels
            if labelled_marker and groups and not any(g.field for g in groups[-1]):
                groups[-1].append(line)
            else:
                groups.append([line])
        elif groups:
            groups[-1].append(line)
        else:
            own.append(line)
    if labelled_marker and len(groups) == 1 and not children and not any(line.field for line in own):
        own, groups = own + groups[0], []  # one block of bullets and labels: the item's own
    bullets = (_bullet_activity(g, year=year) for g in groups)
    children = [*(children or []), *(a for a in bullets if a is not None)]
    for item in body:
        if isinstance(item, Table):
            children.extend(table_activities(item, year=year))
    fields = _collect(own)
    if rest:
        fields.content.insert(0, rest)
    return _build(number, title, fields, year=year, children=children, own_text=text)


def _timed_bullets_marker(lines: list[BodyLine], *, year: YearContext) -> str | None:
    """The marker of bullets that are sub-activities because each states its own time
    ("- Treo băng rôn ... Thời gian: từ ngày 25/6/2025 đến ngày 10/7/2025. Văn phòng chủ trì"),
    when the item has no time of its own."""
    if any(line.field == "time" for line in lines):
        return None
    timed: dict[str, int] = {}
    for line in lines:
        if line.marker and not line.field and find_time(line.text, year=year):
            timed[line.marker] = timed.get(line.marker, 0) + 1
    marker = max(timed, key=timed.__getitem__, default=None)
    return marker if marker and timed[marker] >= MIN_TIMED_BULLETS else None


def _bullet_activity(group: list[BodyLine], *, year: YearContext) -> Activity | None:
    head, *lines = group
    if fold(head.text[:40]).startswith(NOT_ACTIVITY_OPENINGS):
        return None  # "- Khẩu hiệu tuyên truyền:" is content to display
    title, rest = split_title(head.text)
    fields = _collect(lines)
    if rest:
        fields.content.insert(0, rest)
    return _build(None, title or head.text, fields, year=year, children=[], own_text=head.text)


def _collect(lines: list[BodyLine]) -> _Fields:
    fields = _Fields()
    current: str | None = None
    current_marker: str | None = None
    has_value = False
    for line in lines:
        if line.field:
            current, has_value, current_marker = line.field, bool(line.value), line.marker
            fields.add(current, line.value)
            for field, value in line.more:
                current, has_value = field, bool(value)
                fields.add(field, value)
            continue
        if current == "time" and has_value:
            fields.content.append(line.text)  # rounds and notes below a time phrase are content
        elif has_value and line.marker and line.marker == current_marker:
            # "- Địa điểm: ..." then "- Liên minh HTX tỉnh Đắk Lắk chủ trì, ...": a sibling, not more place
            current = None
            fields.content.append(line.text)
        elif current:
            fields.add(current, line.text)
            has_value = has_value or current == "time"
        else:
            fields.content.append(line.text)
    return fields


def _build(
    number: str | None,
    title: str,
    fields: _Fields,
    *,
    year: YearContext,
    children: list[Activity],
    own_text: str,
) -> Activity:
    content = "\n".join(fields.content) or None
    full_text = " ".join([own_text, content or "", *(v for vs in fields.values.values() for v in vs)])
    lead, coordinating = [], []
    for value in fields.values.get("lead", ()):
        more_lead, more_coordinating = lead_units(value)
        lead += more_lead
        coordinating += more_coordinating
    for value in fields.values.get("coordinating", ()):
        coordinating += split_units(value)
    if "lead" not in fields.values:
        lead = unlabelled_lead(own_text + "\n" + (content or "")) or subject_lead(own_text)
        heading, colon, sentence = own_text[:SHORT_ITEM_CHARS].partition(": ")
        if not lead and colon and len(heading) < SHORT_ITEM_CHARS // 2:
            lead = subject_lead(sentence)  # "5. Sơ kết ...: Sở Tài chính tổng hợp, báo cáo ..."
    if "coordinating" not in fields.values and not coordinating:
        coordinating = unlabelled_coordinating(" ".join([own_text, content or "", fields.text("form") or ""]))
    return Activity(
        number=number,
        title=title,
        content=content,
        targets=fields.text("targets"),
        form=fields.text("form"),
        location=fields.text("location"),
        time=_time(fields, own_text, year=year),
        lead=tuple(_unique(lead)),
        coordinating=tuple(u for u in _unique(coordinating) if u not in lead),
        quantities=tuple(find_quantities(full_text)),
        funding=fields.text("funding"),
        children=tuple(children),
    )


def _time(fields: _Fields, own_text: str, *, year: YearContext) -> TimeWindow | None:
    phrase = fields.text("time")
    if phrase:
        return parse_time(phrase.split("\n", 1)[0], year=year) or parse_time(phrase, year=year)
    if found := find_time(own_text, year=year):
        return found
    # "Tổ chức 04 lớp ...; thời gian từ tháng 5 đến tháng 9/2026, theo lịch sau:": a time its content
    # names as such, inside a sentence.
    for line in fields.content:
        if cue := _TIME_WORD.search(line):
            return find_time(line[cue.start() :], year=year)
    return None


def split_title(text: str) -> tuple[str, str]:
    """(title, rest): the item's opening clause, and what follows it.

    >>> split_title("Tổ chức thành công: Hội nghị điển hình tiên tiến")
    ('Tổ chức thành công', 'Hội nghị điển hình tiên tiến')
    """
    text = squash_spaces(text)
    # An item line of a few tasks joined by ";" is one title; a long paragraph is cut at its first clause.
    ends = (m for m in _CLAUSE_END.finditer(text) if m.group() != ";" or len(text) > SHORT_ITEM_CHARS)
    match = next(ends, None)
    if match and match.start() > 0:
        title, rest = text[: match.start()], text[match.end() :]
    else:
        title, rest = text, ""
    title = title.strip(" .:;,")
    if title.lower().endswith(_TAIL_ENDINGS):
        title = TITLE_TAILS.sub("", title)
    return title.strip(), rest.strip()


def lead_units(value: str) -> tuple[list[str], list[str]]:
    """(lead, coordinating) from a lead line: "Văn phòng chủ trì, phối hợp với Ban Kiểm tra".

    >>> lead_units("Văn phòng chủ trì cùng các phòng ban, đơn vị trực thuộc tham mưu cho Thường trực.")
    (['Văn phòng'], [])
    """
    match = _LEAD_SPLIT.search(value)
    if not match:
        return split_units(value), []
    coordinating = []
    if cue := _COORDINATING_CUE.search(value, match.start()):
        coordinating = unlabelled_coordinating(value[cue.start() :])
    elif partners := _PARTNERS_BEFORE_ROLE.match(value[match.end() :]):
        coordinating = split_units(partners.group("units"))
    return split_units(value[: match.start()]), coordinating


def unlabelled_lead(text: str) -> list[str]:
    """The body written before "chủ trì" in running text ("Giao Văn phòng chủ trì, ..."), or the
    body that opens a sentence "X phối hợp với Y ..." (X does the work, Y helps)."""
    lowered = text.lower()
    if "chủ trì" not in lowered and "thực hiện" not in lowered and "phối hợp" not in lowered:
        return []  # none of the role words: the patterns below cannot match
    if opening := _OPENING_PARTNERS.match(text):
        names = split_units(opening.group("lead"))
        if names and all(is_unit_name(n) for n in names):
            return names
    for match in _LEAD_CUE.finditer(text):
        before = re.split(
            r"[.;:\n]|\b(?:[Gg]iao|[Pp]hân công|[Dd]o)\s", text[max(0, match.start() - 200) : match.start()]
        )[-1]
        # "Tổ chức hội nghị, Văn phòng chủ trì": the bodies are the names just before the role.
        names = split_units(before)
        while names and not is_unit_name(names[0]):
            names.pop(0)
        if names and all(is_unit_name(n) for n in names):
            return names
    return []


def subject_lead(text: str) -> list[str]:
    """The bodies that open an item's sentence as its subject: "Các đội sản xuất tổ chức gieo mạ",
    "Liên minh Hợp tác xã tỉnh tổ chức 10 hội nghị" (the body doing the work is the lead)."""
    if not is_unit_name(text):
        return []
    subject = cut_at_clause(text[:160])
    if len(subject) >= len(text[:160]):
        return []  # no verb after the name: a heading that names a body, not a sentence
    if fold(subject).rsplit(" ", 1)[-1] in _DANGLING_WORDS:
        return []  # "Các đơn vị chịu sự (giám sát)": the verb found was part of the name
    names = split_units(subject)
    return names if names and all(is_unit_name(n) for n in names) else []


def unlabelled_coordinating(text: str) -> list[str]:
    """The bodies after "Phối hợp với" in running text, up to where the clause goes on."""
    if "phối hợp" not in text.lower():
        return []
    match = _COORDINATING_CUE.search(text)
    if not match:
        return []
    after = text[match.end() : match.end() + 400]
    if end := _SENTENCE_END.search(after):
        after = after[: end.start()]
    names = split_units(cut_at_clause(after))
    if not names or not is_unit_name(names[0]):
        return []
    return [n for n in names if is_unit_name(n) or n[:1].isupper()]


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for name in names:
        if fold(name) not in seen:
            seen.add(fold(name))
            out.append(name)
    return out


def _join(*parts: str | None) -> str | None:
    joined = "\n".join(p for p in parts if p)
    return joined or None
