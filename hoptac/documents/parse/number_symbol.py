"""A document's number and symbol ("14/KH-LMHTX", the Party's "142-KH/HNDT") split into its parts,
and the kind of document each type code names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The type code in a number and symbol ("45/KH-LMHTX", "12/CTr-UBND"); a number without one
# ("/SCT-CN", "7432/UBND-XD") is an official letter's (công văn).
TYPE_CODES: dict[str, str] = {
    "KH": "plan",
    "CTr": "programme",
    "CTR": "programme",
    "QĐ": "decision",
    "TB": "notice",
    "BC": "report",
    "CT": "directive",
    "HD": "guidance",
    "HDLN": "guidance",
    "KHLT": "plan",
    "TTr": "unknown",
    "NQ": "unknown",
    "CĐ": "unknown",
    "TT": "unknown",
    "NĐ": "unknown",
}
NUMBER_SYMBOL = re.compile(
    r"^(?P<seq>\d{0,6})(?:/(?P<year>\d{4}))?/(?P<type>[A-ZĐ]{1,8}r?)(?:-(?P<code>[A-ZĐa-zđ0-9][A-ZĐa-zđ0-9.&\-]{0,30}))?"
)
PARTY_NUMBER_SYMBOL = re.compile(
    r"^(?P<seq>\d{1,6})-(?P<type>[A-ZĐ]{1,8})/(?P<code>[A-ZĐa-zđ0-9][A-ZĐa-zđ0-9.&\-]{0,30}[A-ZĐa-zđ0-9])"
)


@dataclass(frozen=True)
class NumberSymbol:
    """ "14/KH-LMHTX": sequence 14, type code KH, issuer code LMHTX; "/KH-SCT" has no sequence."""

    number: str
    sequence: str | None
    type_code: str | None
    issuer_code: str | None


def parse_number(text: str) -> NumberSymbol | None:
    """Split a number and symbol, whatever the spaces: "14  /KH-LMHTX" → 14 / KH / LMHTX.

    >>> parse_number("14  /KH-LMHTX").number
    '14/KH-LMHTX'
    """
    compact = re.sub(r"\s+", "", text)
    match = NUMBER_SYMBOL.match(compact)
    if not match:
        # The Party's and mass organisations' style: "142-KH/HNDT" (number-type/issuer code).
        if party := PARTY_NUMBER_SYMBOL.match(compact):
            return NumberSymbol(
                number=party.group(0),
                sequence=party.group("seq"),
                type_code=party.group("type"),
                issuer_code=party.group("code"),
            )
        return None
    number = match.group(0).rstrip(".-")
    return NumberSymbol(
        number=number,
        sequence=match.group("seq") or None,
        type_code=match.group("type"),
        issuer_code=(match.group("code") or "").rstrip(".-") or None,
    )
