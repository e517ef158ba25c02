from datetime import date

import pytest

from hoptac.plans.models import Activity, Assignment, AssignmentRole
from hoptac.plans.search_text import activity_search_text
from hoptac.plans.tests.conftest import world  # noqa: F401  (the shared fixture)


@pytest.fixture(autouse=True)
def english(client):
    """Pages are asserted in their English msgids; the Vietnamese catalogue is tested in tests/."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def add_activity(plan, *, lead=None, person=None, position=None, **fields) -> Activity:
    """One more activity at the end of `plan` (or at `position`), led by `lead`, assigned to `person`."""
    if position is None:
        position = plan.activities.count()
    fields.setdefault("number", f"{position + 1}.")
    fields.setdefault("title", f"Hoạt động {position + 1}")
    activity = Activity(plan=plan, position=position, **fields)
    activity.search_text = activity_search_text(activity)
    activity.save()
    if lead is not None or person is not None:
        Assignment.objects.create(
            activity=activity,
            organisation=lead,
            person=person,
            role=AssignmentRole.LEAD,
            name_as_written=lead.name if lead else "",
        )
    return activity


def days(starts: date, ends: date, **fields) -> dict:
    return {"starts_on": starts, "ends_on": ends, "precision": "range", **fields}
