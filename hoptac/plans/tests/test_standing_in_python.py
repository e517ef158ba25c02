"""The plan page splits its rows in Python (standing_of, plan_split); dashboards in SQL
(standing_expression, split_counts). Both must say the same of every activity."""

import itertools
from datetime import date, timedelta

import pytest

from hoptac.plans.models import Activity, ProgressState
from hoptac.plans.standing import plan_split, split_counts, standing_of, with_standing
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

TODAY = date(2024, 4, 15)
DAYS = (None, TODAY - timedelta(days=3), TODAY, TODAY + timedelta(days=3))


@pytest.fixture
def every_case(world):
    """An activity for each combination of state, start, end, completion and "date set by another"."""
    plan = make_plan(issuer=world["ours"])
    rows = [
        Activity(
            plan=plan,
            position=position,
            number=str(position),
            title=f"Trường hợp {position}",
            progress_state=state,
            starts_on=starts,
            ends_on=ends,
            completed_on=completed,
            is_set_by_other=by_other,
        )
        for position, (state, starts, ends, completed, by_other) in enumerate(
            itertools.product(ProgressState.values, DAYS, DAYS, DAYS, (False, True))
        )
    ]
    Activity.objects.bulk_create(rows)
    heading = Activity.objects.create(plan=plan, position=len(rows), number="I", title="Đề mục")
    Activity.objects.filter(plan=plan, position=0).update(parent=heading)
    return plan


def test_python_and_sql_give_every_activity_the_same_standing(every_case):
    by_sql = with_standing(Activity.objects.filter(plan=every_case), TODAY)
    checked = 0
    for activity in by_sql:
        in_python = standing_of(
            progress_state=activity.progress_state,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            completed_on=activity.completed_on,
            is_set_by_other=activity.is_set_by_other,
            today=TODAY,
        )
        assert in_python == activity.standing, (activity.title, activity.standing, in_python)
        checked += 1
    assert checked == len(ProgressState.values) * 4**3 * 2 + 1
    assert len({a.standing for a in by_sql}) == 8  # every standing occurs


def test_the_plan_split_counts_tasks_as_the_dashboards_do(every_case):
    in_python = plan_split(every_case.pk, TODAY)
    assert in_python == split_counts(Activity.objects.filter(plan=every_case), TODAY)
    assert sum(in_python.values()) == len(ProgressState.values) * 4**3 * 2  # the heading is not a task
