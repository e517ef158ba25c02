"""Text normalisation shared by the document engine and search: one folding function for both.

Plain Python on purpose: the engine (no Django) and the web apps import it alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks: what NFD splits off a letter (Vietnamese tones, breve, circumflex, horn).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


# Characters that show nothing and only break words apart: zero-width spaces and joiners, a byte
# order mark inside the text, soft hyphens (copies from web pages and Word scatter them).
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC without invisible characters: the form every boundary of hoptac
    stores and compares.

    >>> nfc("Hoa\u0300") == "Hoà", nfc("Kế\u200b hoạch")
    (True, 'Kế hoạch')
    """
    text = unicodedata.normalize("NFC", text)
    return INVISIBLE.sub("", text) if INVISIBLE.search(text) else text


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks and turn đ into d, keeping case.

    Vietnamese đ/Đ is a letter of its own, not d with a combining mark, so NFD does not split it.

    >>> strip_diacritics("Đặng Đức Thính")
    'Dang Duc Thinh'
    """
    if text.isascii():
        return text
    bare = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return bare.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=8192)  # the engine folds the same lines many times over
def fold(text: str) -> str:
    """Fold `text` for comparison and search: no diacritics, đ as d, lower case, single spaces.

    >>> fold("  Liên minh  HTX tỉnh ĐỒNG Tháp ")
    'lien minh htx tinh dong thap'
    """
    return " ".join(strip_diacritics(text).casefold().split())


# Abbreviations of administrative text, folded, with their folded expansions: the engine's unit keys
# and search both expand them, so "HTX" and "hợp tác xã" name the same thing everywhere.
ABBREVIATIONS: dict[str, str] = {
    "htx": "hop tac xa",
    "htxvn": "hop tac xa viet nam",
    "lhhtx": "lien hiep hop tac xa",
    "qtdnd": "quy tin dung nhan dan",
    "tdnd": "tin dung nhan dan",
    "tht": "to hop tac",
    "lmhtx": "lien minh hop tac xa",
    "lmhtxvn": "lien minh hop tac xa viet nam",
    "lm": "lien minh",
    "kttt": "kinh te tap the",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "vp": "van phong",
    "tp": "thanh pho",
    "dn": "doanh nghiep",
    "pct": "pho chu tich",
    "ttdt": "thong tin dien tu",
    "tccb": "to chuc can bo",
}


_WORDS = re.compile(r"[a-z0-9]+")


def search_form(text: str) -> str:
    """The words of `text` as search stores them: folded, without punctuation, each abbreviation
    written in full in its place (so "Liên minh HTX" holds the phrase "lien minh hop tac xa"), and
    the abbreviations themselves after the text, once each, for a search by the short form.

    >>> search_form("Số 90/KH-LMHTX: Liên minh HTX, các HTX")
    'so 90 kh lien minh hop tac xa lien minh hop tac xa cac hop tac xa lmhtx htx'
    """
    words = _WORDS.findall(fold(text))
    written = dict.fromkeys(w for w in words if w in ABBREVIATIONS)
    return " ".join([*(ABBREVIATIONS.get(w, w) for w in words), *written])


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) to one space and trim.

    >>> squash_spaces("Số:  14 \u00a0/KH")
    'Số: 14 /KH'
    """
    return " ".join(text.split())  # str.split() splits on every Unicode space, as \s does


@lru_cache(maxsize=4096)
def fold_same_length(text: str) -> str:
    """Like `fold` but one character for one character, so a match in the folded text is at the
    same position in `text` (spaces are kept as they are).

    >>> fold_same_length("Tháng Tư, ĐẦU năm")
    'thang tu, dau nam'
    """
    folded = strip_diacritics(nfc(text)).lower()
    if len(folded) == len(text):
        return folded
    # A mark with no letter to sit on, or a letter whose lower case is longer: character by character.
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    folded = strip_diacritics(nfc(ch)).lower()
    return folded if len(folded) == 1 else ch
