import pytest
from django.urls import reverse
from django.utils import timezone

from hoptac.accounts.models import User, UserRole
from hoptac.home.services.demo import DEMO_PASSWORD, MEMBERS_REQUEST, SEED_NAMES, demo_setup
from hoptac.plans.models import Activity, Plan
from hoptac.plans.tests.pages import listed_plans

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_user_per_role_and_the_seeds_and_runs_twice(client):
    first = demo_setup(today=timezone.localdate())
    assert sorted(first.imported) == sorted(
        [*SEED_NAMES.values(), "ke-hoach-thang-nay.txt", "ke-hoach-toan-quoc.txt"]
    )
    assert {u.role for u in User.objects.all()} == set(UserRole.values)
    numbers = set(Plan.objects.values_list("number", flat=True))
    assert {"14/KH-LMHTX", "133/KH-LMHTX", "04/KH-LMHTX", "344/KH-LMHTX", "90/KH-LMHTX"} <= numbers
    second = demo_setup(today=timezone.localdate())
    assert second.imported == []
    # The five seeds, the month's plan, the national plan and Bắc Ninh's draft implementing it.
    assert Plan.objects.count() == 8
    national = Plan.objects.get(number="15/KH-LMHTXVN")
    assert national.implemented_by.get().plan.issuer.name == "Liên minh Hợp tác xã tỉnh Bắc Ninh"
    assert Activity.objects.filter(progress_version=1).count() == 1  # the office's one report, once

    # The Bắc Ninh staff's home: their alliance, its plans, this month's activities of the demo plan.
    assert client.login(username="bacninh.staff", password=DEMO_PASSWORD)
    page = client.get(reverse("home:home")).content.decode()
    assert '<h1 id="dashboard-title">Liên minh Hợp tác xã tỉnh Bắc Ninh</h1>' in page
    assert "14/KH-LMHTX" in page
    assert "Hội nghị giao ban tháng với các phòng, đơn vị" in page


def test_the_member_sees_only_what_is_addressed_to_it(client):
    demo_setup(today=timezone.localdate())
    assert client.login(username="htx.tamson", password=DEMO_PASSWORD)
    listed = {p.number for p in listed_plans(client.get(reverse("plans:list")))}
    assert "14/KH-LMHTX" not in listed  # Bắc Ninh's plan 14 is not addressed to its members


def test_the_member_s_day_has_seed_002_s_request_to_members(client):
    demo_setup(today=timezone.localdate())
    assert client.login(username="htx.tamson", password=DEMO_PASSWORD)
    home = client.get(reverse("home:home")).content.decode()
    assert "04/KH-LMHTX" in home  # An Giang's plan, addressed to its members
    work = client.get(reverse("tracking:my-work")).content.decode()
    assert MEMBERS_REQUEST[:60] in work
    plan = Plan.objects.get(number="04/KH-LMHTX")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert SEED_NAMES["002_06325638f0b0109d.txt"] in page  # the name uploaded, not the stored one
    assert "002_06325638f0b0109d" not in page
    assert demo_setup(today=timezone.localdate()).imported == []
    assert plan.activities.filter(title=MEMBERS_REQUEST).count() == 1
