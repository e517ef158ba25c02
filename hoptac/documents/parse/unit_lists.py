"""Splitting a written list of bodies into unit names ("Sở Tài chính; Báo Bắc Ninh và các cơ quan
báo chí khác"), and cutting a list where running text goes on with a verb. What a unit name is, and
its key, is units.py's.
"""

from __future__ import annotations

import re

from hoptac.core.text import fold
from hoptac.documents.parse.units import clean_unit, is_archive_line, is_unit_name, opens_with

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
            and opens_with(folded, KIND_NOUNS)
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
        if opens_with(left, _SHARED_OFFICE) and opens_with(right, _ORGANS):
            continue
        # "Trung tâm Hỗ trợ HTX và Doanh nghiệp nhỏ và vừa": a field in the name, not a second body
        if opens_with(left, FIELD_NAMED_HEADS) and right.startswith(FIELD_WORDS):
            continue
        # "Sở Tài chính và cơ quan, địa phương liên quan": a collective of bodies after a named one
        collective = right.startswith(_COLLECTIVES) and is_unit_name(text[start : match.start()])
        if is_unit_name(after) or collective:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p for p in (p.strip() for p in parts) if p]
