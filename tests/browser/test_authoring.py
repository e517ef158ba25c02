"""Writing a plan in the browser: two people editing the same activity, a new activity's number, the
row controls on a phone."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from hoptac.accounts.models import User
from hoptac.plans.services.authoring import plan_create
from hoptac.plans.tests.conftest import world  # noqa: F401 (the fixture)
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def logged_in_page(browser: Browser, live_server, user: User, **context_args) -> Page:
    """A page of a new browser context with a session made on the server side."""
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **context_args)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context.new_page()


def test_the_second_save_shows_the_conflict_on_its_first_click(live_server, browser, world, artifacts):  # noqa: F811
    # With a lead unit: each save re-assigns the units, and the form posts the ones it shows.
    plan = make_plan(issuer=world["ours"], activities=1, lead=world["office"])
    activity = plan.activities.get()
    first = logged_in_page(browser, live_server, world["users"]["staff"])
    second = logged_in_page(browser, live_server, world["users"]["alliance_admin"])
    rows = []
    for page in (first, second):
        page.goto(live_server.url + plan.get_absolute_url())
        row = page.locator(f"#activity-{activity.pk}")
        row.get_by_role("link", name="Sửa").click()
        expect(row.get_by_label("Địa điểm")).to_be_visible()
        rows.append(row)
    rows[0].get_by_label("Địa điểm").fill("Hội trường A")
    rows[0].get_by_role("button", name="Lưu", exact=True).click()
    expect(rows[0]).to_contain_text("Hội trường A")

    rows[1].get_by_label("Địa điểm").fill("Hội trường B")
    rows[1].get_by_role("button", name="Lưu", exact=True).click()
    expect(rows[1].get_by_role("alert")).to_contain_text("Người khác đã lưu hoạt động này")
    second.screenshot(path=artifacts / "conflict.png", full_page=True)
    activity.refresh_from_db()
    assert activity.location == "Hội trường A"


def test_on_a_phone_new_activities_are_numbered_and_their_controls_are_apart(
    live_server,
    browser,
    world,  # noqa: F811
    artifacts,
    axe_check,
):
    plan = plan_create(title="Kế hoạch công tác tháng", by=world["users"]["staff"])
    page = logged_in_page(browser, live_server, world["users"]["staff"], viewport=PHONE)
    page.goto(live_server.url + plan.get_absolute_url())
    for title in ("Hội nghị giao ban", "Tập huấn nghiệp vụ"):
        page.get_by_label("Hoạt động mới").fill(title)
        page.get_by_role("button", name="Thêm hoạt động").click()
        expect(page.locator(".activity", has_text=title)).to_be_visible()
    numbers = page.locator(".activity__number")
    expect(numbers).to_have_text(["1", "2"])

    edit = page.locator(".activity__actions").get_by_role("link", name="Sửa").first
    assert edit.bounding_box()["height"] >= 44  # WCAG 2.5.8, with room to spare
    edit.click()
    moves = page.locator(".activity__moves button")
    expect(moves).to_have_count(5)
    boxes = [moves.nth(i).bounding_box() for i in range(5)]
    page.screenshot(path=artifacts / "moves.png", full_page=True)
    for box in boxes:
        assert box["height"] >= 44
        assert 0 <= box["x"] <= PHONE["width"] - box["width"]
    for i, one in enumerate(boxes):  # apart: no two buttons touch
        for other in boxes[i + 1 :]:
            apart_x = one["x"] + one["width"] < other["x"] or other["x"] + other["width"] < one["x"]
            apart_y = one["y"] + one["height"] < other["y"] or other["y"] + other["height"] < one["y"]
            assert apart_x or apart_y
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(page)

    page.get_by_role("button", name="Chuyển xuống").click()
    expect(numbers).to_have_text(["1", "2"])
    expect(page.locator(".activity").first).to_contain_text("Tập huấn nghiệp vụ")
