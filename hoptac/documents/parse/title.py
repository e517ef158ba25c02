"""A document's title, read from its type line and the lines below it, and a letter's subject
("V/v ..."), read from its header.
"""

from __future__ import annotations

import re

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.parse.header_lines import (
    NATIONAL_MOTTO,
    PLACE_DATE,
    SUBJECT_LINE,
    TYPE_NAME,
    is_upper_line,
    title_in_capitals,
    type_line,
)
from hoptac.documents.parse.outline import numbered_item, section_heading

TITLE_STOP_OPENINGS = (
    "can cu",
    "thuc hien",
    "trien khai",
    "theo ",
    "nham ",
    "de ",
    "kinh gui",
    "thuc hien chi dao",
    "nhan ",
    "huong ung",
    "tiep tuc",
    "qua ",
    "sau khi",
    "tren co so",
    "xet ",
    "du thao",
)


def read_subject(lines: list[str], index: int) -> tuple[str, int]:
    """A letter's subject ("V/v cập nhật công tác quản lý" / "an toàn hóa chất"): its first line
    and those that go on with it in lower case, and the index of its last line."""
    parts = [SUBJECT_LINE.sub("", lines[index])]
    while index + 1 < len(lines) and len(parts) < 6 and _goes_on_subject(lines[index + 1]):
        index += 1
        parts.append(lines[index])
    return clean_title(" ".join(parts)), index


def _goes_on_subject(line: str) -> bool:
    """Whether a header line below "V/v ..." goes on with the subject (a cell wrapped over lines)."""
    if line[:1].islower():
        return True
    folded = fold(line[:40])
    stops = ("kinh gui", "so", "noi nhan", *NATIONAL_MOTTO)
    return (
        len(line) <= 60
        and not folded.startswith(stops)
        and not PLACE_DATE.match(line)
        and not type_line(line)
        and not is_upper_line(line)
    )


def title_after(lines: list[str], type_index: int) -> tuple[str | None, int]:
    """The title that the type line `lines[type_index]` opens (on that line or the lines below it),
    and the index of the first line after the title."""
    parts: list[str] = []
    type_match = type_line(lines[type_index])
    rest = lines[type_index][type_match.end() if type_match else len(TYPE_NAME) :].strip(" :-")
    if type_match and type_match.group(1) != TYPE_NAME and "(" in rest and title_in_capitals(rest):
        # "(Cấp lần đầu: ...)" closes the title read on the type line.
        return clean_title(rest.split("(", 1)[0]), type_index + 1
    if fold(rest) in ("lien tich", "phoi hop lien nganh"):  # the kind of plan, not its title
        rest = ""
    if rest:
        parts.append(rest)
    index = type_index + 1
    while index < len(lines) and len(parts) < 4:
        line = lines[index]
        folded = fold(line)
        # The title's first line may open with any verb ("Triển khai công tác ..."); a later line
        # that opens like a basis in capitals ("Căn cứ ...", "Thực hiện Kế hoạch ...") ends it.
        opens_basis = folded.startswith(TITLE_STOP_OPENINGS) and (parts or line.endswith((";", ",")))
        if (
            (opens_basis and line[:1].isupper())
            or section_heading(line)
            or numbered_item(line)
            or len(line) > 250
            or (parts and (line.endswith(";") or len(" ".join(parts)) > 300))
        ):
            break
        if line.startswith("(") and parts:  # "(Kèm theo Quyết định số ...)" closes the title
            index += 1
            break
        parts.append(line)
        index += 1
    title = clean_title(" ".join(parts)) if parts else None
    return title, index


def clean_title(text: str) -> str:
    """A title without its "V/v" or "Về việc" opening and stray punctuation."""
    text = squash_spaces(text).strip(' .:;-_•*"“”')
    text = re.sub(r"^(?:V/v|Về việc|về việc)\s*:?\s*", "", text)
    return text[:1].upper() + text[1:] if text else text
