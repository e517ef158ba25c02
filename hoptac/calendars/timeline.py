"""The Gantt chart of a plan, computed from its activities in document order: month columns from the
first month any activity starts to the last one any ends, and each bar placed in months.

A bar is placed in month units (its month's index plus the fraction of that month gone), not in days:
the columns are all as wide, so a bar that ends on 30 April ends exactly at the edge of April.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from hoptac.calendars.dates import add_months, month_name, months_between
from hoptac.plans.models import Activity
from hoptac.plans.standing import STANDING_COLOURS, STANDING_ORDER, Standing

# Ten years of month columns at most: a stray date ("2204") must not make a page of thousands.
MAX_MONTHS = 120


@dataclass(frozen=True)
class Month:
    first: date
    is_current: bool = False

    @property
    def name(self) -> str:
        return month_name(self.first)


@dataclass(frozen=True)
class Bar:
    starts_on: date
    ends_on: date
    left: float  # percent of the chart's width
    width: float
    is_cut: bool  # runs past the last month shown

    @property
    def style(self) -> str:
        # Formatted here, not in the template: the Vietnamese locale would write 12,5 for 12.5.
        return f"left: {self.left}%; width: {self.width}%"


@dataclass
class Row:
    activity: Activity
    bar: Bar | None = None
    # For a heading without dates: the span of its sub-activities.
    summary: Bar | None = None

    @property
    def standing_label(self) -> str:
        return Standing(self.activity.standing).label

    @property
    def bar_style(self) -> str:
        return f"{self.bar.style}; --bar: {STANDING_COLOURS[self.activity.standing]}" if self.bar else ""


@dataclass
class Timeline:
    months: list[Month] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    today: date | None = None
    today_left: float | None = None  # None: today is outside the months shown

    @property
    def style(self) -> str:
        return f"--months: {len(self.months)}"

    @property
    def today_style(self) -> str:
        return f"left: {self.today_left}%" if self.today_left is not None else ""

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(label, style) of the standings the bars have, in the reports' order."""
        present = {row.activity.standing for row in self.rows if row.bar is not None}
        return [(Standing(s).label, f"--bar: {STANDING_COLOURS[s]}") for s in STANDING_ORDER if s in present]

    @property
    def has_tentative(self) -> bool:
        return any(row.bar is not None and row.activity.is_tentative for row in self.rows)


def span(activity: Activity) -> tuple[date, date] | None:
    """First and last day of an activity; an end alone ("trước ngày 20/4") is one day, as is a start."""
    starts, ends = activity.starts_on or activity.ends_on, activity.ends_on or activity.starts_on
    if starts is None or ends is None:
        return None
    return (starts, ends) if starts <= ends else (ends, starts)


def plan_timeline(activities: list[Activity], *, today: date) -> Timeline:
    """The chart of `activities` (a plan's, in document order, each with its `standing`)."""
    spans = [span(a) for a in activities]
    dated = [s for s in spans if s is not None]
    rows = [Row(activity=a) for a in activities]
    if not dated:
        return Timeline(rows=rows, today=today)
    first = min(s[0] for s in dated).replace(day=1)
    count = min(months_between(first, max(s[1] for s in dated)), MAX_MONTHS)
    scale = _Scale(first=first, count=count)
    for row, activity_span in zip(rows, spans, strict=True):
        if activity_span is not None:
            row.bar = scale.bar(*activity_span)
    for row, summary in zip(rows, _descendant_spans(activities, spans), strict=True):
        if row.bar is None and summary is not None:
            row.summary = scale.bar(*summary)
    return Timeline(
        months=[
            Month(month, is_current=(month.year, month.month) == (today.year, today.month))
            for month in (add_months(first, i) for i in range(count))
        ],
        rows=rows,
        today=today,
        today_left=scale.today(today),
    )


@dataclass(frozen=True)
class _Scale:
    first: date
    count: int

    def offset(self, day: date) -> float:
        """`day`'s place in months from the first column (0.0 is its left edge)."""
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        return months_between(self.first, day) - 1 + (day.day - 1) / days_in_month

    def bar(self, starts: date, ends: date) -> Bar:
        left = min(self.offset(starts), self.count)
        right = min(self.offset(ends + timedelta(days=1)), self.count)
        return Bar(
            starts_on=starts,
            ends_on=ends,
            left=round(left / self.count * 100, 3),
            width=round(max(right - left, 0) / self.count * 100, 3),
            is_cut=right >= self.count and months_between(self.first, ends) > self.count,
        )

    def today(self, today: date) -> float | None:
        offset = self.offset(today) + 0.5 / calendar.monthrange(today.year, today.month)[1]
        if not 0 <= offset < self.count:
            return None
        return round(offset / self.count * 100, 3)


def _descendant_spans(activities: list[Activity], spans: list) -> list[tuple[date, date] | None]:
    """For each activity, the first and last day of its sub-activities at any depth (the rows after it
    with a greater depth, in a pre-order list); one pass, updating the open ancestors of each row."""
    result: list[tuple[date, date] | None] = [None] * len(activities)
    open_rows: list[int] = []
    for index, activity in enumerate(activities):
        while open_rows and activities[open_rows[-1]].depth >= activity.depth:
            open_rows.pop()
        if spans[index] is not None:
            starts, ends = spans[index]
            for ancestor in open_rows:
                known = result[ancestor]
                result[ancestor] = (
                    (starts, ends) if known is None else (min(known[0], starts), max(known[1], ends))
                )
        open_rows.append(index)
    return result
