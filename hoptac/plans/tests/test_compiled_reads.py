"""The reads compiled once (docs/adr/0026) give what the ORM reads they replace give, for every role."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404

from hoptac.core.generation import plan_scope, stored_generations
from hoptac.plans.activity_rows import activity_row_of, plan_activity_rows
from hoptac.plans.forms import PlanFilterForm
from hoptac.plans.models import Activity, Assignment, AssignmentRole, ProgressState, Quantity
from hoptac.plans.selectors import (
    PLAN_PAGE_SIZE,
    access_plan,
    plan_activities,
    plan_list_rows,
    plan_list_start,
    plans_scope,
)
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db
TODAY = date(2024, 4, 20)


@pytest.fixture
def plan(world):
    plan = make_plan(issuer=world["ours"], activities=4, lead=world["office"], recipients=[world["member"]])
    first, second, third, _fourth = plan.activities.order_by("position")
    Assignment.objects.create(
        activity=first,
        organisation=world["advice"],
        role=AssignmentRole.COORDINATING,
        name_as_written="P. Tư vấn",
    )
    Assignment.objects.create(
        activity=first, role=AssignmentRole.COORDINATING, name_as_written="Sở Tài chính"
    )
    Quantity.objects.create(
        activity=first, value=Decimal("200"), unit="tin bài", text="200 tin bài", achieved=158
    )
    Quantity.objects.create(activity=first, value=Decimal("3"), unit="hội nghị")
    Activity.objects.filter(pk=second.pk).update(
        progress_state=ProgressState.DONE, completed_on=date(2024, 5, 3), depth=1, parent=first
    )
    Activity.objects.filter(pk=third.pk).update(
        starts_on=None, ends_on=None, is_set_by_other=True, location="Bắc Ninh"
    )
    return plan


def test_the_page_rows_say_what_the_instances_say(plan):
    rows = plan_activity_rows(plan.pk, TODAY)
    instances = plan_activities(plan, TODAY)
    assert [row.pk for row in rows] == [activity.pk for activity in instances]
    for row, activity in zip(rows, instances, strict=True):
        for name in ("number", "title", "depth", "starts_on", "ends_on", "location", "progress_state"):
            assert getattr(row, name) == getattr(activity, name), name
        assert row.standing == activity.standing
        assert sorted((a.role, a.name_as_written, a.organisation_id) for a in row.assignments) == sorted(
            (a.role, a.name_as_written, a.organisation_id) for a in activity.assignments.all()
        )
        assert [(a.organisation_name) for a in row.assignments if a.organisation_id] == [
            a.organisation.name for a in activity.assignments.all() if a.organisation_id
        ]
        assert [(q.value, q.text, q.achieved) for q in row.quantities] == [
            (q.value, q.text, q.achieved) for q in activity.quantities.all()
        ]
    assert [row.standing for row in rows] == ["in_term", "done_late", "waiting", "in_term"]
    one = activity_row_of(rows[0].pk, TODAY)
    assert one == rows[0]
    assert activity_row_of(10**9, TODAY) is None


ROLES = ("admin", "staff", "office", "leader", "member", "other_staff", "other_member", "viewer")


@pytest.mark.parametrize("role", ROLES)
def test_the_plan_lists_first_page_is_the_orms(world, role):
    for number in range(PLAN_PAGE_SIZE + 3):
        make_plan(issuer=world["ours"] if number % 3 else world["other"], activities=number % 4)
    make_plan(issuer=world["office"], recipients=[world["member"]])
    user = world["users"][role]
    start = plan_list_start(user)
    scope = plans_scope(user)
    assert start.rows == list(plan_list_rows(scope)[:PLAN_PAGE_SIZE])
    assert start.count == scope.count()
    assert start.issuers == PlanFilterForm(user=user).issuer_choices
    assert start.count > 0 or role == "other_member"


@pytest.mark.parametrize("role", ROLES)
def test_a_plan_page_reads_only_what_the_role_may_read(world, role):
    ours = make_plan(issuer=world["ours"], activities=1)
    theirs = make_plan(issuer=world["other"], activities=1)
    user = world["users"][role]
    readable = set(plans_scope(user).values_list("pk", flat=True))
    for plan in (ours, theirs):
        if plan.pk in readable:
            page = access_plan(user=user, plan_id=plan.pk)
            counter = plan_scope(plan.pk)
            stored = stored_generations([counter])[counter]
            assert (page.pk, page.issuer.name, page.page_generation) == (plan.pk, plan.issuer.name, stored)
            assert stored > 0
        else:
            with pytest.raises(Http404):
                access_plan(user=user, plan_id=plan.pk)
    with pytest.raises(Http404):
        access_plan(user=user, plan_id=2**70)
