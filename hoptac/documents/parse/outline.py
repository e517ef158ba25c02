"""The outline of a document body: Roman-numbered sections and the numbered items inside them.

Numbering styles nest in the order a document first uses them ("1." then "1.1." then "a)" ...), as
Word's outline does: a style already open closes everything opened after it; a new style opens one
level deeper. Lines between two items are the first item's body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hoptac.core.text import fold
from hoptac.documents.model import Table
from hoptac.documents.parse.lines import Item

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
SECTION_RE = re.compile(r"^(?:PHẦN\s+|Phần\s+)?([IVXL]{1,6})\s*[.\-/:)]\s*(\S.{0,300})$")
_DECIMAL_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\s?([.)/])?(?:\s+|$)")
_LETTER_RE = re.compile(r"^([a-zđ])\s?[).](?:\s+|$)")
_PAREN_RE = re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*")
MAX_ITEMS = 5000  # a document with more numbered items than this is not a plan we can read whole

# Sections whose heading opens with these words are not work sections (domain.md: activities
# are the items of the sections between "Mục đích, yêu cầu" and "Kinh phí"/"Tổ chức thực hiện").
NON_WORK_OPENINGS: tuple[str, ...] = (
    "muc dich",
    "yeu cau",
    "muc tieu",
    "chi tieu",
    "quy mo",
    "nguyen tac",
    "chuong trinh hoi nghi",
    "chuong trinh lam viec",
    "chuong trinh dai hoi",
    "quan diem",
    "doi tuong",
    "pham vi",
    "thoi gian",
    "dia diem",
    "thanh phan",
    "kinh phi",
    "nguon kinh phi",
    "du toan",
    "to chuc thuc hien",
    "phan cong",
    "trach nhiem",
    "che do bao cao",
    "bao cao",
    "khen thuong",
    "danh hieu",
    "tieu chuan",
    "tieu chi",
    "ket qua",
    "tinh hinh",
    "dac diem",
    "thuc trang",
    "boi canh",
    "nhan dinh",
    "tong quan",
    "danh gia",
    "can cu",
    "co so",
    "su can thiet",
    "y nghia",
    "dieu khoan",
    "hieu luc",
    "khau hieu",
    "thong tin lien he",
    "lien he",
    "hinh thuc khen thuong",
    "dang ky",
)


_HEADING_PARTS = re.compile(r",|;|\s+va\s+|\s+-\s+")


@dataclass
class Node:
    """A numbered item: its number as written, its own line's text, body lines and sub-items."""

    number: str
    style: str
    text: str
    body: list[Item] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)


@dataclass
class Section:
    number: str
    heading: str
    preamble: list[Item] = field(default_factory=list)  # lines before the first numbered item
    nodes: list[Node] = field(default_factory=list)
    truncated: bool = False

    @property
    def is_work(self) -> bool:
        """A section lists work unless every part of its heading names something else: "MỤC ĐÍCH,
        YÊU CẦU" does not, "THỜI GIAN, PHƯƠNG PHÁP TIẾN HÀNH" does (how the work proceeds)."""
        parts = [p.strip() for p in _HEADING_PARTS.split(fold(self.heading)) if p.strip()]
        return not parts or not all(p.startswith(NON_WORK_OPENINGS) for p in parts)


def roman_value(text: str) -> int | None:
    """The value of a well-formed Roman numeral up to 89, else None."""
    total, previous = 0, 0
    for ch in reversed(text):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total if 0 < total < 90 and _to_roman(total) == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def section_heading(line: str) -> tuple[str, str] | None:
    """(numeral, heading) when `line` opens a Roman-numbered section: "II. NỘI DUNG HOẠT ĐỘNG"."""
    match = SECTION_RE.match(line)
    if not match or roman_value(match.group(1)) is None:
        return None
    heading = match.group(2).strip()
    letters = [ch for ch in heading if ch.isalpha()]
    # A section heading is short and mostly upper case; "I. " inside running text is not one.
    if len(heading) > 160 or not letters or sum(ch.isupper() for ch in letters) < 0.6 * len(letters):
        return None
    return match.group(1), heading


def numbered_item(line: str) -> tuple[str, str, str] | None:
    """(number, style, text) when `line` opens a numbered item, else None.

    >>> numbered_item("1.1. Đẩy mạnh sản xuất")
    ('1.1', 'decimal2', 'Đẩy mạnh sản xuất')
    >>> numbered_item("b) Tổ chức hội nghị")
    ('b', 'letter', 'Tổ chức hội nghị')
    """
    if match := _DECIMAL_RE.match(line):
        number, punct = match.group(1), match.group(2)
        depth = number.count(".") + 1
        if depth == 1 and not punct:
            return None  # "30 năm ..." is text, not an item
        if punct == "/":
            return None  # a date or a document number
        return number, f"decimal{depth}", line[match.end() :].strip()
    if match := _LETTER_RE.match(line):
        return match.group(1), "letter", line[match.end() :].strip()
    if match := _PAREN_RE.match(line):
        return match.group(1), "paren", line[match.end() :].strip()
    return None


def arabic_section_heading(line: str) -> tuple[str, str] | None:
    """(number, heading) for "2. NỘI DUNG HOẠT ĐỘNG": a plan without Roman numerals numbers its
    sections 1., 2. in capitals."""
    found = numbered_item(line)
    if not found or found[1] != "decimal1" or not found[2]:
        return None
    letters = [ch for ch in found[2] if ch.isalpha()]
    if len(found[2]) > 160 or len(letters) < 3 or not all(ch.isupper() for ch in letters):
        return None
    return found[0], found[2]


def split_sections(items: list[Item]) -> tuple[list[Item], list[Section]]:
    """(lines before the first section, sections) of a document body."""
    strings = [item for item in items if isinstance(item, str)]
    find_heading = section_heading
    if not any(section_heading(s) for s in strings):
        find_heading = arabic_section_heading
    before: list[Item] = []
    sections: list[Section] = []
    for item in items:
        heading = find_heading(item) if isinstance(item, str) else None
        if heading:
            sections.append(Section(number=heading[0], heading=heading[1]))
        elif sections:
            sections[-1].preamble.append(item)
        else:
            before.append(item)
    for section in sections:
        section.nodes, section.truncated = build_nodes(section.preamble)
        if section.nodes:
            first = _first_node_index(section.preamble)
            section.preamble = section.preamble[:first]
    return before, sections


def _first_node_index(items: list[Item]) -> int:
    for index, item in enumerate(items):
        if isinstance(item, str) and numbered_item(item):
            return index
    return len(items)


def build_nodes(items: list[Item]) -> tuple[list[Node], bool]:
    """The tree of numbered items in `items` (lines before the first item are left out)."""
    roots: list[Node] = []
    stack: list[Node] = []
    count = 0
    for item in items:
        found = numbered_item(item) if isinstance(item, str) else None
        if not found:
            if stack:
                stack[-1].body.append(item)
            continue
        count += 1
        if count > MAX_ITEMS:
            return roots, True
        number, style, text = found
        node = Node(number=number, style=style, text=text)
        styles = [n.style for n in stack]
        if style in styles:
            del stack[styles.index(style) :]
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots, False


def is_table(item: Item) -> bool:
    return isinstance(item, Table)
