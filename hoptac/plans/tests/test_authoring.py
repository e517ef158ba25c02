import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoptac.plans.errors import PlanError
from hoptac.plans.models import AssignmentRole, PlanStatus
from hoptac.plans.services.authoring import (
    activity_add,
    activity_assign,
    activity_delete,
    activity_move,
    plan_create,
)
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def outline(plan):
    """The tree as (depth, title) in document order, read back from the database."""
    return [(a.depth, a.title) for a in plan.activities.order_by("position")]


def test_a_plan_is_written_add_move_indent_outdent(world):
    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch công tác năm 2025", by=staff)
    assert (plan.issuer, plan.status) == (world["ours"], PlanStatus.DRAFT)
    a = activity_add(plan=plan, title="Hội nghị", by=staff)
    b = activity_add(plan=plan, title="Tập huấn", by=staff)
    c = activity_add(plan=plan, title="Hội chợ", by=staff)
    assert outline(plan) == [(0, "Hội nghị"), (0, "Tập huấn"), (0, "Hội chợ")]
    activity_move(activity=c, move="up", by=staff)
    assert outline(plan) == [(0, "Hội nghị"), (0, "Hội chợ"), (0, "Tập huấn")]
    activity_move(activity=c, move="indent", by=staff)
    assert outline(plan) == [(0, "Hội nghị"), (1, "Hội chợ"), (0, "Tập huấn")]
    c.refresh_from_db()
    assert c.parent == a
    sub = activity_add(plan=plan, title="Gian hàng", by=staff, parent=c)
    assert outline(plan) == [(0, "Hội nghị"), (1, "Hội chợ"), (2, "Gian hàng"), (0, "Tập huấn")]
    activity_move(activity=c, move="outdent", by=staff)  # its sub-activity goes with it
    assert outline(plan) == [(0, "Hội nghị"), (0, "Hội chợ"), (1, "Gian hàng"), (0, "Tập huấn")]
    activity_move(activity=b, move="down", by=staff)  # already last: nothing to do
    activity_move(activity=a, move="outdent", by=staff)  # already top level
    assert outline(plan) == [(0, "Hội nghị"), (0, "Hội chợ"), (1, "Gian hàng"), (0, "Tập huấn")]
    activity_delete(activity=c, by=staff)
    assert outline(plan) == [(0, "Hội nghị"), (0, "Tập huấn")]
    assert not plan.activities.filter(pk=sub.pk).exists()


def test_assigning_units(world):
    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch", by=staff)
    activity = activity_add(plan=plan, title="Hội nghị", by=staff)
    activity_assign(activity=activity, lead=[world["office"]], coordinating=[world["advice"]], by=staff)
    roles = {(a.organisation, a.role) for a in activity.assignments.all()}
    assert roles == {(world["office"], AssignmentRole.LEAD), (world["advice"], AssignmentRole.COORDINATING)}
    with pytest.raises(PlanError, match="Văn phòng"):
        activity_assign(activity=activity, lead=[world["office"]], coordinating=[world["office"]], by=staff)
    assert activity.assignments.count() == 2  # the refused change left the old units


@pytest.mark.parametrize("role", ["leader", "office", "member", "viewer", "other_staff"])
def test_only_the_alliance_staff_write_its_plans(world, role):
    plan = plan_create(title="Kế hoạch", by=world["users"]["staff"])
    with pytest.raises(PermissionDenied):
        activity_add(plan=plan, title="Hội nghị", by=world["users"][role])


def test_the_heading_is_edited_and_history_keeps_the_old_one(client, world):
    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch cũ", by=staff)
    client.force_login(staff)
    url = reverse("plans:edit", args=[plan.pk])
    assert client.get(url).status_code == 200
    saved = client.post(
        url, {"title": "Kế hoạch mới", "number": "12/KH-LMHTX", "issued_on": "2025-03-02", "kind": "plan"}
    )
    assert saved.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.number, plan.year) == ("Kế hoạch mới", "12/KH-LMHTX", 2025)
    assert [h.title for h in plan.history.order_by("history_date")] == ["Kế hoạch cũ", "Kế hoạch mới"]
    too_long = client.post(url, {"title": "x" * 2001, "kind": "plan"})
    assert too_long.status_code == 400
    client.force_login(world["users"]["office"])
    assert client.get(url).status_code == 403


def test_a_move_is_kept_in_the_history_with_who_made_it(world):
    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch", by=staff)
    activity_add(plan=plan, title="Hội nghị", by=staff)
    second = activity_add(plan=plan, title="Tập huấn", by=staff)
    activity_move(activity=second, move="up", by=staff)
    moves = second.history.filter(history_type="~").order_by("history_date")
    assert [(h.position, h.history_user) for h in moves][-1] == (0, staff)


def test_a_conflict_is_told_on_the_first_save_that_meets_it(client, world):
    plan = make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    activity = plan.activities.get()
    shown_units = [str(a.pk) for a in activity.assignments.all()]  # what both editors' forms show
    url = reverse("plans:activity-edit", args=[activity.pk])
    form = {"title": "Hoạt động 1", "version": "1", "weight": "1", "keep": shown_units}
    client.force_login(world["users"]["staff"])
    assert (
        client.post(url, form | {"location": "Hội trường A"}, headers={"HX-Request": "true"}).status_code
        == 200
    )
    client.force_login(world["users"]["alliance_admin"])
    second = client.post(url, form | {"location": "Hội trường B"}, headers={"HX-Request": "true"})
    assert second.status_code == 400
    assert "Người khác đã lưu hoạt động này" in second.content.decode()
    activity.refresh_from_db()
    assert (activity.location, activity.version) == ("Hội trường A", 2)


def numbers(plan):
    return [(a.number, a.title) for a in plan.activities.order_by("position")]


def test_a_new_activity_is_numbered_by_its_place_and_keeps_it_through_moves(world):
    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch", by=staff)
    meeting = activity_add(plan=plan, title="Hội nghị", by=staff)
    activity_add(plan=plan, title="Chuẩn bị", by=staff, parent=meeting)
    training = activity_add(plan=plan, title="Tập huấn", by=staff)
    assert numbers(plan) == [("1", "Hội nghị"), ("1.1", "Chuẩn bị"), ("2", "Tập huấn")]
    activity_move(activity=training, move="up", by=staff)
    assert numbers(plan) == [("1", "Tập huấn"), ("2", "Hội nghị"), ("2.1", "Chuẩn bị")]
    activity_move(activity=meeting, move="indent", by=staff)
    assert numbers(plan) == [("1", "Tập huấn"), ("1.1", "Hội nghị"), ("1.1.1", "Chuẩn bị")]
    activity_move(activity=meeting, move="outdent", by=staff)
    activity_delete(activity=training, by=staff)
    assert numbers(plan) == [("1", "Hội nghị"), ("1.1", "Chuẩn bị")]


def test_an_activity_added_to_an_imported_plan_follows_its_numbering(world):
    staff = world["users"]["staff"]
    plan = make_plan(issuer=world["ours"], activities=2)  # numbered "1.", "2." as the document wrote
    added = activity_add(plan=plan, title="Hội chợ", by=staff)
    activity_add(plan=plan, title="Gian hàng", by=staff, parent=added)
    assert numbers(plan) == [
        ("1.", "Hoạt động 1"),
        ("2.", "Hoạt động 2"),
        ("3.", "Hội chợ"),
        ("3.1", "Gian hàng"),
    ]
    activity_move(activity=added, move="up", by=staff)  # a document's own numbers stay as written
    assert [n for n, _ in numbers(plan)] == ["1.", "3.", "3.1", "2."]
