"""Importing real documents through the upload page, in the browser: a Word plan whose activities are rows
of an appendix task table, and a PDF whose text layer is garbage, read by OCR in the background while
its page shows how far it got. Each page must fit a 390 px phone. Screenshots go to test-artifacts/."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from hoptac.accounts.models import User, UserRole
from hoptac.documents.read.ocr import ocr_available
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.plans.models import Plan
from tests.browser.test_web_core import PASSWORD, log_in, registry_alliance_staff

FIXTURES = Path(__file__).parents[2] / "hoptac/documents/tests/fixtures"
REAL_14 = FIXTURES / "real" / "real-14.docx"  # UBND tỉnh Lào Cai, a plan with its task table in an appendix
RAW_21 = FIXTURES / "raw" / "raw-21.pdf"  # Sở Công Thương Lào Cai, notice 1894/TB-SCT, garbage text layer
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer(db) -> User:
    return registry_alliance_staff("Lào Cai", "lc.staff")


@pytest.fixture
def viewer(officer) -> User:
    national = Organisation.objects.get(kind=OrganisationKind.NATIONAL_ALLIANCE, valid_until__isnull=True)
    return User.objects.create_user(
        "vca.viewer", password=PASSWORD, role=UserRole.NATIONAL_VIEWER, organisation=national
    )


def upload(page: Page, live_server, path: Path) -> None:
    page.goto(live_server.url + reverse("plans:import"))
    page.get_by_label("Tệp văn bản", exact=True).set_input_files(path)
    page.get_by_role("button", name="Đọc văn bản").click()


def field(page: Page, term: str):
    """The value beside `term` in the review's list of what was read."""
    return page.locator("dl.fields dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def assert_fits_the_phone(page: Page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the {name} page is {overflow}px wider than a {PHONE['width']}px phone"


def test_a_word_plan_with_an_appendix_task_table(live_server, page, officer, viewer, artifacts, axe_check):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, officer)
    upload(page, live_server, REAL_14)

    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc")).to_be_visible()
    expect(field(page, "Loại văn bản")).to_have_text("Kế hoạch")
    expect(field(page, "Hoạt động")).to_have_text("14")
    page.get_by_text("Các hoạt động đọc được").click()  # the tree is folded under its summary
    rows = page.locator("details.reading-tree > ol.reading-activities > li")
    expect(rows).to_have_count(14)
    first = rows.first
    expect(first).to_contain_text("Tổ chức quán triệt sâu rộng Chỉ thị")
    expect(first).to_contain_text("Chủ trì: Các Sở, ban, ngành; UBND các xã, phường")
    expect(rows.nth(10)).to_contain_text("Chủ trì: Công an tỉnh")
    page.screenshot(path=artifacts / "review.png", full_page=True)
    assert_fits_the_phone(page, "review")
    axe_check(page)

    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url(f"{live_server.url}/plans/*/")
    plan = Plan.objects.get()
    assert plan.issuer.name == "Ủy ban nhân dân tỉnh Lào Cai"
    # The province's plan, imported by the alliance: a received document it holds (docs/adr/0020).
    assert (plan.held_by, plan.is_received) == (officer.organisation, True)
    received_row = page.locator("dl.fields dt", has_text="Văn bản đến").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(received_row).to_have_text(f"lưu tại {officer.organisation.name}")
    assert plan.activities.count() == 14
    activity = plan.activities.get(position=0)
    leads = activity.assignments.filter(role="lead").values_list("name_as_written", flat=True)
    assert sorted(leads) == ["Các Sở, ban, ngành", "UBND các xã, phường"]

    # The national viewer reads every plan.
    page.context.clear_cookies()
    log_in(page, live_server, viewer)
    page.goto(live_server.url + plan.get_absolute_url())
    row = page.locator(f"#activity-{activity.pk}")
    expect(row).to_contain_text("Tổ chức quán triệt sâu rộng Chỉ thị")
    expect(row).to_contain_text("Các Sở, ban, ngành")
    expect(row).to_contain_text("UBND các xã, phường")
    page.screenshot(path=artifacts / "plan.png", full_page=True)
    assert_fits_the_phone(page, "plan")


@pytest.mark.skipif(
    not ocr_available(), reason="pdftoppm or Tesseract (vie) is not installed: `make readers`"
)
def test_a_garbled_pdf_is_read_by_ocr_while_its_page_waits(live_server, page, officer, artifacts, axe_check):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, officer)
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database_queue):  # a real queue: the upload waits for the worker
        upload(page, live_server, RAW_21)
        expect(page.get_by_role("heading", name="Đang đọc văn bản")).to_be_visible()
        expect(page.get_by_text("Đang chờ đến lượt đọc ở chế độ nền…")).to_be_visible()
        expect(page.get_by_text("OCR nhận dạng chữ trên ảnh của 2 trang")).to_be_visible()
        page.screenshot(path=artifacts / "waiting.png", full_page=True)
        assert_fits_the_phone(page, "waiting")
        axe_check(page)

        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    # The page asks every 2 s; once read, it moves on to the review by itself.
    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc")).to_be_visible(timeout=15_000)
    expect(
        page.get_by_text("Nội dung được nhận dạng từ bản quét (OCR), độ tin cậy trung bình")
    ).to_be_visible()
    expect(field(page, "Số")).to_have_text("1894/TB-SCT")
    expect(field(page, "Loại văn bản")).to_have_text("Thông báo")
    page.screenshot(path=artifacts / "review.png", full_page=True)
    assert_fits_the_phone(page, "review")
    axe_check(page)
