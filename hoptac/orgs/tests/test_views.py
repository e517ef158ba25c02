import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hoptac.accounts.models import User, UserRole
from hoptac.documents.parse.units import unit_key
from hoptac.orgs.models import Organisation, OrganisationKind
from hoptac.orgs.tests.conftest import alliance
from hoptac.orgs.tests.test_members import ROWS, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(registry):
    return User.objects.create_user(
        "bn.staff", role=UserRole.ALLIANCE_STAFF, organisation=alliance("Bắc Ninh")
    )


def add_members(unit, count, start=0):
    rows = []
    for i in range(start, start + count):
        name = f"Hợp tác xã Dịch vụ số {i}"
        rows.append(
            Organisation(
                kind=OrganisationKind.COOPERATIVE,
                name=name,
                key=unit_key(name),
                parent=unit,
                province=unit.province,
            )
        )
    Organisation.objects.bulk_create(rows)


def test_member_list_query_count_does_not_grow_with_rows(client, staff, django_assert_max_num_queries):
    unit = staff.organisation
    client.force_login(staff)
    add_members(unit, 1)
    url = reverse("orgs:detail", args=[unit.pk])
    with django_assert_max_num_queries(12) as one:
        assert client.get(url).status_code == 200
    add_members(unit, 120, start=1)
    with django_assert_max_num_queries(len(one)):
        response = client.get(url)
    assert response.context["members"].paginator.count == 121
    assert response.content.decode().count("Hợp tác xã Dịch vụ số") == 50


def test_members_are_found_without_diacritics(client, staff):
    add_members(staff.organisation, 3)
    client.force_login(staff)
    response = client.get(
        reverse("orgs:detail", args=[staff.organisation.pk]),
        {"q": "htx dich vu so 2"},
        headers={"HX-Request": "true"},
    )
    assert b"<html" not in response.content
    assert "Hợp tác xã Dịch vụ số 2" in response.content.decode()
    assert "Hợp tác xã Dịch vụ số 1<" not in response.content.decode()


def test_import_members_dry_run_then_confirm(client, staff):
    client.force_login(staff)
    url = reverse("orgs:members-import", args=[staff.organisation.pk])
    checked = client.post(url, {"file": SimpleUploadedFile("thanh-vien.xlsx", xlsx(ROWS))})
    assert checked.status_code == 200
    assert checked.context["report"].created == 5
    assert not Organisation.objects.filter(tax_code="0300588569").exists()  # a dry run saves nothing
    done = client.post(url, {"confirm": "1"})
    assert done.context["report"].dry_run is False
    member = Organisation.objects.get(tax_code="0300588569")
    assert (member.name, member.parent) == ("Liên hiệp HTX Kinh Bắc", staff.organisation)


def test_a_broken_member_file_saves_nothing_and_says_why(client, staff):
    client.force_login(staff)
    bad = [*ROWS, [6, "HTX Sai mã", "HTX", "0100109107", "", "", "", "", "", ""]]
    url = reverse("orgs:members-import", args=[staff.organisation.pk])
    response = client.post(url, {"file": SimpleUploadedFile("thanh-vien.xlsx", xlsx(bad))})
    assert response.status_code == 400
    assert "Dòng 9: mã số thuế 0100109107 sai chữ số kiểm tra." in response.content.decode()
    assert not Organisation.objects.filter(tax_code="0100109106").exists()
    assert "member_import" not in client.session  # nothing waits for a confirmation


def test_only_the_alliances_staff_import_its_members(client, staff):
    other = User.objects.create_user(
        "ag.staff", role=UserRole.ALLIANCE_STAFF, organisation=alliance("An Giang")
    )
    client.force_login(other)
    url = reverse("orgs:members-import", args=[staff.organisation.pk])
    assert client.get(url).status_code == 403
