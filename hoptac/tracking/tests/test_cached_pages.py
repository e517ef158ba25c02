"""The tracking pages are cached (dashboard_views.py), and never stale: a report, a bulk update behind
the services' back, an estimate moving, or a new day each change what is served."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from hoptac.core.generation import data_generation
from hoptac.plans.models import Activity, ProgressState
from hoptac.plans.tests.factories import make_plan
from hoptac.tracking.models import CostEstimate, Supervision
from hoptac.tracking.tests.helpers import activity_at

pytestmark = pytest.mark.django_db


def test_the_dashboard_follows_writes_and_days(client, world, django_assert_max_num_queries):
    plan = make_plan(issuer=world["ours"])
    activity = activity_at(plan, "Tháng 4/2024", lead=world["office"])
    client.force_login(world["users"]["staff"])
    url = reverse("tracking:dashboard")
    with time_machine.travel(date(2024, 4, 10), tick=False):
        assert "đang thực hiện trong hạn: 1" in client.get(url).content.decode()
        with django_assert_max_num_queries(4):  # served from the cache
            client.get(url)
        Activity.objects.filter(pk=activity.pk).update(
            progress_state=ProgressState.DONE, completed_on=date(2024, 4, 9)
        )
        assert "hoàn thành đúng hạn: 1" in client.get(url).content.decode()
        Activity.objects.filter(pk=activity.pk).update(progress_state=ProgressState.IN_PROGRESS)
    with time_machine.travel(date(2024, 5, 2), tick=False):
        # Nothing was written, but the month is over: the same activity is now overdue.
        assert "quá hạn: 1" in client.get(url).content.decode()


def test_estimates_and_supervisions_raise_the_generation(world):
    plan = make_plan(issuer=world["office"])
    before = data_generation()
    estimate = CostEstimate.objects.create(plan=plan)
    assert data_generation() > before
    now = data_generation()
    CostEstimate.objects.filter(pk=estimate.pk).update(state="submitted")
    assert data_generation() > now
    now = data_generation()
    Supervision.objects.create(department=world["office"], vice_chair=world["users"]["leader"])
    assert data_generation() > now


def test_the_plan_pages_split_follows_a_write_to_its_plan_alone(client, world):
    plan = make_plan(issuer=world["ours"])
    other = make_plan(issuer=world["ours"])
    activity = activity_at(plan, "Tháng 4/2024", lead=world["office"])
    activity_at(other, "Tháng 4/2024", lead=world["office"])
    client.force_login(world["users"]["staff"])
    with time_machine.travel(date(2024, 4, 10), tick=False):
        assert "đang thực hiện trong hạn: 1" in client.get(plan.get_absolute_url()).content.decode()
        Activity.objects.filter(plan=other).update(progress_state=ProgressState.DONE)
        assert "đang thực hiện trong hạn: 1" in client.get(plan.get_absolute_url()).content.decode()
        Activity.objects.filter(pk=activity.pk).update(
            progress_state=ProgressState.DONE, completed_on=date(2024, 4, 9)
        )
        page = client.get(plan.get_absolute_url()).content.decode()
        assert "hoàn thành đúng hạn: 1" in page
        assert "đang thực hiện trong hạn: 1" not in page


def test_the_dashboards_rows_link_each_plan_and_escape_its_title(client, world):
    plan = make_plan(issuer=world["ours"], title="<b>Kế hoạch</b> tuyên truyền & vận động")
    activity_at(plan, "Tháng 3/2024", lead=world["office"])
    client.force_login(world["users"]["staff"])
    with time_machine.travel(date(2024, 4, 10), tick=False):
        page = client.get(reverse("tracking:dashboard")).content.decode()
    assert f'<a href="{plan.get_absolute_url()}">{plan.number}</a>' in page
    assert "&lt;b&gt;Kế hoạch&lt;/b&gt; tuyên truyền &amp; vận động" in page
    assert "<b>Kế hoạch</b>" not in page
    # The office leads one activity, overdue since April: its row counts it.
    assert '<tr><td>Văn phòng</td><td class="number">0%</td><td class="number">1</td>' in page
