import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hoptac.calendars.selectors import timeline_activities
from hoptac.calendars.tests.conftest import add_activity, days
from hoptac.calendars.timeline import plan_timeline
from hoptac.plans.tests.factories import make_plan

pytestmark = pytest.mark.django_db


def month_headers(response) -> list[str]:
    html = response.content.decode()
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r'<th scope="col" class="gantt__month[^"]*">(.*?)</th>', html, re.S)
    ]


def test_the_timeline_needs_a_login(client, world):
    plan = make_plan(issuer=world["ours"], activities=1)
    response = client.get(reverse("calendars:timeline", args=[plan.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_alliances_plan_is_404(client, world):
    plan = make_plan(issuer=world["ours"], activities=1)
    client.force_login(world["users"]["other_staff"])
    assert client.get(reverse("calendars:timeline", args=[plan.pk])).status_code == 404


def test_month_columns_run_across_the_year_end(client, world):
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, **days(date(2024, 11, 15), date(2024, 12, 31)))
    add_activity(plan, **days(date(2024, 12, 20), date(2025, 2, 10)), title="Tổng kết năm")
    client.force_login(world["users"]["staff"])
    response = client.get(reverse("calendars:timeline", args=[plan.pk]))
    assert response.status_code == 200
    assert month_headers(response) == ["November 2024", "December 2024", "January 2025", "February 2025"]
    html = response.content.decode()
    assert 'aria-label="2. Tổng kết năm: 20/12/2024 to 10/02/2025, overdue"' in html


def test_bars_are_placed_in_months_and_coloured_by_standing():
    class Row:
        def __init__(self, starts, ends, standing="overdue", depth=0):
            self.starts_on, self.ends_on, self.standing, self.depth = starts, ends, standing, depth
            self.is_tentative = False

    rows = [
        Row(None, None),  # a heading: its sub-activities give it a summary line
        Row(date(2024, 3, 1), date(2024, 3, 31), depth=1),
        Row(date(2024, 4, 1), date(2024, 4, 30), "in_term", depth=1),
        Row(None, date(2024, 5, 31), "not_started", depth=1),  # a deadline alone: its one day
    ]
    chart = plan_timeline(rows, today=date(2024, 4, 16))
    assert [m.first for m in chart.months] == [date(2024, 3, 1), date(2024, 4, 1), date(2024, 5, 1)]
    april = chart.rows[2]
    assert (april.bar.left, april.bar.width) == (33.333, 33.333)
    assert april.bar_style == "left: 33.333%; width: 33.333%; --bar: #1565c0"
    assert chart.rows[3].bar.left == pytest.approx(100 - 100 / 3 / 31, abs=0.001)
    assert chart.rows[0].bar is None
    assert (chart.rows[0].summary.starts_on, chart.rows[0].summary.ends_on) == (
        date(2024, 3, 1),
        date(2024, 5, 31),
    )
    # The 16th of April's middle: 15.5 of its 30 days into the second month.
    assert chart.today_left == pytest.approx((1 + 15.5 / 30) / 3 * 100, abs=0.001)
    assert [label for label, _ in chart.legend] == [
        "in progress within its term",
        "overdue",
        "not yet started",
    ]


def test_a_stray_date_does_not_make_thousands_of_columns():
    class Row:
        starts_on, ends_on, standing, depth, is_tentative = (
            date(2024, 1, 1),
            date(2204, 1, 1),
            "in_term",
            0,
            False,
        )

    chart = plan_timeline([Row()], today=date(2024, 1, 1))
    assert len(chart.months) == 120
    assert chart.rows[0].bar.is_cut
    assert chart.rows[0].bar.width == 100


def test_tentative_and_undated_activities_are_marked(client, world):
    plan = make_plan(issuer=world["ours"])
    add_activity(
        plan,
        **days(date(2024, 4, 20), date(2024, 4, 25)),
        is_tentative=True,
        time_text="Dự kiến từ 20/4 đến 25/4/2024",
    )
    add_activity(plan, is_set_by_other=True, time_text="(Theo kế hoạch của Cụm)")
    add_activity(plan)
    client.force_login(world["users"]["staff"])
    html = client.get(reverse("calendars:timeline", args=[plan.pk])).content.decode()
    assert "gantt__bar gantt__bar--tentative" in html
    assert re.search(r'aria-label="1\. Hoạt động 1: 20/04/2024 to 25/04/2024, [^"]+, tentative"', html)
    assert html.count('<span class="flag">tentative</span>') == 2  # in the chart and in the table
    assert "awaiting a time set by another body" in html
    assert "no date" in html


def test_today_line_and_current_month(client, world):
    today = timezone.localdate()
    plan = make_plan(issuer=world["ours"])
    add_activity(plan, **days(today - timedelta(days=40), today + timedelta(days=40)))
    client.force_login(world["users"]["staff"])
    html = client.get(reverse("calendars:timeline", args=[plan.pk])).content.decode()
    assert html.count('class="gantt__today"') == 1
    assert "gantt__month gantt__month--current" in html
    assert f"today, {today:%d/%m/%Y}" in html


def test_a_plan_without_dates_says_so(client, world):
    plan = make_plan(issuer=world["ours"])
    add_activity(plan)
    client.force_login(world["users"]["staff"])
    response = client.get(reverse("calendars:timeline", args=[plan.pk]))
    assert response.status_code == 200
    assert "No activity of this plan has a date yet" in response.content.decode()
    assert month_headers(response) == []


def test_rows_keep_document_order_and_depth(world):
    plan = make_plan(issuer=world["ours"])
    heading = add_activity(plan, number="I.", title="Tuyên truyền")
    add_activity(plan, position=2, depth=1, parent=heading, **days(date(2024, 5, 1), date(2024, 5, 2)))
    add_activity(plan, position=1, depth=1, parent=heading, **days(date(2024, 4, 1), date(2024, 4, 2)))
    rows = timeline_activities(plan=plan, today=date(2024, 4, 10))
    assert [(a.position, a.standing) for a in rows] == [
        (0, "not_started"),
        (1, "overdue"),
        (2, "not_started"),
    ]


def test_query_count_does_not_grow_with_activities(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["office"])
    small = make_plan(issuer=world["ours"], activities=5, lead=world["office"])
    with django_assert_max_num_queries(15) as five:
        assert client.get(reverse("calendars:timeline", args=[small.pk])).status_code == 200
    big = make_plan(issuer=world["ours"], activities=100, lead=world["office"])
    with django_assert_max_num_queries(len(five)):
        response = client.get(reverse("calendars:timeline", args=[big.pk]))
    assert response.content.decode().count('class="gantt__bar"') == 100
