"""Writing a plan over the API: each write as a role that may, another alliance's row (404), and a role
that may not (403)."""

import pytest

from hoptac.accounts.services import api_token_create
from hoptac.plans.models import Activity, AssignmentRole, Plan, PlanStatus
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, world):
    class Api:
        def __call__(self, role, method, path, body=None):
            _, token = api_token_create(user=world["users"][role])
            send = getattr(client, method)
            headers = {"Authorization": f"Bearer {token}"}
            if body is None:
                return send(path, headers=headers)
            return send(path, body, content_type="application/json", headers=headers)

    return Api()


@pytest.fixture
def ours(world):
    return drafted(make_plan(issuer=world["ours"], activities=3))


@pytest.fixture
def theirs(world):
    return drafted(make_plan(issuer=world["other"], activities=1))


def drafted(plan: Plan) -> Plan:
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.DRAFT)
    plan.refresh_from_db()
    return plan


def first(plan) -> Activity:
    return plan.activities.order_by("position").first()


def test_create_a_plan(api, world):
    made = api("staff", "post", "/api/plans", {"title": " Ke\u0302\u0301 hoạch mới ", "number": "7/KH"})
    assert made.status_code == 201
    plan = Plan.objects.get(pk=made.json()["id"])
    assert (plan.title, plan.issuer, plan.status) == ("Kế hoạch mới", world["ours"], PlanStatus.DRAFT)
    assert api("member", "post", "/api/plans", {"title": "X"}).status_code == 403
    assert api("staff", "post", "/api/plans", {"title": "  "}).status_code == 422


def test_edit_a_plans_heading(api, ours, theirs):
    edited = api("staff", "patch", f"/api/plans/{ours.pk}", {"title": "Tên mới", "issued_on": "2025-01-02"})
    assert edited.status_code == 200
    ours.refresh_from_db()
    assert (ours.title, ours.year, ours.number) == ("Tên mới", 2025, ours.number)
    assert api("staff", "patch", f"/api/plans/{theirs.pk}", {"title": "X"}).status_code == 404
    assert api("office", "patch", f"/api/plans/{ours.pk}", {"title": "X"}).status_code == 403


def test_add_an_activity_under_another(api, ours, theirs):
    parent = first(ours)
    added = api(
        "staff", "post", f"/api/plans/{ours.pk}/activities", {"title": "Việc con", "parent_id": parent.pk}
    )
    assert added.status_code == 201
    assert (added.json()["parent_id"], added.json()["depth"]) == (parent.pk, 1)
    assert api("staff", "post", f"/api/plans/{theirs.pk}/activities", {"title": "X"}).status_code == 404
    assert api("office", "post", f"/api/plans/{ours.pk}/activities", {"title": "X"}).status_code == 403


def test_move_indent_and_delete_an_activity(api, ours, theirs):
    one, two, three = ours.activities.order_by("position")
    indented = api("staff", "post", f"/api/activities/{two.pk}/move", {"move": "indent"})
    assert indented.status_code == 200
    assert indented.json()["parent_id"] == one.pk
    up = api("staff", "post", f"/api/activities/{three.pk}/move", {"move": "up"})
    assert up.json()["position"] == 0
    assert api("staff", "post", f"/api/activities/{two.pk}/move", {"move": "sideways"}).status_code == 422
    assert api("office", "post", f"/api/activities/{two.pk}/move", {"move": "up"}).status_code == 403
    assert api("staff", "post", f"/api/activities/{first(theirs).pk}/move", {"move": "up"}).status_code == 404
    assert api("office", "delete", f"/api/activities/{one.pk}").status_code == 403
    assert api("staff", "delete", f"/api/activities/{first(theirs).pk}").status_code == 404
    assert api("staff", "delete", f"/api/activities/{one.pk}").status_code == 204
    assert list(ours.activities.values_list("pk", flat=True)) == [three.pk]


def test_assign_lead_and_coordinating_units(api, world, ours, theirs):
    activity = first(ours)
    body = {"lead": [world["office"].pk], "coordinating": [world["advice"].pk]}
    # A department that neither leads nor coordinates it may not.
    assert api("advice", "put", f"/api/activities/{activity.pk}/assignments", body).status_code == 403
    assigned = api("staff", "put", f"/api/activities/{activity.pk}/assignments", body)
    assert assigned.status_code == 200
    assert {(a["organisation_id"], a["role"]) for a in assigned.json()["assignments"]} == {
        (world["office"].pk, AssignmentRole.LEAD),
        (world["advice"].pk, AssignmentRole.COORDINATING),
    }
    both = {"lead": [world["office"].pk], "coordinating": [world["office"].pk]}
    assert api("staff", "put", f"/api/activities/{activity.pk}/assignments", both).status_code == 400
    # A unit of another alliance's members is not one we can see: 404.
    hidden = {"lead": [world["other"].pk + 1000]}
    assert api("staff", "put", f"/api/activities/{activity.pk}/assignments", hidden).status_code == 404
    assert api("staff", "put", f"/api/activities/{first(theirs).pk}/assignments", body).status_code == 404
    assert api("member", "put", f"/api/activities/{activity.pk}/assignments", body).status_code in (403, 404)


def test_informed_units_are_kept_unless_given(api, world, ours):
    activity = first(ours)
    url = f"/api/activities/{activity.pk}/assignments"
    told = {"lead": [world["office"].pk], "informed": [world["advice"].pk, world["office"].pk]}
    roles = {(a["organisation_id"], a["role"]) for a in api("staff", "put", url, told).json()["assignments"]}
    # A unit that leads is not also only informed.
    assert roles == {(world["office"].pk, AssignmentRole.LEAD), (world["advice"].pk, AssignmentRole.INFORMED)}
    kept = api("staff", "put", url, {"lead": [], "coordinating": [world["office"].pk]}).json()["assignments"]
    assert {(a["organisation_id"], a["role"]) for a in kept} == {
        (world["office"].pk, AssignmentRole.COORDINATING),
        (world["advice"].pk, AssignmentRole.INFORMED),
    }
    cleared = api("staff", "put", url, {"informed": []}).json()["assignments"]
    assert cleared == []


def test_the_workflow(api, ours, theirs):
    def move(role, plan, to_status):
        return api(role, "post", f"/api/plans/{plan.pk}/status", {"to_status": to_status})

    assert move("staff", ours, "submitted").json()["status"] == "submitted"
    assert move("staff", ours, "approved").status_code == 403  # the leadership approves
    assert move("leader", ours, "approved").json()["status"] == "approved"
    assert move("staff", ours, "closed").status_code == 400  # not from approved
    assert move("staff", ours, "issued").json()["status"] == "issued"
    assert move("leader", ours, "closed").json()["status"] == "closed"
    assert move("other_staff", ours, "cancelled").status_code == 404
    assert move("staff", theirs, "submitted").status_code == 404
