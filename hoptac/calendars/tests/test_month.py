import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from hoptac.calendars.month import month_grid
from hoptac.calendars.tests.conftest import add_activity, days
from hoptac.plans.models import Recipient
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def month_url(unit, year, month):
    return reverse("calendars:month", args=[unit.pk, year, month])


def day_cell(html: str, iso: str) -> str:
    """The HTML of one day's square of the grid."""
    match = re.search(rf'<time class="month__date" datetime="{iso}">.*?</td>', html, re.S)
    assert match, iso
    return match.group(0)


def test_weeks_start_on_monday_and_long_activities_go_above_the_grid():
    class Row:
        def __init__(self, starts, ends, precision="day"):
            self.starts_on, self.ends_on, self.precision, self.standing = starts, ends, precision, "in_term"

    month = Row(date(2024, 5, 1), date(2024, 5, 31), "month")
    week = Row(date(2024, 5, 6), date(2024, 5, 12), "week")
    long_range = Row(date(2024, 4, 20), date(2024, 5, 9), "range")
    deadline = Row(None, date(2024, 5, 20))
    grid = month_grid([month, week, long_range, deadline], first=date(2024, 5, 1), today=date(2024, 5, 7))
    # 1 May 2024 is a Wednesday: the first row starts on Monday 29 April.
    assert grid.weeks[0][0].on == date(2024, 4, 29)
    assert not grid.weeks[0][0].is_in_month
    assert [len(w) for w in grid.weeks] == [7] * 5
    assert grid.during == [month, long_range]
    on = {day.on: day.activities for week_row in grid.weeks for day in week_row}
    assert [d for d, items in on.items() if week in items] == [date(2024, 5, d) for d in range(6, 13)]
    assert on[date(2024, 5, 20)] == [deadline]
    assert [d.on for w in grid.weeks for d in w if d.is_today] == [date(2024, 5, 7)]
    assert (grid.previous, grid.next) == (date(2024, 4, 1), date(2024, 6, 1))


def test_a_month_calendar_of_the_alliance(client, world):
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, lead=world["office"], **days(date(2024, 4, 10), date(2024, 4, 11)), title="Hội nghị")
    add_activity(
        plan,
        lead=world["ours"],
        starts_on=date(2024, 4, 1),
        ends_on=date(2024, 4, 30),
        precision="month",
        time_text="Tháng 4/2024",
        title="Tuyên truyền",
    )
    add_activity(plan, lead=world["ours"], **days(date(2024, 4, 16), date(2024, 4, 16)), is_tentative=True)
    add_activity(
        plan,
        lead=world["office"],
        **days(date(2024, 4, 22), date(2024, 4, 22)),
        is_set_by_other=True,
        title="Thi cụm",
    )
    add_activity(plan, lead=world["ours"], **days(date(2024, 5, 2), date(2024, 5, 3)), title="Tháng sau")
    client.force_login(world["users"]["staff"])
    response = client.get(month_url(world["ours"], 2024, 4))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>April 2024</h1>" in html
    assert re.findall(r'<th scope="col">(\w+)</th>', html) == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    during = html.split('<ul class="during">')[1].split("</ul>")[0]
    assert "Tuyên truyền" in during
    assert "Tuyên truyền" not in html.split('<table class="month">')[1]
    assert "Hội nghị" in day_cell(html, "2024-04-10")
    assert "Hội nghị" in day_cell(html, "2024-04-11")
    assert "Hội nghị" not in day_cell(html, "2024-04-12")
    assert "is-tentative" in day_cell(html, "2024-04-16")
    assert "tentative" in day_cell(html, "2024-04-16")
    assert "time set by another body" in day_cell(html, "2024-04-22")
    assert "Tháng sau" not in html
    assert f'href="{month_url(world["ours"], 2024, 3)}"' in html
    assert f'href="{month_url(world["ours"], 2024, 5)}"' in html


def test_previous_and_next_cross_the_year(client, world):
    client.force_login(world["users"]["staff"])
    html = client.get(month_url(world["ours"], 2025, 1)).content.decode()
    assert f'href="{month_url(world["ours"], 2024, 12)}"' in html
    html = client.get(month_url(world["ours"], 2024, 12)).content.decode()
    assert f'href="{month_url(world["ours"], 2025, 1)}"' in html


def test_a_department_sees_its_own_and_nothing_of_other_alliances(client, world):
    ours = make_plan(issuer=world["ours"])
    add_activity(
        ours, lead=world["office"], **days(date(2024, 4, 10), date(2024, 4, 10)), title="Của văn phòng"
    )
    add_activity(
        ours, lead=world["advice"], **days(date(2024, 4, 10), date(2024, 4, 10)), title="Của phòng tư vấn"
    )
    theirs = make_plan(issuer=world["other"])
    add_activity(
        theirs, lead=world["other"], **days(date(2024, 4, 10), date(2024, 4, 10)), title="Của An Giang"
    )
    client.force_login(world["users"]["office"])
    html = client.get(month_url(world["office"], 2024, 4)).content.decode()
    assert "Của văn phòng" in html
    assert "Của phòng tư vấn" not in html
    # Another alliance is in the registry, but its plans are not ours to read.
    client.force_login(world["users"]["staff"])
    response = client.get(month_url(world["other"], 2024, 4))
    assert response.status_code == 200
    assert "Của An Giang" not in response.content.decode()
    # ...unless it addressed the plan to us.
    Recipient.objects.create(plan=theirs, name=world["ours"].name, organisation=world["ours"])
    assert "Của An Giang" in client.get(month_url(world["other"], 2024, 4)).content.decode()


def test_another_alliances_member_is_404(client, world):
    other_member = world["users"]["other_member"].organisation
    client.force_login(world["users"]["staff"])
    assert client.get(month_url(other_member, 2024, 4)).status_code == 404


@pytest.mark.parametrize(("year", "month"), [(2024, 13), (2024, 0), (1200, 4)])
def test_a_month_that_does_not_exist_is_404(client, world, year, month):
    client.force_login(world["users"]["staff"])
    assert client.get(month_url(world["ours"], year, month)).status_code == 404


def test_this_month_by_default_and_from_my_unit(client, world):
    today = timezone.localdate()
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, lead=world["office"], **days(today, today), title="Hôm nay")
    client.force_login(world["users"]["office"])
    response = client.get(reverse("calendars:my-month"))
    assert response.status_code == 302
    assert response["Location"] == reverse("calendars:month-current", args=[world["office"].pk])
    html = client.get(response["Location"]).content.decode()
    assert 'aria-current="date"' in html
    assert "Hôm nay" in day_cell(html, today.isoformat())


def test_activities_awaiting_a_time_are_listed(client, world):
    plan = make_plan(issuer=world["ours"])  # a plan of 2024
    add_activity(
        plan, lead=world["ours"], is_set_by_other=True, time_text="(Theo kế hoạch của Cụm)", title="Vòng cụm"
    )
    client.force_login(world["users"]["staff"])
    html = client.get(month_url(world["ours"], 2024, 8)).content.decode()
    assert "Awaiting a time set by another body" in html
    assert "Vòng cụm" in html.split("Awaiting a time set by another body")[1]
    assert "Vòng cụm" not in client.get(month_url(world["ours"], 2025, 8)).content.decode()


def test_query_count_does_not_grow_with_activities(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["staff"])
    small = make_plan(issuer=world["ours"])
    for day in range(1, 6):
        add_activity(small, lead=world["office"], **days(date(2024, 4, day), date(2024, 4, day)))
    url = month_url(world["ours"], 2024, 4)
    with django_assert_max_num_queries(15) as five:
        assert client.get(url).status_code == 200
    make_plan(issuer=world["ours"], activities=60, lead=world["office"])
    with django_assert_max_num_queries(len(five)):
        response = client.get(url)
    assert response.content.decode().count("Hoạt động") == 65
