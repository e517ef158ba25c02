import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoptac.plans.errors import InvalidTransition
from hoptac.plans.models import PlanStatus
from hoptac.plans.services.authoring import plan_create
from hoptac.plans.services.changes import plan_change_status, status_moves

pytestmark = pytest.mark.django_db


def test_a_draft_goes_through_the_workflow_with_who_and_when(world):
    staff, leader = world["users"]["staff"], world["users"]["leader"]
    plan = plan_create(title="Kế hoạch năm 2025", by=staff)
    plan = plan_change_status(plan=plan, to_status=PlanStatus.SUBMITTED, by=staff)
    with pytest.raises(PermissionDenied):  # staff do not approve their own plans
        plan_change_status(plan=plan, to_status=PlanStatus.APPROVED, by=staff)
    plan = plan_change_status(plan=plan, to_status=PlanStatus.APPROVED, by=leader, note="Đồng ý")
    plan = plan_change_status(plan=plan, to_status=PlanStatus.ISSUED, by=staff)
    plan = plan_change_status(plan=plan, to_status=PlanStatus.CLOSED, by=leader)
    steps = [(c.from_status, c.to_status, c.changed_by) for c in plan.status_changes.all()]
    assert steps == [
        ("draft", "submitted", staff),
        ("submitted", "approved", leader),
        ("approved", "issued", staff),
        ("issued", "closed", leader),
    ]
    assert plan.status_changes.get(to_status="approved").note == "Đồng ý"
    with pytest.raises(InvalidTransition):
        plan_change_status(plan=plan, to_status=PlanStatus.DRAFT, by=leader)


def test_another_alliance_cannot_move_our_plan(world):
    plan = plan_create(title="Kế hoạch", by=world["users"]["staff"])
    with pytest.raises(PermissionDenied):
        plan_change_status(plan=plan, to_status=PlanStatus.CANCELLED, by=world["users"]["other_staff"])


def test_the_plan_page_offers_only_the_allowed_moves(client, world):
    staff, leader = world["users"]["staff"], world["users"]["leader"]
    plan = plan_create(title="Kế hoạch", by=staff)
    assert [m for m, _ in status_moves(plan=plan, user=staff)] == ["submitted"]
    assert [m for m, _ in status_moves(plan=plan, user=leader)] == ["cancelled"]
    assert status_moves(plan=plan, user=world["users"]["office"]) == []
    client.force_login(staff)
    response = client.post(reverse("plans:status", args=[plan.pk]), {"to_status": "submitted"}, follow=True)
    assert "Đã chuyển trạng thái kế hoạch." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    refused = client.post(reverse("plans:status", args=[plan.pk]), {"to_status": "closed"}, follow=True)
    assert "Kế hoạch không thể chuyển từ “đã trình” sang “đã kết thúc”." in refused.content.decode()
