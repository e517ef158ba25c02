import pytest
from django.urls import reverse

from hoptac.core.text import fold
from hoptac.plans.models import Activity, Plan
from hoptac.plans.tests.factories import make_plan
from hoptac.plans.tests.pages import Found
from hoptac.plans.tests.test_importing import import_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(world):
    ours = make_plan(issuer=world["ours"], activities=1, title="Tổ chức Hội nghị tổng kết phong trào thi đua")
    Plan.objects.filter(pk=ours.pk).update(search_text=fold(ours.title))
    Activity.objects.filter(plan=ours).update(
        title="Đặng Đức Thính báo cáo tham luận", search_text=fold("Đặng Đức Thính báo cáo tham luận")
    )
    theirs = make_plan(issuer=world["other"], activities=0, title="Hội nghị tổng kết của An Giang")
    Plan.objects.filter(pk=theirs.pk).update(search_text=fold(theirs.title))
    return ours, theirs


@pytest.mark.parametrize("query", ["dang duc thinh", "ĐẶNG ĐỨC", "Dang Duc Thinh", "dang duc th"])
def test_search_ignores_case_and_diacritics(client, world, plans, query):
    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("portal:search"), {"q": query}))
    assert results.activities == ["Đặng Đức Thính báo cáo tham luận"]


def test_dong_finds_dong_with_its_marks(client, world, plans):
    client.force_login(world["users"]["staff"])
    Activity.objects.filter(plan=plans[0]).update(search_text=fold("Hoạt động văn nghệ"))
    results = Found(client.get(reverse("portal:search"), {"q": "dong"}))
    assert len(results.activities) == 1


def test_search_shows_only_what_the_user_may_read(client, world, plans):
    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("portal:search"), {"q": "hoi nghi tong ket"}))
    assert results.plans == ["Tổ chức Hội nghị tổng kết phong trào thi đua"]


def test_units_are_found_by_abbreviation(client, world, plans):
    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("portal:search"), {"q": "htx tam son"}))
    assert results.organisations == ["Hợp tác xã Tam Sơn"]
    other = Found(client.get(reverse("portal:search"), {"q": "htx my hoa"}))
    assert other.organisations == []  # a member of another alliance


def test_an_empty_or_symbol_query_finds_nothing_and_does_not_fail(client, world, plans):
    client.force_login(world["users"]["staff"])
    for query in ["", "   ", '"*()', "OR AND NOT"]:
        response = client.get(reverse("portal:search"), {"q": query})
        assert response.status_code == 200


def test_a_misspelt_unit_name_is_found_on_postgresql(client, world, plans):
    from django.db import connection

    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("portal:search"), {"q": "hop tac xa tam sonn"}))
    if connection.vendor == "postgresql":
        assert results.organisations == ["Hợp tác xã Tam Sơn"]
    else:  # SQLite has no trigram index: the exact words are needed
        assert results.organisations == []


def test_postgresql_folds_even_text_stored_unfolded(client, world, plans):
    from django.db import connection

    Plan.objects.filter(pk=plans[0].pk).update(search_text="Kế hoạch Đại hội ĐỒNG tâm")  # not folded
    client.force_login(world["users"]["staff"])
    found = Found(client.get(reverse("portal:search"), {"q": "dai hoi dong tam"}))
    if connection.vendor == "postgresql":  # unaccent and lower in the index
        assert found.plans == ["Tổ chức Hội nghị tổng kết phong trào thi đua"]
    else:  # SQLite relies on the services' folding alone
        assert found.plans == []


def test_the_signer_of_an_imported_plan_is_found_without_diacritics(client, world):
    import_seed(world["users"]["staff"])  # seed 000 is signed "Đặng Đức Thính"
    client.force_login(world["users"]["staff"])
    found = Found(client.get(reverse("portal:search"), {"q": "dang duc thinh"}))
    assert len(found.plans) == 1
    assert found.plans[0].startswith("Tổ chức các hoạt động kỷ niệm 30 năm")
