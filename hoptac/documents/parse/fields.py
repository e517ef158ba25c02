"""Labelled lines inside an activity ("- Thời gian: Tháng 4/2024", "+ Đơn vị chủ trì: Văn phòng").

A label is one of a known vocabulary, folded, followed by a colon. A label with an empty value takes
the lines below it ("+ Đơn vị thực hiện:" then "- Ban biên tập ..."); a bullet line that is not a
label is content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoptac.core.text import fold

# Folded label openings and the field each fills; the longest opening that matches wins.
LABELS: dict[str, str] = {
    "noi dung": "content",
    "chu de": "content",
    "yeu cau": "content",
    "san pham": "content",
    "ket qua": "content",
    "chi tieu": "content",
    "muc tieu": "content",
    "doi tuong": "targets",
    "thanh phan": "targets",
    "dai bieu": "targets",
    "quy mo": "targets",
    "hinh thuc": "form",
    "phuong thuc": "form",
    "cach thuc": "form",
    "phuong phap": "form",
    "thoi gian": "time",
    "thoi ky": "time",
    "thoi han": "time",
    "tien do": "time",
    "thoi diem": "time",
    "du kien thoi gian": "time",
    "han hoan thanh": "time",
    "lich": "time",
    "dia diem": "location",
    "noi to chuc": "location",
    "dia ban": "location",
    "don vi chu tri": "lead",
    "chu tri": "lead",
    "don vi thuc hien": "lead",
    "thuc hien": "lead",
    "co quan chu tri": "lead",
    "don vi tham muu": "lead",
    "nguoi thuc hien": "lead",
    "bo phan thuc hien": "lead",
    "don vi phu trach": "lead",
    "phu trach": "lead",
    "trach nhiem thuc hien": "lead",
    "trach nhiem": "lead",
    "co quan thuc hien": "lead",
    "don vi to chuc": "lead",
    "bo phan chu tri": "lead",
    "giao": "lead",
    "phan cong": "lead",
    "don vi phoi hop": "coordinating",
    "phoi hop": "coordinating",
    "co quan phoi hop": "coordinating",
    "bo phan phoi hop": "coordinating",
    "don vi ho tro": "coordinating",
    "kinh phi": "funding",
    "nguon kinh phi": "funding",
    "du toan": "funding",
}
# Openings grouped by their first word, longest first, so a label is compared with few of them.
_BY_FIRST_WORD: dict[str, list[str]] = {}
for _opening in sorted(LABELS, key=len, reverse=True):
    _BY_FIRST_WORD.setdefault(_opening.split()[0], []).append(_opening)
_MARKER = re.compile(r"^([-+*–•])\s*")
_LABEL = re.compile(r"^([^:]{2,60}?)\s*:\s*(.*)$")
_INLINE_LABEL = re.compile(r"[.;]\s+(?P<label>[^\W\d][^.;:()]{1,40}?)\s*:\s*")


@dataclass(frozen=True)
class BodyLine:
    """One line of an activity's body: its bullet marker, and its label's field if it has one."""

    marker: str | None
    text: str  # without the marker
    field: str | None = None
    value: str = ""  # the text after the label's colon
    more: tuple[tuple[str, str], ...] = ()  # further labels on the same line: (field, value)


def label_field(label: str) -> str | None:
    """The field a label names ("Đơn vị chủ trì tham mưu" → "lead"), or None."""
    folded = fold(label).strip(" .*")
    words = folded.replace("/", " ").split()
    if not words or len(words) > 9:
        return None
    for opening in _BY_FIRST_WORD.get(words[0], ()):
        if folded == opening or folded.startswith(opening + " ") or folded.startswith(opening + "/"):
            return LABELS[opening]
    return None


def body_line(line: str) -> BodyLine:
    """Split a body line into marker, text and label.

    >>> line = body_line("+Thời gian thực hiện: Tháng 4/2024")
    >>> line.marker, line.field, line.value
    ('+', 'time', 'Tháng 4/2024')
    """
    marker = None
    if match := _MARKER.match(line):
        marker, line = match.group(1), line[match.end() :]
    if (match := _LABEL.match(line)) and (field := label_field(match.group(1))):
        value, more = _inline_fields(match.group(2).strip())
        return BodyLine(marker, line, field, value, more)
    return BodyLine(marker, line)


def _inline_fields(value: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """ "Cả năm 2018. Chủ trì: Văn phòng; phối hợp: các Ban" → ("Cả năm 2018", (lead, ...), ...)):
    a labelled line that goes on with more labels after "." or ";"."""
    cuts = [m for m in _INLINE_LABEL.finditer(value) if label_field(m.group("label"))]
    if not cuts:
        return value, ()
    more = []
    for match, following in zip(cuts, [*cuts[1:], None], strict=True):
        end = following.start() if following else len(value)
        field = label_field(match.group("label"))
        assert field is not None
        more.append((field, value[match.end() : end].strip(" .;")))
    return value[: cuts[0].start()].strip(" .;"), tuple(more)


def child_marker(lines: list[BodyLine]) -> str | None:
    """The bullet marker that opens sub-activities in a body, if any.

    Sub-activities are bullets that come before any label and carry labelled lines of another
    marker under them ("* Hội diễn văn nghệ:" then "+ Đối tượng: ...", "+ Thời gian: ...").
    """
    candidate = None
    for line in lines:
        if line.field:
            break
        if line.marker:
            candidate = line.marker
            break
    if candidate is None:
        return None
    under_candidate = False
    for line in lines:
        if line.marker == candidate and not line.field:
            under_candidate = True
        elif under_candidate and line.field and line.marker != candidate:
            return candidate
    return None
