"""Who issued a document: the parent body and the issuer, read from the upper-case lines of its
header, and an issuer's name completed with its province ("LIÊN MINH HTX TỈNH" → "... TỈNH NINH BÌNH").
"""

from __future__ import annotations

import re

from hoptac.core.text import fold, squash_spaces
from hoptac.documents.parse.header_lines import (
    NAME_NUMBER,
    NATIONAL_MOTTO,
    NUMBER_LINE,
    is_upper_line,
    type_line,
)
from hoptac.documents.parse.number_symbol import NUMBER_SYMBOL

# Folded openings of an organisation's name in an upper-case header line.
ORG_OPENINGS = (
    "ubnd",
    "uy ban",
    "hdnd",
    "hoi dong",
    "lien minh",
    "lm",
    "lmhtx",
    "bo ",
    "so ",
    "cuc",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "dang uy",
    "dang bo",
    "ban ",
    "truong",
    "phong",
    "trung tam",
    "hoi ",
    "doan",
    "mat tran",
    "mttq",
    "cong ty",
    "tong cong ty",
    "vien",
    "dai hoc",
    "chi bo",
    "hop tac xa",
    "htx",
    "lien hiep",
    "van phong",
    "quy ",
    "tap doan",
    "chi cuc",
    "tong cuc",
    "thuong truc",
    "cum thi dua",
    "khoi thi dua",
)
# Organs and departments named without their body: the parent line says whose they are.
PROVINCIAL_DEPARTMENTS = ("so ", "chi cuc", "cong an tinh", "bo chi huy", "kho bac", "thanh tra tinh")
ORGANS = ("thuong truc", "ban ", "van phong", "dang doan", "ban can su", "phong ", "trung tam")
_PLACE_WORDS = re.compile(r"\b(?:tinh|thanh pho|tp|huyen|xa(?! hoi)|phuong|viet nam|trung uong)\b")


def issuer_lines(zone: list[str]) -> tuple[str | None, str | None]:
    """(parent, issuer) from the upper-case organisation lines of the header zone."""
    names: list[str] = []
    for line in zone:
        folded = fold(line)
        if not is_upper_line(line) or folded.startswith(NATIONAL_MOTTO) or type_line(line):
            continue
        if folded.startswith("so") and NUMBER_LINE.match(line) and not NAME_NUMBER.match(line):
            continue
        if NUMBER_SYMBOL.fullmatch(line.strip()):
            continue  # "15/2023/QĐ-UBND" on its own line, under a bare "Số:"
        if names and (not folded.startswith(ORG_OPENINGS) or NAME_NUMBER.match(line)):
            names[-1] = f"{names[-1]} {line}"  # a long name wrapped onto a second line
        else:
            names.append(line)
    names = [squash_spaces(n) for n in names if fold(n).startswith(ORG_OPENINGS)]
    if not names:
        return None, None
    if len(names) == 1:
        return None, names[0]
    return names[0], names[-1]


def complete_issuer(issuer: str | None, parent: str | None, place: str | None) -> str | None:
    """Complete "LIÊN MINH HTX TỈNH" with its province from the parent body or the place line."""
    if not issuer:
        return issuer
    folded = fold(issuer)
    if parent and folded.startswith(ORGANS) and not _PLACE_WORDS.search(folded):
        return f"{issuer} {parent}"  # "THƯỜNG TRỰC" under "HĐND TỈNH QUẢNG TRỊ" is that council's
    # "SỞ CÔNG THƯƠNG" under "UBND TỈNH ĐỒNG NAI" is the Sở of that province.
    department = folded.startswith(PROVINCIAL_DEPARTMENTS) and not _PLACE_WORDS.search(folded)
    if department and parent and (match := re.search(r"\b(?:TỈNH|THÀNH PHỐ|tỉnh|thành phố)\s+.+$", parent)):
        return f"{issuer} {match.group(0)}"
    if not folded.endswith((" tinh", " thanh pho", " tp", " huyen", " xa")):
        return issuer
    province = None
    if parent:
        match = re.search(r"\b(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|XÃ|tỉnh|thành phố|huyện|xã)\s+(.+)$", parent)
        province = match.group(1) if match else None
    if not province and place:
        province = place.upper() if is_upper_line(issuer) else place
    return f"{issuer} {province}" if province else issuer
