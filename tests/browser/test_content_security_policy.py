"""The Content-Security-Policy in a real browser (docs/adr/0019): staff walk the busiest pages, edit an
activity inline with htmx, and the browser reports no violation; htmx and hoptac.js keep working."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from hoptac.plans.models import Plan
from tests.browser.test_web_core import SEED_000, import_file, log_in, people  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

# Recorded from the first script the page runs (an init script is not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page: Page):
    """The page, with every CSP complaint it makes in the console or as an event collected."""
    complaints: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda m: (
            complaints.append(m.text) if "Content Security Policy" in m.text or "Refused" in m.text else None
        ),
    )
    page.on("pageerror", lambda error: complaints.append(f"page error: {error}"))

    def check(*, with_htmx: bool = True):
        events = page.evaluate("window.cspViolations || []")
        assert not complaints + events, f"CSP violations on {page.url}:\n" + "\n".join(complaints + events)
        if with_htmx:
            assert page.evaluate("typeof htmx") == "object", f"htmx did not start on {page.url}"

    page.check_csp = check
    return page


def visit(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    page.check_csp()


def test_staff_pages_raise_no_csp_violation_and_htmx_works(live_server, watched, people, artifacts):  # noqa: F811
    page = watched
    log_in(page, live_server, people["staff"])
    page.check_csp()
    import_file(page, live_server, SEED_000)
    page.check_csp()
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_role("heading", name="14/KH-LMHTX")).to_be_visible()
    plan = Plan.objects.get()

    visit(page, live_server.url + reverse("plans:list"))
    visit(page, live_server.url + plan.get_absolute_url())
    # An inline edit, by htmx: the row changes in place, the window is the same one.
    page.evaluate("window.notReloaded = true")
    sports = plan.activities.get(title__startswith="Thể thao")
    row = page.locator(f"#activity-{sports.pk}")
    row.get_by_role("link", name="Sửa").click()
    page.get_by_label("Địa điểm").fill("Nhà thi đấu tỉnh Bắc Ninh")
    row.get_by_role("button", name="Lưu").click()
    expect(row).to_contain_text("Nhà thi đấu tỉnh Bắc Ninh")
    assert page.evaluate("window.notReloaded"), "the edit came by a full page load, not by htmx"
    page.check_csp()

    visit(page, live_server.url + reverse("plans:import"))
    visit(page, live_server.url + reverse("calendars:timeline", args=[plan.pk]))
    visit(page, live_server.url + reverse("calendars:month-current", args=[people["alliance"].pk]))
    visit(page, live_server.url + reverse("tracking:dashboard"))
    visit(page, live_server.url + reverse("tracking:my-work"))
    page.screenshot(path=artifacts / "dashboard.png", full_page=True)


def test_the_api_docs_render_under_the_policy(live_server, watched):
    """Swagger UI, served from our static files, runs without inline script."""
    page = watched
    response = page.goto(live_server.url + "/api/docs", wait_until="load")
    assert response.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    page.check_csp(with_htmx=False)


def test_the_reading_form_shows_its_failure_notice_without_inline_script(live_server, watched):
    """hx-on attributes need eval, which the CSP refuses: hoptac.js shows the notice instead."""
    page = watched
    page.route(
        "**/",
        lambda route: (
            route.fulfill(status=500, body="") if route.request.method == "POST" else route.continue_()
        ),
    )
    visit(page, live_server.url + reverse("home:home"))
    failed = page.get_by_role("alert").filter(has_text="thử lại")
    expect(failed).to_be_hidden()
    page.get_by_label("Dán nội dung văn bản").fill(SEED_000.read_text(encoding="utf-8-sig"))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(failed).to_be_visible()
    page.check_csp()
