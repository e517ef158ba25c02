from datetime import date, datetime, timedelta

import icalendar
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from hoptac.accounts.models import UserRole
from hoptac.accounts.services import token_digest
from hoptac.calendars.errors import CalendarError
from hoptac.calendars.models import CalendarToken, FeedScope
from hoptac.calendars.services import MAX_ACTIVE_TOKENS, calendar_token_create, calendar_token_revoke
from hoptac.calendars.tests.conftest import add_activity, days
from hoptac.plans.models import ProgressState, Recipient
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + timedelta(days=10)


def feed_url(secret: str) -> str:
    return reverse("calendars:feed", kwargs={"token": secret})


def read_feed(client, secret: str) -> icalendar.Calendar:
    response = client.get(feed_url(secret))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(feed: icalendar.Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in feed.events}


def test_the_feed_parses_back_with_all_day_events(client, world):
    office = world["users"]["office"]
    plan = make_plan(issuer=world["ours"])
    year_end = date(TODAY.year, 12, 20)
    spanning = add_activity(
        plan,
        lead=world["office"],
        number="1.2.",
        title="Hội nghị tổng kết năm và triển khai nhiệm vụ năm sau của Liên minh Hợp tác xã tỉnh Bắc Ninh",
        time_text=f"Từ 20/12/{TODAY.year} đến 10/01/{TODAY.year + 1}",
        **days(year_end, date(TODAY.year + 1, 1, 10)),
    )
    tentative = add_activity(plan, lead=world["office"], **days(SOON, SOON), is_tentative=True)
    _, secret = calendar_token_create(owner=office, scope=FeedScope.PERSON)
    feed = read_feed(client, secret)
    assert feed["METHOD"] == "PUBLISH"
    assert feed["VERSION"] == "2.0"
    assert "hoptac" in str(feed["PRODID"])
    assert str(feed["X-WR-CALNAME"]) == f"hoptac · {office.username}"
    events = {str(event["UID"]): event for event in feed.events}
    assert set(events) == {f"activity-{spanning.pk}@hoptac", f"activity-{tentative.pk}@hoptac"}
    event = events[f"activity-{spanning.pk}@hoptac"]
    assert event["DTSTART"].dt == year_end
    assert not isinstance(event["DTSTART"].dt, datetime)  # an all-day date, VALUE=DATE
    assert event["DTEND"].dt == date(TODAY.year + 1, 1, 11)  # exclusive: the day after the last
    assert str(event["SUMMARY"]).startswith("1.2. Hội nghị tổng kết năm")
    description = str(event["DESCRIPTION"])
    assert plan.number in description
    assert f"Từ 20/12/{TODAY.year} đến 10/01/{TODAY.year + 1}" in description
    assert world["office"].name in description
    assert str(event["URL"]).endswith(f"/plans/{plan.pk}/#activity-{spanning.pk}")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event
    assert str(events[f"activity-{tentative.pk}@hoptac"]["STATUS"]) == "TENTATIVE"
    raw = client.get(feed_url(secret)).content
    assert b"DTSTART;VALUE=DATE:" in raw
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in raw
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded


def test_the_secret_is_stored_only_as_its_digest(world):
    token, secret = calendar_token_create(owner=world["users"]["office"], scope=FeedScope.PERSON)
    assert len(secret) >= 40
    assert token.digest == token_digest(secret)
    assert not CalendarToken.objects.filter(digest=secret).exists()


def test_a_revoked_or_unknown_token_is_404(client, world):
    token, secret = calendar_token_create(owner=world["users"]["office"], scope=FeedScope.PERSON)
    assert client.get(feed_url(secret)).status_code == 200
    calendar_token_revoke(token=token, by=world["users"]["office"])
    assert client.get(feed_url(secret)).status_code == 404
    assert client.get(feed_url("x" * 43)).status_code == 404


def test_an_inactive_owner_gets_nothing(client, world):
    owner = world["users"]["office"]
    _, secret = calendar_token_create(owner=owner, scope=FeedScope.PERSON)
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert client.get(feed_url(secret)).status_code == 404


def test_another_alliances_plans_never_appear(client, world):
    staff = world["users"]["staff"]
    ours = make_plan(issuer=world["ours"])
    add_activity(ours, lead=world["ours"], title="Của Bắc Ninh", **days(SOON, SOON))
    theirs = make_plan(issuer=world["other"])
    add_activity(theirs, lead=world["other"], title="Của An Giang", **days(SOON, SOON))
    # Named as a person on the other alliance's plan, which is still not addressed to us.
    add_activity(theirs, person=staff, title="Giao đích danh", **days(SOON, SOON))
    _, mine = calendar_token_create(owner=staff, scope=FeedScope.PERSON)
    _, of_them = calendar_token_create(owner=staff, scope=FeedScope.ORGANISATION, organisation=world["other"])
    assert summaries(read_feed(client, mine)) == {"1. Của Bắc Ninh"}
    assert summaries(read_feed(client, of_them)) == set()
    # The national viewer may read every plan: the same organisation's feed then shows its activity.
    _, viewer = calendar_token_create(
        owner=world["users"]["viewer"], scope=FeedScope.ORGANISATION, organisation=world["other"]
    )
    assert summaries(read_feed(client, viewer)) == {"1. Của An Giang"}


def test_a_person_sees_their_unit_and_what_is_assigned_to_them(client, world):
    office = world["users"]["office"]
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, lead=world["office"], title="Của văn phòng", **days(SOON, SOON))
    add_activity(plan, lead=world["advice"], title="Của phòng tư vấn", **days(SOON, SOON))
    add_activity(plan, person=office, title="Giao cho tôi", **days(SOON, SOON))
    add_activity(plan, lead=world["office"], title="Chưa có ngày")
    add_activity(
        plan,
        lead=world["office"],
        title="Đã lâu",
        **days(TODAY - timedelta(days=400), TODAY - timedelta(days=380)),
    )
    _, secret = calendar_token_create(owner=office, scope=FeedScope.PERSON)
    assert summaries(read_feed(client, secret)) == {"1. Của văn phòng", "3. Giao cho tôi"}
    # The alliance's feed has its departments' activities, but not those assigned to a person only.
    _, alliance = calendar_token_create(
        owner=world["users"]["staff"], scope=FeedScope.ORGANISATION, organisation=world["ours"]
    )
    assert summaries(read_feed(client, alliance)) == {"1. Của văn phòng", "2. Của phòng tư vấn"}


def test_a_feed_follows_what_its_owner_may_read_now(client, world):
    member = world["users"]["member"]
    plan = make_plan(issuer=world["ours"], recipients=[world["member"]])
    add_activity(plan, lead=world["member"], title="Báo cáo", **days(SOON, SOON))
    _, secret = calendar_token_create(owner=member, scope=FeedScope.PERSON)
    assert summaries(read_feed(client, secret)) == {"1. Báo cáo"}
    # The lead assignment alone would still make the plan readable; drop both.
    Recipient.objects.filter(plan=plan).delete()
    plan.activities.get().assignments.all().delete()
    assert summaries(read_feed(client, secret)) == set()


def test_an_organisation_no_longer_visible_closes_the_feed(client, world):
    staff = world["users"]["staff"]
    _, secret = calendar_token_create(owner=staff, scope=FeedScope.ORGANISATION, organisation=world["member"])
    assert client.get(feed_url(secret)).status_code == 200
    staff.organisation = world["other"]  # moved to another alliance, whose members the member is not
    staff.role = UserRole.ALLIANCE_STAFF
    staff.save(update_fields=["organisation", "role"])
    assert client.get(feed_url(secret)).status_code == 404


def test_a_cancelled_activity_is_a_cancelled_event(client, world):
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, lead=world["office"], progress_state=ProgressState.CANCELLED, **days(SOON, SOON))
    _, secret = calendar_token_create(owner=world["users"]["office"], scope=FeedScope.PERSON)
    assert [str(e["STATUS"]) for e in read_feed(client, secret).events] == ["CANCELLED"]


def test_the_feed_query_count_does_not_grow_with_events(client, world, django_assert_max_num_queries):
    _, secret = calendar_token_create(owner=world["users"]["office"], scope=FeedScope.PERSON)
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, lead=world["office"], **days(SOON, SOON))
    with django_assert_max_num_queries(10) as one:
        assert client.get(feed_url(secret)).status_code == 200
    for _ in range(3):
        busy = make_plan(issuer=world["ours"])
        for day in range(30):
            add_activity(
                busy, lead=world["office"], **days(SOON + timedelta(days=day), SOON + timedelta(days=day))
            )
    with django_assert_max_num_queries(len(one)):
        assert len(read_feed(client, secret).events) == 91


def test_a_head_request_is_answered(client, world):
    _, secret = calendar_token_create(owner=world["users"]["office"], scope=FeedScope.PERSON)
    assert client.head(feed_url(secret)).status_code == 200


def test_a_person_has_a_limited_number_of_active_links(world):
    owner = world["users"]["office"]
    for _ in range(MAX_ACTIVE_TOKENS):
        calendar_token_create(owner=owner, scope=FeedScope.PERSON)
    with pytest.raises(CalendarError):
        calendar_token_create(owner=owner, scope=FeedScope.PERSON)


def test_an_organisation_outside_ones_view_is_refused(world):
    other_member = world["users"]["other_member"].organisation
    with pytest.raises(PermissionDenied):
        calendar_token_create(
            owner=world["users"]["staff"], scope=FeedScope.ORGANISATION, organisation=other_member
        )
