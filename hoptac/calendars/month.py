"""A month of an organisation's activities as a calendar: weeks from Monday, each day with the
activities running on it. An activity of a month, a quarter or a year, or running longer than a week,
would fill every square: it goes to the list "during this month" above the grid instead."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from hoptac.calendars.dates import WEEKDAY_NAMES, add_months, month_end, month_name
from hoptac.calendars.timeline import span
from hoptac.plans.models import Activity, Precision
from hoptac.plans.standing import STANDING_COLOURS, Standing

COARSE_PRECISIONS = {Precision.MONTH, Precision.QUARTER, Precision.HALF_YEAR, Precision.YEAR}
LONGEST_IN_GRID_DAYS = 7


@dataclass
class Day:
    on: date
    is_in_month: bool
    is_today: bool
    activities: list[Activity] = field(default_factory=list)


@dataclass
class MonthGrid:
    first: date
    weeks: list[list[Day]]
    during: list[Activity]
    weekday_names: tuple = WEEKDAY_NAMES

    @property
    def last(self) -> date:
        return month_end(self.first)

    @property
    def name(self) -> str:
        return month_name(self.first)

    @property
    def previous(self) -> date:
        return add_months(self.first, -1)

    @property
    def next(self) -> date:
        return add_months(self.first, 1)


def month_grid(activities: list[Activity], *, first: date, today: date) -> MonthGrid:
    """The grid of the month starting on `first`, from activities that meet it (each with `standing`)."""
    weeks = [
        [Day(on=day, is_in_month=day.month == first.month, is_today=day == today) for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
            first.year, first.month
        )
    ]
    days = {day.on: day for week in weeks for day in week if day.is_in_month}
    during = []
    for activity in labelled(activities):
        window = span(activity)
        if window is None or _fills_the_grid(activity, *window):
            during.append(activity)
            continue
        starts, ends = window
        for ordinal in range(starts.toordinal(), ends.toordinal() + 1):
            if (day := days.get(date.fromordinal(ordinal))) is not None:
                day.activities.append(activity)
    return MonthGrid(first=first, weeks=weeks, during=during)


def labelled(activities: list[Activity]) -> list[Activity]:
    """`activities` (each with `standing`), each given the colour and the words of its standing."""
    for activity in activities:
        activity.colour = STANDING_COLOURS[activity.standing]
        activity.standing_label = Standing(activity.standing).label
    return activities


def _fills_the_grid(activity: Activity, starts: date, ends: date) -> bool:
    return activity.precision in COARSE_PRECISIONS or (ends - starts).days >= LONGEST_IN_GRID_DAYS
