"""Tracking in the browser: a department member reports progress with evidence; the lead department's
and the alliance's dashboards change; the national viewer sees the province move in the national table."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from hoptac.accounts.models import User, UserRole
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.orgs.services.organisations import registry_load
from hoptac.plans.models import Assignment, AssignmentRole, Basis, Quantity
from hoptac.plans.tests.factories import make_plan
from tests.browser.test_web_core import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tracked(db):
    registry_load()
    national = Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE)
    alliance = Organisation.objects.get(
        kind=OrganisationKind.PROVINCIAL_ALLIANCE, province__name="Bắc Ninh", valid_until__isnull=True
    )
    office = alliance.children.get(kind=OrganisationKind.DEPARTMENT, key__startswith="van phong")
    national_plan = make_plan(issuer=national, title="Kế hoạch toàn quốc")
    plan = make_plan(issuer=alliance, activities=2, lead=office, title="Kế hoạch triển khai của Bắc Ninh")
    Basis.objects.create(plan=plan, text="Kế hoạch toàn quốc", implements=national_plan)
    today = timezone.localdate()
    plan.activities.update(starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=20))
    activity = plan.activities.order_by("position").first()
    Quantity.objects.create(activity=activity, value=200, unit="tin bài", text="200 tin bài")
    users = {
        "clerk": User.objects.create_user(
            "bn.office", password=PASSWORD, role=UserRole.DEPARTMENT_MEMBER, organisation=office
        ),
        "staff": User.objects.create_user(
            "bn.staff", password=PASSWORD, role=UserRole.ALLIANCE_STAFF, organisation=alliance
        ),
        "viewer": User.objects.create_user(
            "vca.viewer", password=PASSWORD, role=UserRole.NATIONAL_VIEWER, organisation=national
        ),
    }
    assert Assignment.objects.filter(
        activity=activity, role=AssignmentRole.LEAD, organisation=office
    ).exists()
    return {"plan": plan, "national_plan": national_plan, "activity": activity, **users}


def national_row(page: Page):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Bắc Ninh"))


def test_progress_moves_the_dashboard_and_the_national_table(
    live_server, page, tracked, tmp_path, artifacts, axe_check, settings
):
    settings.MEDIA_ROOT = tmp_path
    # Before: the national viewer sees Bắc Ninh at 0%.
    log_in(page, live_server, tracked["viewer"])
    page.goto(live_server.url + reverse("tracking:national", args=[tracked["national_plan"].pk]))
    expect(national_row(page)).to_contain_text("0%")
    axe_check(page)
    page.get_by_role("button", name="Đăng xuất").click()

    # The department member reports on the activity the office leads, with a file.
    evidence = tmp_path / "bien-ban-hop.pdf"
    evidence.write_bytes(b"%PDF-1.4 bien ban")
    log_in(page, live_server, tracked["clerk"])
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    page.goto(live_server.url + reverse("tracking:activity", args=[tracked["activity"].pk]))
    page.get_by_label("Tiến độ", exact=True).select_option("done")
    page.get_by_label("Kết quả").fill("Đã đăng 200 tin bài trên trang thông tin điện tử")
    page.get_by_label("Đã đạt so với chỉ tiêu 200 tin bài").fill("200")
    page.get_by_label("Tệp minh chứng (PDF, Word, Excel, ảnh; mỗi tệp tối đa 20 MB)").set_input_files(
        evidence
    )
    page.get_by_role("button", name="Lưu tiến độ").click()
    expect(page.get_by_text("Đã lưu tiến độ.")).to_be_visible()
    expect(page.get_by_role("link", name="bien-ban-hop.pdf")).to_be_visible()
    expect(page.get_by_text("200 / 200 tin bài")).to_be_visible()
    axe_check(page)
    page.screenshot(path=artifacts / "activity-progress.png", full_page=True)
    # The lead department's own dashboard: one of its two activities done, 50%.
    page.goto(live_server.url + reverse("tracking:dashboard"))
    expect(page.get_by_text("Tỷ lệ hoàn thành: 50%.")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()

    # The alliance's dashboard: one of two done on time, the plan at 50%.
    log_in(page, live_server, tracked["staff"])
    page.goto(live_server.url + reverse("tracking:dashboard"))
    expect(page.get_by_text("Tỷ lệ hoàn thành: 50%.")).to_be_visible()
    by_plan = page.get_by_role("row").filter(has_text="Kế hoạch triển khai của Bắc Ninh")
    expect(by_plan).to_contain_text("50%")
    axe_check(page)
    page.screenshot(path=artifacts / "dashboard.png", full_page=True)
    page.get_by_role("button", name="Đăng xuất").click()

    # The national viewer sees the province move.
    log_in(page, live_server, tracked["viewer"])
    page.goto(
        live_server.url + reverse("tracking:national", args=[tracked["national_plan"].pk]) + "?sort=-progress"
    )
    expect(national_row(page)).to_contain_text("50%")
    expect(page.get_by_role("row").nth(1)).to_contain_text("Bắc Ninh")
    page.screenshot(path=artifacts / "national.png", full_page=True)
