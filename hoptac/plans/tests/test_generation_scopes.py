"""Invalidation that matches the data (docs/adr/0025): a write raises the generations of those who may
read what it changed, and no one else's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hoptac.accounts.backends import UserWithOrganisationBackend
from hoptac.accounts.models import User
from hoptac.core.generation import plan_generation
from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity, Plan, Recipient
from hoptac.plans.tests.factories import make_plan
from hoptac.plans.tests.pages import listed_plans

pytestmark = pytest.mark.django_db


def generation_of(user: User):
    """The generation the user's next request keys its fragments by."""
    return UserWithOrganisationBackend().get_user(user.pk).data_generation


def test_a_write_in_an_giang_leaves_bac_ninh_alone(world):
    users = world["users"]
    ours = make_plan(issuer=world["ours"], activities=2)
    theirs = make_plan(issuer=world["other"], activities=2)
    before = {
        role: generation_of(users[role]) for role in ("staff", "office", "member", "other_staff", "viewer")
    }
    Activity.objects.filter(plan=theirs).update(title="Đổi ở An Giang")
    after = {role: generation_of(users[role]) for role in before}
    assert after["staff"] == before["staff"]
    assert after["office"] == before["office"]
    assert after["member"] == before["member"]
    assert after["other_staff"] != before["other_staff"]
    assert after["viewer"] != before["viewer"]  # who sees everything sees every write
    Activity.objects.filter(plan=ours).update(title="Đổi ở Bắc Ninh")
    assert generation_of(users["staff"]) != after["staff"]
    assert generation_of(users["office"]) != after["office"]  # a department reads its alliance's plans
    assert generation_of(users["other_staff"]) == after["other_staff"]


def test_a_plan_addressed_across_alliances_raises_both(world):
    users = world["users"]
    theirs = make_plan(issuer=world["other"], activities=1)
    Recipient.objects.create(plan=theirs, organisation=world["ours"], name="LMHTX Bắc Ninh")
    before = generation_of(users["staff"])
    Plan.objects.filter(pk=theirs.pk).update(title="Kế hoạch An Giang gửi Bắc Ninh")
    assert generation_of(users["staff"]) != before  # Bắc Ninh reads it: its lists must change
    before = generation_of(users["staff"])
    Recipient.objects.filter(plan=theirs).delete()  # no longer addressed: gone from Bắc Ninh's lists
    assert generation_of(users["staff"]) != before


def test_a_national_plan_raises_every_alliance_below(world):
    users = world["users"]
    national = make_plan(issuer=world["national"], activities=1)
    before = {role: generation_of(users[role]) for role in ("staff", "other_staff", "member")}
    Plan.objects.filter(pk=national.pk).update(title="Kế hoạch toàn quốc")
    assert all(generation_of(users[role]) != before[role] for role in before)


def test_a_login_empties_nothing_else(world, client):
    staff, leader = world["users"]["staff"], world["users"]["leader"]
    before = generation_of(staff), generation_of(leader)
    User.objects.filter(pk=leader.pk).update(last_login=timezone.now())
    client.force_login(staff)
    assert (generation_of(staff), generation_of(leader)) == before


def test_a_renamed_unit_or_person_shows_everywhere(world):
    staff = world["users"]["staff"]
    before = generation_of(staff)
    Organisation.objects.filter(pk=world["national"].pk).update(short_name="VCA")
    assert generation_of(staff) != before
    before = generation_of(staff)
    User.objects.filter(pk=world["users"]["leader"].pk).update(last_name="Nguyễn")
    assert generation_of(staff) != before


def test_the_plan_page_keeps_its_fragments_when_another_plan_changes(
    client, world, django_assert_max_num_queries
):
    first = make_plan(issuer=world["ours"], activities=3, lead=world["office"])
    second = make_plan(issuer=world["ours"], activities=3)
    generation = plan_generation(first.pk)
    Activity.objects.filter(plan=second).update(title="Đổi kế hoạch khác")
    assert plan_generation(first.pk) == generation
    Activity.objects.filter(plan=first, position=0).update(title="Đổi kế hoạch này")
    assert plan_generation(first.pk) != generation


def test_another_alliances_write_serves_the_list_from_the_cache(client, world, django_assert_max_num_queries):
    make_plan(issuer=world["ours"], activities=1, title="Của Bắc Ninh")
    theirs = make_plan(issuer=world["other"], activities=1)
    client.force_login(world["users"]["staff"])
    url = reverse("plans:list")
    assert [p.title for p in listed_plans(client.get(url))] == ["Của Bắc Ninh"]
    Plan.objects.filter(pk=theirs.pk).update(title="Đổi ở An Giang")
    with django_assert_max_num_queries(2):  # the session and the generations: the list from the cache
        served = client.get(url)
    assert [p.title for p in listed_plans(served)] == ["Của Bắc Ninh"]
