"""Text normalisation shared by the document engine and search: one folding function for both.

Plain Python on purpose: the engine (no Django) and the web apps import it alike.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Vietnamese đ/Đ is a letter of its own, not d with a combining mark, so NFD does not strip it.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


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
    decomposed = unicodedata.normalize("NFD", text.translate(_D_STROKE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
    return _SPACES.sub(" ", text).strip()
