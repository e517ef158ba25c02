"""Personal names, told apart from the names of bodies and posts.

A task table's "Người thực hiện" column may name people ("Đỗ Mạnh Cường", "Đ/c Nguyễn Thị Loan") or
posts and bodies ("Giáo viên chủ nhiệm các lớp", "Tổng phụ trách Đội"): only the first are people.
A personal name is two to five words, the first a Vietnamese family name, after an optional
courtesy title; a post or a body starts with a common noun instead.
"""

from __future__ import annotations

import re

# The family names most Vietnamese carry, as written (lower case): "Tống" is one, "Tổng" is not.
_FAMILY_NAMES_TEXT = """
nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn trịnh mai lâm lưu
lương cao hà kiều tạ thái tăng triệu quách chu khuất hứa vương thạch tống la lò nông giang kim cù âu
đàm châu mạc lục hầu ninh tô văn quan
"""
FAMILY_NAMES = frozenset(_FAMILY_NAMES_TEXT.split())
_COURTESY = re.compile(r"^(?:đ/c|đồng chí|ông|bà|anh|chị)\s+", re.IGNORECASE)
_NOT_IN_A_NAME = re.compile(r"[\d/()]")


def is_person_name(text: str) -> bool:
    """Whether `text` is a person's name.

    >>> is_person_name("Nguyễn Thị thúy Nhung"), is_person_name("Tổng phụ trách Đội")
    (True, False)
    """
    name = _COURTESY.sub("", text.strip(" .;,"))
    words = name.split()
    if not 2 <= len(words) <= 5 or _NOT_IN_A_NAME.search(name):
        return False
    return words[0].lower() in FAMILY_NAMES and words[0][:1].isupper() and words[-1][:1].isupper()


def split_people(cell: str) -> tuple[list[str], list[str]]:
    """(people, the rest) of a cell listing who does a task: people one a line or between commas;
    a line that is not all names ("Giáo viên chủ nhiệm khối 4, 5") is kept whole."""
    people: list[str] = []
    rest: list[str] = []
    for line in re.split(r"[\n;]", cell):
        parts = [p.strip(" .;,-+") for p in line.split(",") if p.strip(" .;,-+")]
        if parts and all(is_person_name(p) for p in parts):
            people.extend(_COURTESY.sub("", p) for p in parts)
        elif line.strip(" .;,-+"):
            rest.append(line.strip(" .;,-+"))
    return people, rest
