"""A department fills in its tracking sheet offline: it downloads the plan's sheet from the page, fills
in its row in Excel (openpyxl here), uploads it, reads the dry run and confirms. Screenshots of each
page go to test-artifacts/.

The labels are looked up through gettext in Vietnamese, so the test reads what the user reads whether
or not the page's strings have their Vietnamese yet."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from hoptac.plans.models import Activity, ProgressState, Quantity
from hoptac.plans.tests.conftest import world  # noqa: F401  (the shared fixture)
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.sheets.layout import FIRST_ROW, HEADER_ROW, header, status_labels

pytestmark = pytest.mark.django_db(transaction=True)


def vi(text: str) -> str:
    with translation.override("vi"):
        return gettext(text)


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("accounts:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("pw-" + username)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng xuất")).to_be_visible()


def test_a_department_fills_in_its_sheet_offline(live_server, page, world, tmp_path, artifacts, axe_check):  # noqa: F811
    plan = make_plan(issuer=world["ours"], activities=3, lead=world["office"])
    first = plan.activities.order_by("position").first()
    target = Quantity.objects.create(activity=first, value=200, unit="tin bài")
    log_in(page, live_server, world["users"]["office"].username)

    page.goto(live_server.url + reverse("tracking:sheet_import", args=[plan.pk]))
    expect(page.get_by_role("heading", name=vi("Tracking sheet"), level=1)).to_be_visible()
    axe_check(page)
    page.screenshot(path=artifacts / "01-sheet-page.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name=vi("Download the tracking sheet (.xlsx)")).click()
    assert download.value.suggested_filename.endswith(".xlsx")

    workbook = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = workbook.worksheets[0]
    with translation.override("vi"):
        at = {c.value: c.column for c in sheet[HEADER_ROW]}
        done = status_labels()[ProgressState.DONE]
        sheet.cell(FIRST_ROW, at[header("state")]).value = done
        sheet.cell(FIRST_ROW, at[header("result")]).value = "Đã đăng 210 tin bài trên cổng thông tin"
        sheet.cell(FIRST_ROW, at[header("completed_on")]).value = date.today()
        sheet.cell(FIRST_ROW, at[header("achieved:1")]).value = 210
    filled = tmp_path / "bang-theo-doi-da-dien.xlsx"
    workbook.save(filled)

    page.get_by_label(vi("Filled-in tracking sheet (Excel .xlsx)")).set_input_files(filled)
    page.get_by_role("button", name=vi("Check the sheet")).click()
    expect(page.get_by_role("heading", name=vi("Result of the check"))).to_be_visible()
    changes = page.get_by_role("table")
    expect(changes).to_contain_text(first.title)
    expect(changes).to_contain_text(done)
    expect(changes).to_contain_text("210")
    axe_check(page)
    page.screenshot(path=artifacts / "02-dry-run.png", full_page=True)
    assert Activity.objects.get(pk=first.pk).progress_state == ProgressState.NOT_STARTED

    page.get_by_role("button", name=vi("Import these changes")).click()
    expect(page.get_by_role("heading", name=vi("The sheet was imported"))).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(done)
    page.screenshot(path=artifacts / "03-imported.png", full_page=True)
    first.refresh_from_db()
    target.refresh_from_db()
    assert (first.progress_state, first.percent) == (ProgressState.DONE, 100)
    assert target.achieved == 210

    # The activity's page shows the new status.
    page.goto(live_server.url + reverse("tracking:activity", args=[first.pk]))
    expect(page.get_by_role("main")).to_contain_text(done, ignore_case=True)
    page.screenshot(path=artifacts / "04-activity.png", full_page=True)
