"""The time views in a Vietnamese user's browser: a plan's timeline across a year end, the month calendar
of the alliance, the page of calendar links; each checked by axe. Screenshots go to test-artifacts/."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from hoptac.accounts.models import User, UserRole
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.plans.models import Activity, Assignment, AssignmentRole
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alliance(db):
    unit = Organisation.objects.create(
        name="Liên minh Hợp tác xã tỉnh Bắc Ninh",
        key=unit_key("Liên minh Hợp tác xã tỉnh Bắc Ninh"),
        kind=OrganisationKind.PROVINCIAL_ALLIANCE,
    )
    office = Organisation.objects.create(
        name="Văn phòng", key=unit_key("Văn phòng"), kind=OrganisationKind.DEPARTMENT, parent=unit
    )
    staff = User.objects.create_user(
        "bn.staff", password="x", role=UserRole.ALLIANCE_STAFF, organisation=unit
    )
    soon = timezone.localdate() + timedelta(days=7)
    plan = make_plan(issuer=unit, title="Tổng kết năm 2024 và triển khai năm 2025")
    rows = [
        ("I.", "Công tác chuẩn bị", None, None, 0, {}),
        ("1.", "Xây dựng báo cáo tổng kết", date(2024, 11, 15), date(2024, 12, 15), 1, {}),
        ("2.", "Hội nghị tổng kết", date(2024, 12, 30), date(2025, 1, 2), 1, {"is_tentative": True}),
        (
            "3.",
            "Thi đua cấp cụm",
            None,
            None,
            1,
            {"is_set_by_other": True, "time_text": "(Theo kế hoạch của Cụm)"},
        ),
        ("II.", "Tuyên truyền tháng 12", date(2024, 12, 1), date(2024, 12, 31), 0, {"precision": "month"}),
        ("III.", "Sơ kết tuần tới", soon, soon, 0, {}),
    ]
    for position, (number, title, starts, ends, depth, extra) in enumerate(rows):
        activity = Activity.objects.create(
            plan=plan,
            position=position,
            depth=depth,
            number=number,
            title=title,
            starts_on=starts,
            ends_on=ends,
            **{"precision": "range", **extra},
        )
        Assignment.objects.create(activity=activity, organisation=office, role=AssignmentRole.LEAD)
    return {"unit": unit, "staff": staff, "plan": plan}


def log_in(page: Page, live_server, user: User) -> None:
    """A session made on the server side: these tests are about the calendars, not the login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_timeline_month_and_links(live_server, page, alliance, artifacts, axe_check):
    log_in(page, live_server, alliance["staff"])
    page.goto(live_server.url + reverse("calendars:timeline", args=[alliance["plan"].pk]))
    for month in ("Tháng 11 2024", "Tháng 12 2024", "Tháng 1 2025"):
        expect(page.get_by_role("columnheader", name=month)).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile(r"Hội nghị tổng kết: .*30\/12\/2024 .* 02\/01\/2025"))
    ).to_be_visible()
    expect(page.get_by_role("img", name=re.compile(r"30\/12\/2024"))).to_have_class(
        re.compile("gantt__bar--tentative")
    )
    page.screenshot(path=artifacts / "01-timeline.png", full_page=True)
    axe_check(page)

    page.goto(live_server.url + reverse("calendars:month", args=[alliance["unit"].pk, 2024, 12]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024")
    expect(page.locator(".during")).to_contain_text("Tuyên truyền tháng 12")
    expect(page.locator('td:has(time[datetime="2024-12-31"])')).to_contain_text("Hội nghị tổng kết")
    page.screenshot(path=artifacts / "02-month.png", full_page=True)
    axe_check(page)
    page.locator('a[rel="next"]').click()
    expect(page).to_have_url(re.compile(r"/2025/1/$"))

    page.goto(live_server.url + reverse("calendars:feeds"))
    page.locator('input[value="person"]').check()
    page.locator("form.narrow button[type=submit]").click()
    address = page.locator("#feed-url").input_value()
    assert address.startswith(live_server.url + "/calendars/feed/")
    page.screenshot(path=artifacts / "03-links.png", full_page=True)
    axe_check(page)
    feed = page.request.get(address)
    assert feed.ok
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:III. Sơ kết tuần tới" in feed.text()
