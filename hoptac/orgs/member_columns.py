"""The columns of a member list and the words that name them, folded; the kinds of member by name.

Data only, and the two lookups that read it: a header cell's column, a kind cell's (or name's) kind.
"""

from __future__ import annotations

import re

from hoptac.core.text import fold
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import OrganisationKind

# Folded header texts, without punctuation or anything in brackets, for each field.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": (
        "ten",
        "ten to chuc",
        "ten don vi",
        "ten thanh vien",
        "ten htx",
        "ten hop tac xa",
        "ten doanh nghiep",
    ),
    "kind": ("loai hinh", "loai", "loai hinh to chuc", "loai thanh vien", "loai hinh thanh vien"),
    "tax_code": (
        "ma so thue",
        "mst",
        "ma so doanh nghiep",
        "ma so htx",
        "ma so hop tac xa",
        "ma so thue mst",
    ),
    "address": ("dia chi", "dia chi tru so", "dia chi tru so chinh", "tru so", "tru so chinh"),
    "commune": ("xa phuong", "xa", "phuong", "phuong xa", "xa phuong thi tran", "xa phuong dac khu"),
    "sector": (
        "nganh nghe linh vuc",
        "nganh nghe",
        "linh vuc",
        "linh vuc hoat dong",
        "nganh nghe kinh doanh",
        "nganh nghe chinh",
        "linh vuc nganh nghe",
    ),
    "legal_representative": (
        "nguoi dai dien theo phap luat",
        "nguoi dai dien phap luat",
        "nguoi dai dien",
        "dai dien phap luat",
        "dai dien theo phap luat",
    ),
    "phone": ("dien thoai", "so dien thoai", "sdt", "dt", "dien thoai lien he"),
    "email": ("email", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu"),
}
HEADER_OF = {variant: column for column, variants in COLUMNS.items() for variant in variants}
LABELS = {
    "name": "Tên",
    "kind": "Loại hình",
    "tax_code": "Mã số thuế",
    "address": "Địa chỉ",
    "commune": "Xã/phường",
    "sector": "Ngành nghề/Lĩnh vực",
    "legal_representative": "Người đại diện theo pháp luật",
    "phone": "Điện thoại",
    "email": "Email",
}
REQUIRED = ("name", "tax_code")
CONTACT_COLUMNS = ("address", "commune", "sector", "legal_representative", "phone", "email")
# Kinds by the key of what the cell (or the start of the name) says, longest first.
KINDS: tuple[tuple[str, str], ...] = (
    ("lien hiep hop tac xa", OrganisationKind.COOPERATIVE_UNION),
    ("quy tin dung nhan dan", OrganisationKind.CREDIT_FUND),
    ("quy tin dung", OrganisationKind.CREDIT_FUND),
    ("hop tac xa", OrganisationKind.COOPERATIVE),
    ("to hop tac", OrganisationKind.COOPERATIVE_GROUP),
    ("doanh nghiep", OrganisationKind.MEMBER_ENTERPRISE),
    ("cong ty", OrganisationKind.MEMBER_ENTERPRISE),
    ("qtd", OrganisationKind.CREDIT_FUND),
)


def header_text(cell: object) -> str:
    """A header cell as COLUMNS lists it: folded, without punctuation or anything in brackets.

    >>> header_text("Mã số thuế (MST) *")
    'ma so thue'
    >>> header_text("Xã/phường")
    'xa phuong'
    """
    if not isinstance(cell, str):
        return ""
    text = re.sub(r"\(.*?\)", " ", fold(cell))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def kind_written(text: str) -> str | None:
    """The kind a "Loại hình" cell names: "HTX", "Quỹ TDND", "DN thành viên"...

    >>> kind_written("DN thành viên") == OrganisationKind.MEMBER_ENTERPRISE
    True
    """
    key = unit_key(text).removesuffix(" thanh vien")
    return next((kind for opening, kind in KINDS if key == opening), None)


def kind_from_name(name: str) -> str | None:
    """The kind a member's name opens with ("Hợp tác xã ...", "Quỹ TDND ..."), if it says one."""
    key = unit_key(name)
    return next((kind for opening, kind in KINDS if key.startswith(opening + " ")), None)
