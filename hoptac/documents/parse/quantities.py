"""Quantities to reach: "phấn đấu ít nhất 200 tin bài", "tối thiểu 05 lớp tập huấn", "đạt 80%".

Only numbers after a target cue count, so a date, an anniversary's "30 năm" or "02 bức thư" is not
taken for a target.
"""

from __future__ import annotations

import re

from hoptac.documents.model import Quantity

_AT_LEAST = r"ít\s+nhất|tối\s+thiểu|không\s+ít\s+hơn|không\s+dưới|trên"
_CUES = rf"(?P<at_least>{_AT_LEAST})|phấn\s+đấu(?:\s+đạt)?|đạt(?:\s+từ)?|chỉ\s+tiêu|lựa\s+chọn|cử|thu\s+hút"
_NUMBER = r"(?P<value>\d{1,9}(?:[.,]\d{3})*(?:[.,]\d{1,2})?)"
# The unit: "%" or one to three lower-case words, stopping at a word that starts a new clause.
_UNIT = r"(?P<unit>%|[a-zà-ỹđ]+(?:\s+(?!để|và|của|trong|tại|cho|tham|với|trở)[a-zà-ỹđ]+)?)"
# Matched on the lower-cased text (IGNORECASE on Unicode is several times slower); the parts are then
# taken from the text as written, at the same positions.
_QUANTITY = re.compile(rf"(?:{_CUES})\s+(?:(?:{_AT_LEAST})\s+)?{_NUMBER}\s*{_UNIT}")
MAX_QUANTITIES = 20
_DIGIT = re.compile(r"\d")


def find_quantities(text: str) -> list[Quantity]:
    """The quantities to reach that `text` states, in order.

    >>> find_quantities("phấn đấu ít nhất 200 tin bài trong đó")[0]
    Quantity(value=200.0, unit='tin bài', text='phấn đấu ít nhất 200 tin bài', at_least=True)
    """
    found: list[Quantity] = []
    if not _DIGIT.search(text):
        return found
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: keep positions right
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for match in _QUANTITY.finditer(lowered):
        unit = text[match.start("unit") : match.end("unit")].strip()
        if unit.lower() in {"năm", "tháng", "ngày", "giờ"}:
            continue
        value = _number(match.group("value"))
        if value is None:
            continue
        at_least = bool(match.group("at_least")) or bool(re.search(_AT_LEAST, match.group(0), re.I))
        written = text[match.start() : match.end()]
        found.append(Quantity(value=value, unit=unit, text=written, at_least=at_least))
        if len(found) >= MAX_QUANTITIES:
            break
    return found


def _number(text: str) -> float | None:
    # Vietnamese writes 1.500 for fifteen hundred and 2,5 for two and a half.
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    text = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None
