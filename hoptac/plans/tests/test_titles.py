"""A plan or an activity always has a title: spaces and invisible characters are not one. The rule is
the services' (checked_title), so the web forms and the API refuse the same titles."""

import pytest
from django.urls import reverse
from django.utils import translation

from hoptac.plans.errors import EmptyTitle
from hoptac.plans.forms import ActivityForm, PlanForm
from hoptac.plans.services.authoring import activity_add, plan_create, plan_update
from hoptac.plans.services.changes import activity_update
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

BLANKS = ["", "   ", "\u200b", "\u00a0\u200b\t"]
IN_VIETNAMESE = "Hãy nhập tiêu đề: tiêu đề không được để trống hoặc chỉ có dấu cách."


@pytest.mark.parametrize("title", BLANKS)
def test_every_service_refuses_a_blank_title(world, title):
    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch", by=staff)
    activity = activity_add(plan=plan, title="Hội nghị", by=staff)
    with pytest.raises(EmptyTitle):
        plan_create(title=title, by=staff)
    with pytest.raises(EmptyTitle):
        plan_update(plan=plan, title=title, by=staff)
    with pytest.raises(EmptyTitle):
        activity_add(plan=plan, title=title, by=staff)
    with pytest.raises(EmptyTitle):
        activity_update(activity=activity, version=activity.version, by=staff, title=title)
    activity.refresh_from_db()
    plan.refresh_from_db()
    assert (plan.title, activity.title) == ("Kế hoạch", "Hội nghị")


def test_a_title_is_kept_in_nfc_and_trimmed(world):
    plan = plan_create(title=" Ke\u0302\u0301 hoa\u0323ch\u200b ", by=world["users"]["staff"])
    assert plan.title == "Kế hoạch"


@pytest.mark.parametrize("title", ["\u200b", " \u200b "])
def test_the_activity_form_says_in_vietnamese_that_a_title_is_needed(client, world, title):
    staff = world["users"]["staff"]
    activity = make_plan(issuer=world["ours"], activities=1).activities.get()
    client.force_login(staff)
    with translation.override("vi"):
        response = client.post(
            reverse("plans:activity-edit", args=[activity.pk]),
            {"version": 1, "title": title, "keep": []},
            HTTP_ACCEPT_LANGUAGE="vi",
        )
    assert response.status_code == 400
    assert IN_VIETNAMESE in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Hoạt động 1"


def test_the_plan_form_refuses_an_invisible_title(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(
        reverse("plans:new"), {"title": "\u200b", "kind": "plan"}, HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 400
    assert IN_VIETNAMESE in response.content.decode()


def test_a_new_activity_with_an_invisible_title_is_not_added(client, world):
    plan = make_plan(issuer=world["ours"], activities=1)
    client.force_login(world["users"]["staff"])
    client.post(reverse("plans:activity-add", args=[plan.pk]), {"title": "\u200b"})
    assert plan.activities.count() == 1


def test_an_activitys_title_is_its_name_and_a_plans_its_summary_in_vietnamese():
    with translation.override("vi"):
        assert ActivityForm().fields["title"].label == "Tên hoạt động"
        assert PlanForm().fields["title"].label == "Trích yếu"


def test_the_services_refuse_a_title_too_long_and_an_end_before_the_start(world):
    """The rules that guard the data are the services', whatever calls them (a form, the API, a
    script): a title of 2,001 characters and an end before the start change nothing."""
    from datetime import date

    from hoptac.plans.errors import EndBeforeStart, TitleTooLong

    staff = world["users"]["staff"]
    plan = plan_create(title="Kế hoạch", by=staff)
    activity = activity_add(plan=plan, title="Hội nghị", by=staff)
    with pytest.raises(TitleTooLong):
        plan_create(title="x" * 2001, by=staff)
    with pytest.raises(TitleTooLong):
        activity_update(activity=activity, version=activity.version, by=staff, title="x" * 2001)
    with pytest.raises(EndBeforeStart):
        activity_update(
            activity=activity,
            version=activity.version,
            by=staff,
            starts_on=date(2026, 5, 2),
            ends_on=date(2026, 5, 1),
        )
    activity_update(activity=activity, version=activity.version, by=staff, starts_on=date(2026, 5, 2))
    activity.refresh_from_db()
    with pytest.raises(EndBeforeStart):  # the end alone, before the start already stored
        activity_update(activity=activity, version=activity.version, by=staff, ends_on=date(2026, 4, 30))
    activity.refresh_from_db()
    assert (activity.title, activity.starts_on, activity.ends_on) == ("Hội nghị", date(2026, 5, 2), None)
