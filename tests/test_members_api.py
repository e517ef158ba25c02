"""Importing a member list over the API: as the alliance's staff, another alliance's member (404), and
a role that does not keep the member list (403)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hoptac.accounts.services import api_token_create
from hoptac.orgs.models import Organisation
from hoptac.plans.tests import conftest as plans_conftest

pytestmark = pytest.mark.django_db

world = plans_conftest.world  # the shared fixture: two alliances and a user per role
CSV = "Tên,Loại hình,Mã số thuế\nHTX Nông nghiệp Yên Phong,HTX,0100109106\n".encode()


def post(client, world, role, unit, *, dry_run=False, data=CSV, name="thanh-vien.csv"):
    _, token = api_token_create(user=world["users"][role])
    return client.post(
        f"/api/organisations/{unit.pk}/members/import?dry_run={str(dry_run).lower()}",
        {"file": SimpleUploadedFile(name, data)},
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_dry_run_then_the_import(client, world):
    dry = post(client, world, "staff", world["ours"], dry_run=True)
    assert dry.status_code == 200
    assert (dry.json()["created"], dry.json()["dry_run"], dry.json()["errors"]) == (1, True, [])
    assert not Organisation.objects.filter(tax_code="0100109106").exists()
    done = post(client, world, "staff", world["ours"])
    assert (done.status_code, done.json()["created"]) == (200, 1)
    assert Organisation.objects.get(tax_code="0100109106").parent == world["ours"]


def test_row_errors_are_reported_and_nothing_is_saved(client, world):
    bad = post(client, world, "staff", world["ours"], data="Tên,Mã số thuế\nHTX A,123\n".encode())
    assert bad.status_code == 200
    assert bad.json()["errors"]
    assert bad.json()["created"] == 0


def test_who_may_import(client, world):
    assert post(client, world, "office", world["ours"]).status_code == 403
    assert post(client, world, "other_staff", world["ours"]).status_code == 403
    other_member = Organisation.objects.get(name="Hợp tác xã Mỹ Hòa")
    assert post(client, world, "staff", other_member).status_code == 404
    assert not Organisation.objects.filter(tax_code="0100109106").exists()
