"""Vietnamese tax codes (mã số thuế): 10 digits ending in a check digit, or a branch's 13 characters.

The check digit (Circular 105/2020/TT-BTC, like the earlier rules): N10 = 10 - (sum of the first nine
digits weighted 31, 29, 23, 19, 17, 13, 7, 5, 3) mod 11. A remainder of 0 would need a check digit
of 10, so no valid code has one. A branch or dependent unit adds "-" and three digits, 001 to 999.
"""

from __future__ import annotations

import re
from enum import Enum

WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)
_SEPARATORS = re.compile(r"[\s.\u00a0]")
_SHAPE = re.compile(r"(\d{10})(?:-?(\d{3}))?")


class TaxCodeFault(Enum):
    SHAPE = "shape"
    CHECK_DIGIT = "check digit"


def tax_code_clean(text: str) -> str:
    """The code as stored: separators dropped, a branch suffix after one hyphen.

    >>> tax_code_clean(" 0100 109 106 001 ")
    '0100109106-001'
    """
    code = _SEPARATORS.sub("", text).replace("–", "-")
    match = _SHAPE.fullmatch(code)
    if match and match[2]:
        return f"{match[1]}-{match[2]}"
    return code


def tax_code_fault(code: str) -> TaxCodeFault | None:
    """What is wrong with a cleaned code, or None if it is valid.

    >>> tax_code_fault("0100109106") is None  # Viettel
    True
    >>> tax_code_fault("0100109107")
    <TaxCodeFault.CHECK_DIGIT: 'check digit'>
    >>> tax_code_fault("0100109106-000")
    <TaxCodeFault.SHAPE: 'shape'>
    """
    match = _SHAPE.fullmatch(code)
    if match is None or match[2] == "000" or (match[2] and "-" not in code):
        return TaxCodeFault.SHAPE
    digits = match[1]
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=False)) % 11
    if remainder == 0 or int(digits[9]) != (10 - remainder) % 10:
        return TaxCodeFault.CHECK_DIGIT
    return None
