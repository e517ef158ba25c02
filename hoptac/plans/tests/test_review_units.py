"""The import review's unit pickers: type-ahead over the registry with the list as a fallback."""

import re

import pytest
from django.urls import reverse

from hoptac.orgs.models import OrganisationKind, Province
from hoptac.plans.models import Plan
from hoptac.plans.tests.conftest import make_org
from hoptac.plans.tests.test_importing import seed_bytes
from hoptac.plans.tests.test_views import _selected_options

pytestmark = pytest.mark.django_db


def _document() -> str:
    text = seed_bytes().decode("utf-8-sig")
    closing = "- Như trên;\n- Ban Quản lý chợ Đồng Xá;\n\n- Lưu: VT, CN(M.Cường).\n"
    return text.replace("- LưuVT.\n", closing)


@pytest.fixture
def review_url(client, world):
    client.force_login(world["users"]["staff"])
    response = client.post(reverse("plans:import"), {"text": _document()})
    assert response.status_code == 302
    return response["Location"]


def _rows(page: str) -> dict[str, str]:
    """Each unit row's HTML by the name as written."""
    rows = re.findall(
        r'<tr class="[^"]*">\s*<th scope="row"><label for="unit-\d+">(.*?)</label>(.*?)</tr>', page, re.S
    )
    return dict(rows)


def test_the_archive_line_and_as_above_are_not_offered_as_units(client, review_url):
    rows = _rows(client.get(review_url).content.decode())
    assert "Ban Quản lý chợ Đồng Xá" in rows
    assert not [name for name in rows if name.startswith(("Lưu", "Như trên"))]


def test_remember_this_name_is_not_ticked_for_a_name_not_found(client, review_url):
    row = _rows(client.get(review_url).content.decode())["Ban Quản lý chợ Đồng Xá"]
    assert "không tìm thấy" in row or "not found" in row
    checkbox = re.search(r'<input type="checkbox" name="alias-\d+"[^>]*>', row).group(0)
    assert "checked" not in checkbox


def test_each_unit_has_a_type_ahead_and_keeps_its_list(client, review_url):
    page = client.get(review_url).content.decode()
    for name, row in _rows(page).items():
        field = re.search(r'<input type="text" name="(unit-\d+-name)"[^>]*>', row, re.S)
        assert field, name
        assert f'hx-get="{reverse("plans:unit-suggest")}"' in field.group(0)
        assert 'list="unit-options"' in field.group(0)
        assert re.search(r'<select name="unit-\d+"', row), name  # without JavaScript, the list
    assert '<datalist id="unit-options">' in page


def test_a_typed_unit_is_the_nearest_of_that_name(client, world, review_url):
    for index in range(3):  # other provinces' departments of the same name
        province = Province.objects.create(name=f"Tỉnh {index}", key=f"tinh {index}")
        alliance = make_org(
            f"Liên minh HTX A{index}", OrganisationKind.PROVINCIAL_ALLIANCE, province=province
        )
        make_org("Ban Quản lý chợ", OrganisationKind.DEPARTMENT, parent=alliance, province=province)
    ours = make_org("Ban Quản lý chợ", OrganisationKind.DEPARTMENT, parent=world["ours"])
    page = client.get(review_url).content.decode()
    form = {"issuer": str(world["ours"].pk)} | _selected_options(page)
    field = re.search(r'<label for="(unit-\d+)">Ban Quản lý chợ Đồng Xá</label>', page).group(1)
    form[f"{field}-name"] = "ban quan ly cho"
    form[field.replace("unit-", "alias-")] = "on"
    saved = client.post(review_url, form)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    plan = Plan.objects.get()
    assert plan.recipients.get(name="Ban Quản lý chợ Đồng Xá").organisation == ours
    assert ours.aliases.filter(name="Ban Quản lý chợ Đồng Xá").exists()


def test_a_typed_name_that_is_not_registered_is_refused(client, world, review_url):
    page = client.get(review_url).content.decode()
    form = {"issuer": str(world["ours"].pk)} | _selected_options(page)
    field = re.search(r'<label for="(unit-\d+)">Ban Quản lý chợ Đồng Xá</label>', page).group(1)
    form[f"{field}-name"] = "Ban không có"
    response = client.post(review_url, form)
    assert response.status_code == 400
    assert "“Ban không có”" in response.content.decode()
    assert not Plan.objects.exists()
