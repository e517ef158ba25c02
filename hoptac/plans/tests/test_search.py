import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from hoptac.core.text import fold
from hoptac.orgs.models import OrganisationKind, Province
from hoptac.plans.models import Activity, Plan
from hoptac.plans.search_text import activity_search_text, plan_search_text
from hoptac.plans.tests.conftest import make_org
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
    results = Found(client.get(reverse("home:search"), {"q": query}))
    assert results.activities == ["Đặng Đức Thính báo cáo tham luận"]


def test_dong_finds_dong_with_its_marks(client, world, plans):
    client.force_login(world["users"]["staff"])
    Activity.objects.filter(plan=plans[0]).update(search_text=fold("Hoạt động văn nghệ"))
    results = Found(client.get(reverse("home:search"), {"q": "dong"}))
    assert len(results.activities) == 1


def test_search_shows_only_what_the_user_may_read(client, world, plans):
    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("home:search"), {"q": "hoi nghi tong ket"}))
    assert results.plans == ["Tổ chức Hội nghị tổng kết phong trào thi đua"]


def test_units_are_found_by_abbreviation(client, world, plans):
    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("home:search"), {"q": "htx tam son"}))
    assert results.organisations == ["Hợp tác xã Tam Sơn"]
    other = Found(client.get(reverse("home:search"), {"q": "htx my hoa"}))
    assert other.organisations == []  # a member of another alliance


def test_an_empty_or_symbol_query_finds_nothing_and_does_not_fail(client, world, plans):
    client.force_login(world["users"]["staff"])
    for query in ["", "   ", '"*()', "OR AND NOT"]:
        response = client.get(reverse("home:search"), {"q": query})
        assert response.status_code == 200


def test_a_misspelt_unit_name_is_found_on_postgresql(client, world, plans):
    from django.db import connection

    client.force_login(world["users"]["staff"])
    results = Found(client.get(reverse("home:search"), {"q": "hop tac xa tam sonn"}))
    if connection.vendor == "postgresql":
        assert results.organisations == ["Hợp tác xã Tam Sơn"]
    else:  # SQLite has no trigram index: the exact words are needed
        assert results.organisations == []


def test_postgresql_folds_even_text_stored_unfolded(client, world, plans):
    from django.db import connection

    Plan.objects.filter(pk=plans[0].pk).update(search_text="Kế hoạch Đại hội ĐỒNG tâm")  # not folded
    client.force_login(world["users"]["staff"])
    found = Found(client.get(reverse("home:search"), {"q": "dai hoi dong tam"}))
    if connection.vendor == "postgresql":  # unaccent and lower in the index
        assert found.plans == ["Tổ chức Hội nghị tổng kết phong trào thi đua"]
    else:  # SQLite relies on the services' folding alone
        assert found.plans == []


def test_the_signer_of_an_imported_plan_is_found_without_diacritics(client, world):
    import_seed(world["users"]["staff"])  # seed 000 is signed "Đặng Đức Thính"
    client.force_login(world["users"]["staff"])
    found = Found(client.get(reverse("home:search"), {"q": "dang duc thinh"}))
    assert len(found.plans) == 1
    assert found.plans[0].startswith("Tổ chức các hoạt động kỷ niệm 30 năm")


def _renumber(plan, number):
    """Give `plan` another number and symbol, its search text made again as the services make it."""
    plan.number = number
    plan.search_text = plan_search_text(plan)
    plan.save(update_fields=["number", "search_text"])


def test_a_plan_is_found_by_its_kind_and_number(client, world):
    plan = make_plan(issuer=world["ours"], title="Tổ chức Ngày Hợp tác xã Việt Nam năm 2024")
    _renumber(plan, "90/KH-LMHTX")
    make_plan(issuer=world["ours"], title="Tổng kết năm 2023")  # another number: not found
    client.force_login(world["users"]["staff"])
    for query in ("ke hoach 90", "Kế hoạch số 90", "90/KH-LMHTX", "KH-LMHTX 90"):
        found = Found(client.get(reverse("home:search"), {"q": query}))
        assert found.plans == ["Tổ chức Ngày Hợp tác xã Việt Nam năm 2024"], query


@pytest.mark.parametrize(
    ("written", "query"),
    [
        ("Hỗ trợ các HTX nông nghiệp", "hop tac xa nong nghiep"),
        ("Hỗ trợ các hợp tác xã nông nghiệp", "HTX nong nghiep"),
        ("Đại hội LMHTX tỉnh", "lien minh hop tac xa"),
        ("Đại hội Liên minh HTX tỉnh", "lmhtx"),
        ("Đại hội Liên minh Hợp tác xã tỉnh", "LM HTX"),
        ("Kiểm tra các QTDND", "quy tin dung nhan dan"),
        ("Thành lập các tổ hợp tác", "THT"),
        ("Phát triển KTTT", "kinh tế tập thể"),
        ("Báo cáo UBND tỉnh", "uy ban nhan dan"),
        ("Trình HĐND tỉnh", "hoi dong nhan dan"),
        ("Phối hợp Ủy ban MTTQ tỉnh", "mat tran to quoc"),
    ],
)
def test_abbreviations_match_their_expansions_both_ways(client, world, written, query):
    # Numbered by a department of state: the alliance's symbol (LMHTX) would match some queries itself.
    _renumber(make_plan(issuer=world["ours"], title=written), "1/KH-SCT")
    other = make_plan(issuer=world["ours"], title="Tổ chức hội nghị xã Tam Sơn")  # "xa" alone is not enough
    _renumber(other, "2/KH-SCT")
    client.force_login(world["users"]["staff"])
    assert Found(client.get(reverse("home:search"), {"q": query})).plans == [written]


def test_an_abbreviation_in_an_activity_is_found_by_its_expansion(client, world):
    plan = make_plan(issuer=world["ours"], activities=1)
    activity = plan.activities.get()
    activity.title = "Tập huấn cho cán bộ QTDND"
    activity.search_text = activity_search_text(activity)
    activity.save(update_fields=["title", "search_text"])
    client.force_login(world["users"]["staff"])
    found = Found(client.get(reverse("home:search"), {"q": "quy tin dung"}))
    assert found.activities == ["Tập huấn cho cán bộ QTDND"]


def _units_found(response) -> list[tuple[str, str]]:
    """The search page's units as (name, the unit it belongs to)."""
    block = re.search(r'<ul class="plain" id="found-units">(.*?)</ul>', response.content.decode(), re.S)
    items = re.findall(r'<li>(.*?)(?: <span class="muted">(.*?)</span>)?</li>', block.group(1))
    return [(html.unescape(name), html.unescape(parent)) for name, parent in items]


@pytest.fixture
def planning_departments(world):
    """Every province's "Ban Kế hoạch - Hỗ trợ", more than a page of them, ours last by name."""
    for index in range(25):
        province = Province.objects.create(name=f"Tỉnh {index:02}", key=f"tinh {index:02}")
        alliance = make_org(
            f"Liên minh Hợp tác xã A{index:02}",
            OrganisationKind.PROVINCIAL_ALLIANCE,
            parent=world["national"],
            province=province,
        )
        make_org("Ban Kế hoạch - Hỗ trợ", OrganisationKind.DEPARTMENT, parent=alliance, province=province)
    province = world["ours"].province
    ours = make_org(
        "Ban Kế hoạch - Hỗ trợ", OrganisationKind.DEPARTMENT, parent=world["ours"], province=province
    )
    party = make_org(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh", OrganisationKind.OUTSIDE_BODY, province=province
    )
    return ours, party


def test_the_users_own_plan_and_units_come_before_other_provinces(client, world, planning_departments):
    make_plan(
        issuer=world["ours"], title="Hỗ trợ thành lập mới hợp tác xã năm 2024"
    )  # "Kế hoạch" only in kind
    client.force_login(world["users"]["staff"])
    response = client.get(reverse("home:search"), {"q": "ke hoach"})
    assert Found(response).plans == ["Hỗ trợ thành lập mới hợp tác xã năm 2024"]
    units = _units_found(response)
    assert units[0] == ("Ban Kế hoạch - Hỗ trợ", "Liên minh Hợp tác xã tỉnh Bắc Ninh")
    page = response.content.decode()
    assert page.index('id="found-plans"') < page.index('id="found-units"')


def test_unit_type_ahead_offers_the_users_department_first(client, world, planning_departments):
    advisory = make_org(
        "Ban Tư vấn và Phát triển hợp tác xã",
        OrganisationKind.DEPARTMENT,
        parent=world["ours"],
        province=world["ours"].province,
    )
    for index in range(20):  # another province's party body, before ours by name
        province = Province.objects.create(name=f"Miền {index:02}", key=f"mien {index:02}")
        make_org(
            f"Ban Tuyên giáo và Dân vận Tỉnh ủy {index:02}", OrganisationKind.OUTSIDE_BODY, province=province
        )
    client.force_login(world["users"]["office"])
    response = client.get(reverse("plans:unit-suggest"), {"add_lead": "ban tư vấn"})
    offered = re.findall(r'<option value="([^"]*)"', response.content.decode())
    assert offered[0] == advisory.name
    assert offered.index("Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh") < offered.index(
        "Ban Tuyên giáo và Dân vận Tỉnh ủy 00"
    )


def test_search_queries_do_not_grow_with_units(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["staff"])
    make_plan(issuer=world["ours"], title="Hỗ trợ hợp tác xã")
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("home:search"), {"q": "ke hoach ho tro"})
    for index in range(30):
        make_org(f"Ban Kế hoạch - Hỗ trợ {index}", OrganisationKind.DEPARTMENT, parent=world["ours"])
        make_plan(issuer=world["ours"], title=f"Hỗ trợ hợp tác xã {index}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("home:search"), {"q": "ke hoach ho tro"})
    assert len(Found(response).plans) == 20


def test_reindex_search_rewrites_text_stored_the_old_way(client, world):
    plan = make_plan(issuer=world["ours"], activities=1, title="Hỗ trợ các HTX")
    Plan.objects.filter(pk=plan.pk).update(search_text=fold(f"{plan.number} {plan.title}"))  # as before
    Activity.objects.filter(plan=plan).update(search_text=fold("Tập huấn QTDND"), title="Tập huấn QTDND")
    client.force_login(world["users"]["staff"])
    assert Found(client.get(reverse("home:search"), {"q": "ke hoach hop tac xa"})).plans == []
    output = io.StringIO()
    call_command("reindex_search", stdout=output)
    assert "1 plans, 1 activities" in output.getvalue()
    found = Found(client.get(reverse("home:search"), {"q": "ke hoach hop tac xa"}))
    assert found.plans == ["Hỗ trợ các HTX"]
    assert Found(client.get(reverse("home:search"), {"q": "quy tin dung"})).activities == ["Tập huấn QTDND"]
    call_command("reindex_search", stdout=output)
    assert "0 plans, 0 activities" in output.getvalue()
