"""The reading form of the home page as a Vietnamese user's browser shows it: htmx, static files, axe."""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

SEED = Path(__file__).parents[2] / "hoptac/documents/tests/fixtures/seeds/000_0e5e096b7a25b8e8.txt"
SEED_NUMBER = "14/KH-LMHTX"
# As the document's header prints them.
SEED_ISSUER = "LIÊN MINH HTX TỈNH BẮC NINH"
SEED_PARENT = "UBND TỈNH BẮC NINH"
# Named .docx but not a ZIP package, as Word files are.
BROKEN_DOCX = {"name": "hong.docx", "mimeType": "application/octet-stream", "buffer": b"not a Word file"}


def open_reading_form(page: Page, live_server) -> None:
    """Load the page with its static files, then mark the window: a full page load would drop the mark."""
    static = {}
    page.on("response", lambda r: static.update({r.url: r.status}) if "/static/" in r.url else None)
    page.goto(live_server.url + reverse("home:home"), wait_until="load")  # htmx is deferred: load waits
    assert static, "the page asked for no static file"
    assert set(static.values()) == {200}, static
    assert any(url.endswith("/static/css/hoptac.css") for url in static), static
    assert any("/static/js/htmx-" in url for url in static), static
    assert page.evaluate("typeof htmx") == "object", "the vendored htmx did not start"
    page.evaluate("window.notReloaded = true")


def read(page: Page) -> None:
    page.get_by_role("button", name="Đọc văn bản").click()


def field(page: Page, term: str) -> Locator:
    """The value shown beside `term` in the reading's list of fields."""
    return page.locator("#reading-result dt", has_text=term).locator("xpath=following-sibling::dd[1]")


def expect_seed_reading(page: Page) -> None:
    expect(page.get_by_role("heading", name="Kết quả đọc")).to_be_visible()
    expect(field(page, "Số, ký hiệu")).to_have_text(SEED_NUMBER)
    expect(field(page, "Cơ quan ban hành")).to_have_text(SEED_ISSUER)
    expect(field(page, "Cơ quan chủ quản")).to_have_text(SEED_PARENT)
    assert page.evaluate("window.notReloaded"), "the reading came by a full page load, not by htmx"


def test_home_is_in_vietnamese(live_server, page, artifacts, axe_check):
    open_reading_form(page, live_server)
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kế hoạch của hệ thống Liên minh Hợp tác xã: từ ban hành đến kết quả thực hiện"
    )
    expect(page.get_by_role("heading", name="Đọc một văn bản")).to_be_visible()
    expect(page.get_by_label("Tệp văn bản")).to_be_visible()
    expect(page.get_by_label("Dán nội dung văn bản")).to_be_editable()
    expect(page.get_by_role("button", name="Đọc văn bản")).to_be_enabled()
    # hoptac.css is applied: the skip link stays above the page until the keyboard reaches it.
    skip_link = page.get_by_role("link", name="Chuyển đến nội dung chính")
    expect(skip_link).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.screenshot(path=artifacts / "home.png", full_page=True)
    axe_check(page)


def test_pasted_text_is_read(live_server, page, artifacts, axe_check):
    open_reading_form(page, live_server)
    page.get_by_label("Dán nội dung văn bản").fill(SEED.read_text(encoding="utf-8"))
    read(page)
    expect_seed_reading(page)
    page.screenshot(path=artifacts / "reading.png", full_page=True)
    axe_check(page)


def test_uploaded_text_file_is_read(live_server, page, artifacts):
    open_reading_form(page, live_server)
    page.get_by_label("Tệp văn bản").set_input_files(SEED)
    read(page)
    expect_seed_reading(page)
    page.screenshot(path=artifacts / "reading.png", full_page=True)


def test_broken_docx_gets_the_vietnamese_message(live_server, page, artifacts, axe_check):
    open_reading_form(page, live_server)
    page.get_by_label("Tệp văn bản").set_input_files(BROKEN_DOCX)
    read(page)
    alert = page.locator("#reading-result").get_by_role("alert")
    expect(alert).to_contain_text(
        "Không đọc được tệp hong.docx: tệp bị hỏng hoặc không đúng định dạng như tên tệp."
    )
    expect(alert).not_to_contain_text("Traceback")
    # The 400 is the form's message swapped in, not the "server failed" line for a 5xx or a lost network.
    expect(page.get_by_text("Máy chủ chưa đọc được văn bản")).to_be_hidden()
    expect(page.get_by_role("heading", name="Kết quả đọc")).to_have_count(0)
    assert page.evaluate("window.notReloaded"), "the message came by a full page load, not by htmx"
    page.screenshot(path=artifacts / "broken-docx.png", full_page=True)
    axe_check(page)
    # Nothing is stuck: the same form then reads a good file.
    page.get_by_label("Tệp văn bản").set_input_files(SEED)
    read(page)
    expect_seed_reading(page)


def test_raw_json_of_a_reading_passes_axe(live_server, page, artifacts, axe_check):
    open_reading_form(page, live_server)
    page.get_by_label("Dán nội dung văn bản").fill(SEED.read_text(encoding="utf-8"))
    read(page)
    page.get_by_text("Dữ liệu JSON gốc").click()
    expect(page.locator("#reading-result pre")).to_be_visible()
    page.screenshot(path=artifacts / "raw-json.png", full_page=True)
    axe_check(page)
