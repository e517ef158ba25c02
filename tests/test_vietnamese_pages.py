"""Every page of the role × page matrix, asked for in Vietnamese, finds each of its messages in the
Vietnamese catalogue (tests/test_locale.py checks that the catalogue has no empty or fuzzy entry)."""

import pytest
from django.urls import reverse

from hoptac.plans.tests.conftest import world  # noqa: F401 (the fixture)
from tests.test_permission_matrix import ROLES, plans, tracking_pages  # noqa: F401 (plans: the fixture)
from tests.untranslated import untranslated_messages

pytestmark = pytest.mark.django_db
VIETNAMESE = {"HTTP_ACCEPT_LANGUAGE": "vi"}


def matrix_pages(world, plans) -> list[str]:  # noqa: F811
    activity = plans["ours"].activities.order_by("position").first()
    pages = [
        reverse("home:home"),
        reverse("plans:list"),
        reverse("plans:import"),
        reverse("plans:new"),
        reverse("plans:my-activities"),
        reverse("plans:activity-edit", args=[activity.pk]),
        reverse("home:search") + "?q=ke+hoach",
        reverse("home:search") + "?q=khong+co+gi+nhu+the",
        reverse("orgs:detail", args=[world["ours"].pk]),
        reverse("orgs:detail", args=[world["member"].pk]),
        reverse("orgs:members-import", args=[world["ours"].pk]),
        *(plan.get_absolute_url() for plan in plans.values()),
        reverse("plans:list") + "?q=khong+co+gi+nhu+the",
        reverse("calendars:month", args=[world["ours"].pk, 2001, 1]),
    ]
    return pages + [url for name, url in tracking_pages(world, plans).items() if name != "sheet"]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_reads_in_vietnamese(client, world, plans, role):  # noqa: F811
    client.force_login(world["users"][role])
    untranslated = {}
    for url in matrix_pages(world, plans):
        with untranslated_messages() as missing:
            response = client.get(url, **VIETNAMESE)
        assert response.status_code in (200, 403, 404), url
        if missing:
            untranslated[url] = sorted(missing)
    assert untranslated == {}


def test_an_organisation_page_says_what_its_words_mean_there(client, world, plans):  # noqa: F811
    """One English word, two meanings: an organisation's kind is not a document's kind."""
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("orgs:detail", args=[world["ours"].pk]), **VIETNAMESE).content.decode()
    assert "<dt>Loại hình</dt>" in page
    assert '<th scope="col">Loại hình</th>' in page
    assert "Loại văn bản" not in page
    assert "<h2>Phòng, ban và đơn vị trực thuộc</h2>" in page
    assert "<h2>Tổ chức thành viên</h2>" in page
    assert "1 thành viên" in page
    assert "1 kế hoạch" not in page
    assert "Tìm thành viên" in page
    assert "Mã số thuế" in page
    assert "Xã, phường" in page
    plan_page = client.get(plans["ours"].get_absolute_url(), **VIETNAMESE).content.decode()
    assert "<dt>Loại văn bản</dt>" in plan_page


def test_the_member_import_page_speaks_of_members(client, world):  # noqa: F811
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("orgs:members-import", args=[world["ours"].pk]), **VIETNAMESE).content.decode()
    assert "Nhập các tệp" not in page
    assert "Kiểm tra kết quả đọc" not in page
    assert "Nhập danh sách thành viên" in page
