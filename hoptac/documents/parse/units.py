"""Unit names: whether text opens like one, each name cleaned, and its normalised key (splitting a
written list into names is unit_lists.py's).

Names are kept as written (spaces squashed, trailing punctuation and role words such as "chủ trì"
removed); the key expands the usual abbreviations and folds case and diacritics, so that the web
system can resolve "LM HTX tỉnh" and "Liên minh Hợp tác xã tỉnh" to one registered organisation.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hoptac.core.text import ABBREVIATIONS, fold, squash_spaces

# Words that open the name of a body. A list is split on "và" only where such a word follows, so
# "Đài phát thanh và truyền hình tỉnh" stays one name and "Văn phòng và Ban Kiểm tra" becomes two.
# Words that open like a body's head but start a verb phrase: "Tổ chức hội nghị" is work, not a Tổ.
NOT_UNIT_OPENINGS = (
    "to chuc",
    "to cao",
    "so ket",
    "so bo",
    "so luoc",
    "so do",
    "so luong",
    "so sanh",
    "hoi nghi",
    "hoi thi",
    "hoi cho",
    "hoi dien",
    "hoi thao",
)
UNIT_HEADS: tuple[str, ...] = (
    "van phong",
    "ban",
    "phong",
    "trung tam",
    "so",
    "uy ban",
    "ubnd",
    "hdnd",
    "hoi dong",
    "mttq",
    "mat tran",
    "lien minh",
    "lm",
    "lmhtx",
    "lien hiep",
    "lhhtx",
    "hop tac xa",
    "htx",
    "qtdnd",
    "quy",
    "tht",
    "to hop tac",
    "doanh nghiep",
    "cong ty",
    "chi nhanh",
    "dai",
    "bao",
    "cong thong tin",
    "tap chi",
    "hoi",
    "doan",
    "cum",
    "khoi",
    "thuong truc",
    "lanh dao",
    "chu tich",
    "pho chu tich",
    "cac",
    "nhung",
    "toan the",
    "tinh uy",
    "huyen uy",
    "thanh uy",
    "dang uy",
    "chi bo",
    "bo",
    "cuc",
    "chi cuc",
    "tong cuc",
    "thanh tra",
    "thue tinh",  # the provincial tax office since 2025 ("Thuế tỉnh Lào Cai")
    "thue co so",
    "kho bac",
    "cong an",
    "bo chi huy",
    "ban chi huy",
    "benh vien",
    "ngan hang chinh sach",
    "tinh doan",
    "huyen doan",
    "nha truong",
    "to chuyen mon",
    "giao vien",
    "hieu truong",
    "pho hieu truong",
    "uy vien",
    "dai bieu",
    "vien",
    "to",
    "cong chuc",
    "tram",
    "buu dien",
    "vien thong",
    "viettel",
    "vnpt",
    "truong",
    "kho bac",
    "ngan hang",
    "chinh quyen",
    "co quan",
    "don vi",
    "to chuc",
    "hoi dong quan tri",
    "ban giam doc",
    "giam doc",
    "ca nhan",
    "tap the",
    "cong doan",
)

# Role words written after a name on a labelled line: "Văn phòng chủ trì", "Ban Kiểm tra thực hiện".
# "Văn phòng chủ trì ..." ends at its role; "Phó Hiệu trưởng phụ trách chuyên môn" is a name whole.
_ROLE_TAIL = re.compile(
    r"\s+(?:(?:chủ\s+trì|thực\s+hiện|tham\s+mưu|phối\s+hợp)\b.*|phụ\s+trách\s*[.,;]?)$", re.IGNORECASE
)
_TRAILING = " \t.;:,-–—*"


def unit_key(name: str) -> str:
    """The normalised key of a unit name: abbreviations expanded, case and diacritics folded.

    >>> unit_key("LM HTX tỉnh Vĩnh Phúc")
    'lien minh hop tac xa tinh vinh phuc'
    >>> unit_key("Liên minh Hợp tác xã tỉnh Vĩnh Phúc")
    'lien minh hop tac xa tinh vinh phuc'
    """
    words = re.findall(r"[a-z0-9]+", fold(name))
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def clean_unit(name: str) -> str:
    """A unit name as written, without list marks, role words and trailing punctuation.

    >>> clean_unit("- Văn phòng Liên minh  HTX tỉnh chủ trì.")
    'Văn phòng Liên minh HTX tỉnh'
    """
    text = squash_spaces(name).lstrip("-+•*– ").strip()
    text = _ROLE_TAIL.sub("", text)
    return text.strip(_TRAILING)


def opens_with(folded: str, words: tuple[str, ...]) -> bool:
    """Whether `folded` opens with one of `words` as whole words ("ban" opens "ban kiem tra", not "bang").

    >>> opens_with("ban kiem tra", ("ban",)), opens_with("bang tin", ("ban",))
    (True, False)
    """
    first = folded.split(" ", 1)[0]
    return any(folded == w or folded.startswith(w + " ") for w in _by_first_word(words).get(first, ()))


@lru_cache(maxsize=32)
def _by_first_word(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for word in words:
        index.setdefault(word.split(" ", 1)[0], []).append(word)
    return {first: tuple(group) for first, group in index.items()}


def is_unit_name(text: str) -> bool:
    """Whether `text` opens like the name of a body ("Ban ...", "các sở", "UBND ...", "Tổ Dịch vụ")."""
    folded = fold(text[:80])
    return opens_with(folded, UNIT_HEADS) and not folded.startswith(NOT_UNIT_OPENINGS)


# The line that closes "Nơi nhận" ("Lưu: VT, CN(M.Cường)."; "Lưu VT"; "LUU: VP" from OCR) says where
# the copies are filed, not a body: never a unit to resolve. "Lưu trữ ..." (an archive) is a name.
_ARCHIVE_LINE = re.compile(r"^[-+•*\s]*luu\s*(?::|(?:vt|vp|hs|van thu)\b)")


def is_archive_line(text: str) -> bool:
    """Whether `text` is the archive line of a document's recipients, not the name of a body.

    >>> is_archive_line("Lưu: VT, CN(M.Cường"), is_archive_line("- LƯU VT.")
    (True, True)
    >>> is_archive_line("Trung tâm Lưu trữ lịch sử")
    False
    """
    return bool(_ARCHIVE_LINE.match(fold(text[:40])))


_AS_ABOVE = re.compile(r"^[-+•*\s]*nhu\s+(?:tren|kinh\s+gui|dieu|khoan)\b")


def names_no_body(text: str) -> bool:
    """Whether a recipient line names no body: the archive line, or "Như trên" / "Như Điều 3" /
    "Như kính gửi" (the addressees already named above).

    >>> names_no_body("Như trên;"), names_no_body("- Như Điều 3 (t/h);"), names_no_body("Lưu: VT")
    (True, True, True)
    >>> names_no_body("Nhà văn hóa trung tâm")
    False
    """
    return is_archive_line(text) or bool(_AS_ABOVE.match(fold(text[:40])))
