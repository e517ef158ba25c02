"""Every page of the permission matrix on a phone (390 × 844), for every role: nothing wider than the
screen, and axe clean. Pages come from tests/test_permission_matrix.py's world, with what makes them
wide in real use: an import under review, a month with activities, tracking dashboards."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from hoptac.plans.models import AssignmentRole, Recipient
from hoptac.plans.services.importing import import_review, sure_decisions, upload_confirm, upload_read
from hoptac.plans.tests.conftest import world  # noqa: F401 (the fixture)
from hoptac.plans.tests.factories import make_plan
from tests.test_permission_matrix import IMPORTS, ROLES

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SEEDS = Path(__file__).parents[2] / "hoptac/documents/tests/fixtures/seeds"
# Seed 002 has the widest review page: a task table with five columns, long unit names.
SEED_REVIEWED = SEEDS / "002_06325638f0b0109d.txt"
SEED_SAVED = SEEDS / "000_0e5e096b7a25b8e8.txt"


@pytest.fixture
def phone_world(world, tmp_path, settings):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    staff = world["users"]["staff"]
    today = timezone.localdate()
    # Our alliance's plan as an import makes it: the seed's activities, units and deadlines.
    saved = upload_read(by=staff, text=SEED_SAVED.read_text(encoding="utf-8-sig"))
    ours = upload_confirm(
        upload=saved, issuer=world["ours"], decisions=sure_decisions(import_review(upload=saved)), by=staff
    )
    ours.is_addressed_to_members = True
    ours.save(update_fields=["is_addressed_to_members"])
    # This month, so that the month calendar, my work and the dashboards have rows.
    ours.activities.update(starts_on=today.replace(day=1), ends_on=today.replace(day=28))
    first = ours.activities.order_by("position").first()
    first.assignments.create(organisation=world["office"], role=AssignmentRole.LEAD)
    theirs = make_plan(issuer=world["other"], activities=1, title="Kế hoạch An Giang")
    national = make_plan(issuer=world["national"], activities=1, title="Kế hoạch toàn quốc")
    Recipient.objects.create(plan=national, name=world["ours"].name, organisation=world["ours"])
    # Each importer's own document under review (the review page shows only one's own uploads).
    reviews = {
        role: upload_read(by=world["users"][role], text=SEED_REVIEWED.read_text(encoding="utf-8-sig"))
        for role in IMPORTS
    }
    return {"ours": ours, "theirs": theirs, "national": national, "first": first, "reviews": reviews}


def pages(world, phone_world, role) -> list[str]:  # noqa: F811
    """The matrix's pages, with the time views and tracking; a page the role may not open shows its
    403 or 404 page, which must fit the phone as well."""
    ours, national, first = phone_world["ours"], phone_world["national"], phone_world["first"]
    today = timezone.localdate()
    urls = [
        reverse("home:home"),
        reverse("plans:list"),
        ours.get_absolute_url(),
        phone_world["theirs"].get_absolute_url(),
        national.get_absolute_url(),
        reverse("plans:activity-edit", args=[first.pk]),
        reverse("plans:import"),
        reverse("plans:new"),
        reverse("home:search") + "?q=ke+hoach",
        reverse("plans:my-activities"),
        reverse("orgs:detail", args=[world["ours"].pk]),
        reverse("orgs:detail", args=[world["member"].pk]),
        reverse("orgs:members-import", args=[world["ours"].pk]),
        reverse("calendars:month", args=[world["ours"].pk, today.year, today.month]),
        reverse("calendars:my-month"),
        reverse("calendars:timeline", args=[ours.pk]),
        reverse("calendars:feeds"),
        reverse("tracking:my-work"),
        reverse("tracking:dashboard"),
        reverse("tracking:national", args=[national.pk]),
        reverse("tracking:activity", args=[first.pk]),
        reverse("reminders:notifications"),
        reverse("reminders:settings"),
    ]
    if role in phone_world["reviews"]:
        urls.append(reverse("plans:review", args=[phone_world["reviews"][role].pk]))
    return urls


# Views whose every box must fit the phone too: no table scrolling sideways inside its own box. Other
# data tables (a plan's timeline, the dashboards) may scroll inside theirs, which WCAG 1.4.10 allows.
FITS_WITHOUT_SCROLLING = {
    "plans:review",
    "plans:list",
    "plans:detail",
    "calendars:month",
    "calendars:my-month",
    "orgs:detail",
}
WIDE_BOXES = """[...document.querySelectorAll("main *")]
    .filter(e => ["auto", "scroll"].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} px in ${e.clientWidth} px`)"""


def test_every_page_fits_a_phone(live_server, browser, world, phone_world, axe_check, artifacts):  # noqa: F811
    problems: list[str] = []
    checked: set[tuple[str, int]] = set()
    for role in ROLES:
        context = browser.new_context(
            viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", device_scale_factor=1
        )
        client = Client()
        client.force_login(world["users"][role])
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        page = context.new_page()
        for url in pages(world, phone_world, role):
            response = page.goto(live_server.url + url)
            view = resolve(url.partition("?")[0]).view_name
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{role} {url}: the page is {width} px wide")
            if view in FITS_WITHOUT_SCROLLING:
                problems.extend(f"{role} {url}: {box}" for box in page.evaluate(WIDE_BOXES))
            header = page.locator(".site-header").bounding_box()["height"]
            if header > PHONE["height"] / 5:
                problems.append(f"{role} {url}: the header takes {header:.0f} px of {PHONE['height']}")
            if problems and problems[-1].startswith(f"{role} {url}:"):
                page.screenshot(path=artifacts / f"{role}-{view.replace(':', '-')}.png", full_page=True)
            # axe once a view and outcome: the layout is the template's, whoever looks at it.
            if (view, response.status) not in checked:
                checked.add((view, response.status))
                page.screenshot(
                    path=artifacts / f"{view.replace(':', '-')}-{response.status}.png", full_page=True
                )
                axe_check(page)
        context.close()
    assert not problems, "too wide for a 390 px phone:\n" + "\n".join(problems)
