"""The cascade over the API: implementing a plan, detailing an activity, the cost estimate and the
vice-chair in charge; each as a role that may, another alliance's row (404), a role that may not (403)."""

from decimal import Decimal

import pytest

from hoptac.orgs.models import OrganisationKind
from hoptac.plans.models import AssignmentRole, Recipient
from hoptac.plans.tests.conftest import make_org
from hoptac.plans.tests.factories import api_caller, make_plan
from hoptac.tracking.models import CostEstimate, Supervision
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, world):
    return api_caller(client, world)


def test_implement_a_plan_addressed_to_us(api, world):
    national = make_plan(issuer=world["national"], activities=2)
    Recipient.objects.create(plan=national, name=world["ours"].name, organisation=world["ours"])
    made = api("staff", "post", f"/api/tracking/plans/{national.pk}/implement")
    assert made.status_code == 201
    assert made.json()["issuer_id"] == world["ours"].pk
    again = api("staff", "post", f"/api/tracking/plans/{national.pk}/implement")
    assert (again.status_code, again.json()["id"]) == (200, made.json()["id"])
    assert api("office", "post", f"/api/tracking/plans/{national.pk}/implement").status_code == 403
    theirs = make_plan(issuer=world["other"], activities=1)
    assert api("staff", "post", f"/api/tracking/plans/{theirs.pk}/implement").status_code == 404


@pytest.fixture
def department_activity(world):
    plan = make_plan(issuer=world["ours"])
    return activity_at(plan, "Quý III/2024", lead=world["office"], title="Hội nghị tập huấn")


def test_detail_an_activity_then_send_and_approve_its_estimate(api, world, department_activity):
    Supervision.objects.create(department=world["office"], vice_chair=world["users"]["leader"])
    assert (
        api("advice", "post", f"/api/tracking/activities/{department_activity.pk}/detail-plan").status_code
        == 403
    )
    made = api("office", "post", f"/api/tracking/activities/{department_activity.pk}/detail-plan")
    assert made.status_code == 201
    plan_id = made.json()["id"]
    estimate = f"/api/tracking/plans/{plan_id}/estimate"
    line = {"description": "Thuê hội trường", "unit": "ngày", "quantity": "2", "unit_price": "3.500.000"}
    added = api("office", "post", f"{estimate}/lines", line)
    assert added.status_code == 201
    assert Decimal(added.json()["total"]) == Decimal(7_000_000)  # "7000000.00" on PostgreSQL
    assert added.json()["moves"] == ["submitted"]
    extra = api("office", "post", f"{estimate}/lines", {**line, "description": "Nước"}).json()["lines"][-1]
    assert Decimal(api("office", "delete", f"{estimate}/lines/{extra['id']}").json()["total"]) == Decimal(
        7_000_000
    )
    assert api("office", "post", f"{estimate}/lines", {**line, "unit_price": "1,5"}).status_code == 400
    assert api("office", "post", f"{estimate}/moves", {"to_state": "endorsed"}).status_code == 403
    assert (
        api("office", "post", f"{estimate}/moves", {"to_state": "submitted"}).json()["state"] == "submitted"
    )
    assert api("office", "post", f"{estimate}/lines", line).status_code == 400  # sent: no more lines
    assert api("leader", "post", f"{estimate}/moves", {"to_state": "endorsed"}).json()["state"] == "endorsed"
    assert api("leader", "post", f"{estimate}/moves", {"to_state": "approved"}).json()["state"] == "approved"
    assert CostEstimate.objects.get(plan_id=plan_id).steps.count() == 3
    assert api("other_staff", "get", estimate).status_code == 404
    assert api("other_staff", "post", f"{estimate}/lines", line).status_code == 404


def test_the_alliance_admin_names_the_vice_chair_in_charge(api, world):
    path = f"/api/tracking/supervision/{world['office'].pk}"
    leader = {"vice_chair_id": world["users"]["leader"].pk}
    assert api("staff", "put", path, leader).status_code == 403
    assert api("alliance_admin", "put", path, leader).status_code == 204
    assert Supervision.objects.get(department=world["office"]).vice_chair == world["users"]["leader"]
    not_a_leader = {"vice_chair_id": world["users"]["staff"].pk}
    assert api("alliance_admin", "put", path, not_a_leader).status_code == 400
    other_department = make_org("Văn phòng An Giang", OrganisationKind.DEPARTMENT, parent=world["other"])
    assert (
        api("alliance_admin", "put", f"/api/tracking/supervision/{other_department.pk}", leader).status_code
        == 404
    )
    assert api("alliance_admin", "put", path, {"vice_chair_id": None}).status_code == 204
    assert not Supervision.objects.exists()


def test_a_coordinating_unit_comments_on_an_activity(api, world, department_activity):
    department_activity.assignments.create(organisation=world["advice"], role=AssignmentRole.COORDINATING)
    path = f"/api/tracking/activities/{department_activity.pk}/comments"
    made = api("advice", "post", path, {"note": "Đã chuẩn bị hội trường"})
    assert made.status_code == 201
    assert (made.json()["kind"], made.json()["note"]) == ("comment", "Đã chuẩn bị hội trường")
    assert api("member", "post", path, {"note": "X"}).status_code in (403, 404)
    assert api("leader", "post", path, {"note": "X"}).status_code == 403
    assert api("other_staff", "post", path, {"note": "X"}).status_code == 404
