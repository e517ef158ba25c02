"""Amounts as Vietnamese write them: 1.250.000 (dots between thousands), 12,5 (a decimal comma)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def vnd(value) -> str:
    """1250000 → "1.250.000"; 12.50 → "12,5"; None → ""."""
    if value is None or value == "":
        return ""
    number = Decimal(value).normalize()
    whole, _, fraction = f"{number:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    grouped = ".".join(digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)[::-1])
    return f"{sign}{grouped}" + (f",{fraction}" if fraction else "")
