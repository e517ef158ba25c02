"""Every role against every page and API endpoint: allowed or denied, and lists show only what is
allowed. The world: our alliance (Bắc Ninh) issued plan `ours`, led by its office and addressed to
all its members; the An Giang alliance issued `theirs`; the national alliance issued `national`,
addressed to our alliance."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hoptac.accounts.services import api_token_create
from hoptac.plans.models import AssignmentRole, Recipient
from hoptac.plans.tests.conftest import world  # noqa: F401 (the fixture)
from hoptac.plans.tests.factories import make_plan
from hoptac.plans.tests.pages import Found, listed_plans

pytestmark = pytest.mark.django_db

ROLES = [
    "admin",
    "alliance_admin",
    "staff",
    "leader",
    "office",
    "advice",
    "member",
    "other_staff",
    "other_member",
    "viewer",
]
# Which of the three plans each role reads.
READS = {
    "admin": {"ours", "theirs", "national"},
    "alliance_admin": {"ours", "national"},
    "staff": {"ours", "national"},
    "leader": {"ours", "national"},
    "office": {"ours", "national"},
    "advice": {"ours", "national"},
    "member": {"ours"},
    "other_staff": {"theirs"},
    "other_member": set(),
    "viewer": {"ours", "theirs", "national"},
}
EDITS_OFFICE_ACTIVITY = {"admin", "alliance_admin", "staff", "office"}
IMPORTS = {"admin", "alliance_admin", "staff", "other_staff"}
# Who keeps our alliance's member list, and who may cancel our issued plan.
MANAGES_OUR_MEMBERS = {"admin", "alliance_admin", "staff"}
CANCELS_OUR_PLAN = {"admin", "alliance_admin", "leader"}
# The system admin belongs to no alliance: there is none to write a new plan for.
CREATES_PLANS = IMPORTS - {"admin"}
# Who adds activities to our plan (its heading and tree).
EDITS_OUR_PLAN = {"admin", "alliance_admin", "staff"}


@pytest.fixture
def plans(world):  # noqa: F811
    ours = make_plan(
        issuer=world["ours"], activities=2, title="Kế hoạch của chúng tôi", is_addressed_to_members=True
    )
    ours.activities.order_by("position").first().assignments.create(
        organisation=world["office"], role=AssignmentRole.LEAD
    )
    theirs = make_plan(issuer=world["other"], activities=1, title="Kế hoạch An Giang")
    national = make_plan(issuer=world["national"], activities=1, title="Kế hoạch toàn quốc")
    Recipient.objects.create(plan=national, name=world["ours"].name, organisation=world["ours"])
    return {"ours": ours, "theirs": theirs, "national": national}


@pytest.mark.parametrize("role", ROLES)
def test_pages(client, world, plans, role):  # noqa: F811
    user = world["users"][role]
    client.force_login(user)
    listed = {p.title for p in listed_plans(client.get(reverse("plans:list")))}
    assert listed == {plans[name].title for name in READS[role]}
    for name, plan in plans.items():
        expected = 200 if name in READS[role] else 404
        assert client.get(plan.get_absolute_url()).status_code == expected, name
    office_activity = plans["ours"].activities.order_by("position").first()
    edit = client.get(reverse("plans:activity-edit", args=[office_activity.pk])).status_code
    if "ours" not in READS[role]:
        assert edit == 404
    else:
        assert edit == (200 if role in EDITS_OFFICE_ACTIVITY else 403)
    assert client.get(reverse("plans:import")).status_code == (200 if role in IMPORTS else 403)
    assert client.get(reverse("plans:new")).status_code == (200 if role in IMPORTS else 403)
    found = Found(client.get(reverse("home:search"), {"q": "ke hoach"}))
    assert set(found.plans) == {plans[name].title for name in READS[role]}
    assert client.get(reverse("home:home")).status_code == 200
    assert client.get(reverse("plans:my-activities")).status_code == 200
    assert client.get(reverse("orgs:mine")).status_code == (404 if role == "admin" else 302)
    assert client.get(reverse("orgs:detail", args=[world["ours"].pk])).status_code == 200
    member_page = client.get(reverse("orgs:detail", args=[world["member"].pk])).status_code
    assert member_page == (404 if role in {"other_staff", "other_member"} else 200)
    imports_members = client.get(reverse("orgs:members-import", args=[world["ours"].pk])).status_code
    assert imports_members == (200 if role in MANAGES_OUR_MEMBERS else 403)
    # Last, as it changes the plan: cancelling it.
    cancelled = client.post(reverse("plans:status", args=[plans["ours"].pk]), {"to_status": "cancelled"})
    if "ours" not in READS[role]:
        assert cancelled.status_code == 404
    else:
        assert cancelled.status_code == (302 if role in CANCELS_OUR_PLAN else 403)
        plans["ours"].refresh_from_db()
        assert (plans["ours"].status == "cancelled") == (role in CANCELS_OUR_PLAN)


@pytest.mark.parametrize("role", ROLES)
def test_api(client, world, plans, role):  # noqa: F811
    _, token = api_token_create(user=world["users"][role])
    auth = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/plans", headers=auth).json()["items"]
    assert {p["title"] for p in listed} == {plans[name].title for name in READS[role]}
    for name, plan in plans.items():
        expected = 200 if name in READS[role] else 404
        assert client.get(f"/api/plans/{plan.pk}", headers=auth).status_code == expected
        assert client.get(f"/api/plans/{plan.pk}/activities", headers=auth).status_code == expected
    activity = plans["ours"].activities.order_by("position").first()
    patched = client.patch(
        f"/api/activities/{activity.pk}",
        {"version": activity.version, "location": "Hội trường"},
        content_type="application/json",
        headers=auth,
    )
    if "ours" not in READS[role]:
        assert patched.status_code == 404
    else:
        assert patched.status_code == (200 if role in EDITS_OFFICE_ACTIVITY else 403)
    units = client.get("/api/organisations/", headers=auth)
    assert units.status_code == 200
    names = {u["name"] for u in units.json()["items"]}
    assert (world["member"].name in names) == (role not in {"other_staff", "other_member"})
    upload = SimpleUploadedFile("ke-hoach.txt", "Số: 5/KH-LMHTX\nKẾ HOẠCH\nThử nghiệm\n".encode())
    imported = client.post("/api/imports", {"file": upload}, headers=auth)
    assert imported.status_code == (201 if role in IMPORTS else 403)
    made = client.post("/api/plans", {"title": "Kế hoạch mới"}, content_type="application/json", headers=auth)
    assert made.status_code == (201 if role in CREATES_PLANS else 403)
    added = client.post(
        f"/api/plans/{plans['ours'].pk}/activities",
        {"title": "Việc mới"},
        content_type="application/json",
        headers=auth,
    )
    if "ours" not in READS[role]:
        assert added.status_code == 404
    else:
        assert added.status_code == (201 if role in EDITS_OUR_PLAN else 403)
    members = SimpleUploadedFile("thanh-vien.csv", "Tên,Mã số thuế\nHTX Yên Phong,0100109106\n".encode())
    dry_run = client.post(
        f"/api/organisations/{world['ours'].pk}/members/import?dry_run=true", {"file": members}, headers=auth
    )
    assert dry_run.status_code == (200 if role in MANAGES_OUR_MEMBERS else 403)
    # Last, as it changes the plan: cancelling it.
    cancelled = client.post(
        f"/api/plans/{plans['ours'].pk}/status",
        {"to_status": "cancelled"},
        content_type="application/json",
        headers=auth,
    )
    if "ours" not in READS[role]:
        assert cancelled.status_code == 404
    else:
        assert cancelled.status_code == (200 if role in CANCELS_OUR_PLAN else 403)


def test_api_without_a_token_is_401(client, plans):
    assert client.get("/api/plans").status_code == 401
    assert client.get("/api/plans", headers={"Authorization": "Bearer not-a-token"}).status_code == 401


def tracking_pages(world, plans) -> dict[str, str]:  # noqa: F811
    """The pages of tracking, reminders and calendars that a GET opens, by a name for the matrix."""
    activity = plans["ours"].activities.order_by("position").first()
    return {
        "progress": reverse("tracking:activity", args=[activity.pk]),
        "my-work": reverse("tracking:my-work"),
        "dashboard": reverse("tracking:dashboard"),
        "our-dashboard": reverse("tracking:unit-dashboard", args=[world["ours"].pk]),
        "office-dashboard": reverse("tracking:unit-dashboard", args=[world["office"].pk]),
        "national-table": reverse("tracking:national", args=[plans["national"].pk]),
        "supervision": reverse("tracking:supervision"),
        "reminders": reverse("reminders:settings"),
        "notifications": reverse("reminders:notifications"),
        "reminder-rules": reverse("reminders:rules"),
        "feeds": reverse("calendars:feeds"),
        "timeline": reverse("calendars:timeline", args=[plans["ours"].pk]),
        "our-month": reverse("calendars:month-current", args=[world["ours"].pk]),
        "sheet": reverse("tracking:sheet_export", args=[plans["ours"].pk]),
    }


# Who gets what other than 200 on each of them: a role that does not read the plan gets a 404; only
# the national alliance (and the admin) sees every province's progress on its plan; only an alliance's
# admin keeps its vice-chairs in charge and its reminder rules; the system admin has no unit of its own.
TRACKING_NOT_200 = {
    "progress": {"other_staff": 404, "other_member": 404},
    "dashboard": {"admin": 403},
    "national-table": dict.fromkeys(("alliance_admin", "staff", "leader", "office", "advice"), 403)
    | dict.fromkeys(("member", "other_staff", "other_member"), 404),
    "supervision": {r: 403 for r in ROLES if r != "alliance_admin"},
    "reminder-rules": {r: 403 for r in ROLES if r != "alliance_admin"},
    "timeline": {"other_staff": 404, "other_member": 404},
    "sheet": {"other_staff": 404, "other_member": 404},
}


@pytest.mark.parametrize("role", ROLES)
def test_tracking_reminders_and_calendars_pages(client, world, plans, role):  # noqa: F811
    client.force_login(world["users"][role])
    got = {name: client.get(url).status_code for name, url in tracking_pages(world, plans).items()}
    expected = {name: TRACKING_NOT_200.get(name, {}).get(role, 200) for name in got}
    assert got == expected
    my_month = client.get(reverse("calendars:my-month"))
    assert my_month.status_code == (404 if role == "admin" else 302)
