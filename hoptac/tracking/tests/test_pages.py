"""The tracking pages and API as users meet them: who sees what, what a report changes, how many
queries each page costs whatever the number of rows."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from hoptac.accounts.services import api_token_create
from hoptac.orgs.models import OrganisationKind, Province
from hoptac.plans.models import Activity, Basis, Plan, ProgressState, Quantity
from hoptac.plans.tests.conftest import make_org
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.models import Evidence, ProgressUpdate
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db
# 10 April 2024: "Tháng 4/2024" is in its term; "Tháng 3/2024" is overdue.
TODAY = date(2024, 4, 10)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def auth(user):
    _, token = api_token_create(user=user)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def led(world):
    plan = make_plan(issuer=world["ours"])
    activity = activity_at(plan, "Tháng 4/2024", lead=world["office"], title="Đăng tin bài")
    Quantity.objects.create(activity=activity, value=200, unit="tin bài", text="200 tin bài")
    return activity


def test_department_member_reports_with_evidence(client, world, led, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world["users"]["office"])
    page = client.get(reverse("tracking:activity", args=[led.pk]))
    assert page.status_code == 200
    assert "Báo cáo tiến độ" in page.content.decode()
    target = led.quantities.get()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("tracking:activity", args=[led.pk]),
        {
            "action": "report",
            "version": 0,
            "state": "in_progress",
            "percent": "60",
            "result": "Đã đăng 158 tin",
            f"quantity_{target.pk}": "158",
            "evidence": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 x"),
        },
    )
    assert response.status_code == 302
    led.refresh_from_db()
    assert (led.progress_state, led.percent) == ("in_progress", 60)
    assert Evidence.objects.get().name == "bien-ban.pdf"
    shown = client.get(reverse("tracking:activity", args=[led.pk])).content.decode()
    assert "158 / 200 tin bài" in shown
    download = client.get(reverse("tracking:evidence", args=[Evidence.objects.get().pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    # Another alliance reads neither the page nor the file.
    client.force_login(world["users"]["other_staff"])
    assert client.get(reverse("tracking:activity", args=[led.pk])).status_code == 404
    assert client.get(reverse("tracking:evidence", args=[Evidence.objects.get().pk])).status_code == 404


def test_a_bad_percent_is_a_400_with_a_vietnamese_message(client, world, led):
    client.force_login(world["users"]["office"])
    response = client.post(
        reverse("tracking:activity", args=[led.pk]),
        {"action": "report", "version": 0, "state": "in_progress", "percent": "150"},
    )
    assert response.status_code == 400
    assert "từ 0 đến 100" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_coordinating_unit_may_not_report_but_may_comment(client, world, led):
    from hoptac.plans.models import Assignment, AssignmentRole

    Assignment.objects.create(activity=led, organisation=world["advice"], role=AssignmentRole.COORDINATING)
    client.force_login(world["users"]["advice"])
    url = reverse("tracking:activity", args=[led.pk])
    assert client.post(url, {"action": "report", "version": 0, "state": "done"}).status_code == 403
    assert client.post(url, {"action": "comment", "note": "Đã gửi danh sách"}).status_code == 302
    assert ProgressUpdate.objects.get().kind == "comment"


def test_api_progress_checks_everything(client, world, led):
    url = f"/api/tracking/activities/{led.pk}/progress"
    office, other = auth(world["users"]["office"]), auth(world["users"]["advice"])
    target = led.quantities.get()
    body = {"progress_version": 0, "state": "in_progress", "percent": 40}
    assert client.post(url, body, content_type="application/json", headers=other).status_code == 403
    bad = client.post(url, {**body, "percent": 101}, content_type="application/json", headers=office)
    assert bad.status_code == 422
    wrong_unit = {**body, "quantities": [{"quantity_id": target.pk, "value": 5, "unit": "lớp"}]}
    refused = client.post(url, wrong_unit, content_type="application/json", headers=office)
    assert refused.status_code == 400
    assert "tin bài" in refused.json()["detail"]
    good = {**body, "quantities": [{"quantity_id": target.pk, "value": 158, "unit": "tin bài"}]}
    made = client.post(url, good, content_type="application/json", headers=office)
    assert made.status_code == 201
    assert made.json()["standing"] == "in_term"
    assert made.json()["progress_version"] == 1
    again = client.post(url, good, content_type="application/json", headers=office)
    assert again.status_code == 409
    history = client.get(url, headers=office).json()
    assert [(u["state"], u["percent"]) for u in history] == [("in_progress", 40)]
    split = client.get(f"/api/tracking/plans/{led.plan_id}/split", headers=office).json()
    assert split["split"] == {"in_term": 1}
    assert split["percent_done"] == 40
    work = client.get("/api/tracking/my-work", headers=office).json()
    assert work["overdue"] == []


def test_my_work_on_the_home_page(client, world):
    plan = make_plan(issuer=world["ours"])
    late = activity_at(plan, "Tháng 3/2024", lead=world["office"], title="Tổng kết quý I", position=0)
    week = activity_at(plan, "Trước ngày 12/4/2024", lead=world["office"], title="Gửi báo cáo", position=1)
    begun = activity_at(plan, "Quý II/2024", lead=world["office"], title="Tập huấn", position=2)
    activity_at(plan, "Tháng 3/2024", lead=world["advice"], title="Việc của phòng khác", position=3)
    client.force_login(world["users"]["office"])
    page = client.get(reverse("home:home")).content.decode()
    sections = page.split('id="week-title"')
    assert late.title in sections[0]
    assert late.title not in sections[1]
    week_part, waiting_part = sections[1].split('id="waiting-title"')
    assert week.title in week_part
    assert begun.title in waiting_part
    assert "Việc của phòng khác" not in page


def test_dashboard_counts_and_budget(client, world, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            plan = make_plan(issuer=world["ours"], activities=4, lead=world["office"])
            first = plan.activities.order_by("position").first()
            Activity.objects.filter(pk=first.pk).update(progress_state=ProgressState.DONE, completed_on=TODAY)

    client.force_login(world["users"]["staff"])
    build(2)
    with django_assert_max_num_queries(15) as few:
        page = client.get(reverse("tracking:dashboard"))
    assert page.status_code == 200
    build(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("tracking:dashboard"))
    text = page.content.decode()
    # 22 plans × 4 activities: 22 done on time, 66 in their term (April).
    assert "hoàn thành đúng hạn: 22" in text
    assert "đang thực hiện trong hạn: 66" in text


def make_alliances(national, n):
    alliances = []
    for i in range(n):
        province = Province.objects.create(name=f"Tỉnh {i:02d}", key=f"tinh {i:02d}")
        alliances.append(
            make_org(
                f"Liên minh HTX Tỉnh {i:02d}",
                OrganisationKind.PROVINCIAL_ALLIANCE,
                parent=national,
                province=province,
            )
        )
    return alliances


def test_national_table_and_its_budget(client, world, django_assert_max_num_queries):
    national_plan = make_plan(issuer=world["national"], activities=3, title="Kế hoạch toàn quốc")
    client.force_login(world["users"]["viewer"])
    url = reverse("tracking:national", args=[national_plan.pk])

    def implement(alliance, percent):
        plan = make_plan(issuer=alliance, activities=2, title=f"Triển khai ở {alliance.name}")
        Basis.objects.create(plan=plan, text="KH toàn quốc", implements=national_plan)
        Plan.objects.filter(pk=plan.pk).update(progress_percent=percent)
        return plan

    implement(world["ours"], 40)
    with django_assert_max_num_queries(15) as few:
        page = client.get(url + "?sort=-progress")
    for alliance in make_alliances(world["national"], 30):
        implement(alliance, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url + "?sort=-progress")
    rows = page.content.decode().split("<tbody>")[1].split("<tr>")[1:]
    assert len(rows) == 32  # every current provincial alliance: the world's two and 30 more
    assert "Bắc Ninh" in rows[0]  # the most advanced first
    assert "40%" in rows[0]
    assert "Chưa có kế hoạch triển khai" in page.content.decode()  # An Giang has none
    assert "<svg" in page.content.decode()
    # The province moves: its plan advances and the table shows it.
    Plan.objects.filter(issuer=world["ours"], bases__implements=national_plan).update(progress_percent=75)
    assert "75%" in client.get(url).content.decode()
    # Compared provinces are for the national alliance and those who see everything.
    client.force_login(world["users"]["staff"])
    assert client.get(url).status_code in (403, 404)
    api = client.get(
        f"/api/tracking/plans/{national_plan.pk}/national", headers=auth(world["users"]["viewer"])
    )
    assert api.status_code == 200
    assert len(api.json()) == 32


def test_plan_page_shows_progress_and_standing(client, world, led):
    Activity.objects.filter(pk=led.pk).update(
        progress_state=ProgressState.IN_PROGRESS, percent=30, rollup_percent=30
    )
    client.force_login(world["users"]["staff"])
    page = client.get(led.plan.get_absolute_url()).content.decode()
    assert "đang thực hiện trong hạn" in page
    assert "30%" in page


def test_plan_weights_count_in_the_alliances_percent(client, world):
    from hoptac.tracking.dashboards import unit_dashboard

    done = make_plan(issuer=world["ours"], title="Xong")
    make_plan(issuer=world["ours"], title="Chưa")
    Plan.objects.filter(pk=done.pk).update(progress_percent=100)
    staff = world["users"]["staff"]
    assert unit_dashboard(organisation=world["ours"], user=staff, today=TODAY).progress == 50
    client.force_login(staff)
    edit = {"title": "Xong", "number": done.number, "issued_on": "2024-03-01", "kind": "plan", "weight": "3"}
    assert client.post(reverse("plans:edit", args=[done.pk]), edit).status_code == 302
    assert unit_dashboard(organisation=world["ours"], user=staff, today=TODAY).progress == 75
    assert client.post(reverse("plans:edit", args=[done.pk]), {**edit, "weight": "-2"}).status_code == 400


def test_plans_all_weighted_zero_count_equally(world):
    from hoptac.tracking.dashboards import unit_dashboard

    done = make_plan(issuer=world["ours"], title="Xong")
    make_plan(issuer=world["ours"], title="Chưa")
    Plan.objects.filter(pk=done.pk).update(progress_percent=100)
    Plan.objects.filter(issuer=world["ours"]).update(weight=0)
    # As within a plan (rollup.weighted_mean): no weight at all means equal weights, not "unknown".
    assert (
        unit_dashboard(organisation=world["ours"], user=world["users"]["staff"], today=TODAY).progress == 50
    )
