"""The status split, with the date frozen: each phrase is read the way an import reads it, so the
month, quarter, year and year-end windows are the engine's, and the split is the database's."""

from datetime import date

import pytest
import time_machine
from django.utils import timezone

from hoptac.plans.models import Activity, ProgressState
from hoptac.plans.standing import Standing, split_counts, with_standing
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db


def standing_on(day: date, activity: Activity) -> str:
    # Midday in Vietnam: the date the officer sees is the local one.
    with time_machine.travel(
        timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 12)), tick=False
    ):
        today = timezone.localdate()
        return with_standing(Activity.objects.filter(pk=activity.pk), today).get().standing


@pytest.fixture
def plan(world):
    return make_plan(issuer=world["ours"])


@pytest.mark.parametrize(
    ("phrase", "day", "expected"),
    [
        # Month precision: "Tháng 4/2024" runs to 30 April inclusive.
        ("Tháng 4/2024", date(2024, 3, 31), Standing.NOT_STARTED),
        ("Tháng 4/2024", date(2024, 4, 1), Standing.IN_TERM),
        ("Tháng 4/2024", date(2024, 4, 30), Standing.IN_TERM),
        ("Tháng 4/2024", date(2024, 5, 1), Standing.OVERDUE),
        # Quarter precision: "Quý II/2024" ends on 30 June.
        ("Quý II/2024", date(2024, 6, 30), Standing.IN_TERM),
        ("Quý II/2024", date(2024, 7, 1), Standing.OVERDUE),
        # Year precision.
        ("Năm 2024", date(2024, 12, 31), Standing.IN_TERM),
        ("Năm 2024", date(2025, 1, 1), Standing.OVERDUE),
        # Across a year end.
        ("Từ tháng 11/2024 đến tháng 2/2025", date(2024, 10, 31), Standing.NOT_STARTED),
        ("Từ tháng 11/2024 đến tháng 2/2025", date(2025, 1, 15), Standing.IN_TERM),
        ("Từ tháng 11/2024 đến tháng 2/2025", date(2025, 2, 28), Standing.IN_TERM),
        ("Từ tháng 11/2024 đến tháng 2/2025", date(2025, 3, 1), Standing.OVERDUE),
        # A deadline only: within its term until the day itself.
        ("Trước ngày 15/4/2024", date(2024, 4, 15), Standing.IN_TERM),
        ("Trước ngày 15/4/2024", date(2024, 4, 16), Standing.OVERDUE),
        # Time set by another body: waits, whatever the day.
        ("Theo hướng dẫn của Trung ương", date(2030, 1, 1), Standing.WAITING),
        # Tentative dates count as dates.
        ("Dự kiến tháng 5/2024", date(2024, 6, 1), Standing.OVERDUE),
    ],
)
def test_standing_from_dates(plan, phrase, day, expected):
    activity = activity_at(plan, phrase)
    assert standing_on(day, activity) == expected


def test_tentative_dates_are_kept_as_such(plan):
    assert activity_at(plan, "Dự kiến tháng 5/2024").is_tentative
    assert not activity_at(plan, "Tháng 5/2024").is_tentative


def test_set_by_other_counts_once_a_date_is_given(plan):
    activity = activity_at(plan, "Theo hướng dẫn của Trung ương")
    activity.ends_on = date(2024, 9, 30)
    activity.save()
    assert standing_on(date(2024, 10, 1), activity) == Standing.OVERDUE


@pytest.mark.parametrize(
    ("completed_on", "expected"),
    [
        (date(2024, 4, 30), Standing.DONE_ON_TIME),
        (date(2024, 4, 2), Standing.DONE_ON_TIME),
        (date(2024, 5, 1), Standing.DONE_LATE),
    ],
)
def test_done_on_time_or_late(plan, completed_on, expected):
    activity = activity_at(plan, "Tháng 4/2024", progress_state=ProgressState.DONE, completed_on=completed_on)
    # Done stays done, however late the day it is looked at.
    assert standing_on(date(2026, 1, 1), activity) == expected


def test_done_across_year_end_is_on_time(plan):
    activity = activity_at(
        plan,
        "Từ tháng 11/2024 đến tháng 2/2025",
        progress_state=ProgressState.DONE,
        completed_on=date(2025, 2, 28),
    )
    assert standing_on(date(2025, 3, 5), activity) == Standing.DONE_ON_TIME


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ProgressState.POSTPONED, Standing.POSTPONED),
        (ProgressState.CANCELLED, Standing.CANCELLED),
        # Reported in progress before its start: in progress, not "not yet started".
        (ProgressState.IN_PROGRESS, Standing.IN_TERM),
    ],
)
def test_reported_states(plan, state, expected):
    activity = activity_at(plan, "Tháng 4/2024", progress_state=state, percent=20)
    assert standing_on(date(2024, 3, 15), activity) == expected


def test_in_progress_past_its_end_is_overdue(plan):
    activity = activity_at(plan, "Tháng 4/2024", progress_state=ProgressState.IN_PROGRESS, percent=80)
    assert standing_on(date(2024, 5, 2), activity) == Standing.OVERDUE


def test_split_counts_tasks_not_headings(plan):
    heading = activity_at(plan, "Năm 2024", title="I. Tuyên truyền")
    activity_at(plan, "Tháng 4/2024", parent=heading, position=1)
    activity_at(
        plan,
        "Tháng 4/2024",
        parent=heading,
        position=2,
        progress_state=ProgressState.DONE,
        completed_on=date(2024, 4, 20),
    )
    activity_at(plan, "Quý IV/2024", position=3)
    with time_machine.travel(date(2024, 5, 10), tick=False):
        split = split_counts(Activity.objects.filter(plan=plan), timezone.localdate())
    assert split == {Standing.OVERDUE: 1, Standing.DONE_ON_TIME: 1, Standing.NOT_STARTED: 1}


def test_split_by_plan_is_one_query(world, django_assert_num_queries):
    plans = [make_plan(issuer=world["ours"], activities=n) for n in (3, 5)]
    with django_assert_num_queries(1):
        split = split_counts(Activity.objects.filter(plan__in=plans), date(2024, 4, 10), by="plan_id")
    assert split == {plans[0].pk: {Standing.IN_TERM: 3}, plans[1].pk: {Standing.IN_TERM: 5}}
