"""Reminder rules over the API: the alliance's administrator keeps them; another alliance's rule is a
404; any other role a 403."""

import pytest

from hoptac.plans.tests.factories import api_caller
from hoptac.reminders.models import ReminderRule, RuleKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, world):
    return api_caller(client, world)


def test_the_alliance_admin_keeps_the_rules(api, world):
    made = api("alliance_admin", "post", "/api/reminders/rules", {"kind": "before_end", "days": 5})
    assert made.status_code == 201
    rule_id = made.json()["id"]
    twin = api("alliance_admin", "post", "/api/reminders/rules", {"kind": "before_end", "days": 5})
    assert twin.status_code == 400
    changed = {"kind": "before_end", "days": 7, "weekday": 0, "sends_email": False}
    assert api("alliance_admin", "put", f"/api/reminders/rules/{rule_id}", changed).json()["days"] == 7
    assert len(api("alliance_admin", "post", "/api/reminders/rules/defaults").json()) == 4
    assert len(api("alliance_admin", "get", "/api/reminders/rules").json()) == 5
    assert api("alliance_admin", "delete", f"/api/reminders/rules/{rule_id}").status_code == 204
    assert ReminderRule.objects.filter(organisation=world["ours"]).count() == 4


def test_other_roles_and_alliances(api, world):
    theirs = ReminderRule.objects.create(organisation=world["other"], kind=RuleKind.OVERDUE)
    body = {"kind": "overdue"}
    assert api("alliance_admin", "put", f"/api/reminders/rules/{theirs.pk}", body).status_code == 404
    assert api("alliance_admin", "delete", f"/api/reminders/rules/{theirs.pk}").status_code == 404
    for role in ("staff", "leader", "office", "member"):
        assert api(role, "post", "/api/reminders/rules", body).status_code == 403
        assert api(role, "get", "/api/reminders/rules").status_code == 403
        assert api(role, "put", f"/api/reminders/rules/{theirs.pk}", body).status_code == 404
    assert ReminderRule.objects.count() == 1
