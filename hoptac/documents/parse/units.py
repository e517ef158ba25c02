"""Unit names: splitting a written list into bodies, cleaning each name, and its normalised key.

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

# Bare kind nouns that continue a plural list rather than name a new body: "các sở, ngành",
# "các phòng ban, đơn vị thuộc Liên minh HTX tỉnh".
KIND_NOUNS: tuple[str, ...] = (
    "nganh",
    "ban nganh",
    "ban",
    "phong",
    "phong ban",
    "don vi",
    "doan the",
    "co quan",
    "to chuc",
    "hoi",
    "huyen",
    "thi xa",
    "thanh pho",
    "xa",
    "phuong",
    "thi tran",
    "dia phuong",
    "doanh nghiep",
    "so",
    "hop tac xa",
    "htx",
    "lhhtx",
    "qtdnd",
    "tht",
    "to hop tac",
    "dia ban",
    "truong",
)

# Words that end a name inside running text ("Báo Thừa Thiên Huế xây dựng phóng sự"). Only
# lower-case occurrences count: a capitalised one belongs to a proper name ("Ban Kiểm tra").
CLAUSE_VERBS: tuple[str, ...] = (
    "xây dựng",
    "tổ chức",
    "thực hiện",
    "triển khai",
    "tuyên truyền",
    "rà soát",
    "nắm bắt",
    "tham mưu",
    "hướng dẫn",
    "chuẩn bị",
    "tổng hợp",
    "theo dõi",
    "đôn đốc",
    "báo cáo",
    "vận động",
    "giới thiệu",
    "đánh giá",
    "tháo gỡ",
    "thực hành",
    "phổ biến",
    "đẩy mạnh",
    "tăng cường",
    "quảng bá",
    "kết nối",
    "phát động",
    "tham gia",
    "cung cấp",
    "đăng tải",
    "đưa tin",
    "để",
    "nhằm",
    "trong việc",
    "về việc",
    "về công tác",
    "đảm bảo",
    "bảo đảm",
    "lựa chọn",
    "kiểm tra",
    "treo",
    "khảo sát",
    "biên soạn",
    "phát hành",
    "gửi",
    "tiếp nhận",
    "thẩm định",
    "tham dự",
    "đề xuất",
    "làm việc",
    "trao",
    "sơ kết",
    "tổng kết",
    "vinh danh",
    "thăm",
    "tặng",
    "củng cố",
    "nâng cao",
    "bố trí",
    "cập nhật",
    "lồng ghép",
    "vận hành",
    "in ấn",
    "ưu tiên",
    "nạo vét",
    "gieo",
    "cấy",
    "phun",
    "thu hoạch",
    "họp",
    "chỉ đạo",
    "giám sát",
    "điều tra",
    "thống kê",
    "thu thập",
    "soạn thảo",
    "phê duyệt",
    "xử lý",
    "giải quyết",
    "bảo dưỡng",
    "rà soát",
)
# Verbs that also stand inside names in lower case ("Trung tâm dịch vụ hỗ trợ các HTX") end a name
# only before what cannot follow a name: a number, a quantity, another verb.
_VERBS_IN_CONTEXT = (
    r"hỗ\s+trợ(?=\s+(?:ít\s+nhất|tối\s+thiểu|\d|kinh\s+phí|xây\s+dựng|thành\s+lập|đưa|vốn))"
    r"|ký(?=\s+(?:hợp\s+đồng|kết|văn\s+bản|quyết\s+định|thỏa\s+thuận|giao\s+ước|cam\s+kết))"
)
_VERB_RE = re.compile(
    r"\s(?:" + "|".join(re.escape(v) for v in CLAUSE_VERBS) + r")(?=\s|$|[,.;:])|\s" + _VERBS_IN_CONTEXT
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


def _starts_with(folded: str, words: tuple[str, ...]) -> bool:
    """Whether `folded` opens with one of `words` as whole words ("ban" opens "ban kiem tra", not "bang")."""
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
    return _starts_with(folded, UNIT_HEADS) and not folded.startswith(NOT_UNIT_OPENINGS)


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


def cut_at_clause(text: str) -> str:
    """Cut a list of bodies where running text goes on with a verb ("... Báo X xây dựng phóng sự")."""
    match = _VERB_RE.search(text)
    return text[: match.start()] if match else text


def split_units(text: str) -> list[str]:
    """Split a written list of bodies into names, as written.

    Splits on ";" and newlines always, on "," between bodies, and on "và" only where a body's
    name follows; never inside one name.

    >>> split_units("Đài phát thanh và truyền hình tỉnh; Báo Bắc Ninh và các cơ quan báo chí khác")
    ['Đài phát thanh và truyền hình tỉnh', 'Báo Bắc Ninh', 'các cơ quan báo chí khác']
    >>> split_units("các sở, ngành, chính quyền địa phương")
    ['các sở, ngành', 'chính quyền địa phương']
    """
    names: list[str] = []
    for part in re.split(r"[;\n]", text):
        for piece in _split_commas(part):
            for name in _split_and(piece):
                names.extend(_split_slash(name))
    cleaned = [clean_unit(n) for n in names]
    return [
        n for n in cleaned if n and len(n) <= 200 and any(ch.isalpha() for ch in n) and not is_archive_line(n)
    ]


def _split_slash(name: str) -> list[str]:
    """ "Bộ Chỉ huy Quân sự tỉnh/Ban Chỉ huy Bộ đội Biên phòng tỉnh": two bodies, each named whole."""
    if "/" not in name:
        return [name]
    parts = [p.strip() for p in name.split("/")]
    whole = all(len(p.split()) >= 2 and is_unit_name(p) for p in parts)
    return parts if whole else [name]


def _split_commas(text: str) -> list[str]:
    pieces: list[str] = []
    for raw in text.split(","):
        piece = raw.strip()
        if not piece:
            continue
        folded = fold(piece).rstrip(" .;:")
        continues_list = (
            pieces
            and piece[0].islower()
            and _starts_with(folded, KIND_NOUNS)
            and not folded.startswith(_NEW_BODY_AFTER_COMMA)
        )
        # "Hội đồng đánh giá, phân hạng sản phẩm": a lower-case part naming no body goes on the name
        continues_list = continues_list or (
            pieces
            and piece[0].islower()
            and not folded.startswith(("cac ", "nhung "))
            and not is_unit_name(piece)
            and is_unit_name(pieces[-1])
        )
        # "Báo và Phát thanh, Truyền hình tỉnh": the merged provincial media body is one name.
        continues_list = continues_list or (
            pieces and folded.startswith("truyen hinh") and fold(pieces[-1]).endswith("phat thanh")
        )
        # "Sở Văn hóa, Thể thao và Du lịch", "Phòng Kinh tế, Hạ tầng và Đô thị": a capitalised part
        # that does not open like a body goes on naming the body before it.
        continues_list = continues_list or (
            pieces and piece[0].isupper() and not is_unit_name(piece) and is_unit_name(pieces[-1])
        )
        if continues_list:
            pieces[-1] = f"{pieces[-1]}, {piece}"
        else:
            pieces.append(piece)
    return pieces


_AND_RE = re.compile(r"\s+và\s+")
_COLLECTIVES = ("co quan", "dia phuong", "don vi", "to chuc chinh tri")
# "Sở, ban, ngành, tổ chức chính trị - xã hội": political organisations, a body of their own
_NEW_BODY_AFTER_COMMA = ("to chuc chinh tri",)


# "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Văn phòng HĐND và UBND xã": one office serving two organs.
_SHARED_OFFICE = ("van phong",)
FIELD_NAMED_HEADS = ("trung tam", "so", "phong", "ban", "cuc", "chi cuc", "vien", "quy", "truong")
FIELD_WORDS = ("doanh nghiep nho", "doanh nghiep vua")
_ORGANS = ("hdnd", "ubnd", "hoi dong nhan dan", "uy ban nhan dan", "doan dbqh", "doan dai bieu quoc hoi")


def _split_and(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _AND_RE.finditer(text):
        after = text[match.end() :]
        left, right = fold(text[start : start + 40]), fold(after[:40])
        if _starts_with(left, _SHARED_OFFICE) and _starts_with(right, _ORGANS):
            continue
        # "Trung tâm Hỗ trợ HTX và Doanh nghiệp nhỏ và vừa": a field in the name, not a second body
        if _starts_with(left, FIELD_NAMED_HEADS) and right.startswith(FIELD_WORDS):
            continue
        # "Sở Tài chính và cơ quan, địa phương liên quan": a collective of bodies after a named one
        collective = right.startswith(_COLLECTIVES) and is_unit_name(text[start : match.start()])
        if is_unit_name(after) or collective:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p for p in (p.strip() for p in parts) if p]
