from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse

from hoptac.accounts.services import api_token_create
from hoptac.reminders.context_processors import unread_notifications
from hoptac.reminders.models import MuteSetting, Notification, ReminderRule, RuleKind, Weekday
from hoptac.reminders.services.notifications import DEFAULT_RULES, rules_create_defaults
from hoptac.reminders.tests.conftest import activity_at, add_rule, run_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def reminded(world, office_user, plan):
    """Two notifications for the office's member, and one for the member cooperative."""
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    add_rule(world["ours"], RuleKind.BEFORE_END, 3)
    activity_at(plan, "Tháng 4/2024", lead=world["office"], coordinating=[world["member"]])
    run_on(date(2024, 3, 29))
    run_on(date(2024, 4, 27))
    assert Notification.objects.filter(recipient=office_user).count() == 2
    return Notification.objects.filter(recipient=office_user)


def test_the_notifications_page_lists_mine_only(client, office_user, reminded, world):
    client.force_login(office_user)
    response = client.get(reverse("reminders:notifications"))
    assert response.status_code == 200
    assert list(response.context["page"]) == list(reminded)
    other = Notification.objects.filter(recipient=world["users"]["member"]).first()
    assert client.post(reverse("reminders:read", args=[other.pk])).status_code == 404


def test_mark_one_read_with_htmx_then_all(client, office_user, reminded):
    client.force_login(office_user)
    first, second = reminded
    response = client.post(reverse("reminders:read", args=[first.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="notification-{first.pk}"' in response.content.decode()
    assert "notification--unread" not in response.content.decode()
    first.refresh_from_db()
    assert first.read_at is not None
    unread = client.get(reverse("reminders:notifications") + "?unread=1")
    assert list(unread.context["page"]) == [second]
    assert client.post(reverse("reminders:read-all")).status_code == 302
    assert not Notification.objects.filter(recipient=office_user, read_at__isnull=True).exists()


def test_the_header_count_comes_with_the_user_row(client, office_user, reminded, django_assert_num_queries):
    client.force_login(office_user)
    request = client.get(reverse("reminders:notifications")).wsgi_request
    assert request.user.unread_notifications == 2  # annotated by the backend (USER_ROW_ANNOTATIONS)
    with django_assert_num_queries(0):
        assert unread_notifications(request) == {"unread_notifications": 2}


def test_a_user_loaded_otherwise_is_counted_once_and_only_if_shown(
    rf, office_user, reminded, django_assert_num_queries
):
    request = rf.get("/")
    request.user = office_user
    shown = Template("{% if unread_notifications %}{{ unread_notifications }}{% endif %}")
    with django_assert_num_queries(1):  # read twice, counted once
        assert shown.render(Context(unread_notifications(request))) == "2"
    with django_assert_num_queries(0):  # an htmx fragment does not show the header
        assert Template("<tr></tr>").render(Context(unread_notifications(request))) == "<tr></tr>"


def test_a_visitor_has_no_count(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert unread_notifications(request) == {}


def test_a_person_mutes_reminders_on_the_settings_page(client, office_user):
    client.force_login(office_user)
    url = reverse("reminders:settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"mutes_overdue": "on", "mutes_weekly_digest": "on"})
    assert response.status_code == 302
    mutes = MuteSetting.objects.get(user=office_user)
    assert (mutes.mutes_all, mutes.mutes_overdue, mutes.mutes_weekly_digest) == (False, True, True)
    assert client.post(url, {}).status_code == 302
    mutes.refresh_from_db()
    assert not mutes.mutes_overdue


def test_pages_need_a_login(client):
    for name in ("reminders:settings", "reminders:notifications", "reminders:rules"):
        assert client.get(reverse(name)).status_code == 302


def test_only_an_alliance_admin_edits_the_rules(client, world):
    for role in ("staff", "leader", "office", "member", "admin", "viewer"):
        client.force_login(world["users"][role])
        assert client.get(reverse("reminders:rules")).status_code == 403, role
    rule = add_rule(world["other"], RuleKind.OVERDUE)
    client.force_login(world["users"]["alliance_admin"])
    assert client.get(reverse("reminders:rule-edit", args=[rule.pk])).status_code == 404
    assert client.post(reverse("reminders:rule-delete", args=[rule.pk])).status_code == 404


def test_an_alliance_admin_adds_the_defaults_then_a_rule_then_edits_it(client, world):
    ours = world["ours"]
    client.force_login(world["users"]["alliance_admin"])
    assert client.get(reverse("reminders:rules")).status_code == 200
    assert client.post(reverse("reminders:rules-defaults")).status_code == 302
    assert ReminderRule.objects.filter(organisation=ours).count() == len(DEFAULT_RULES)
    client.post(reverse("reminders:rules-defaults"))
    assert ReminderRule.objects.filter(organisation=ours).count() == len(DEFAULT_RULES)

    new = {"kind": RuleKind.BEFORE_START, "days": 7, "weekday": 0, "sends_email": "on", "is_active": "on"}
    assert client.post(reverse("reminders:rules"), new).status_code == 302
    rule = ReminderRule.objects.get(organisation=ours, kind=RuleKind.BEFORE_START, days=7)
    assert (rule.sends_email, rule.sends_in_app) == (True, False)

    again = client.post(reverse("reminders:rules"), new)
    assert again.status_code == 400
    assert "7" in again.context["form"].non_field_errors()[0]
    nothing = client.post(reverse("reminders:rules"), {**new, "days": 8, "sends_email": ""})
    assert nothing.status_code == 400
    too_far = client.post(reverse("reminders:rules"), {**new, "days": 61})
    assert too_far.status_code == 400
    assert too_far.context["form"].errors["days"]

    edit = {"kind": RuleKind.WEEKLY_DIGEST, "days": 5, "weekday": Weekday.FRIDAY, "sends_in_app": "on"}
    assert client.post(reverse("reminders:rule-edit", args=[rule.pk]), edit).status_code == 400  # one digest
    ReminderRule.objects.filter(organisation=ours, kind=RuleKind.WEEKLY_DIGEST).delete()
    assert client.post(reverse("reminders:rule-edit", args=[rule.pk]), edit).status_code == 302
    rule.refresh_from_db()
    assert (rule.kind, rule.days, rule.weekday, rule.is_active) == (RuleKind.WEEKLY_DIGEST, 0, 4, False)

    assert client.post(reverse("reminders:rule-delete", args=[rule.pk])).status_code == 302
    assert not ReminderRule.objects.filter(pk=rule.pk).exists()


def test_defaults_for_a_setup_script(world):
    created = rules_create_defaults(alliance=world["ours"], by=None)
    summary = {(rule.kind, rule.days, rule.weekday) for rule in created}
    assert summary == {
        (RuleKind.BEFORE_START, 3, 0),
        (RuleKind.BEFORE_END, 3, 0),
        (RuleKind.OVERDUE, 0, 0),
        (RuleKind.WEEKLY_DIGEST, 0, Weekday.MONDAY),
    }


@pytest.fixture
def office_auth(office_user):
    _, token = api_token_create(user=office_user)
    return {"Authorization": f"Bearer {token}"}


def test_api_lists_and_marks_my_notifications(client, office_auth, reminded, world):
    listing = client.get("/api/reminders/notifications", headers=office_auth)
    assert listing.status_code == 200
    items = listing.json()["items"]
    assert [item["id"] for item in items] == [n.pk for n in reminded]
    assert {item["kind"] for item in items} == {RuleKind.BEFORE_START, RuleKind.BEFORE_END}
    assert all(item["read_at"] is None and item["subject"] for item in items)

    first = items[0]["id"]
    marked = client.post(f"/api/reminders/notifications/{first}/read", headers=office_auth)
    assert marked.status_code == 200
    assert marked.json()["read_at"] is not None
    unread = client.get("/api/reminders/notifications?unread=true", headers=office_auth).json()
    assert [item["id"] for item in unread["items"]] == [items[1]["id"]]
    assert client.get("/api/reminders/notifications/unread-count", headers=office_auth).json() == {
        "unread": 1
    }
    assert client.post("/api/reminders/notifications/read", headers=office_auth).json() == {"marked": 1}

    other = Notification.objects.filter(recipient=world["users"]["member"]).first()
    assert (
        client.post(f"/api/reminders/notifications/{other.pk}/read", headers=office_auth).status_code == 404
    )
    assert client.get("/api/reminders/notifications").status_code == 401


def test_api_gets_and_sets_my_mutes(client, office_auth, office_user):
    assert client.get("/api/reminders/mutes", headers=office_auth).json() == {
        "mutes_all": False,
        "mutes_before_start": False,
        "mutes_before_end": False,
        "mutes_overdue": False,
        "mutes_weekly_digest": False,
    }
    patched = client.patch(
        "/api/reminders/mutes", {"mutes_all": True}, content_type="application/json", headers=office_auth
    )
    assert patched.status_code == 200
    assert patched.json()["mutes_all"] is True
    assert MuteSetting.objects.get(user=office_user).mutes_all
    bad = client.patch(
        "/api/reminders/mutes", {"mutes_all": "maybe"}, content_type="application/json", headers=office_auth
    )
    assert bad.status_code == 422


def test_the_header_counts_unread_notifications_without_a_query_of_its_own(client, office_user, reminded):
    client.force_login(office_user)
    home = client.get(reverse("home:home")).content.decode()
    assert '<span class="count" aria-label="2 chưa đọc">2</span>' in home
    first, _ = reminded
    client.post(reverse("reminders:read", args=[first.pk]))
    assert (
        '<span class="count" aria-label="1 chưa đọc">1</span>'
        in client.get(reverse("home:home")).content.decode()
    )
    client.post(reverse("reminders:read-all"))
    assert 'class="count" aria-label' not in client.get(reverse("home:home")).content.decode()


def test_a_reminder_run_raises_its_recipients_counters_alone(office_user, world, plan):
    """A reminder run empties no page's fragments, only its recipients' user rows (docs/adr/0025)."""
    from hoptac.accounts.backends import UserWithOrganisationBackend

    backend = UserWithOrganisationBackend()
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    activity_at(plan, "Tháng 4/2024", lead=world["office"])
    staff = backend.get_user(world["users"]["staff"].pk)
    office = backend.get_user(office_user.pk)
    assert office.unread_notifications == 0
    run_on(date(2024, 3, 29))
    assert backend.get_user(staff.pk).data_generation == staff.data_generation
    office_after = backend.get_user(office_user.pk)
    assert office_after.data_generation == office.data_generation
    assert office_after.unread_notifications == 1  # the user row cached before the run was not served


def test_the_cached_header_shows_a_new_notification_and_its_own_user(client, office_user, world, plan):
    """The menu is kept per user and language (home/templatetags/header_parts.py): a reminder run must
    show in it at once, and one user's menu must never be served to another."""
    add_rule(world["ours"], RuleKind.BEFORE_START, 3)
    activity_at(plan, "Tháng 4/2024", lead=world["office"])
    client.force_login(office_user)
    url = reverse("plans:list")
    assert '<span class="count"' not in client.get(url).content.decode()
    assert '<span class="count"' not in client.get(url).content.decode()  # from the cache now
    run_on(date(2024, 3, 29))
    assert 'chưa đọc">1</span>' in client.get(url).content.decode()
    client.force_login(world["users"]["staff"])
    page = client.get(url).content.decode()
    assert "bn.staff" in page
    assert office_user.username not in page
    assert '<span class="count"' not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">Plans</a>" in client.get(url).content.decode()
