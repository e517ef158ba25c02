"""The cached plan list is never stale: any write to what it shows, by any path, changes its key."""

import pytest
from django.urls import reverse

from hoptac.core.generation import data_generation
from hoptac.orgs.models import Organisation
from hoptac.plans.models import Activity, Plan
from hoptac.plans.tests.factories import make_plan
from hoptac.plans.tests.pages import listed_plans

pytestmark = pytest.mark.django_db


def test_every_kind_of_write_raises_the_generation(world):
    before = data_generation()
    plan = make_plan(issuer=world["ours"], activities=2)
    after_insert = data_generation()
    assert after_insert > before
    Activity.objects.filter(plan=plan).update(title="Đổi")  # a bulk update, past every service
    assert data_generation() > after_insert
    now = data_generation()
    Organisation.objects.filter(pk=world["ours"].pk).update(short_name="LMHTX Bắc Ninh")
    assert data_generation() > now
    now = data_generation()
    Plan.objects.filter(pk=plan.pk).delete()
    assert data_generation() > now


def test_the_list_shows_a_change_made_behind_its_back(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["staff"])
    url = reverse("plans:list")
    first = make_plan(issuer=world["ours"], activities=1, title="Kế hoạch thứ nhất")
    assert [p.title for p in listed_plans(client.get(url))] == ["Kế hoạch thứ nhất"]
    with django_assert_max_num_queries(2):  # served from the cache: the user and the generation
        cached = client.get(url)
    assert [p.title for p in listed_plans(cached)] == ["Kế hoạch thứ nhất"]
    Plan.objects.filter(pk=first.pk).update(title="Kế hoạch đã sửa")
    make_plan(issuer=world["ours"], activities=1, title="Kế hoạch thứ hai")
    assert {p.title for p in listed_plans(client.get(url))} == {"Kế hoạch đã sửa", "Kế hoạch thứ hai"}


def test_colleagues_share_the_list_and_other_alliances_do_not(client, world):
    make_plan(issuer=world["ours"], activities=1, title="Của Bắc Ninh")
    make_plan(issuer=world["other"], activities=1, title="Của An Giang")
    url = reverse("plans:list")
    seen = {}
    for role in ("staff", "alliance_admin", "other_staff", "member", "viewer"):
        client.force_login(world["users"][role])
        seen[role] = {p.title for p in listed_plans(client.get(url))}
    assert seen["staff"] == seen["alliance_admin"] == {"Của Bắc Ninh"}
    assert seen["other_staff"] == {"Của An Giang"}
    assert seen["member"] == set()  # same alliance, but a member sees only what is addressed to it
    assert seen["viewer"] == {"Của Bắc Ninh", "Của An Giang"}


def test_the_language_is_part_of_the_key(client, world):
    make_plan(issuer=world["ours"], activities=1)
    client.force_login(world["users"]["staff"])
    assert "kế hoạch</p>" in client.get(reverse("plans:list")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "1 plan</p>" in client.get(reverse("plans:list")).content.decode()


def test_the_plan_page_shows_an_edit_made_elsewhere(client, world, django_assert_max_num_queries):
    plan = make_plan(issuer=world["ours"], activities=3, lead=world["office"])
    client.force_login(world["users"]["staff"])
    assert "Hoạt động 2" in client.get(plan.get_absolute_url()).content.decode()
    with django_assert_max_num_queries(6):  # rows, bases and closing from the cache
        client.get(plan.get_absolute_url())
    Activity.objects.filter(plan=plan, title="Hoạt động 2").update(title="Hoạt động đã đổi tên")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Hoạt động đã đổi tên" in page
    assert "Hoạt động 2<" not in page


def test_no_cached_fragment_holds_a_csrf_token_or_a_users_name(client, world):
    """Fragments are shared between colleagues: nothing personal may be in them."""
    import pickle

    from django.core.cache import cache

    plan = make_plan(issuer=world["ours"], activities=2, lead=world["office"])
    staff = world["users"]["staff"]
    staff.first_name = "Thị Lan"
    staff.save()
    client.force_login(staff)
    for url in (
        reverse("plans:list"),
        plan.get_absolute_url(),
        reverse("home:search") + "?q=hoat+dong",
        reverse("plans:my-activities") + "?when=all",
    ):
        assert client.get(url).status_code == 200
    fragments = [pickle.loads(value) for value in cache._cache.values()]
    html = [f for f in fragments if isinstance(f, str) and "<" in f]
    assert len(html) >= 4  # the list, the activity rows, the closing part, search, activities
    for fragment in html:
        assert "csrfmiddlewaretoken" not in fragment
        assert "Thị Lan" not in fragment
