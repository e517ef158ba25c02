"""Values of a reading (the engine's JSON, docs/adr/0003) as the database stores them."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any


def reading_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def reading_sequence(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 9 else None


def reading_year(reading: Mapping[str, Any]) -> int | None:
    issued = reading_date(reading.get("date"))
    return issued.year if issued else None


def reading_decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value)) if value is not None else None
    except InvalidOperation:
        return None
