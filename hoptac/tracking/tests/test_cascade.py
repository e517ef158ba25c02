"""The cascade: implementing a plan of the level above, a department's sub-plan and its estimate."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from hoptac.plans.errors import NotAddressed
from hoptac.plans.models import Activity, Assignment, AssignmentRole, PlanStatus, Quantity, Recipient
from hoptac.plans.services.cascade import plan_implement
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.errors import TrackingError
from hoptac.tracking.models import CostEstimate, Supervision
from hoptac.tracking.services.cost_estimates import (
    activity_detail_plan,
    estimate_line_add,
    estimate_move,
    estimate_total,
)
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_plan(world):
    plan = make_plan(issuer=world["national"], title="Kế hoạch toàn quốc năm 2024")
    heading = activity_at(plan, "Năm 2024", title="I. Tuyên truyền", position=0)
    ours = activity_at(
        plan, "Quý II/2024", parent=heading, position=1, title="Tuyên truyền Luật HTX", lead=world["ours"]
    )
    Quantity.objects.create(activity=ours, value=200, unit="tin bài", text="200 tin bài")
    activity_at(
        plan, "Tháng 5/2024", parent=heading, position=2, title="Việc của An Giang", lead=world["other"]
    )
    activity_at(plan, "Năm 2024", position=3, title="II. Việc chung")
    return plan


def test_implement_copies_what_concerns_us(world, national_plan):
    plan, created = plan_implement(source=national_plan, by=world["users"]["staff"])
    assert created
    assert (plan.issuer, plan.status) == (world["ours"], PlanStatus.DRAFT)
    assert plan.bases.get().implements == national_plan
    copies = list(plan.activities.order_by("position"))
    # The activity given to us with the heading above it; An Giang's and the unassigned one are not ours.
    assert [(a.title, a.depth) for a in copies] == [("I. Tuyên truyền", 0), ("Tuyên truyền Luật HTX", 1)]
    assert copies[1].parent == copies[0]
    assert copies[1].derived_from.plan == national_plan
    assert copies[1].quantities.get().unit == "tin bài"
    assert copies[1].assignments.get().organisation == world["ours"]
    assert (copies[1].starts_on, copies[1].ends_on) == (
        Activity.objects.get(title="Tuyên truyền Luật HTX", plan=national_plan).starts_on,
        Activity.objects.get(title="Tuyên truyền Luật HTX", plan=national_plan).ends_on,
    )
    # A second press finds the same plan.
    again, created = plan_implement(source=national_plan, by=world["users"]["staff"])
    assert (again, created) == (plan, False)


def test_a_plan_addressed_to_us_without_assignments_is_copied_whole(world):
    plan = make_plan(issuer=world["other"], activities=3)
    Recipient.objects.create(plan=plan, name=world["ours"].name, organisation=world["ours"])
    ours, _ = plan_implement(source=plan, by=world["users"]["staff"])
    assert ours.activities.count() == 3


def test_implement_is_refused_when_not_addressed_or_not_allowed(world):
    foreign = make_plan(issuer=world["other"], activities=2)
    with pytest.raises(NotAddressed):
        plan_implement(source=foreign, by=world["users"]["staff"])
    national = make_plan(issuer=world["national"], activities=1)
    with pytest.raises(PermissionDenied):
        plan_implement(source=national, by=world["users"]["office"])


def test_implement_button_on_the_plan_page(client, world, national_plan):
    client.force_login(world["users"]["staff"])
    page = client.get(national_plan.get_absolute_url()).content.decode()
    assert reverse("tracking:implement", args=[national_plan.pk]) in page
    response = client.post(reverse("tracking:implement", args=[national_plan.pk]))
    assert response.status_code == 302
    made = world["ours"].plans.get()
    assert response.url == made.get_absolute_url()


@pytest.fixture
def department_activity(world):
    plan = make_plan(issuer=world["ours"])
    return activity_at(plan, "Quý III/2024", lead=world["office"], title="Hội nghị tập huấn")


def test_department_details_its_activity_and_the_estimate_is_approved(world, department_activity):
    users = world["users"]
    vice_chair = users["leader"]
    Supervision.objects.create(department=world["office"], vice_chair=vice_chair)
    sub_plan, created = activity_detail_plan(activity=department_activity, by=users["office"])
    assert created
    assert (sub_plan.issuer, sub_plan.details) == (world["office"], department_activity)
    estimate = CostEstimate.objects.get(plan=sub_plan)
    with pytest.raises(TrackingError, match="ít nhất một khoản mục"):
        estimate_move(estimate=estimate, to_state="submitted", by=users["office"])
    estimate_line_add(
        estimate=estimate,
        by=users["office"],
        description="Thuê hội trường",
        unit="ngày",
        quantity="2",
        unit_price="3.500.000",
    )
    estimate_line_add(
        estimate=estimate,
        by=users["office"],
        description="Tài liệu",
        unit="bộ",
        quantity="150",
        unit_price="25000",
    )
    assert estimate_total(estimate) == Decimal("10750000")
    with pytest.raises(PermissionDenied):  # the department cannot approve itself
        estimate_move(estimate=estimate, to_state="endorsed", by=users["office"])
    estimate_move(estimate=estimate, to_state="submitted", by=users["office"])
    with pytest.raises(TrackingError):  # nothing changes once sent
        estimate_line_add(
            estimate=estimate, by=users["office"], description="Nước", unit="", quantity=1, unit_price=1
        )
    with pytest.raises(PermissionDenied):  # standing members act after the vice-chair
        estimate_move(estimate=estimate, to_state="approved", by=vice_chair)
    with pytest.raises(TrackingError, match="nội dung cần chỉnh sửa"):
        estimate_move(estimate=estimate, to_state="returned", by=vice_chair)
    estimate_move(estimate=estimate, to_state="endorsed", by=vice_chair, note="Đồng ý")
    estimate_move(estimate=estimate, to_state="approved", by=vice_chair)
    estimate.refresh_from_db()
    assert estimate.state == "approved"
    assert [(s.from_state, s.to_state, s.by) for s in estimate.steps.all()] == [
        ("draft", "submitted", users["office"]),
        ("submitted", "endorsed", vice_chair),
        ("endorsed", "approved", vice_chair),
    ]


def test_only_a_department_led_activity_is_detailed_by_its_department(world):
    plan = make_plan(issuer=world["ours"])
    activity = activity_at(plan, "Quý III/2024", lead=world["ours"])
    with pytest.raises(NotAddressed):
        activity_detail_plan(activity=activity, by=world["users"]["staff"])
    led = activity_at(plan, "Quý III/2024", lead=world["office"], position=1)
    with pytest.raises(PermissionDenied):
        activity_detail_plan(activity=led, by=world["users"]["advice"])


def test_bad_estimate_lines_are_refused(world, department_activity):
    sub_plan, _ = activity_detail_plan(activity=department_activity, by=world["users"]["office"])
    estimate = sub_plan.cost_estimate
    for quantity, price, said in (
        ("-1", "10", "từ 0 trở lên"),
        ("x", "10", "không phải là số"),
        ("1", "10,5", "không có phần lẻ"),
    ):
        with pytest.raises(TrackingError, match=said):
            estimate_line_add(
                estimate=estimate,
                by=world["users"]["office"],
                description="Mục",
                unit="",
                quantity=quantity,
                unit_price=price,
            )
    assert not estimate.lines.exists()


def test_estimate_page(client, world, department_activity):
    sub_plan, _ = activity_detail_plan(activity=department_activity, by=world["users"]["office"])
    client.force_login(world["users"]["office"])
    url = reverse("tracking:estimate", args=[sub_plan.pk])
    added = client.post(
        url,
        {
            "action": "add",
            "description": "Thuê hội trường",
            "unit": "ngày",
            "quantity": "2",
            "unit_price": "3500000",
        },
    )
    assert added.status_code == 302
    page = client.get(url).content.decode()
    assert "7.000.000" in page
    # The alliance reads its department's sub-plan; another alliance does not.
    client.force_login(world["users"]["leader"])
    assert client.get(url).status_code == 200
    client.force_login(world["users"]["other_staff"])
    assert client.get(url).status_code == 404
    assert Assignment.objects.filter(activity__plan=sub_plan, role=AssignmentRole.LEAD).count() == 1


def test_the_alliance_admin_names_the_vice_chair_in_charge(client, world):
    url = reverse("tracking:supervision")
    client.force_login(world["users"]["staff"])
    assert client.get(url).status_code == 403
    client.force_login(world["users"]["alliance_admin"])
    assert world["office"].name in client.get(url).content.decode()
    leader = world["users"]["leader"]
    saved = client.post(url, {"department": world["office"].pk, "vice_chair": leader.pk})
    assert saved.status_code == 302
    assert Supervision.objects.get(department=world["office"]).vice_chair == leader
    # Only the alliance's leadership can be in charge; another alliance's department is not found.
    refused = client.post(url, {"department": world["office"].pk, "vice_chair": world["users"]["staff"].pk})
    assert refused.status_code == 400
    assert Supervision.objects.get(department=world["office"]).vice_chair == leader
    other_department = world["other"].children.create(
        name="Văn phòng AG", key="van phong ag", kind="department"
    )
    assert client.post(url, {"department": other_department.pk, "vice_chair": ""}).status_code == 404
    client.post(url, {"department": world["office"].pk, "vice_chair": ""})
    assert not Supervision.objects.exists()
