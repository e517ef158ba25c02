"""Month and weekday names as the interface shows them ("Tháng 4", "Thứ Hai"), and month arithmetic."""

import calendar
from datetime import date

from django.utils.translation import gettext_lazy as _

MONTH_NAMES = (
    _("January"),
    _("February"),
    _("March"),
    _("April"),
    _("May"),
    _("June"),
    _("July"),
    _("August"),
    _("September"),
    _("October"),
    _("November"),
    _("December"),
)
# Monday first, as Vietnamese calendars are printed.
WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


def month_name(day: date) -> str:
    return str(MONTH_NAMES[day.month - 1])


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """How many months from the month of `first` to the month of `last`, both counted."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])
