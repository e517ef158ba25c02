"""Import with review, in the browser (docs/adr/0020): a batch of four files, one unreadable, waits in
the review queue (nothing saved unseen); the sure one is saved in one click, the other is opened and
saved as a received document of another body, with its issuer as written."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from hoptac.accounts.models import User
from hoptac.plans.models import Plan, Upload
from tests.browser.test_web_core import log_in, registry_alliance_staff

FIXTURES = Path(__file__).parents[2] / "hoptac/documents/tests/fixtures"
SEED_002 = FIXTURES / "seeds" / "002_06325638f0b0109d.txt"  # An Giang's plan 04/KH-LMHTX, nothing unsure
SEED_000 = (
    FIXTURES / "seeds" / "000_0e5e096b7a25b8e8.txt"
)  # Bắc Ninh's plan, an anniversary that does not add up
REAL_14 = FIXTURES / "real" / "real-14.docx"  # UBND tỉnh Lào Cai's plan
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def officer(db) -> User:
    return registry_alliance_staff("An Giang", "ag.staff")


def test_a_batch_waits_for_review_and_a_document_of_another_body_is_received(
    live_server, page, officer, tmp_path, artifacts, axe_check
):
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not a Word file")
    page.set_viewport_size(PHONE)
    log_in(page, live_server, officer)
    database_queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=database_queue):
        page.goto(live_server.url + reverse("plans:import"))
        page.get_by_label("Các tệp văn bản", exact=True).set_input_files(
            [SEED_002, SEED_000, REAL_14, broken]
        )
        page.get_by_role("button", name="Nhập các tệp").click()
        expect(page.get_by_role("heading", name="Nhập nhiều tệp")).to_be_visible()
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)

    # The page asks every 2 s until every file is read: three wait for review, one is refused.
    progress = page.locator("#batch-progress")
    expect(progress).to_contain_text(
        "0 đã lưu, 1 sẵn sàng lưu, 2 cần kiểm tra, 1 bị từ chối, 0 đang chờ.", timeout=30_000
    )
    expect(progress).to_contain_text("Không đọc được tệp hong.docx")
    assert not Plan.objects.exists()
    page.screenshot(path=artifacts / "queue.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    axe_check(page)

    page.get_by_role("button", name="Lưu 1 văn bản đọc được chắc chắn").click()
    expect(page.get_by_text("Đã lưu 1 văn bản.")).to_be_visible(timeout=20_000)
    own = Plan.objects.get()
    assert (own.number, own.issuer, own.held_by, own.is_received) == (
        "04/KH-LMHTX",
        officer.organisation,
        officer.organisation,
        False,
    )

    # The province's plan is opened on its own: its issuer is the body the document names.
    page.get_by_role("link", name="/KH-UBND").click()
    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc")).to_be_visible(timeout=20_000)
    expect(page.locator("#issuer option:checked")).to_have_text("Ủy ban nhân dân tỉnh Lào Cai")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_url(f"{live_server.url}/plans/*/", timeout=20_000)
    received_row = page.locator("dl.fields dt", has_text="Văn bản đến").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(received_row).to_have_text(f"lưu tại {officer.organisation.name}")
    received = Plan.objects.exclude(pk=own.pk).get()
    assert (received.issuer.name, received.held_by, received.is_received) == (
        "Ủy ban nhân dân tỉnh Lào Cai",
        officer.organisation,
        True,
    )
    assert Upload.objects.filter(state=Upload.State.READ).count() == 1  # seed 000 still waits for review
