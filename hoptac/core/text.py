"""Text normalisation shared by the document engine and search: one folding function for both.

Plain Python on purpose: the engine (no Django) and the web apps import it alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")


def _base_letters() -> dict[int, str | None]:
    """A translation table: each precomposed Latin letter to its base letter, combining marks to
    nothing, and đ/Đ (a letter of its own, which NFD does not split) to d/D. One `str.translate`
    then strips diacritics at C speed."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(code))
        base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if base != chr(code) and len(base) == 1:
            table[code] = base
    table.update(dict.fromkeys(range(0x0300, 0x0370)))
    return table


_BASE_LETTERS = _base_letters()
# The same without removing anything, so that positions in the folded text match the original.
_BASE_LETTERS_SAME_LENGTH = {code: base for code, base in _BASE_LETTERS.items() if base is not None}


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every boundary of hoptac stores and compares.

    >>> nfc("Hoa\u0300") == "Hoà"
    True
    """
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese tone and vowel marks and turn đ into d, keeping case.

    >>> strip_diacritics("Đặng Đức Thính")
    'Dang Duc Thinh'
    """
    folded = text.translate(_BASE_LETTERS)
    if folded.isascii() or unicodedata.is_normalized("NFD", folded):
        return folded
    # Letters outside the table's ranges (rare in Vietnamese text): the slow, general way.
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)  # the engine folds the same lines many times over
def fold(text: str) -> str:
    """Fold `text` for comparison and search: no diacritics, đ as d, lower case, single spaces.

    >>> fold("  Liên minh  HTX tỉnh ĐỒNG Tháp ")
    'lien minh htx tinh dong thap'
    """
    return _SPACES.sub(" ", strip_diacritics(text).casefold()).strip()


def squash_spaces(text: str) -> str:
    """Collapse runs of whitespace (non-breaking spaces included) to one space and trim.

    >>> squash_spaces("Số:  14 \u00a0/KH")
    'Số: 14 /KH'
    """
    return " ".join(text.split())  # str.split() splits on every Unicode space, as \s does


def fold_same_length(text: str) -> str:
    """Like `fold` but one character for one character, so a match in the folded text is at the
    same position in `text` (spaces are kept as they are).

    >>> fold_same_length("Tháng Tư, ĐẦU năm")
    'thang tu, dau nam'
    """
    folded = text.translate(_BASE_LETTERS_SAME_LENGTH).lower()
    if len(folded) == len(text):
        return folded
    return "".join(
        ch.lower() if len(ch.lower()) == 1 else ch for ch in text.translate(_BASE_LETTERS_SAME_LENGTH)
    )
