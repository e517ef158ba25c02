"""Task tables: a plan laid out as a table gives one activity per row.

A task table has a header row naming its columns ("TT | Nội dung công việc | Thời gian | Đơn vị chủ
trì | Đơn vị phối hợp"). Rows numbered with a Roman numeral, or with only the content cell filled,
are groups whose following rows are their children; "1.1" rows nest under "1".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from hoptac.core.text import fold

# Column roles by the folded header text that opens the column's heading.
COLUMN_HEADINGS: dict[str, tuple[str, ...]] = {
    # "Ngày chậm nhất phải hoàn thành": the date is a deadline (only the end is known)
    "deadline": ("ngay cham nhat", "thoi han cham nhat", "han chot", "cham nhat"),
    "days": ("so ngay",),  # "Số ngày chậm nhất phải hoàn thành trước ngày bầu cử": a count
    "number": ("tt", "stt", "so tt", "so thu tu"),
    "title": (
        "noi dung",
        "nhiem vu",
        "hoat dong",
        "ten hoat dong",
        "cong viec",
        "ten nhiem vu",
        "chuong trinh",
        "danh muc",
        "ten cong viec",
    ),
    "time": ("thoi gian", "thoi han", "tien do", "thoi diem", "han hoan thanh", "ngay", "lich"),
    "lead": (
        "don vi chu tri",
        "chu tri",
        "don vi thuc hien",
        "co quan chu tri",
        "bo phan thuc hien",
        "don vi/ca nhan thuc hien",
        "trach nhiem",
        "don vi phu trach",
        "bo phan chu tri",
        "co quan thuc hien",
        "phu trach",
        "thuc hien",
    ),
    "coordinating": ("don vi phoi hop", "phoi hop", "co quan phoi hop", "bo phan phoi hop"),
    # people, not units: "Người thực hiện | Đỗ Mạnh Cường / Vũ Việt Linh"
    "people": (
        "nguoi thuc hien",
        "nguoi phu trach",
        "can bo thuc hien",
        "can bo phu trach",
        "ho va ten",
        "ho ten",
    ),
    "location": ("dia diem",),
    "targets": ("thanh phan", "doi tuong"),
    "form": ("hinh thuc",),
    "funding": ("kinh phi", "du toan", "nguon kinh phi"),
    "product": ("san pham", "ket qua", "yeu cau"),
}


@dataclass
class TableRow:
    """One row of a task table, cells sorted by role; `children` filled when grouping."""

    number: str | None
    cells: dict[str, str]
    children: list[TableRow] = field(default_factory=list)


# Words that give a column its role wherever they stand in the heading ("Người/Bộ phận thực hiện",
# "Cơ quan, đơn vị chủ trì"), in the order they are tried: "phối hợp thực hiện" is coordinating.
COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("coordinating", ("phoi hop",)),
    ("lead", ("chu tri", "thuc hien", "phu trach", "trach nhiem", "dam nhiem")),
    ("time", ("thoi gian", "thoi han", "tien do", "thoi diem")),
    ("note", ("ghi chu",)),
)


def column_roles(header: Sequence[str]) -> list[str | None]:
    """The role of each header cell, or None for columns we do not read."""
    roles: list[str | None] = []
    for cell in header:
        folded = " ".join(fold(cell).split()).strip(" .:")
        role = None
        for name, openings in COLUMN_HEADINGS.items():
            if name in roles:
                continue
            if any(folded == o or folded.startswith(o + " ") or folded.startswith(o + "/") for o in openings):
                role = name
                break
        if role is None and len(folded.split()) <= 8:
            words = f" {folded.replace('/', ' ').replace(',', ' ')} "
            role = next(
                (n for n, ws in COLUMN_WORDS if n not in roles and any(f" {w} " in words for w in ws)), None
            )
        roles.append(role)
    return roles


def is_task_table(rows: Sequence[Sequence[str]]) -> bool:
    """Whether the table's first row names a content column and a time or lead column."""
    if len(rows) < 2:
        return False
    roles = set(column_roles(rows[0]))
    return "title" in roles and bool(roles & {"time", "deadline", "lead", "coordinating", "people"})


_ROMAN = re.compile(r"^[IVX]{1,5}\.?$")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_LISTS = {"lead", "coordinating", "people"}  # cells whose lines are separate names


def _is_column_numbers(row: Sequence[str]) -> bool:
    filled = [cell.strip() for cell in row if cell.strip()]
    return len(filled) >= 2 and all(_COLUMN_NUMBER.match(cell) for cell in filled)


_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,4}\.?$")


def task_rows(rows: Sequence[Sequence[str]]) -> list[TableRow]:
    """Rows of a task table (header excluded) as a tree of TableRow."""
    roles = column_roles(rows[0])
    top: list[TableRow] = []
    group: TableRow | None = None
    by_number: dict[str, TableRow] = {}
    for raw in rows[1:]:
        cells: dict[str, str] = {}
        if _is_column_numbers(raw):
            continue  # "(1) | (2) | (3)": the columns' numbers under the header
        for role, cell in zip(roles, raw, strict=False):
            if role and cell.strip() and role not in cells:
                cells[role] = cell.strip() if role in _LISTS else " ".join(cell.split())
        number = cells.pop("number", None)
        if not cells.get("title"):
            continue
        if all(fold(cells["title"]) == fold(v) for v in cells.values()):  # a merged group row
            cells = {"title": cells["title"]}
        row = TableRow(number=number.rstrip(".") if number else None, cells=cells)
        is_group = (number and _ROMAN.match(number)) or len(cells) == 1
        if is_group:
            top.append(row)
            group = row
            by_number.clear()
            continue
        parent = None
        if row.number and _DECIMAL.match(row.number) and "." in row.number:
            parent = by_number.get(row.number.rsplit(".", 1)[0])
        if parent is None:
            parent = group
        (parent.children if parent else top).append(row)
        if row.number:
            by_number[row.number] = row
    return top
