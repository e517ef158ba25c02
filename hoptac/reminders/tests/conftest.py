from contextlib import contextmanager
from datetime import date, datetime, time

import pytest
import time_machine
from django.utils import timezone, translation

from hoptac.documents.parse.timephrase import parse_time
from hoptac.plans.models import Activity, Assignment, AssignmentRole
from hoptac.plans.tests import conftest as plans_conftest
from hoptac.plans.tests.factories import make_plan
from hoptac.reminders.models import ReminderRule
from hoptac.reminders.services.scheduler import RunSummary, reminders_run

world = plans_conftest.world  # the shared fixture: two alliances, their units, one user per role
MORNING = time(7, 0)


@contextmanager
def on(day: date, at: time = MORNING):
    """The clock stopped on `day` at `at`, Vietnam time: the date the worker sees is the local one."""
    with time_machine.travel(timezone.make_aware(datetime.combine(day, at)), tick=False):
        yield


def vi(text: str) -> str:
    """`text` as reminders show it: in Vietnamese once locale/ has it, in English until then."""
    with translation.override("vi"):
        return translation.gettext(text)


def run_on(day: date) -> RunSummary:
    with on(day):
        return reminders_run()


def activity_at(plan, phrase: str, *, lead=None, coordinating=(), position: int = 0, **fields) -> Activity:
    """An activity whose dates are read from `phrase` the way an import reads them."""
    window = parse_time(phrase, year=2024)
    activity = Activity.objects.create(
        plan=plan,
        position=position,
        title=fields.pop("title", f"Hoạt động {phrase}"),
        time_text=phrase,
        starts_on=window.start,
        ends_on=window.end,
        precision=window.precision or "",
        is_tentative=window.tentative,
        **fields,
    )
    if lead is not None:
        Assignment.objects.create(activity=activity, organisation=lead, role=AssignmentRole.LEAD)
    for unit in coordinating:
        Assignment.objects.create(activity=activity, organisation=unit, role=AssignmentRole.COORDINATING)
    return activity


@pytest.fixture
def office_user(world):
    """The office's member, with an e-mail address: the one most tests remind."""
    user = world["users"]["office"]
    user.email = "office@lmhtx-bacninh.vn"
    user.first_name = "Lan"
    user.last_name = "Nguyễn Thị"
    user.save()
    return user


@pytest.fixture
def plan(world):
    return make_plan(issuer=world["ours"])


def add_rule(alliance, kind, days=0, **fields) -> ReminderRule:
    return ReminderRule.objects.create(organisation=alliance, kind=kind, days=days, **fields)
